// Gap-free document numbers: concurrent issuers get 1, 2, 3, … in order, and a rolled-back
// transaction gives its number back.
import { db } from "@/lib/db";
import { formatDocumentNumber, takeNextNumber } from "@/lib/billing/numbering";
import { unique } from "@/tests/helpers/factories";

describe("takeNextNumber", () => {
  it("formats as SERIES-YEAR-000001", () => {
    expect(formatDocumentNumber("INV", 2026, 45)).toBe("INV-2026-000045");
  });

  it("20 concurrent issuers get exactly 1..20, each once", async () => {
    const series = unique("S");
    const taken = await Promise.all(
      Array.from({ length: 20 }, () =>
        db.$transaction(async (tx) => {
          const n = await takeNextNumber(tx, series, 2026);
          // Hold the lock a moment so the others really queue up behind it.
          await new Promise((r) => setTimeout(r, 5));
          return n.sequence;
        }),
      ),
    );
    expect([...taken].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("a rolled-back issue leaves no gap; a new year starts again at 1", async () => {
    const series = unique("S");
    await db.$transaction((tx) => takeNextNumber(tx, series, 2026));
    await expect(
      db.$transaction(async (tx) => {
        await takeNextNumber(tx, series, 2026);
        throw new Error("issuing failed after the number was taken");
      }),
    ).rejects.toThrow("issuing failed");
    await expect(db.$transaction((tx) => takeNextNumber(tx, series, 2026))).resolves.toMatchObject({ sequence: 2 });
    await expect(db.$transaction((tx) => takeNextNumber(tx, series, 2027))).resolves.toMatchObject({ sequence: 1, number: `${series}-2027-000001` });
  });
});

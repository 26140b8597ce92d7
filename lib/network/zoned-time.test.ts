import { isLocalDateTime, utcToZonedLocal, zonedLocalToUtc } from "./zoned-time";

describe("zoned datetime-local values", () => {
  it("reads a wall-clock time in the given zone", () => {
    expect(zonedLocalToUtc("2026-11-23T14:00", "Asia/Ho_Chi_Minh").toISOString()).toBe("2026-11-23T07:00:00.000Z");
    expect(zonedLocalToUtc("2026-07-01T02:30", "Europe/Bratislava").toISOString()).toBe("2026-07-01T00:30:00.000Z");
    expect(zonedLocalToUtc("2026-01-15T02:30", "Europe/Budapest").toISOString()).toBe("2026-01-15T01:30:00.000Z");
    expect(zonedLocalToUtc("2026-01-15T02:30", "UTC").toISOString()).toBe("2026-01-15T02:30:00.000Z");
  });

  it("handles the days clocks change", () => {
    // Europe springs forward on 29 March 2026 at 02:00 → 03:00.
    expect(zonedLocalToUtc("2026-03-29T01:30", "Europe/Bratislava").toISOString()).toBe("2026-03-29T00:30:00.000Z");
    expect(zonedLocalToUtc("2026-03-29T03:30", "Europe/Bratislava").toISOString()).toBe("2026-03-29T01:30:00.000Z");
    // and falls back on 25 October 2026.
    expect(zonedLocalToUtc("2026-10-25T04:00", "Europe/Bratislava").toISOString()).toBe("2026-10-25T03:00:00.000Z");
  });

  it("round-trips for a form's default value", () => {
    const at = new Date("2026-11-23T07:00:00.000Z");
    expect(utcToZonedLocal(at, "Asia/Ho_Chi_Minh")).toBe("2026-11-23T14:00");
    expect(zonedLocalToUtc(utcToZonedLocal(at, "Europe/Budapest"), "Europe/Budapest")).toEqual(at);
  });

  it("refuses malformed and impossible values", () => {
    expect(isLocalDateTime("2026-02-30T10:00")).toBe(false);
    expect(isLocalDateTime("2026-02-10 10:00")).toBe(false);
    expect(isLocalDateTime("2026-02-10T24:00")).toBe(false);
    expect(isLocalDateTime("2026-02-10T10:00")).toBe(true);
    expect(() => zonedLocalToUtc("tomorrow", "UTC")).toThrow(RangeError);
  });
});

import { formatDurationMinutes } from "./duration";

describe("formatDurationMinutes", () => {
  it("uses minutes below an hour, hours below two days, days beyond", () => {
    expect(formatDurationMinutes(30, "en")).toBe("30 minutes");
    expect(formatDurationMinutes(60, "en")).toBe("1 hour");
    expect(formatDurationMinutes(90, "en")).toBe("1.5 hours");
    expect(formatDurationMinutes(240, "en")).toBe("4 hours");
    expect(formatDurationMinutes(3 * 1440, "en")).toBe("3 days");
  });

  it("speaks the user's language", () => {
    expect(formatDurationMinutes(120, "sk")).toBe("2 hodiny");
    expect(formatDurationMinutes(30, "hu")).toBe("30 perc");
  });
});

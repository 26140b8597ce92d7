import { formatCountry } from "./regions";
import { formatCalendarDate, formatDate, formatDateTime, todayAsCalendarDate, todayIn } from "./dates";

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("dates in the user's time zone", () => {
  // 2026-03-31 23:30 UTC is already April 1st in Ho Chi Minh City (UTC+7).
  const instant = new Date("2026-03-31T23:30:00Z");

  it("formats a timestamp in the given zone", () => {
    expect(formatDate(instant, "en", "UTC")).toBe("Mar 31, 2026");
    expect(formatDate(instant, "en", "Asia/Ho_Chi_Minh")).toBe("Apr 1, 2026");
    expect(plain(formatDateTime(instant, "en", "Europe/Bratislava"))).toBe("Apr 1, 2026, 1:30 AM");
    expect(formatDate(instant, "sk", "Europe/Bratislava", "short")).toMatch(/^1\. ?4\. ?2026$/);
  });

  it("keeps calendar dates on their day in every zone", () => {
    const due = new Date("2026-04-15T00:00:00Z");
    expect(formatCalendarDate(due, "en")).toBe("Apr 15, 2026");
    expect(formatCalendarDate(due, "hu")).toBe("2026. ápr. 15.");
  });

  it("knows today's date in a zone", () => {
    expect(todayIn("UTC", instant)).toBe("2026-03-31");
    expect(todayIn("Asia/Ho_Chi_Minh", instant)).toBe("2026-04-01");
    expect(todayAsCalendarDate("America/New_York", instant).toISOString()).toBe("2026-03-31T00:00:00.000Z");
  });
});

describe("formatCountry", () => {
  it("names the country in the locale and keeps unknown codes", () => {
    expect(formatCountry("VN", "en")).toBe("Vietnam");
    expect(formatCountry("sk", "sk")).toBe("Slovensko");
    expect(formatCountry("HU", "hu")).toBe("Magyarország");
    expect(formatCountry("not a code", "en")).toBe("not a code");
  });
});

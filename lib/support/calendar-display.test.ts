import { timeZoneChoices, upcomingHolidayCount, weekdayName, weeklyHoursSummary } from "./calendar-display";

const weekdays = (days: number[], start: string, end: string) => days.map((day) => ({ day, start, end }));

describe("weeklyHoursSummary", () => {
  it("joins consecutive days with the same hours into a range, Monday first", () => {
    const hours = [...weekdays([1, 2, 3, 4, 5], "08:00", "17:00"), { day: 6, start: "08:00", end: "11:30" }];
    expect(weeklyHoursSummary(hours, "en")).toBe("Mon–Fri 08:00–17:00, Sat 08:00–11:30");
  });

  it("lists a day's intervals in order and does not join days across a gap", () => {
    const hours = [
      { day: 1, start: "13:00", end: "17:00" },
      { day: 1, start: "08:00", end: "12:00" },
      ...weekdays([3], "08:00", "12:00"),
      ...weekdays([3], "13:00", "17:00"),
      ...weekdays([0], "10:00", "14:00"),
    ];
    expect(weeklyHoursSummary(hours, "en")).toBe("Mon 08:00–12:00 + 13:00–17:00, Wed 08:00–12:00 + 13:00–17:00, Sun 10:00–14:00");
  });

  it("joins Saturday and Sunday (the week ends on Sunday)", () => {
    expect(weeklyHoursSummary(weekdays([6, 0], "09:00", "12:00"), "en")).toBe("Sat–Sun 09:00–12:00");
  });

  it("is empty when the desk never opens, and localises weekday names", () => {
    expect(weeklyHoursSummary([], "en")).toBe("");
    expect(weekdayName(0, "en")).toBe("Sun");
    expect(weekdayName(1, "en", "long")).toBe("Monday");
    expect(weeklyHoursSummary(weekdays([1], "08:00", "17:00"), "sk")).toBe(`${weekdayName(1, "sk")} 08:00–17:00`);
  });
});

describe("upcomingHolidayCount", () => {
  it("counts dates from the calendar's today on, in its own zone", () => {
    const holidays = ["2026-12-31", "2027-01-01", "2027-02-05"];
    // 17:30 UTC on 31 Dec is already 1 Jan in Ho Chi Minh City (UTC+7).
    const now = new Date("2026-12-31T17:30:00Z");
    expect(upcomingHolidayCount(holidays, "UTC", now)).toBe(3);
    expect(upcomingHolidayCount(holidays, "Asia/Ho_Chi_Minh", now)).toBe(2);
  });
});

describe("timeZoneChoices", () => {
  it("offers UTC and the stored zone even when Intl lists it under another name", () => {
    const zones = timeZoneChoices(["Asia/Ho_Chi_Minh"]);
    expect(zones).toEqual(expect.arrayContaining(["UTC", "Asia/Ho_Chi_Minh", "Europe/Bratislava"]));
    expect(new Set(zones).size).toBe(zones.length);
  });
});

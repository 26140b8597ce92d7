import {
  addBusinessMinutes,
  businessCalendarSchema,
  businessMinutesBetween,
  isOpenAt,
  nextOpeningAt,
  NoBusinessHoursError,
  type BusinessCalendar,
  type OpeningInterval,
  type Weekday,
} from "./business-time";

// Expected instants are written as ISO strings with an explicit offset, so the tests never rely on
// the module's own time-zone conversion to say what is right.
const at = (iso: string) => new Date(iso);
const iso = (date: Date | null) => (date === null ? null : date.toISOString());
const expectInstant = (actual: Date | null, expected: string) => expect(iso(actual)).toBe(at(expected).toISOString());

const MON_FRI: Weekday[] = [1, 2, 3, 4, 5];
const EVERY_DAY: Weekday[] = [0, 1, 2, 3, 4, 5, 6];
const every = (days: Weekday[], start: string, end: string): OpeningInterval[] => days.map((day) => ({ day, start, end }));

function calendar(overrides: Partial<BusinessCalendar>): BusinessCalendar {
  return { timeZone: "UTC", alwaysOpen: false, weeklyHours: [], holidays: [], ...overrides };
}

/** The Sales & Billing desk from the spec: Mon–Fri 08:00–17:00, Sat 08:00–11:30, Sunday closed. */
const salesAndBilling = calendar({
  timeZone: "Asia/Ho_Chi_Minh",
  weeklyHours: [...every(MON_FRI, "08:00", "17:00"), { day: 6, start: "08:00", end: "11:30" }],
});

/** Nine hours a day, Monday to Friday, in a zone with DST. */
const bratislavaOffice = calendar({ timeZone: "Europe/Bratislava", weeklyHours: every(MON_FRI, "08:00", "17:00") });

/** Split days with a lunch break. */
const bratislavaLunch = calendar({
  timeZone: "Europe/Bratislava",
  weeklyHours: [...every(MON_FRI, "09:00", "12:00"), ...every(MON_FRI, "13:00", "17:00")],
});

/** A night desk whose hours straddle the DST switch (02:00/03:00 local on the last Sundays of March and October). */
const bratislavaNight = calendar({ timeZone: "Europe/Bratislava", weeklyHours: every(EVERY_DAY, "00:00", "06:00") });

const newYorkOffice = calendar({ timeZone: "America/New_York", weeklyHours: every(MON_FRI, "09:00", "17:00") });
const newYorkNight = calendar({ timeZone: "America/New_York", weeklyHours: every([0], "00:00", "06:00") });

const alwaysOpen = calendar({ timeZone: "Europe/Bratislava", alwaysOpen: true, holidays: ["2025-03-30"] });

describe("businessCalendarSchema", () => {
  const pathsOf = (input: unknown) => {
    const result = businessCalendarSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((issue) => issue.path.join("."));
  };

  it("accepts a valid calendar and returns it unchanged", () => {
    const withHolidays = { ...salesAndBilling, holidays: ["2025-09-02", "2024-02-29"] };
    expect(businessCalendarSchema.parse(withHolidays)).toEqual(withHolidays);
  });

  it("accepts 24:00 as an end, an empty schedule, and zone names Intl knows (aliases, UTC)", () => {
    for (const timeZone of ["UTC", "Asia/Saigon", "America/New_York", "Europe/Bratislava"]) {
      expect(pathsOf(calendar({ timeZone, weeklyHours: [{ day: 0, start: "22:00", end: "24:00" }] }))).toEqual([]);
    }
    expect(pathsOf(calendar({ alwaysOpen: true }))).toEqual([]);
  });

  it("rejects unknown time zones", () => {
    for (const timeZone of ["Mars/Olympus_Mons", "Europe/Bratislav", "", "GMT+25"]) {
      expect(pathsOf(calendar({ timeZone }))).toEqual(["timeZone"]);
    }
  });

  it("rejects times not written as 24-hour HH:MM", () => {
    for (const bad of ["8:00", "08:0", "0800", "25:00", "12:60", "24:01", "08:00:00", " 08:00", "8am"]) {
      expect(pathsOf(calendar({ weeklyHours: [{ day: 1, start: bad, end: "23:00" }] }))).toEqual(["weeklyHours.0.start"]);
      expect(pathsOf(calendar({ weeklyHours: [{ day: 1, start: "00:00", end: bad }] }))).toEqual(["weeklyHours.0.end"]);
    }
  });

  it("rejects intervals that do not end after they start", () => {
    for (const [start, end] of [["09:00", "09:00"], ["17:00", "08:00"], ["24:00", "24:00"], ["10:30", "10:29"]]) {
      expect(pathsOf(calendar({ weeklyHours: [{ day: 1, start, end }] }))).toEqual(["weeklyHours.0.end"]);
    }
  });

  it("rejects weekdays outside 0–6", () => {
    for (const day of [7, -1, 1.5, "1", null]) {
      expect(pathsOf({ ...calendar({}), weeklyHours: [{ day, start: "08:00", end: "17:00" }] })).toEqual(["weeklyHours.0.day"]);
    }
  });

  it("rejects holidays that are not real YYYY-MM-DD dates", () => {
    for (const holiday of ["2025-02-30", "2025-02-29", "2025-13-01", "2025-1-1", "01.05.2025", "2025-05-01T00:00", ""]) {
      expect(pathsOf(calendar({ holidays: ["2025-01-01", holiday] }))).toEqual(["holidays.1"]);
    }
  });

  it("rejects missing fields", () => {
    expect(pathsOf({ timeZone: "UTC", weeklyHours: [], holidays: [] })).toEqual(["alwaysOpen"]);
    expect(pathsOf({ timeZone: "UTC", alwaysOpen: false })).toEqual(["weeklyHours", "holidays"]);
  });
});

describe("addBusinessMinutes", () => {
  describe("the Sales & Billing example (Asia/Ho_Chi_Minh)", () => {
    it("a ticket sent Saturday 11:20 with a 60-minute target is due Monday 08:50", () => {
      expectInstant(addBusinessMinutes(at("2025-03-29T11:20:00+07:00"), 60, salesAndBilling), "2025-03-31T08:50:00+07:00");
    });

    it("is due Tuesday 08:50 when that Monday is a holiday", () => {
      const mondayOff = { ...salesAndBilling, holidays: ["2025-03-31"] };
      expectInstant(addBusinessMinutes(at("2025-03-29T11:20:00+07:00"), 60, mondayOff), "2025-04-01T08:50:00+07:00");
    });
  });

  describe("within and across opening hours", () => {
    it("adds plainly while open", () => {
      expectInstant(addBusinessMinutes(at("2025-03-31T09:00:00+07:00"), 60, salesAndBilling), "2025-03-31T10:00:00+07:00");
    });

    it("keeps the seconds and milliseconds of the start", () => {
      expectInstant(addBusinessMinutes(at("2025-03-31T11:20:30+07:00"), 60, salesAndBilling), "2025-03-31T12:20:30+07:00");
      expectInstant(addBusinessMinutes(at("2025-03-31T11:20:30.250+07:00"), 60, salesAndBilling), "2025-03-31T12:20:30.250+07:00");
      // 9.5 minutes left on Saturday, the other 50.5 on Monday.
      expectInstant(addBusinessMinutes(at("2025-03-29T11:20:30+07:00"), 60, salesAndBilling), "2025-03-31T08:50:30+07:00");
    });

    it("is due exactly at closing time when the target runs out then", () => {
      expectInstant(addBusinessMinutes(at("2025-03-31T16:00:00+07:00"), 60, salesAndBilling), "2025-03-31T17:00:00+07:00");
    });

    it("carries what is left over to the next working day", () => {
      expectInstant(addBusinessMinutes(at("2025-03-31T16:30:00+07:00"), 60, salesAndBilling), "2025-04-01T08:30:00+07:00");
    });

    it("starts counting at opening for a ticket created before opening", () => {
      expectInstant(addBusinessMinutes(at("2025-03-31T06:45:00+07:00"), 60, salesAndBilling), "2025-03-31T09:00:00+07:00");
      expectInstant(addBusinessMinutes(at("2025-03-31T00:00:00+07:00"), 1, salesAndBilling), "2025-03-31T08:01:00+07:00");
    });

    it("starts counting at the next opening for a ticket created at or after closing", () => {
      expectInstant(addBusinessMinutes(at("2025-03-31T17:00:00+07:00"), 15, salesAndBilling), "2025-04-01T08:15:00+07:00");
      expectInstant(addBusinessMinutes(at("2025-03-31T21:30:00+07:00"), 15, salesAndBilling), "2025-04-01T08:15:00+07:00");
    });

    it("works in the local zone, not in UTC (07:59 local is 00:59 UTC)", () => {
      expectInstant(addBusinessMinutes(at("2025-03-31T00:59:00Z"), 2, salesAndBilling), "2025-03-31T08:02:00+07:00");
    });
  });

  describe("0 minutes", () => {
    it("is the start itself while open", () => {
      expectInstant(addBusinessMinutes(at("2025-03-31T10:11:12+07:00"), 0, salesAndBilling), "2025-03-31T10:11:12+07:00");
      expectInstant(addBusinessMinutes(at("2025-03-31T08:00:00+07:00"), 0, salesAndBilling), "2025-03-31T08:00:00+07:00");
    });

    it("is the next opening while closed, including exactly at closing time", () => {
      expectInstant(addBusinessMinutes(at("2025-03-30T10:00:00+07:00"), 0, salesAndBilling), "2025-03-31T08:00:00+07:00");
      expectInstant(addBusinessMinutes(at("2025-03-31T17:00:00+07:00"), 0, salesAndBilling), "2025-04-01T08:00:00+07:00");
    });
  });

  describe("weekends and the Saturday half-day", () => {
    it("counts Friday afternoon into Saturday morning", () => {
      expectInstant(addBusinessMinutes(at("2025-03-28T16:00:00+07:00"), 120, salesAndBilling), "2025-03-29T09:00:00+07:00");
    });

    it("uses all of Saturday's 3.5 hours and not a minute more", () => {
      expectInstant(addBusinessMinutes(at("2025-03-29T08:00:00+07:00"), 210, salesAndBilling), "2025-03-29T11:30:00+07:00");
      expectInstant(addBusinessMinutes(at("2025-03-29T08:00:00+07:00"), 211, salesAndBilling), "2025-03-31T08:01:00+07:00");
    });

    it("skips Sunday for tickets created on Saturday after closing or on Sunday", () => {
      expectInstant(addBusinessMinutes(at("2025-03-29T11:30:00+07:00"), 60, salesAndBilling), "2025-03-31T09:00:00+07:00");
      expectInstant(addBusinessMinutes(at("2025-03-29T15:00:00+07:00"), 60, salesAndBilling), "2025-03-31T09:00:00+07:00");
      expectInstant(addBusinessMinutes(at("2025-03-30T10:00:00+07:00"), 30, salesAndBilling), "2025-03-31T08:30:00+07:00");
    });

    it("skips a whole weekend on a Monday–Friday calendar", () => {
      expectInstant(addBusinessMinutes(at("2025-06-06T16:00:00+02:00"), 120, bratislavaOffice), "2025-06-09T09:00:00+02:00");
    });
  });

  describe("holidays", () => {
    it("skips a single holiday", () => {
      const nationalDay = { ...salesAndBilling, holidays: ["2025-09-02"] };
      expectInstant(addBusinessMinutes(at("2025-09-01T16:50:00+07:00"), 30, nationalDay), "2025-09-03T08:20:00+07:00");
    });

    it("skips consecutive holidays (a Tet week) and resumes on the Saturday half-day", () => {
      const tet = { ...salesAndBilling, holidays: ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"] };
      expectInstant(addBusinessMinutes(at("2026-02-14T11:00:00+07:00"), 60, tet), "2026-02-21T08:30:00+07:00");
    });

    it("skips holidays that run into the weekend", () => {
      const longWeekend = { ...salesAndBilling, holidays: ["2025-04-30", "2025-05-01", "2025-05-02", "2025-05-03"] };
      expectInstant(addBusinessMinutes(at("2025-04-29T16:30:00+07:00"), 60, longWeekend), "2025-05-05T08:30:00+07:00");
    });

    it("ignores holidays on days that are closed anyway, and holidays already past", () => {
      const sundayAndPast = { ...salesAndBilling, holidays: ["2025-03-30", "2024-12-25"] };
      expectInstant(addBusinessMinutes(at("2025-03-29T11:20:00+07:00"), 60, sundayAndPast), "2025-03-31T08:50:00+07:00");
    });

    it("reads holiday dates in the calendar's zone: 09:00 on 2 September in Saigon is 02:00 UTC", () => {
      const nationalDay = { ...salesAndBilling, holidays: ["2025-09-02"] };
      expect(isOpenAt(at("2025-09-02T02:00:00Z"), nationalDay)).toBe(false);
      expect(isOpenAt(at("2025-09-01T16:59:00+07:00"), nationalDay)).toBe(true); // 09:59 UTC on 1 September
      expectInstant(nextOpeningAt(at("2025-09-01T17:00:00Z"), nationalDay), "2025-09-03T08:00:00+07:00");
    });
  });

  describe("split days (lunch break)", () => {
    it("waits out lunch for a ticket created during it", () => {
      expectInstant(addBusinessMinutes(at("2025-06-02T12:15:00+02:00"), 30, bratislavaLunch), "2025-06-02T13:30:00+02:00");
    });

    it("pauses over lunch", () => {
      expectInstant(addBusinessMinutes(at("2025-06-02T11:45:00+02:00"), 30, bratislavaLunch), "2025-06-02T13:15:00+02:00");
    });

    it("is due at the start of lunch when the target runs out then", () => {
      expectInstant(addBusinessMinutes(at("2025-06-02T11:45:00+02:00"), 15, bratislavaLunch), "2025-06-02T12:00:00+02:00");
    });

    it("carries over to the next morning", () => {
      expectInstant(addBusinessMinutes(at("2025-06-02T16:50:00+02:00"), 30, bratislavaLunch), "2025-06-03T09:20:00+02:00");
    });

    it("merges overlapping, touching and unsorted intervals", () => {
      const messy = calendar({
        timeZone: "Europe/Bratislava",
        weeklyHours: [
          { day: 1, start: "13:00", end: "17:00" },
          { day: 1, start: "09:00", end: "12:00" },
          { day: 1, start: "11:00", end: "12:30" },
          { day: 1, start: "12:30", end: "12:45" },
        ],
      });
      expect(businessMinutesBetween(at("2025-06-02T00:00:00+02:00"), at("2025-06-03T00:00:00+02:00"), messy)).toBe(225 + 240);
      expectInstant(addBusinessMinutes(at("2025-06-02T12:40:00+02:00"), 10, messy), "2025-06-02T13:05:00+02:00");
    });

    it("handles a shift across midnight (22:00–24:00 then 00:00–02:00)", () => {
      const lateShift = calendar({
        timeZone: "Europe/Bratislava",
        weeklyHours: [
          { day: 1, start: "22:00", end: "24:00" },
          { day: 2, start: "00:00", end: "02:00" },
        ],
      });
      expectInstant(addBusinessMinutes(at("2025-06-02T23:30:00+02:00"), 60, lateShift), "2025-06-03T00:30:00+02:00");
      expectInstant(addBusinessMinutes(at("2025-06-02T22:00:00+02:00"), 240, lateShift), "2025-06-03T02:00:00+02:00");
      expect(isOpenAt(at("2025-06-03T00:00:00+02:00"), lateShift)).toBe(true);
    });
  });

  describe("multi-day targets", () => {
    it("spreads 20 hours over a 9-hour day: 9 + 9 + 2", () => {
      expectInstant(addBusinessMinutes(at("2025-06-02T08:00:00+02:00"), 20 * 60, bratislavaOffice), "2025-06-04T10:00:00+02:00");
    });

    it("spreads 20 hours over a weekend: 2 on Thursday, 9 on Friday, 9 on Monday", () => {
      expectInstant(addBusinessMinutes(at("2025-06-05T15:00:00+02:00"), 20 * 60, bratislavaOffice), "2025-06-09T17:00:00+02:00");
    });

    it("uses a full working week for 45 hours and spills into the next for 46", () => {
      expectInstant(addBusinessMinutes(at("2025-06-02T08:00:00+02:00"), 45 * 60, bratislavaOffice), "2025-06-06T17:00:00+02:00");
      expectInstant(addBusinessMinutes(at("2025-06-02T08:00:00+02:00"), 46 * 60, bratislavaOffice), "2025-06-09T09:00:00+02:00");
    });

    it("handles targets longer than the search horizon on a calendar that does open", () => {
      // 2025 has 260 weekdays after Thursday 2 January; the 600th is Wednesday 2027-04-21.
      expectInstant(addBusinessMinutes(at("2025-01-02T08:00:00+01:00"), 260 * 9 * 60, bratislavaOffice), "2025-12-31T17:00:00+01:00");
      expectInstant(addBusinessMinutes(at("2025-01-02T08:00:00+01:00"), 600 * 9 * 60, bratislavaOffice), "2027-04-21T17:00:00+02:00");
    });
  });

  describe("year boundary", () => {
    it("moves into the new year", () => {
      expectInstant(addBusinessMinutes(at("2025-12-31T16:30:00+07:00"), 60, salesAndBilling), "2026-01-01T08:30:00+07:00");
    });

    it("skips New Year's Day as a holiday", () => {
      const newYear = { ...salesAndBilling, holidays: ["2026-01-01"] };
      expectInstant(addBusinessMinutes(at("2025-12-31T16:30:00+07:00"), 60, newYear), "2026-01-02T08:30:00+07:00");
      expect(businessMinutesBetween(at("2025-12-31T08:00:00+07:00"), at("2026-01-03T00:00:00+07:00"), newYear)).toBe(540 + 540);
      // Already 1 January in Saigon while still 31 December in UTC.
      expectInstant(nextOpeningAt(at("2025-12-31T17:30:00Z"), newYear), "2026-01-02T08:00:00+07:00");
    });
  });

  describe("DST in Europe/Bratislava", () => {
    it("a 00:00–06:00 interval has 5 real hours on spring-forward day, 7 on fall-back day, 6 otherwise", () => {
      expect(businessMinutesBetween(at("2025-03-29T12:00:00+01:00"), at("2025-03-30T12:00:00+02:00"), bratislavaNight)).toBe(300);
      expect(businessMinutesBetween(at("2025-10-25T12:00:00+02:00"), at("2025-10-26T12:00:00+01:00"), bratislavaNight)).toBe(420);
      expect(businessMinutesBetween(at("2025-06-01T12:00:00+02:00"), at("2025-06-02T12:00:00+02:00"), bratislavaNight)).toBe(360);
    });

    it("counts real time across the spring-forward jump", () => {
      // 00:00–02:00 CET is 120 minutes; the clock then jumps to 03:00 CEST.
      expectInstant(addBusinessMinutes(at("2025-03-30T00:00:00+01:00"), 180, bratislavaNight), "2025-03-30T04:00:00+02:00");
      expectInstant(addBusinessMinutes(at("2025-03-30T00:00:00+01:00"), 300, bratislavaNight), "2025-03-30T06:00:00+02:00");
      expectInstant(addBusinessMinutes(at("2025-03-30T00:00:00+01:00"), 301, bratislavaNight), "2025-03-31T00:01:00+02:00");
    });

    it("counts the repeated hour on fall-back day", () => {
      // Three real hours after midnight CEST the clock shows 02:00 for the second time.
      expectInstant(addBusinessMinutes(at("2025-10-26T00:00:00+02:00"), 180, bratislavaNight), "2025-10-26T02:00:00+01:00");
      expectInstant(addBusinessMinutes(at("2025-10-26T00:00:00+02:00"), 420, bratislavaNight), "2025-10-26T06:00:00+01:00");
    });

    it("a weekend with a DST change moves the offset but not the wall-clock hours", () => {
      expectInstant(addBusinessMinutes(at("2025-03-28T16:00:00+01:00"), 120, bratislavaOffice), "2025-03-31T09:00:00+02:00");
      expectInstant(addBusinessMinutes(at("2025-10-24T16:00:00+02:00"), 120, bratislavaOffice), "2025-10-27T09:00:00+01:00");
    });

    it("an opening time inside the spring-forward gap opens at the first instant after it (03:00 CEST)", () => {
      const sundayEarly = calendar({ timeZone: "Europe/Bratislava", weeklyHours: [{ day: 0, start: "02:30", end: "05:00" }] });
      expectInstant(nextOpeningAt(at("2025-03-29T12:00:00Z"), sundayEarly), "2025-03-30T03:00:00+02:00");
      expect(businessMinutesBetween(at("2025-03-29T00:00:00Z"), at("2025-03-31T00:00:00Z"), sundayEarly)).toBe(120);
      expect(businessMinutesBetween(at("2025-04-05T00:00:00Z"), at("2025-04-07T00:00:00Z"), sundayEarly)).toBe(150);
      expectInstant(addBusinessMinutes(at("2025-03-30T00:30:00Z"), 10, sundayEarly), "2025-03-30T03:10:00+02:00");
    });

    it("an interval wholly inside the gap does not exist that day", () => {
      const inTheGap = calendar({
        timeZone: "Europe/Bratislava",
        weeklyHours: [
          { day: 0, start: "02:00", end: "02:59" },
          { day: 1, start: "09:00", end: "10:00" },
        ],
      });
      expectInstant(nextOpeningAt(at("2025-03-29T12:00:00Z"), inTheGap), "2025-03-31T09:00:00+02:00");
      expectInstant(nextOpeningAt(at("2025-04-05T12:00:00Z"), inTheGap), "2025-04-06T02:00:00+02:00");
    });

    it("an opening time in the repeated hour means its first occurrence", () => {
      const sundayEarly = calendar({ timeZone: "Europe/Bratislava", weeklyHours: [{ day: 0, start: "02:30", end: "04:00" }] });
      expectInstant(nextOpeningAt(at("2025-10-26T00:00:00+02:00"), sundayEarly), "2025-10-26T02:30:00+02:00");
      // 02:30 CEST to 04:00 CET is two and a half real hours.
      expect(businessMinutesBetween(at("2025-10-25T00:00:00Z"), at("2025-10-27T00:00:00Z"), sundayEarly)).toBe(150);
      expect(isOpenAt(at("2025-10-26T02:15:00+02:00"), sundayEarly)).toBe(false); // first 02:15: not yet open
      expect(isOpenAt(at("2025-10-26T02:15:00+01:00"), sundayEarly)).toBe(true); // second 02:15: open since the first 02:30
    });
  });

  describe("DST in America/New_York", () => {
    it("a Sunday 00:00–06:00 interval has 5 real hours in March, 7 in November", () => {
      expect(businessMinutesBetween(at("2025-03-08T12:00:00-05:00"), at("2025-03-09T12:00:00-04:00"), newYorkNight)).toBe(300);
      expect(businessMinutesBetween(at("2025-11-01T12:00:00-04:00"), at("2025-11-02T12:00:00-05:00"), newYorkNight)).toBe(420);
    });

    it("counts real time across both switches", () => {
      expectInstant(addBusinessMinutes(at("2025-03-09T01:30:00-05:00"), 60, newYorkNight), "2025-03-09T03:30:00-04:00");
      expectInstant(addBusinessMinutes(at("2025-11-02T01:30:00-04:00"), 60, newYorkNight), "2025-11-02T01:30:00-05:00");
    });

    it("keeps office hours in local time over a DST weekend", () => {
      expectInstant(addBusinessMinutes(at("2025-03-07T16:00:00-05:00"), 120, newYorkOffice), "2025-03-10T10:00:00-04:00");
      expectInstant(addBusinessMinutes(at("2025-10-31T16:00:00-04:00"), 120, newYorkOffice), "2025-11-03T10:00:00-05:00");
      expect(businessMinutesBetween(at("2025-03-07T09:00:00-05:00"), at("2025-03-10T17:00:00-04:00"), newYorkOffice)).toBe(960);
    });
  });

  describe("24/7 calendars", () => {
    it("adds real minutes, ignoring weekly hours and holidays, across DST", () => {
      expectInstant(addBusinessMinutes(at("2025-03-30T01:30:00+01:00"), 60, alwaysOpen), "2025-03-30T03:30:00+02:00");
      expectInstant(addBusinessMinutes(at("2025-03-29T23:00:00+01:00"), 24 * 60, alwaysOpen), "2025-03-31T00:00:00+02:00");
      expectInstant(addBusinessMinutes(at("2025-03-30T10:20:30+02:00"), 0, alwaysOpen), "2025-03-30T10:20:30+02:00");
    });

    it("is always open and measures real time", () => {
      expect(isOpenAt(at("2025-03-30T12:00:00+02:00"), alwaysOpen)).toBe(true);
      expectInstant(nextOpeningAt(at("2025-03-30T12:00:00+02:00"), alwaysOpen), "2025-03-30T12:00:00+02:00");
      expect(businessMinutesBetween(at("2025-03-30T00:00:00+01:00"), at("2025-03-31T00:00:00+02:00"), alwaysOpen)).toBe(23 * 60);
      expect(businessMinutesBetween(at("2025-03-30T00:00:00Z"), at("2025-03-30T00:00:30Z"), alwaysOpen)).toBe(0.5);
    });
  });

  describe("calendars that never open", () => {
    const empty = calendar({ timeZone: "Europe/Bratislava" });

    it("throws a clear error for an empty schedule", () => {
      expect(() => addBusinessMinutes(at("2025-06-02T09:00:00Z"), 60, empty)).toThrow(NoBusinessHoursError);
      expect(() => addBusinessMinutes(at("2025-06-02T09:00:00Z"), 0, empty)).toThrow(
        "Business calendar (Europe/Bratislava) has no opening hours within 366 days after 2025-06-02T09:00:00.000Z",
      );
    });

    it("reports closed, no next opening and no open minutes", () => {
      expect(isOpenAt(at("2025-06-02T09:00:00Z"), empty)).toBe(false);
      expect(nextOpeningAt(at("2025-06-02T09:00:00Z"), empty)).toBeNull();
      expect(businessMinutesBetween(at("2025-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"), empty)).toBe(0);
    });

    const mondaysFrom = (first: string, count: number) =>
      Array.from({ length: count }, (_, week) => new Date(Date.parse(first) + week * 7 * 86_400_000).toISOString().slice(0, 10));
    const mondaysOnly = (holidays: string[]) => calendar({ timeZone: "UTC", weeklyHours: [{ day: 1, start: "09:00", end: "10:00" }], holidays });

    it("throws when holidays close every opening for more than 366 days", () => {
      expect(() => addBusinessMinutes(at("2025-01-01T00:00:00Z"), 60, mondaysOnly(mondaysFrom("2025-01-06", 60)))).toThrow(NoBusinessHoursError);
    });

    it("finds an opening that lies far ahead but within 366 days", () => {
      const calendarWithGap = mondaysOnly(mondaysFrom("2025-01-06", 50)); // last holiday 2025-12-15
      expectInstant(nextOpeningAt(at("2025-01-01T00:00:00Z"), calendarWithGap), "2025-12-22T09:00:00Z");
      expectInstant(addBusinessMinutes(at("2025-01-01T00:00:00Z"), 90, calendarWithGap), "2025-12-29T09:30:00Z");
    });
  });

  describe("bad input", () => {
    it("rejects negative, NaN and infinite minutes", () => {
      for (const minutes of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(() => addBusinessMinutes(at("2025-06-02T09:00:00Z"), minutes, salesAndBilling)).toThrow(RangeError);
      }
    });

    it("rejects invalid dates", () => {
      const invalid = new Date("not a date");
      expect(() => addBusinessMinutes(invalid, 60, salesAndBilling)).toThrow(RangeError);
      expect(() => businessMinutesBetween(invalid, at("2025-06-02T09:00:00Z"), salesAndBilling)).toThrow(RangeError);
      expect(() => isOpenAt(invalid, salesAndBilling)).toThrow(RangeError);
      expect(() => nextOpeningAt(invalid, salesAndBilling)).toThrow(RangeError);
    });

    it("rejects an unvalidated calendar with malformed times or holidays instead of computing nonsense", () => {
      const badTime = calendar({ weeklyHours: [{ day: 1, start: "8am", end: "17:00" }] });
      const badHoliday = calendar({ weeklyHours: every(MON_FRI, "08:00", "17:00"), holidays: ["1 May"] });
      expect(() => addBusinessMinutes(at("2025-06-02T09:00:00Z"), 60, badTime)).toThrow('Invalid opening time "8am"');
      expect(() => addBusinessMinutes(at("2025-06-02T09:00:00Z"), 60, badHoliday)).toThrow('Invalid holiday "1 May"');
    });
  });
});

describe("businessMinutesBetween", () => {
  it("is 0 when `to` is not after `from`", () => {
    expect(businessMinutesBetween(at("2025-03-31T10:00:00+07:00"), at("2025-03-31T10:00:00+07:00"), salesAndBilling)).toBe(0);
    expect(businessMinutesBetween(at("2025-03-31T11:00:00+07:00"), at("2025-03-31T10:00:00+07:00"), salesAndBilling)).toBe(0);
    expect(businessMinutesBetween(at("2025-03-31T11:00:00+07:00"), at("2025-03-31T10:00:00+07:00"), alwaysOpen)).toBe(0);
  });

  it("counts only open time: a full Sales & Billing week is 5 × 9 h + 3.5 h", () => {
    expect(businessMinutesBetween(at("2025-03-30T00:00:00+07:00"), at("2025-04-06T00:00:00+07:00"), salesAndBilling)).toBe(48.5 * 60);
  });

  it("treats [from, to) as half-open and keeps seconds as fractions of a minute", () => {
    expect(businessMinutesBetween(at("2025-03-31T16:59:00+07:00"), at("2025-04-01T08:01:00+07:00"), salesAndBilling)).toBe(2);
    expect(businessMinutesBetween(at("2025-03-31T10:00:00+07:00"), at("2025-03-31T10:00:30+07:00"), salesAndBilling)).toBe(0.5);
    expect(businessMinutesBetween(at("2025-03-29T11:20:00+07:00"), at("2025-03-31T08:50:00+07:00"), salesAndBilling)).toBe(60);
  });

  it("measures closed stretches as 0", () => {
    expect(businessMinutesBetween(at("2025-03-29T11:30:00+07:00"), at("2025-03-31T08:00:00+07:00"), salesAndBilling)).toBe(0);
    expect(businessMinutesBetween(at("2025-06-02T12:00:00+02:00"), at("2025-06-02T13:00:00+02:00"), bratislavaLunch)).toBe(0);
  });
});

describe("isOpenAt and nextOpeningAt", () => {
  it("is open exactly at opening time and returns that very instant", () => {
    expect(isOpenAt(at("2025-03-31T08:00:00+07:00"), salesAndBilling)).toBe(true);
    expectInstant(nextOpeningAt(at("2025-03-31T08:00:00+07:00"), salesAndBilling), "2025-03-31T08:00:00+07:00");
  });

  it("is closed a millisecond before opening, and opens a millisecond later", () => {
    expect(isOpenAt(at("2025-03-31T07:59:59.999+07:00"), salesAndBilling)).toBe(false);
    expectInstant(nextOpeningAt(at("2025-03-31T07:59:59.999+07:00"), salesAndBilling), "2025-03-31T08:00:00+07:00");
  });

  it("is open a millisecond before closing and closed exactly at closing", () => {
    expect(isOpenAt(at("2025-03-31T16:59:59.999+07:00"), salesAndBilling)).toBe(true);
    expect(isOpenAt(at("2025-03-31T17:00:00+07:00"), salesAndBilling)).toBe(false);
    expectInstant(nextOpeningAt(at("2025-03-31T17:00:00+07:00"), salesAndBilling), "2025-04-01T08:00:00+07:00");
  });

  it("returns `at` itself, seconds included, while open", () => {
    expectInstant(nextOpeningAt(at("2025-03-31T12:34:56.789+07:00"), salesAndBilling), "2025-03-31T12:34:56.789+07:00");
  });

  it("is closed at Saturday's 11:30 and next opens on Monday", () => {
    expect(isOpenAt(at("2025-03-29T11:29:00+07:00"), salesAndBilling)).toBe(true);
    expect(isOpenAt(at("2025-03-29T11:30:00+07:00"), salesAndBilling)).toBe(false);
    expectInstant(nextOpeningAt(at("2025-03-29T11:30:00+07:00"), salesAndBilling), "2025-03-31T08:00:00+07:00");
  });

  it("is closed over lunch and opens again after it", () => {
    expect(isOpenAt(at("2025-06-02T12:00:00+02:00"), bratislavaLunch)).toBe(false);
    expect(isOpenAt(at("2025-06-02T13:00:00+02:00"), bratislavaLunch)).toBe(true);
    expectInstant(nextOpeningAt(at("2025-06-02T12:30:00+02:00"), bratislavaLunch), "2025-06-02T13:00:00+02:00");
  });

  it("is closed on holidays", () => {
    const mondayOff = { ...salesAndBilling, holidays: ["2025-03-31"] };
    expect(isOpenAt(at("2025-03-31T10:00:00+07:00"), mondayOff)).toBe(false);
    expectInstant(nextOpeningAt(at("2025-03-31T10:00:00+07:00"), mondayOff), "2025-04-01T08:00:00+07:00");
  });
});

// ------------------------------------------------------------------------------------------------
// Property-style checks with a seeded generator, so failures reproduce.

/** mulberry32: tiny, fast and good enough to pick test cases. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const YEAR_START = Date.parse("2025-01-01T00:00:00Z");
const YEAR_MS = 365 * 86_400_000;

/** Calendars without opening or closing times inside a repeated (fall-back) hour; see the oracle below. */
const propertyCalendars: Array<[string, BusinessCalendar]> = [
  ["Sales & Billing", { ...salesAndBilling, holidays: ["2025-04-30", "2025-05-01", "2025-09-02", "2026-01-01"] }],
  [
    "Bratislava lunch + Sunday nights",
    {
      ...bratislavaLunch,
      weeklyHours: [...bratislavaLunch.weeklyHours, { day: 0, start: "00:00", end: "06:00" }],
      holidays: ["2025-01-06", "2025-04-18", "2025-04-21", "2025-12-24", "2025-12-25", "2025-12-26"],
    },
  ],
  ["New York office + Sunday nights", { ...newYorkOffice, weeklyHours: [...newYorkOffice.weeklyHours, ...newYorkNight.weeklyHours] }],
];

describe.each(propertyCalendars)("properties on %s", (_name, desk) => {
  it("businessMinutesBetween undoes addBusinessMinutes", () => {
    const random = seededRandom(20250329);
    for (let i = 0; i < 300; i++) {
      const start = new Date(YEAR_START + Math.floor(random() * YEAR_MS)); // any second and millisecond
      const minutes = i % 10 === 0 ? 0 : Math.floor(random() * 6000);
      const due = addBusinessMinutes(start, minutes, desk);

      expect(due.getTime()).toBeGreaterThanOrEqual(start.getTime());
      expect(businessMinutesBetween(start, due, desk)).toBe(minutes);
      if (minutes === 0) expect(iso(due)).toBe(iso(nextOpeningAt(start, desk)));
      // The target is only used up while open, so the desk was open just before the due time.
      else expect(isOpenAt(new Date(due.getTime() - 1), desk)).toBe(true);
    }
  });

  it("addBusinessMinutes undoes businessMinutesBetween up to the last open instant", () => {
    const random = seededRandom(20251026);
    for (let i = 0; i < 300; i++) {
      const from = new Date(YEAR_START + Math.floor(random() * YEAR_MS));
      const to = new Date(from.getTime() + Math.floor(random() * 10 * 86_400_000));
      const minutes = businessMinutesBetween(from, to, desk);
      if (minutes === 0) continue;
      const reached = addBusinessMinutes(from, minutes, desk);

      expect(reached.getTime()).toBeLessThanOrEqual(to.getTime());
      expect(businessMinutesBetween(reached, to, desk)).toBe(0);
      if (isOpenAt(new Date(to.getTime() - 1), desk)) expect(iso(reached)).toBe(iso(to));
    }
  });

  it("businessMinutesBetween is additive", () => {
    const random = seededRandom(42);
    for (let i = 0; i < 200; i++) {
      const [a, b, c] = [0, 1, 2].map(() => YEAR_START + Math.floor(random() * 30 * 86_400_000)).sort((x, y) => x - y);
      const whole = businessMinutesBetween(new Date(a), new Date(c), desk);
      const parts = businessMinutesBetween(new Date(a), new Date(b), desk) + businessMinutesBetween(new Date(b), new Date(c), desk);
      expect(whole).toBeCloseTo(parts, 9);
    }
  });

  it("agrees minute by minute with a brute-force reading of the local wall clock", () => {
    const random = seededRandom(7);
    // Two-day windows over both DST weekends of each zone, the year boundary, and two random days.
    const windowStarts = ["2025-03-08", "2025-03-29", "2025-10-25", "2025-11-01", "2025-12-31"].map((day) => Date.parse(`${day}T00:00:00Z`));
    for (let i = 0; i < 2; i++) windowStarts.push(YEAR_START + Math.floor(random() * 360) * 86_400_000);

    for (const windowStart of windowStarts) {
      let openMinutes = 0;
      for (let minute = 0; minute < 2 * 1440; minute++) {
        const instant = new Date(windowStart + minute * 60_000);
        const expected = oracleIsOpen(instant, desk);
        if (isOpenAt(instant, desk) !== expected) throw new Error(`isOpenAt(${instant.toISOString()}) should be ${expected}`);
        if (expected) openMinutes++;
      }
      expect(businessMinutesBetween(new Date(windowStart), new Date(windowStart + 2 * 86_400_000), desk)).toBe(openMinutes);
    }
  });
});

const oracleFormatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/**
 * Open iff the local wall clock reads a time inside one of the day's intervals. This simple model agrees
 * with the real one except for interval edges inside a repeated hour, which the property calendars avoid.
 */
function oracleIsOpen(instant: Date, desk: BusinessCalendar): boolean {
  let formatter = oracleFormatters.get(desk.timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: desk.timeZone,
      hourCycle: "h23",
      weekday: "short",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    oracleFormatters.set(desk.timeZone, formatter);
  }
  const parts = new Map(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
  const date = `${parts.get("year")}-${parts.get("month")}-${parts.get("day")}`;
  const time = `${parts.get("hour")}:${parts.get("minute")}`;
  const weekday = WEEKDAY_NAMES.indexOf(parts.get("weekday") ?? "");
  if (desk.holidays.includes(date)) return false;
  return desk.weeklyHours.some((interval) => interval.day === weekday && interval.start <= time && time < interval.end);
}

describe("performance", () => {
  it("computes a 4-hour target in well under a millisecond", () => {
    const random = seededRandom(1);
    const starts = Array.from({ length: 2000 }, () => new Date(YEAR_START + Math.floor(random() * YEAR_MS)));
    for (const start of starts.slice(0, 100)) addBusinessMinutes(start, 240, bratislavaLunch); // warm-up
    const began = performance.now();
    for (const start of starts) addBusinessMinutes(start, 240, bratislavaLunch);
    const averageMs = (performance.now() - began) / starts.length;
    expect(averageMs).toBeLessThan(0.5);
  });

  it("walks a long target day by day, not minute by minute", () => {
    const began = performance.now();
    addBusinessMinutes(at("2025-01-02T08:00:00+01:00"), 600 * 9 * 60, bratislavaOffice); // ~2.3 years
    expect(performance.now() - began).toBeLessThan(250);
  });
});

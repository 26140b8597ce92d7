import { addCycle, addDays, BILLING_CYCLES, CYCLE_MONTHS, daysBetween, daysInMonth, isBillingCycle, isIsoDate, nextDueDate, periodFor } from "./cycles";

describe("BILLING_CYCLES", () => {
  it("maps each cycle to its months", () => {
    expect(BILLING_CYCLES).toEqual(["monthly", "quarterly", "semiannual", "annual", "biennial"]);
    expect(BILLING_CYCLES.map((cycle) => CYCLE_MONTHS[cycle])).toEqual([1, 3, 6, 12, 24]);
    expect(isBillingCycle("annual")).toBe(true);
    expect(isBillingCycle("weekly")).toBe(false);
  });
});

describe("calendar helpers", () => {
  it("knows leap years", () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2025, 12)).toBe(31);
  });

  it("validates dates strictly", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    for (const bad of ["2025-02-29", "2025-02-30", "2025-13-01", "2025-00-10", "2025-01-00", "2025-1-5", "2025-01-05T00:00:00Z", "05.01.2025", ""]) {
      expect(isIsoDate(bad)).toBe(false);
      expect(() => addDays(bad, 1)).toThrow(RangeError);
    }
  });

  it("adds days across months, years and leap days", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2025-03-30", 1)).toBe("2025-03-31"); // EU DST change day: no lost or doubled day
    expect(addDays("2025-10-26", 1)).toBe("2025-10-27");
    expect(() => addDays("2025-01-01", 0.5)).toThrow(RangeError);
  });

  it("counts days between dates", () => {
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2025-02-28", "2025-03-01")).toBe(1);
    expect(daysBetween("2024-01-01", "2025-01-01")).toBe(366);
    expect(daysBetween("2025-01-01", "2026-01-01")).toBe(365);
    expect(daysBetween("2025-03-01", "2025-02-28")).toBe(-1);
    expect(daysBetween("2025-05-05", "2025-05-05")).toBe(0);
  });
});

describe("addCycle", () => {
  it.each([
    ["2025-01-15", "monthly", "2025-02-15"],
    ["2025-01-31", "monthly", "2025-02-28"],
    ["2024-01-31", "monthly", "2024-02-29"], // leap year
    ["2025-03-31", "monthly", "2025-04-30"],
    ["2025-12-31", "monthly", "2026-01-31"],
    ["2025-11-30", "quarterly", "2026-02-28"],
    ["2025-08-31", "semiannual", "2026-02-28"],
    ["2024-02-29", "annual", "2025-02-28"],
    ["2024-02-29", "biennial", "2026-02-28"],
    ["2023-02-28", "annual", "2024-02-28"],
    ["2025-07-01", "biennial", "2027-07-01"],
    ["2025-10-15", "quarterly", "2026-01-15"],
  ] as const)("%s + %s → %s", (date, cycle, expected) => {
    expect(addCycle(date, cycle)).toBe(expected);
  });
});

describe("nextDueDate", () => {
  it("returns to the anchor day after a short month (Jan 31 monthly)", () => {
    const dates = ["2025-01-31"];
    for (let i = 0; i < 12; i += 1) dates.push(nextDueDate(31, dates[dates.length - 1], "monthly"));
    expect(dates).toEqual([
      "2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30", "2025-05-31", "2025-06-30", "2025-07-31",
      "2025-08-31", "2025-09-30", "2025-10-31", "2025-11-30", "2025-12-31", "2026-01-31",
    ]);
  });

  it("uses Feb 29 in leap years for anchors of 29–31", () => {
    expect(nextDueDate(30, "2024-01-30", "monthly")).toBe("2024-02-29");
    expect(nextDueDate(29, "2024-01-29", "monthly")).toBe("2024-02-29");
    expect(nextDueDate(29, "2024-02-29", "annual")).toBe("2025-02-28");
    expect(nextDueDate(29, "2025-02-28", "annual")).toBe("2026-02-28");
    expect(nextDueDate(29, "2027-02-28", "annual")).toBe("2028-02-29");
  });

  it("drifts without the anchor, which is why the anchor is passed", () => {
    expect(addCycle("2025-02-28", "monthly")).toBe("2025-03-28");
    expect(nextDueDate(31, "2025-02-28", "monthly")).toBe("2025-03-31");
  });

  it("rejects invalid anchors", () => {
    for (const anchor of [0, 32, 1.5, -1]) expect(() => nextDueDate(anchor, "2025-01-01", "monthly")).toThrow(RangeError);
  });
});

describe("periodFor", () => {
  it.each([
    ["2025-01-01", "monthly", undefined, "2025-01-31"],
    ["2025-01-31", "monthly", undefined, "2025-02-27"],
    ["2024-01-31", "monthly", undefined, "2024-02-28"],
    ["2025-02-01", "monthly", undefined, "2025-02-28"],
    ["2024-02-01", "monthly", undefined, "2024-02-29"],
    ["2025-02-28", "monthly", 31, "2025-03-30"],
    ["2025-02-28", "monthly", undefined, "2025-03-27"],
    ["2025-01-01", "quarterly", undefined, "2025-03-31"],
    ["2025-01-01", "semiannual", undefined, "2025-06-30"],
    ["2024-03-01", "annual", undefined, "2025-02-28"],
    ["2024-02-29", "annual", undefined, "2025-02-27"],
    ["2025-06-15", "biennial", undefined, "2027-06-14"],
  ] as const)("%s %s (anchor %p) → ends %s", (dueDate, cycle, anchor, end) => {
    expect(periodFor(dueDate, cycle, anchor)).toEqual({ start: dueDate, end });
  });

  it("chains periods without gaps or overlaps", () => {
    let due = "2024-01-31";
    for (let i = 0; i < 24; i += 1) {
      const period = periodFor(due, "monthly", 31);
      const next = nextDueDate(31, due, "monthly");
      expect(addDays(period.end, 1)).toBe(next);
      due = next;
    }
    expect(due).toBe("2026-01-31");
  });
});

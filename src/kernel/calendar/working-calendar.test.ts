import { describe, expect, it } from "vitest";
import { builtInCalendarYears } from "./data/index.js";
import { addDays, dayOfWeek, daysInYear } from "./plain-date.js";
import { kzRules, ruRules } from "./rules.js";
import { WorkingCalendar } from "./working-calendar.js";

const kz = new WorkingCalendar(kzRules, builtInCalendarYears);

/** Independent count: weekdays of the year, minus the listed non-working weekdays, plus swaps. */
const expectedCount = (year: number, nonWorkingWeekdays: string[], workingWeekends: string[]) => {
  for (const d of nonWorkingWeekdays) expect([0, 6]).not.toContain(dayOfWeek(d));
  for (const d of workingWeekends) expect([0, 6]).toContain(dayOfWeek(d));
  const weekdays = [...daysInYear(year)].filter((d) => ![0, 6].includes(dayOfWeek(d))).length;
  return weekdays - nonWorkingWeekdays.length + workingWeekends.length;
};

describe("WorkingCalendar for Kazakhstan", () => {
  it("has official data for 2024 to 2026 only", () => {
    expect([2023, 2024, 2025, 2026, 2027].map((y) => kz.hasDataFor(y))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
  });

  it("counts 246 working days in 2025", () => {
    expect(kz.workingDaysInYear(2025)).toBe(246);
    const off = ["01-01", "01-02", "01-03", "01-07", "03-10", "03-21", "03-24", "03-25"]
      .concat(["05-01", "05-07", "05-09", "06-06", "07-07", "09-01", "10-27", "12-16"])
      .map((d) => `2025-${d}`);
    expect(expectedCount(2025, off, ["2025-01-05"])).toBe(246);
  });

  it("counts 249 working days in 2024", () => {
    const off = ["01-01", "01-02", "03-08", "03-21", "03-22", "03-25", "05-01", "05-07"]
      .concat(["05-08", "05-09", "07-08", "08-30", "10-25", "12-16"])
      .map((d) => `2024-${d}`);
    const expected = expectedCount(2024, off, ["2024-05-04"]);
    expect(expected).toBe(249);
    expect(kz.workingDaysInYear(2024)).toBe(expected);
  });

  it("counts 247 working days in 2026 (no Constitution Day on 30 August)", () => {
    const off = ["01-01", "01-02", "01-07", "03-09", "03-23", "03-24", "03-25", "05-01"]
      .concat(["05-07", "05-11", "05-27", "07-06", "10-26", "12-16"])
      .map((d) => `2026-${d}`);
    const expected = expectedCount(2026, off, []);
    expect(expected).toBe(247);
    expect(kz.workingDaysInYear(2026)).toBe(expected);
    expect(kz.isWorkingDay("2026-08-31")).toBe(true);
  });

  it("answers an appeal of Wednesday 19 March 2025 by Monday 14 April 2025", () => {
    expect(kz.addWorkingDays("2025-03-19", 15)).toBe("2025-04-14");
    expect(kz.isWorkingDay("2025-03-24")).toBe(false);
    expect(kz.isWorkingDay("2025-03-25")).toBe(false);
    expect(kz.workingDaysBetween("2025-03-19", "2025-04-14")).toBe(15);
  });

  it("moves a term ending on a holiday to the next working day", () => {
    expect(kz.workingDayOnOrAfter("2025-03-21")).toBe("2025-03-26");
    expect(kz.workingDayOnOrAfter("2025-03-26")).toBe("2025-03-26");
    expect(kz.nextWorkingDay("2025-03-26")).toBe("2025-03-27");
    expect(kz.workingDayOnOrAfter("2024-12-31")).toBe("2024-12-31");
    expect(kz.nextWorkingDay("2024-12-31")).toBe("2025-01-05");
  });

  it("honours decreed swaps", () => {
    expect(kz.isWorkingDay("2025-01-05")).toBe(true);
    expect(kz.isWorkingDay("2025-01-03")).toBe(false);
    expect(kz.isWorkingDay("2024-05-04")).toBe(true);
    expect(kz.isWorkingDay("2024-05-08")).toBe(false);
  });

  it("describes days for display", () => {
    expect(kz.describe("2025-03-21")).toEqual({
      working: false,
      holiday: { kk: "Наурыз мейрамы", ru: "Наурыз мейрамы", en: "Nauryz Meiramy" },
    });
    expect(kz.describe("2025-03-24").reason).toMatch(/moved from 2025-03-22/);
    expect(kz.describe("2025-01-05")).toEqual({
      working: true,
      reason: expect.stringMatching(/Swap/),
    });
    expect(kz.describe("2025-03-29")).toEqual({ working: false });
    expect(kz.describe("2025-03-27")).toEqual({ working: true });
  });

  it("keeps addWorkingDays and workingDaysBetween inverse over many dates", () => {
    for (let from = "2023-12-01"; from < "2028-02-01"; from = addDays(from, 3)) {
      for (const n of [0, 1, 2, 5, 10, 15, 30, 60]) {
        const to = kz.addWorkingDays(from, n);
        expect(kz.workingDaysBetween(from, to)).toBe(n);
        if (n > 0) expect(kz.isWorkingDay(to)).toBe(true);
      }
    }
    expect(kz.workingDaysBetween("2025-04-14", "2025-03-19")).toBe(-15);
  });

  it("rejects a bad count of working days or a bad date", () => {
    expect(kz.addWorkingDays("2025-03-22", 0)).toBe("2025-03-22");
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => kz.addWorkingDays("2025-03-19", n)).toThrow(RangeError);
    }
    expect(() => kz.addWorkingDays("2025-02-30", 0)).toThrow(RangeError);
    expect(() => kz.isWorkingDay("2025-13-01")).toThrow(RangeError);
  });

  it("falls back to the rules for years without data", () => {
    expect(kz.isWorkingDay("2027-03-24")).toBe(false);
    expect(kz.isWorkingDay("2027-03-15")).toBe(false);
    expect(kz.describe("2027-05-16").holiday?.en).toBe("Kurban Ait (first day)");
    expect(kz.yearData(2027).source).toMatch(/Generated/);
  });

  it("refuses data of another jurisdiction or invalid data", () => {
    const [first] = builtInCalendarYears;
    if (!first) throw new Error("no data");
    expect(() => new WorkingCalendar(ruRules, [first])).toThrow(/given to "ru"/);
    const broken = { ...first, workingDays: [{ date: "2024-05-06", reason: "Monday" }] };
    expect(() => new WorkingCalendar(kzRules, [broken])).toThrow(/not a weekend day/);
  });
});

describe("WorkingCalendar for Russia (fallback only)", () => {
  it("computes with the rules", () => {
    const ru = new WorkingCalendar(ruRules, []);
    expect(ru.hasDataFor(2027)).toBe(false);
    expect(ru.isWorkingDay("2027-01-08")).toBe(false);
    expect(ru.isWorkingDay("2027-01-11")).toBe(true);
    expect(ru.isWorkingDay("2027-06-14")).toBe(false);
    expect(ru.workingDaysInYear(2027)).toBe(249);
  });
});

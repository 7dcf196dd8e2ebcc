import { describe, expect, it } from "vitest";
import { type CalendarYear, isCalendarYear, validateCalendarYear } from "./calendar-year.js";
import { builtInCalendarYears } from "./data/index.js";

const name = { kk: "Жаңа жыл", ru: "Новый год", en: "New Year" };
const good = (): CalendarYear => ({
  jurisdiction: "kz",
  year: 2025,
  source: "test",
  holidays: [{ date: "2025-01-01", name }],
  daysOff: [{ date: "2025-01-03", reason: "swap" }],
  workingDays: [{ date: "2025-01-05", reason: "swap" }],
});

describe("validateCalendarYear", () => {
  it("accepts the bundled official years", () => {
    for (const y of builtInCalendarYears) expect(validateCalendarYear(y)).toEqual([]);
    expect(isCalendarYear(good())).toBe(true);
  });

  it("rejects values that are not calendar years", () => {
    expect(validateCalendarYear(null)).toEqual(["calendar year must be an object"]);
    expect(validateCalendarYear({})).toEqual(
      expect.arrayContaining([
        "jurisdiction must be a non-empty string",
        "year must be a four-digit integer",
        "holidays must be an array",
      ]),
    );
  });

  it("rejects impossible dates and dates outside the year", () => {
    const y = good();
    y.holidays.push({ date: "2025-02-30", name }, { date: "2024-12-31", name });
    const problems = validateCalendarYear(y);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/holidays\[1\]\.date is not a valid/);
    expect(problems[1]).toMatch(/not in 2025/);
  });

  it("rejects duplicates within and across lists", () => {
    const y = good();
    y.holidays.push({ date: "2025-01-01", name });
    y.daysOff.push({ date: "2025-01-01", reason: "again" });
    const problems = validateCalendarYear(y);
    expect(problems.filter((p) => p.includes("duplicates holidays[0]"))).toHaveLength(2);
  });

  it("requires working days on weekends and days off on weekdays", () => {
    const y = good();
    y.workingDays.push({ date: "2025-01-06", reason: "a Monday" });
    y.daysOff.push({ date: "2025-01-04", reason: "a Saturday" });
    expect(validateCalendarYear(y)).toEqual([
      "daysOff[1].date 2025-01-04 is already a weekend day",
      "workingDays[1].date 2025-01-06 is not a weekend day",
    ]);
  });

  it("requires names in all three languages and non-empty reasons", () => {
    const y = good();
    y.holidays[0] = { date: "2025-01-01", name: { kk: "", ru: "Новый год", en: "New Year" } };
    y.daysOff[0] = { date: "2025-01-03", reason: " " };
    expect(validateCalendarYear(y)).toEqual([
      "holidays[0].name.kk must be a non-empty string",
      "daysOff[0].reason must be a non-empty string",
    ]);
  });
});

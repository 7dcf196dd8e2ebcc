import { describe, expect, it } from "vitest";
import type { CalendarYear } from "./calendar-year.js";
import { builtInCalendarYears } from "./data/index.js";
import { dayOfWeek, daysInYear } from "./plain-date.js";
import {
  generateYear,
  holidaysOf,
  islamicDatesInYear,
  type JurisdictionRules,
  kzRules,
  ruRules,
} from "./rules.js";

const dataFor = (year: number): CalendarYear => {
  const y = builtInCalendarYears.find((c) => c.jurisdiction === "kz" && c.year === year);
  if (!y) throw new Error(`no data for ${year}`);
  return y;
};

const nonWorking = (c: CalendarYear): Set<string> => {
  const swaps = new Set(c.workingDays.map((w) => w.date));
  const off = new Set([...c.holidays, ...c.daysOff].map((h) => h.date));
  return new Set(
    [...daysInYear(c.year)].filter(
      (d) => !swaps.has(d) && (off.has(d) || [0, 6].includes(dayOfWeek(d))),
    ),
  );
};

describe("generateYear (fallback rules)", () => {
  it("moves weekend holidays of Kazakhstan 2027 to the next free working day", () => {
    const y = generateYear(kzRules, 2027);
    expect(y.jurisdiction).toBe("kz");
    expect(y.workingDays).toEqual([]);
    expect(y.daysOff.map((d) => d.date)).toEqual([
      "2027-01-04",
      "2027-03-24",
      "2027-05-03",
      "2027-05-10",
    ]);
    expect(y.daysOff[1]?.reason).toMatch(/2027-03-21 \(Nauryz/);
  });

  it("does not move Kurban Ait or Orthodox Christmas off a weekend", () => {
    const y2027 = generateYear(kzRules, 2027);
    expect(y2027.holidays).toContainEqual(
      expect.objectContaining({
        date: "2027-05-16",
        name: expect.objectContaining({ en: "Kurban Ait (first day)" }),
      }),
    );
    expect(y2027.daysOff.map((d) => d.date)).not.toContain("2027-05-17");
    const y2029 = generateYear(kzRules, 2029);
    expect(dayOfWeek("2029-01-07")).toBe(0);
    expect(y2029.daysOff.map((d) => d.date)).not.toContain("2029-01-08");
  });

  it("keeps Constitution Day on 30 August until 2025 and on 15 March from 2027", () => {
    const dates = (y: number) => holidaysOf(kzRules, y).map((h) => h.date);
    expect(dates(2025)).toContain("2025-08-30");
    expect(dates(2026)).not.toContain("2026-08-30");
    expect(dates(2026)).not.toContain("2026-03-15");
    expect(dates(2027)).toContain("2027-03-15");
    expect(dates(2027)).not.toContain("2027-08-30");
  });

  it("carries a transfer across the new year", () => {
    const name = { kk: "Жаңа жыл", ru: "Новый год", en: "New Year" };
    const rules: JurisdictionRules = {
      ...kzRules,
      fixedHolidays: [
        { month: 1, day: 1, name, movesWhenOnWeekend: true },
        { month: 1, day: 2, name, movesWhenOnWeekend: true },
        { month: 12, day: 31, name, movesWhenOnWeekend: true },
      ],
      movableHolidays: () => [],
    };
    expect(generateYear(rules, 2022).daysOff.map((d) => d.date)).toEqual([
      "2022-01-03",
      "2022-01-04",
    ]);
    expect(generateYear(rules, 2023).daysOff.map((d) => d.date)).toEqual([
      "2023-01-03",
      "2023-01-04",
    ]);
  });

  it("reproduces the official non-working days except the decreed swaps", () => {
    const diff = (year: number) => {
      const official = nonWorking(dataFor(year));
      const generated = nonWorking(generateYear(kzRules, year));
      return [...new Set([...official, ...generated])]
        .filter((d) => official.has(d) !== generated.has(d))
        .sort();
    };
    expect(diff(2024)).toEqual(["2024-05-04", "2024-05-08"]);
    expect(diff(2025)).toEqual(["2025-01-03", "2025-01-05"]);
    expect(diff(2026)).toEqual([]);
  });
});

describe("Kurban Ait from the Islamic (Umm al-Qura) calendar", () => {
  it("agrees with the announced dates for 2024 to 2026", () => {
    for (const year of [2024, 2025, 2026]) {
      const announced = dataFor(year).holidays.filter((h) => h.name.en.startsWith("Kurban"));
      expect(announced).toHaveLength(1);
      expect(islamicDatesInYear(year, 12, 10)).toEqual([announced[0]?.date]);
    }
  });
});

describe("Russia fallback", () => {
  it("moves weekend holidays but not the January holidays", () => {
    const y = generateYear(ruRules, 2027);
    expect(y.holidays).toHaveLength(14);
    expect(y.daysOff.map((d) => d.date)).toEqual(["2027-05-03", "2027-05-10", "2027-06-14"]);
    expect(generateYear(ruRules, 2026).daysOff.map((d) => d.date)).toEqual([
      "2026-03-09",
      "2026-05-11",
    ]);
    expect(ruRules.timeZone).toBe("Europe/Moscow");
  });
});

import { describe, expect, it } from "vitest";
import { type CalendarYear, createCalendarRegistry } from "./index.js";

describe("CalendarRegistry", () => {
  it("knows Kazakhstan and Russia and nothing else", () => {
    const registry = createCalendarRegistry();
    expect(registry.codes().sort()).toEqual(["kz", "ru"]);
    expect(registry.get("uz")).toBeUndefined();
    expect(registry.get("kz")?.hasDataFor(2025)).toBe(true);
    expect(registry.get("kz")?.rules.timeZone).toBe("Asia/Almaty");
  });

  it("lets imported years override the bundled ones", () => {
    const override: CalendarYear = {
      jurisdiction: "kz",
      year: 2025,
      source: "imported",
      holidays: [],
      daysOff: [{ date: "2025-03-19", reason: "test" }],
      workingDays: [],
    };
    const kz = createCalendarRegistry([override]).get("kz");
    expect(kz?.isWorkingDay("2025-03-19")).toBe(false);
    expect(kz?.isWorkingDay("2025-03-21")).toBe(true);
    expect(createCalendarRegistry().get("kz")?.isWorkingDay("2025-03-19")).toBe(true);
  });

  it("refuses years of an unknown jurisdiction", () => {
    const stray: CalendarYear = {
      jurisdiction: "uz",
      year: 2025,
      source: "x",
      holidays: [],
      daysOff: [],
      workingDays: [],
    };
    expect(() => createCalendarRegistry([stray])).toThrow(/uz/);
  });
});

import { describe, expect, it } from "vitest";
import { FastCalendar } from "../../src/capabilities/appeals/stats/fast-calendar.js";
import { percentile, segments } from "../../src/capabilities/appeals/stats/figures.js";
import { readStatsPeriod } from "../../src/capabilities/statistics/period.js";
import { addDays, createCalendarRegistry } from "../../src/kernel/calendar/index.js";

describe("appeal statistics: the parts", () => {
  it("the fast calendar answers exactly as the working calendar it reads (Kazakhstan and Russia)", () => {
    const registry = createCalendarRegistry();
    for (const code of ["kz", "ru"]) {
      const real = registry.get(code);
      if (!real) throw new Error(code);
      const fast = new FastCalendar(real);
      for (let i = 0; i < 900; i += 17) {
        const a = addDays("2024-01-01", i);
        expect(fast.isWorkingDay(a)).toBe(real.isWorkingDay(a));
        expect(fast.nextWorkingDay(a)).toBe(real.nextWorkingDay(a));
        expect(fast.workingDayOnOrAfter(a)).toBe(real.workingDayOnOrAfter(a));
        for (const n of [0, 1, 5, 15, 30]) {
          expect(fast.addWorkingDays(a, n)).toBe(real.addWorkingDays(a, n));
        }
        for (const span of [0, 1, 3, 20, 45, 130]) {
          const b = addDays(a, span);
          expect(fast.workingDaysBetween(a, b)).toBe(real.workingDaysBetween(a, b));
          expect(fast.workingDaysBetween(b, a)).toBe(real.workingDaysBetween(b, a));
        }
      }
    }
  });

  it("cuts a period into whole years, whole months and the days at either end", () => {
    expect(segments({ from: "2024-01-01", to: "2025-12-31" }, true)).toEqual({
      years: ["2024", "2025"],
      months: [],
      days: [],
    });
    expect(segments({ from: "2024-12-30", to: "2026-02-03" }, true)).toEqual({
      years: ["2025"],
      months: ["2026-01"],
      days: [
        ["2024-12-30", "2024-12-31"],
        ["2026-02-01", "2026-02-03"],
      ],
    });
    expect(segments({ from: "2025-03-05", to: "2025-03-05" }, true)).toEqual({
      years: [],
      months: [],
      days: [["2025-03-05", "2025-03-05"]],
    });
    expect(segments({ from: "2025-01-01", to: "2025-12-31" }, false).months).toHaveLength(12);
  });

  it("percentiles by nearest rank from a histogram of whole working days", () => {
    const h = new Map([
      [3, 4],
      [10, 5],
      [40, 1],
    ]);
    expect(percentile(h, 0.5)).toBe(10);
    expect(percentile(h, 0.4)).toBe(3);
    expect(percentile(h, 0.9)).toBe(10);
    expect(percentile(h, 0.91)).toBe(40);
    expect(percentile(new Map(), 0.5)).toBeNull();
  });

  it("presets are this month, quarter and year in the body's zone", () => {
    const now = new Date("2025-12-31T20:00:00Z"); // already 1 January 2026 in Almaty
    expect(readStatsPeriod({ preset: "month" }, now, "Asia/Almaty").period).toEqual({
      from: "2026-01-01",
      to: "2026-01-31",
    });
    expect(readStatsPeriod({ preset: "quarter" }, now, "Europe/Moscow").period).toEqual({
      from: "2025-10-01",
      to: "2025-12-31",
    });
    expect(readStatsPeriod({ preset: "week" }, now, "Asia/Almaty").issues).toHaveLength(1);
    expect(readStatsPeriod({ to: "2024-06-30" }, now, "Asia/Almaty").period.from).toBe(
      "2024-01-01",
    );
  });
});

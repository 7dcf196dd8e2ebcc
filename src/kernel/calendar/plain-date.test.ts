import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  compare,
  dayOfWeek,
  daysInYear,
  isPlainDate,
  lastDayOfMonth,
  plainDate,
  toPlainDate,
} from "./plain-date.js";

describe("plain dates", () => {
  it("accepts real dates and rejects impossible or malformed ones", () => {
    expect(isPlainDate("2024-02-29")).toBe(true);
    expect(isPlainDate("2025-12-31")).toBe(true);
    for (const bad of [
      "2025-02-29",
      "2025-02-30",
      "2025-13-01",
      "2025-00-10",
      "2025-1-1",
      "",
      20250101,
    ]) {
      expect(isPlainDate(bad)).toBe(false);
    }
  });

  it("adds days across months, years and leap days", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2025-03-01", -1)).toBe("2025-02-28");
    expect(plainDate(2025, 1, 32)).toBe("2025-02-01");
  });

  it("gives the day of the week with Sunday as 0", () => {
    expect(dayOfWeek("2025-03-19")).toBe(3);
    expect(dayOfWeek("2025-01-05")).toBe(0);
    expect(dayOfWeek("2026-03-21")).toBe(6);
  });

  it("compares and iterates a year", () => {
    expect(compare("2025-01-02", "2025-01-10")).toBeLessThan(0);
    expect(compare("2025-01-10", "2025-01-10")).toBe(0);
    const days = [...daysInYear(2024)];
    expect(days).toHaveLength(366);
    expect(days[0]).toBe("2024-01-01");
    expect(days.at(-1)).toBe("2024-12-31");
    expect([...daysInYear(2025)]).toHaveLength(365);
  });

  it("takes the local date of an instant in a time zone", () => {
    const lateEvening = new Date("2025-03-19T19:30:00Z");
    expect(toPlainDate(lateEvening, "Asia/Almaty")).toBe("2025-03-20");
    expect(toPlainDate(lateEvening, "Europe/Moscow")).toBe("2025-03-19");
    expect(toPlainDate(lateEvening, "UTC")).toBe("2025-03-19");
  });

  it("throws on invalid input to arithmetic", () => {
    expect(() => addDays("2025-02-30", 1)).toThrow(RangeError);
  });
});

describe("months", () => {
  it("moves by whole months, keeping the day or clamping it to the end of the month", () => {
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2025-12-15", 1)).toBe("2026-01-15");
    expect(addMonths("2025-11-30", 3)).toBe("2026-02-28");
    expect(addMonths("2025-03-19", 0)).toBe("2025-03-19");
    expect(addMonths("2025-03-31", -1)).toBe("2025-02-28");
    expect(addMonths("2025-02-28", -12)).toBe("2024-02-28");
    expect(addMonths("2024-02-29", -12)).toBe("2023-02-28");
    expect(addMonths("2025-01-15", -13)).toBe("2023-12-15");
  });

  it("knows the last day of a month, leap years and rolled-over months included", () => {
    expect(lastDayOfMonth(2024, 2)).toBe("2024-02-29");
    expect(lastDayOfMonth(2025, 2)).toBe("2025-02-28");
    expect(lastDayOfMonth(2025, 12)).toBe("2025-12-31");
    expect(lastDayOfMonth(2025, 13)).toBe("2026-01-31");
    expect(lastDayOfMonth(2025, 0)).toBe("2024-12-31");
  });
});

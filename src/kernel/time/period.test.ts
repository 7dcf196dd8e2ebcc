import { describe, expect, it } from "vitest";
import { cutAt, monthsEndingOn, periodBounds, periodOf, previousPeriod } from "./period.js";

describe("periods", () => {
  it("names the month, quarter and year a day falls in", () => {
    expect(periodOf("month", "2024-02-10")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(periodOf("month", "2025-12-31")).toEqual({ from: "2025-12-01", to: "2025-12-31" });
    expect(periodOf("quarter", "2025-03-31")).toEqual({ from: "2025-01-01", to: "2025-03-31" });
    expect(periodOf("quarter", "2025-05-19")).toEqual({ from: "2025-04-01", to: "2025-06-30" });
    expect(periodOf("quarter", "2025-11-01")).toEqual({ from: "2025-10-01", to: "2025-12-31" });
    expect(periodOf("year", "2025-03-19")).toEqual({ from: "2025-01-01", to: "2025-12-31" });
  });

  it("counts whole months back from a day", () => {
    expect(monthsEndingOn("2025-03-19", 12)).toEqual({ from: "2024-03-20", to: "2025-03-19" });
    expect(monthsEndingOn("2025-03-31", 1)).toEqual({ from: "2025-03-01", to: "2025-03-31" });
    expect(monthsEndingOn("2024-02-29", 12)).toEqual({ from: "2023-03-01", to: "2024-02-29" });
  });

  it("cuts a period at a day, leaving a past one whole", () => {
    const year = periodOf("year", "2025-01-01");
    expect(cutAt(year, "2025-03-19")).toEqual({ from: "2025-01-01", to: "2025-03-19" });
    expect(cutAt(year, "2026-01-05")).toBe(year);
    expect(cutAt(year, "2025-12-31")).toBe(year);
  });

  it("compares whole months with as many months before, other periods with as many days", () => {
    expect(previousPeriod({ from: "2025-01-01", to: "2025-12-31" })).toEqual({
      from: "2024-01-01",
      to: "2024-12-31",
    });
    expect(previousPeriod({ from: "2025-03-01", to: "2025-03-31" })).toEqual({
      from: "2025-02-01",
      to: "2025-02-28",
    });
    expect(previousPeriod({ from: "2025-01-01", to: "2025-02-28" })).toEqual({
      from: "2024-11-01",
      to: "2024-12-31",
    });
    expect(previousPeriod({ from: "2025-03-10", to: "2025-03-19" })).toEqual({
      from: "2025-02-28",
      to: "2025-03-09",
    });
  });

  it("turns a period into the instants of the body's days", () => {
    const march = { from: "2025-03-01", to: "2025-03-31" };
    const before = new Date("2025-03-19T05:00:00Z");
    expect(periodBounds(march, "Asia/Almaty", before)).toEqual({
      start: "2025-02-28T19:00:00.000Z",
      end: "2025-03-31T19:00:00.000Z",
      until: "2025-03-19T05:00:00.000Z",
    });
    const after = new Date("2025-06-01T00:00:00Z");
    expect(periodBounds(march, "Europe/Moscow", after)).toEqual({
      start: "2025-02-28T21:00:00.000Z",
      end: "2025-03-31T21:00:00.000Z",
      until: "2025-03-31T21:00:00.000Z",
    });
    // Kazakhstan moved from UTC+6 to UTC+5 on 1 March 2024: each midnight in its own offset.
    expect(
      periodBounds({ from: "2024-02-01", to: "2024-03-01" }, "Asia/Almaty", after),
    ).toMatchObject({
      start: "2024-01-31T18:00:00.000Z",
      end: "2024-03-01T19:00:00.000Z",
    });
  });

  it("refuses a period that names no real day", () => {
    const now = new Date("2025-03-19T05:00:00Z");
    expect(() => periodBounds({ from: "2025-02-30", to: "2025-03-01" }, "UTC", now)).toThrow(
      RangeError,
    );
  });
});

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

describe("CalendarRegistry.forJurisdiction", () => {
  const registry = createCalendarRegistry([], { fallback: "kz" });

  it("gives a known jurisdiction its own calendar", () => {
    expect(registry.forJurisdiction("ru").rules.code).toBe("ru");
    expect(registry.forJurisdiction("ru").rules.timeZone).toBe("Europe/Moscow");
    expect(createCalendarRegistry([], { fallback: "ru" }).forJurisdiction("kz").rules.code).toBe(
      "kz",
    );
  });

  it("gives an unknown or missing jurisdiction the default one's", () => {
    expect(registry.forJurisdiction("uz").rules.code).toBe("kz");
    expect(registry.forJurisdiction(undefined).rules.code).toBe("kz");
    expect(registry.forJurisdiction(null).rules.timeZone).toBe("Asia/Almaty");
    expect(registry.forJurisdiction("").rules.code).toBe("kz");
    expect(createCalendarRegistry([], { fallback: "ru" }).forJurisdiction("uz").rules.code).toBe(
      "ru",
    );
  });

  it("throws a clear error when the default has no calendar either", () => {
    const misconfigured = createCalendarRegistry([], { fallback: "uz" });
    expect(misconfigured.forJurisdiction("kz").rules.code).toBe("kz");
    expect(() => misconfigured.forJurisdiction("by")).toThrow(
      /jurisdiction "by".*default jurisdiction "uz".*known: kz, ru/,
    );
    expect(() => createCalendarRegistry().forJurisdiction("by")).toThrow(/"by"/);
  });
});

import { dayOfWeek, isPlainDate, yearOf } from "./plain-date.js";

/** A holiday's name in the platform's three interface languages. */
export interface HolidayName {
  kk: string;
  ru: string;
  en: string;
}

/**
 * One year of one jurisdiction's official working-day calendar. Holidays, transfers and
 * Government swaps change by decree every year, so they are data, not code.
 */
export interface CalendarYear {
  /** Jurisdiction code, e.g. "kz". */
  jurisdiction: string;
  year: number;
  /** Where the data comes from (decrees, orders), free text. */
  source: string;
  /** Official non-working holidays on their own dates, weekends included. */
  holidays: { date: string; name: HolidayName }[];
  /** Weekdays that are non-working because of a transfer or a swap. */
  daysOff: { date: string; reason: string }[];
  /** Saturdays or Sundays made working by a swap. */
  workingDays: { date: string; reason: string }[];
}

/** The weekend assumed when validating data without a jurisdiction: Saturday and Sunday. */
export const DEFAULT_WEEKEND: readonly number[] = [0, 6];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const nonEmpty = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

/**
 * Problems with a would-be CalendarYear, as readable sentences; empty when it is valid.
 * Data imported later (from files or the database) goes through this before it is trusted.
 */
export function validateCalendarYear(
  value: unknown,
  weekend: readonly number[] = DEFAULT_WEEKEND,
): string[] {
  if (!isRecord(value)) return ["calendar year must be an object"];
  const problems: string[] = [];
  const { jurisdiction, year, source } = value;
  if (!nonEmpty(jurisdiction)) problems.push("jurisdiction must be a non-empty string");
  const yearOk = typeof year === "number" && Number.isInteger(year) && year >= 1000 && year <= 9999;
  if (!yearOk) problems.push("year must be a four-digit integer");
  if (!nonEmpty(source)) problems.push("source must be a non-empty string");

  const seen = new Map<string, string>();
  const checkList = (
    key: "holidays" | "daysOff" | "workingDays",
    checkEntry: (entry: Record<string, unknown>, where: string) => void,
  ): void => {
    const list = value[key];
    if (!Array.isArray(list)) {
      problems.push(`${key} must be an array`);
      return;
    }
    list.forEach((entry: unknown, i) => {
      const where = `${key}[${i}]`;
      if (!isRecord(entry)) {
        problems.push(`${where} must be an object`);
        return;
      }
      const { date } = entry;
      if (!isPlainDate(date)) {
        problems.push(`${where}.date is not a valid YYYY-MM-DD date: ${JSON.stringify(date)}`);
        return;
      }
      if (yearOk && yearOf(date) !== year) problems.push(`${where}.date ${date} is not in ${year}`);
      const earlier = seen.get(date);
      if (earlier) problems.push(`${where}.date ${date} duplicates ${earlier}`);
      else seen.set(date, where);
      checkEntry(entry, where);
    });
  };

  checkList("holidays", (entry, where) => {
    const name = entry.name;
    if (!isRecord(name)) {
      problems.push(`${where}.name must be an object with kk, ru and en`);
      return;
    }
    for (const lang of ["kk", "ru", "en"] as const) {
      if (!nonEmpty(name[lang])) problems.push(`${where}.name.${lang} must be a non-empty string`);
    }
  });
  checkList("daysOff", (entry, where) => {
    if (!nonEmpty(entry.reason)) problems.push(`${where}.reason must be a non-empty string`);
    if (weekend.includes(dayOfWeek(entry.date as string))) {
      problems.push(`${where}.date ${entry.date} is already a weekend day`);
    }
  });
  checkList("workingDays", (entry, where) => {
    if (!nonEmpty(entry.reason)) problems.push(`${where}.reason must be a non-empty string`);
    if (!weekend.includes(dayOfWeek(entry.date as string))) {
      problems.push(`${where}.date ${entry.date} is not a weekend day`);
    }
  });
  return problems;
}

/** Type guard over validateCalendarYear, for callers that only need yes or no. */
export function isCalendarYear(
  value: unknown,
  weekend: readonly number[] = DEFAULT_WEEKEND,
): value is CalendarYear {
  return validateCalendarYear(value, weekend).length === 0;
}

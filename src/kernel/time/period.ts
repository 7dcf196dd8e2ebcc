import {
  addDays,
  addMonths,
  compare,
  lastDayOfMonth,
  type PlainDate,
  parts,
  plainDate,
} from "../calendar/plain-date.js";
import { localToUtc } from "./local-time.js";

/**
 * The span a body's figures are counted over: whole days on the body's own clock, both ends
 * included. Every capability's measures, the statistics pages and API and the open data take
 * periods in this one sense, so a figure means the same wherever it is shown.
 */
export interface Period {
  from: PlainDate;
  to: PlainDate;
}

/** The calendar units a period can be named by ("this month", "this quarter", "this year"). */
export const PERIOD_UNITS = ["month", "quarter", "year"] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

/** The calendar month, quarter or year that `day` falls in. */
export function periodOf(unit: PeriodUnit, day: PlainDate): Period {
  const { year, month } = parts(day);
  if (unit === "year") return { from: plainDate(year, 1, 1), to: plainDate(year, 12, 31) };
  const first = unit === "month" ? month : Math.floor((month - 1) / 3) * 3 + 1;
  const last = unit === "month" ? month : first + 2;
  return { from: plainDate(year, first, 1), to: lastDayOfMonth(year, last) };
}

/** The `months` whole months that end on `to` (twelve months to 29 February start on 1 March). */
export function monthsEndingOn(to: PlainDate, months: number): Period {
  return { from: addDays(addMonths(to, -months), 1), to };
}

/** `period` ending no later than `day`: a year still running is counted to today, not beyond. */
export function cutAt(period: Period, day: PlainDate): Period {
  return compare(period.to, day) > 0 ? { from: period.from, to: day } : period;
}

/**
 * The period just before, for comparison: as many whole months when the period is whole months
 * (a calendar year is compared with the year before), otherwise as many days.
 */
export function previousPeriod(period: Period): Period {
  const f = parts(period.from);
  const t = parts(period.to);
  const to = addDays(period.from, -1);
  if (f.day === 1 && period.to === lastDayOfMonth(t.year, t.month)) {
    const months = (t.year - f.year) * 12 + (t.month - f.month) + 1;
    return { from: addMonths(period.from, -months), to };
  }
  let days = 0;
  for (let d = period.from; compare(d, period.to) <= 0; d = addDays(d, 1)) days++;
  return { from: addDays(period.from, -days), to };
}

/**
 * The instants a period covers in a time zone, for figures kept as instants, as ISO 8601 UTC
 * text like the stored instants they are compared with: `start` is the first day's local
 * midnight, `end` the midnight after the last day (not included), and `until` the end or `now`
 * when that is sooner, since what has not happened yet cannot count.
 */
export function periodBounds(
  period: Period,
  timeZone: string,
  now: Date,
): { start: string; end: string; until: string } {
  const midnight = (day: PlainDate) => {
    const at = localToUtc(`${day}T00:00`, timeZone);
    if (!at) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(day)}`);
    return at;
  };
  const start = midnight(period.from);
  const end = midnight(addDays(period.to, 1));
  return {
    start: start.toISOString(),
    end: end.toISOString(),
    until: (now < end ? now : end).toISOString(),
  };
}

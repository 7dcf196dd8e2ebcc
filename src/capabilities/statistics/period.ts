import { addDays, compare, isPlainDate, toPlainDate } from "../../kernel/calendar/index.js";
import type { FieldIssue } from "../../kernel/result.js";
import {
  monthsEndingOn,
  PERIOD_UNITS,
  type Period,
  type PeriodUnit,
  periodOf,
} from "../../kernel/time/period.js";

/** The longest period one request may ask for: three years. */
export const MAX_PERIOD_DAYS = 3 * 366;

/**
 * The period asked for, or the last twelve months up to today (in the body's zone) when none is.
 * Dates must be real, in order and at most three years apart.
 */
export function readPeriod(
  query: { from?: string | undefined; to?: string | undefined },
  now: Date,
  timeZone: string,
): { period: Period; issues: FieldIssue[] } {
  const today = toPlainDate(now, timeZone);
  const to = query.to?.trim() || today;
  const from = query.from?.trim() || (isPlainDate(to) ? monthsEndingOn(to, 12).from : today);
  const issues: FieldIssue[] = [];
  if (!isPlainDate(from)) issues.push({ field: "from", key: "statistics.error.date" });
  if (!isPlainDate(to)) issues.push({ field: "to", key: "statistics.error.date" });
  if (issues.length === 0) {
    if (compare(from, to) > 0) issues.push({ field: "from", key: "statistics.error.order" });
    else if (compare(addDays(from, MAX_PERIOD_DAYS), to) < 0) {
      issues.push({ field: "from", key: "statistics.error.too_long" });
    }
  }
  return { period: { from, to }, issues };
}

/** Ready-made periods of the statistics pages: the current month, quarter or year. */
export const PRESETS: readonly PeriodUnit[] = PERIOD_UNITS;

/**
 * The period of the appeal statistics: a preset (this month, quarter or year), or from/to; this
 * calendar year when nothing is asked for. A missing end is the end of this year, a missing
 * start the first of January of the end's year.
 */
export function readStatsPeriod(
  query: { from?: string | undefined; to?: string | undefined; preset?: string | undefined },
  now: Date,
  timeZone: string,
): { period: Period; issues: FieldIssue[] } {
  const today = toPlainDate(now, timeZone);
  const preset = query.preset?.trim();
  if (preset) {
    if (!(PRESETS as readonly string[]).includes(preset)) {
      return {
        period: periodOf("year", today),
        issues: [{ field: "preset", key: "statistics.error.preset" }],
      };
    }
    return { period: periodOf(preset as PeriodUnit, today), issues: [] };
  }
  const to = query.to?.trim() || periodOf("year", today).to;
  const from = query.from?.trim() || (isPlainDate(to) ? periodOf("year", to).from : to);
  return readPeriod({ from, to }, now, timeZone);
}

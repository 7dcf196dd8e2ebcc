import { addDays, compare, isPlainDate, toPlainDate } from "../../kernel/calendar/index.js";
import type { FieldIssue } from "../../kernel/result.js";
import { addMonths } from "../appeals/deadlines.js";

/** The longest period one request may ask for: three years. */
export const MAX_PERIOD_DAYS = 3 * 366;

export interface Period {
  from: string;
  to: string;
}

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
  const from = query.from?.trim() || (isPlainDate(to) ? addDays(addMonths(to, -12), 1) : today);
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

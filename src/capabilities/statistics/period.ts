import {
  addDays,
  compare,
  isPlainDate,
  parts,
  plainDate,
  toPlainDate,
} from "../../kernel/calendar/index.js";
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

/** Ready-made periods of the statistics pages, around today. */
export const PRESETS = ["month", "quarter", "year"] as const;
export type Preset = (typeof PRESETS)[number];

const monthEnd = (year: number, month: number) =>
  plainDate(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate());

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
  const { year, month } = parts(today);
  const preset = query.preset?.trim();
  if (preset) {
    if (!(PRESETS as readonly string[]).includes(preset)) {
      return {
        period: { from: plainDate(year, 1, 1), to: plainDate(year, 12, 31) },
        issues: [{ field: "preset", key: "statistics.error.preset" }],
      };
    }
    if (preset === "month")
      return { period: { from: plainDate(year, month, 1), to: monthEnd(year, month) }, issues: [] };
    if (preset === "quarter") {
      const first = Math.floor((month - 1) / 3) * 3 + 1;
      return {
        period: { from: plainDate(year, first, 1), to: monthEnd(year, first + 2) },
        issues: [],
      };
    }
    return { period: { from: plainDate(year, 1, 1), to: plainDate(year, 12, 31) }, issues: [] };
  }
  const to = query.to?.trim() || plainDate(year, 12, 31);
  const from = query.from?.trim() || (isPlainDate(to) ? plainDate(parts(to).year, 1, 1) : to);
  return readPeriod({ from, to }, now, timeZone);
}

/**
 * A calendar date as `YYYY-MM-DD`, without time or zone. Working-day arithmetic is about
 * dates, not instants, so it stays in UTC and never sees daylight-saving or offset changes.
 */
export type PlainDate = string;

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** The parts of a plain date; throws RangeError when `d` is not a real date. */
export function parts(d: PlainDate): { year: number; month: number; day: number } {
  const m = PATTERN.exec(d);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    const t = new Date(Date.UTC(year, month - 1, day));
    if (t.getUTCFullYear() === year && t.getUTCMonth() === month - 1 && t.getUTCDate() === day) {
      return { year, month, day };
    }
  }
  throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(d)}`);
}

/** True for a `YYYY-MM-DD` string naming a date that exists (rejects 2025-02-30, 2025-13-01). */
export function isPlainDate(s: unknown): s is PlainDate {
  if (typeof s !== "string") return false;
  try {
    parts(s);
    return true;
  } catch {
    return false;
  }
}

/** Builds a plain date from numbers (month 1–12); out-of-range parts roll over like Date.UTC. */
export function plainDate(year: number, month: number, day: number): PlainDate {
  return fromUtc(Date.UTC(year, month - 1, day));
}

function toUtc(d: PlainDate): number {
  const { year, month, day } = parts(d);
  return Date.UTC(year, month - 1, day);
}

function fromUtc(ms: number): PlainDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The date `n` days after `d` (before, when `n` is negative). */
export function addDays(d: PlainDate, n: number): PlainDate {
  return fromUtc(toUtc(d) + n * DAY_MS);
}

/** The last day of month `month` (1–12; others roll over into the next or previous years). */
export function lastDayOfMonth(year: number, month: number): PlainDate {
  return plainDate(year, month + 1, 0);
}

/** `d` plus whole months (minus, when negative); the 31st of a shorter month becomes its last day. */
export function addMonths(d: PlainDate, months: number): PlainDate {
  const { year, month, day } = parts(d);
  const last = parts(lastDayOfMonth(year, month + months)).day;
  return plainDate(year, month + months, Math.min(day, last));
}

/** Day of the week, 0 = Sunday … 6 = Saturday, as in `Date.prototype.getDay`. */
export function dayOfWeek(d: PlainDate): number {
  return new Date(toUtc(d)).getUTCDay();
}

/** The year of a plain date. */
export function yearOf(d: PlainDate): number {
  return parts(d).year;
}

/** Sort order of two plain dates: negative, zero or positive. */
export function compare(a: PlainDate, b: PlainDate): number {
  return Math.sign(toUtc(a) - toUtc(b));
}

/** Every date of `year`, 1 January to 31 December, in order. */
export function* daysInYear(year: number): Generator<PlainDate> {
  const end = Date.UTC(year + 1, 0, 1);
  for (let t = Date.UTC(year, 0, 1); t < end; t += DAY_MS) yield fromUtc(t);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The local date of an instant in an IANA time zone (e.g. `Asia/Almaty`): a message sent at
 * 23:30 in Almaty is registered on that Almaty date, whatever the server's zone.
 */
export function toPlainDate(date: Date, timeZone: string): PlainDate {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(date).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

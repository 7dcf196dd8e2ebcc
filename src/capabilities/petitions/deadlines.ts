import { type PlainDate, toPlainDate, type WorkingCalendar } from "../../kernel/calendar/index.js";

/** Today in the body's time zone. */
export function todayIn(calendar: WorkingCalendar, now: Date): PlainDate {
  return toPlainDate(now, calendar.rules.timeZone);
}

/**
 * The last day of a term of `days` working days started on `start` (the start day not
 * counted); holidays and weekends of the body's calendar are skipped.
 */
export function dueAfter(calendar: WorkingCalendar, start: PlainDate, days: number): PlainDate {
  return calendar.addWorkingDays(start, days);
}

/** `at` plus whole calendar months (the 31st of a shorter month becomes its last day). */
export function addMonthsToInstant(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

import {
  addDays,
  addMonths,
  compare,
  isPlainDate,
  type PlainDate,
  toPlainDate,
  type WorkingCalendar,
} from "../../kernel/calendar/index.js";
import type { AppealProfile, Term } from "./profiles.js";

const timeFormatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time `HH:MM` of an instant in a time zone. */
export function localTime(at: Date, timeZone: string): string {
  let f = timeFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    timeFormatters.set(timeZone, f);
  }
  return f.format(at);
}

/**
 * The day an appeal is registered: the day it arrives while the office is open (before the
 * close of a working day), otherwise the next working day (APPK art. 64 p.3).
 */
export function registrationDay(
  receivedAt: Date,
  profile: AppealProfile,
  calendar: WorkingCalendar,
): PlainDate {
  const day = toPlainDate(receivedAt, profile.timeZone);
  if (
    calendar.isWorkingDay(day) &&
    localTime(receivedAt, profile.timeZone) < profile.officeHours.closes
  ) {
    return day;
  }
  return calendar.nextWorkingDay(day);
}

/**
 * The last day of a term counted from `from` (the start day itself not counted). A term in
 * calendar days that ends on a non-working day moves to the next working day (art. 76 p.5).
 */
export function endOfTerm(calendar: WorkingCalendar, from: PlainDate, term: Term): PlainDate {
  if (term.unit === "working") return calendar.addWorkingDays(from, term.days);
  return calendar.workingDayOnOrAfter(addDays(from, term.days));
}

/**
 * The latest day an extension decided on `decidedOn` may run to: counted from the decision, or
 * from the current due date `dueOn` where the profile prolongs the term itself.
 */
export function extensionLimit(
  calendar: WorkingCalendar,
  profile: AppealProfile,
  decidedOn: PlainDate,
  dueOn?: PlainDate,
): PlainDate {
  const { maxMonths, maxDays, countedFrom } = profile.extension;
  const base = countedFrom === "due" && dueOn ? dueOn : decidedOn;
  const end = addDays(addMonths(base, maxMonths), maxDays);
  return calendar.workingDayOnOrAfter(end);
}

/** Why an extension to `until` cannot be granted, or null when it can. */
export function extensionProblem(
  calendar: WorkingCalendar,
  profile: AppealProfile,
  input: { until: string; today: PlainDate; dueOn: PlainDate; extensionsSoFar: number },
): "invalid_date" | "not_later" | "beyond_limit" | "no_more" | null {
  if (!isPlainDate(input.until)) return "invalid_date";
  if (input.extensionsSoFar >= profile.extension.times) return "no_more";
  if (compare(input.until, input.dueOn) <= 0) return "not_later";
  if (compare(input.until, extensionLimit(calendar, profile, input.today, input.dueOn)) > 0) {
    return "beyond_limit";
  }
  return null;
}

/** The last day a complaint against an answer (or a silence) given on `from` may be filed. */
export function complaintWindowEnd(profile: AppealProfile, from: PlainDate): PlainDate {
  return addMonths(from, profile.complaint.fileWithinMonths);
}

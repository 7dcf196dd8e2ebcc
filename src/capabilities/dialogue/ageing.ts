import type { PlainDate, WorkingCalendar } from "../../kernel/calendar/index.js";
import { toPlainDate } from "../../kernel/calendar/index.js";
import type { AppContext } from "../../platform/manifest.js";

/** Today on the body's clock. */
export function todayOf(ctx: AppContext, cal: WorkingCalendar): PlainDate {
  return toPlainDate(ctx.clock.now(), cal.rules.timeZone);
}

/** The date of an instant on the body's clock. */
export function dayOf(at: Date, cal: WorkingCalendar): PlainDate {
  return toPlainDate(at, cal.rules.timeZone);
}

/**
 * Working days a question has waited, or took, for its answer: counted from the day it was
 * asked (moderation is the body's time too), the day of asking not counted.
 */
export function workingDaysWaited(
  cal: WorkingCalendar,
  askedOn: PlainDate,
  until: PlainDate,
): number {
  return Math.max(0, cal.workingDaysBetween(askedOn, until));
}

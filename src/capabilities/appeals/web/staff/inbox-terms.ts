import { type PlainDate, toPlainDate } from "../../../../kernel/calendar/index.js";
import type { AppContext } from "../../../../platform/manifest.js";
import type { InboxFilter } from "../../appeal.repository.js";
import {
  type NearestTerm,
  nearestTerm,
  overdueBound,
  type TermRow,
  termBound,
} from "../../nearest-term.js";
import { appealProfile } from "../../profiles.js";

/** Working days each "due" choice of the inbox looks ahead ("soon": STAFF_TASKS_DUE_DAYS). */
const WITHIN: Record<string, number> = { within_5: 5, within_10: 10 };

/** The terms of one body's appeals on its calendar, as of `today` there. */
export function termContext(ctx: AppContext, jurisdiction: string, today: PlainDate) {
  const calendar = ctx.calendars.forJurisdiction(jurisdiction);
  const profile = appealProfile(jurisdiction);
  return {
    calendar,
    profile,
    today,
    soonDays: ctx.config.staffTasks.dueDays,
    nearest: (row: TermRow): NearestTerm | null => nearestTerm(row, calendar, profile, today),
  };
}

/** A body's "today" on its own calendar. */
export function bodyToday(ctx: AppContext, jurisdiction: string): PlainDate {
  const calendar = ctx.calendars.forJurisdiction(jurisdiction);
  return toPlainDate(ctx.clock.now(), calendar.rules.timeZone);
}

/**
 * The inbox filter for a "due" choice: "overdue", a nearest term already missed; the others, a
 * nearest term from today to N working days ahead (the redirect and return terms included).
 */
export function dueFilter(
  due: string,
  c: ReturnType<typeof termContext>,
): Pick<InboxFilter, "termBy" | "termNotBy"> {
  const missed = overdueBound(c.calendar, c.profile, c.today);
  if (due === "overdue") return { termBy: missed };
  const days = due === "soon" ? c.soonDays : WITHIN[due];
  if (days === undefined) return {};
  const limit = c.calendar.addWorkingDays(c.today, days);
  return { termBy: termBound(c.calendar, c.profile, c.today, limit), termNotBy: missed };
}

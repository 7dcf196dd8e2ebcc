/**
 * The nearest statutory term an open appeal is under, of whatever kind: the body's three
 * working days to redirect it by competence or to return it, the applicant's term to correct
 * it (then the body's term to return it), the term to forward a complaint to the higher body,
 * and the term to answer (as extended). The inbox and the register show it; the inbox filters
 * on it with bounds computed here, so the database never needs the calendar.
 */
import {
  addDays,
  compare,
  type PlainDate,
  type WorkingCalendar,
} from "../../kernel/calendar/index.js";
import { isOpen } from "./appeal.js";
import type { AppealRow } from "./appeal.repository.js";
import { endOfTerm } from "./deadlines.js";
import type { AppealProfile, Term } from "./profiles.js";

export const TERM_KINDS = [
  "answer",
  "extended",
  "forward",
  "redirect",
  "return",
  "correction",
] as const;
export type TermKind = (typeof TERM_KINDS)[number];

export interface NearestTerm {
  kind: TermKind;
  on: PlainDate;
  overdue: boolean;
}

export type TermRow = Pick<
  AppealRow,
  | "status"
  | "kind"
  | "procedure"
  | "complaint_of_id"
  | "registered_on"
  | "due_on"
  | "extended_at"
  | "correction_due_on"
>;

/** A complaint filed with the body that acted: its own term is the term to forward it. */
const isComplaintToForward = (r: TermRow) =>
  r.kind === "complaint" && r.procedure === "full" && r.complaint_of_id !== null;

/**
 * Every term the appeal is under today, the answer's first (so it wins a tie: a complaint's
 * forwarding term is its answer term). The redirect and return terms run while the appeal is
 * not yet taken into work (registered, not assigned): assigning it accepts it as competent.
 */
export function openTerms(
  row: TermRow,
  calendar: WorkingCalendar,
  profile: AppealProfile,
  today: PlainDate,
): { kind: TermKind; on: PlainDate }[] {
  if (!isOpen(row.status)) return [];
  const terms: { kind: TermKind; on: PlainDate }[] = [
    {
      kind: isComplaintToForward(row) ? "forward" : row.extended_at ? "extended" : "answer",
      on: row.due_on,
    },
  ];
  if (row.status === "registered") {
    terms.push({ kind: "redirect", on: endOfTerm(calendar, row.registered_on, profile.redirect) });
    terms.push({
      kind: "return",
      on: endOfTerm(calendar, row.registered_on, profile.returnOrTerminate),
    });
  }
  if (row.status === "awaiting_correction" && row.correction_due_on) {
    terms.push(
      compare(today, row.correction_due_on) <= 0
        ? { kind: "correction", on: row.correction_due_on }
        : {
            kind: "return",
            on: endOfTerm(calendar, row.correction_due_on, profile.returnOrTerminate),
          },
    );
  }
  return terms;
}

/** The earliest open term (the first listed on a tie), overdue when it ended before today. */
export function nearestTerm(
  row: TermRow,
  calendar: WorkingCalendar,
  profile: AppealProfile,
  today: PlainDate,
): NearestTerm | null {
  let best: { kind: TermKind; on: PlainDate } | null = null;
  for (const term of openTerms(row, calendar, profile, today)) {
    if (!best || compare(term.on, best.on) < 0) best = term;
  }
  return best ? { ...best, overdue: compare(best.on, today) < 0 } : null;
}

/**
 * What "the nearest term ends on or before `limit`" means in columns the database holds: the
 * answer term by `limit`, a registered appeal registered by `registeredBy`, or an appeal
 * awaiting correction whose correction term (before today: whose return term) ends by then.
 */
export interface TermBound {
  today: PlainDate;
  limit: PlainDate;
  registeredBy: PlainDate;
  correctionBy: PlainDate;
}

/** The latest start from which `term` ends on or before `limit` (terms grow with their start). */
function latestStart(calendar: WorkingCalendar, term: Term, limit: PlainDate): PlainDate {
  let d = limit;
  while (compare(endOfTerm(calendar, d, term), limit) > 0) d = addDays(d, -1);
  return d;
}

/** The bound for "nearest term on or before `limit`", for the SQL filter. */
export function termBound(
  calendar: WorkingCalendar,
  profile: AppealProfile,
  today: PlainDate,
  limit: PlainDate,
): TermBound {
  const redirect = latestStart(calendar, profile.redirect, limit);
  const close = latestStart(calendar, profile.returnOrTerminate, limit);
  return {
    today,
    limit,
    registeredBy: compare(redirect, close) >= 0 ? redirect : close,
    correctionBy: close,
  };
}

/** The bound for terms already missed: those that ended before today. */
export function overdueBound(
  calendar: WorkingCalendar,
  profile: AppealProfile,
  today: PlainDate,
): TermBound {
  return termBound(calendar, profile, today, addDays(today, -1));
}

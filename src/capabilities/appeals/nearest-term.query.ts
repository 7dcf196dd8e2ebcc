import type { ExpressionBuilder } from "kysely";
import type { Database } from "../../db/schema.js";
import { OPEN_STATUSES } from "./appeal.js";
import type { TermBound } from "./nearest-term.js";

/**
 * "The nearest term ends by the bound" as a condition on the appeals' own columns (the
 * bound carries the calendar's answer): see `openTerms` for the terms it mirrors. Each branch
 * is false, never null, for a row it does not cover, so the condition may be negated.
 */
export function nearestTermBy(b: TermBound) {
  return (eb: ExpressionBuilder<Database, "appeals">) =>
    eb.and([
      eb("appeals.status", "in", [...OPEN_STATUSES]),
      eb.or([
        eb("appeals.due_on", "<=", b.limit),
        eb.and([
          eb("appeals.status", "=", "registered"),
          eb("appeals.registered_on", "<=", b.registeredBy),
        ]),
        eb.and([
          eb("appeals.status", "=", "awaiting_correction"),
          eb("appeals.correction_due_on", "is not", null),
          eb.or([
            eb.and([
              eb("appeals.correction_due_on", ">=", b.today),
              eb("appeals.correction_due_on", "<=", b.limit),
            ]),
            eb.and([
              eb("appeals.correction_due_on", "<", b.today),
              eb("appeals.correction_due_on", "<=", b.correctionBy),
            ]),
          ]),
        ]),
      ]),
    ]);
}

import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { Database } from "../../../db/schema.js";
import { OPEN_STATUSES } from "../appeal.js";

/**
 * The inbox's tabs by stage: every open appeal (the default), new and unassigned, with the
 * executor, awaiting approval, sent back for redrafting, decided or closed, and everything.
 */
export const INBOX_STAGES = [
  "open",
  "new",
  "in_work",
  "approval",
  "sent_back",
  "done",
  "all",
] as const;
export type InboxStage = (typeof INBOX_STAGES)[number];

/**
 * The condition of a stage on `appeals`. An appeal sent back keeps its draft (`answer_drafted_at`)
 * while it is in work again: that is how it is told from one not yet answered.
 */
export function stageWhere(
  eb: ExpressionBuilder<Database, "appeals">,
  stage: InboxStage,
): Expression<SqlBool> {
  switch (stage) {
    case "open":
      return eb("status", "in", OPEN_STATUSES);
    case "new":
      return eb.and([eb("status", "=", "registered"), eb("executor_id", "is", null)]);
    case "in_work":
      return eb.and([eb("status", "=", "in_progress"), eb("answer_drafted_at", "is", null)]);
    case "approval":
      return eb("status", "=", "awaiting_approval");
    case "sent_back":
      return eb.and([eb("status", "=", "in_progress"), eb("answer_drafted_at", "is not", null)]);
    case "done":
      return eb("status", "not in", OPEN_STATUSES);
    case "all":
      return eb.and([]);
  }
}

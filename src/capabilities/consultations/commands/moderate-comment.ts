import { appendAudit } from "../../../kernel/audit/audit.js";
import type { Principal } from "../../../kernel/permissions.js";
import { conflict, forbidden, invalid, notFound, ok, type Result } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { HIDE_REASONS } from "../consultation.js";
import { inTransaction } from "./transaction.js";

/**
 * Hides a comment for a reason from the published list. The text stays in the database and
 * is copied into the audit record with the reason; the pages show only the reason.
 */
export async function hideComment(
  ctx: AppContext,
  principal: Principal,
  consultationId: string,
  commentId: string,
  reason: string,
): Promise<Result<{ id: string }>> {
  const row = await ctx.db.kysely
    .selectFrom("consultation_comments as k")
    .innerJoin("consultations as c", "c.id", "k.consultation_id")
    .select(["k.id", "k.body", "k.hidden_at", "c.agency_id"])
    .where("k.id", "=", commentId)
    .where("k.consultation_id", "=", consultationId)
    .executeTakeFirst();
  if (!row) return notFound();
  if (!ctx.policy.can(principal, "consultation.moderate", { agencyId: row.agency_id }))
    return forbidden();
  if (!(HIDE_REASONS as readonly string[]).includes(reason)) {
    return invalid([{ field: "reason", key: "consultations.errors.hide_reason_required" }]);
  }
  return inTransaction(ctx, async (trx) => {
    const at = ctx.clock.now().toISOString();
    const done = await trx
      .updateTable("consultation_comments")
      .set({ hidden_at: at, hidden_reason: reason, hidden_by_id: principal.accountId })
      .where("id", "=", commentId)
      .where("hidden_at", "is", null)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1)
      return conflict("CONFLICT", { reason: "already_hidden" });
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: "staff" },
        action: "consultation.comment_hidden",
        subjectType: "consultation_comment",
        subjectId: commentId,
        reason,
        data: { consultationId, text: row.body },
      },
    ]);
    return ok({ id: commentId });
  });
}

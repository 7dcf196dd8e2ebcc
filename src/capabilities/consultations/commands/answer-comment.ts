import { appendAudit } from "../../../kernel/audit/audit.js";
import type { Principal } from "../../../kernel/permissions.js";
import {
  conflict,
  type FieldIssue,
  forbidden,
  invalid,
  notFound,
  ok,
  type Result,
} from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { ANSWERS, REASON_MAX } from "../consultation.js";
import { inTransaction } from "./transaction.js";

/**
 * The body's answer to a comment: accepted, partly accepted or rejected, always with reasons.
 * It may be changed until the report of the comment's version is published.
 */
export async function answerComment(
  ctx: AppContext,
  principal: Principal,
  consultationId: string,
  commentId: string,
  input: { answer: string; reason: string },
): Promise<Result<{ id: string }>> {
  const row = await ctx.db.kysely
    .selectFrom("consultation_comments as k")
    .innerJoin("consultations as c", "c.id", "k.consultation_id")
    .innerJoin("consultation_versions as v", "v.id", "k.version_id")
    .select(["k.id", "k.hidden_at", "k.answer", "c.agency_id", "v.report_published_at"])
    .where("k.id", "=", commentId)
    .where("k.consultation_id", "=", consultationId)
    .executeTakeFirst();
  if (!row) return notFound();
  if (!ctx.policy.can(principal, "consultation.manage", { agencyId: row.agency_id }))
    return forbidden();
  const reason = input.reason.replace(/\r\n?/g, "\n").trim();
  const issues: FieldIssue[] = [];
  if (!(ANSWERS as readonly string[]).includes(input.answer))
    issues.push({ field: "answer", key: "consultations.errors.answer_required" });
  if (!reason) issues.push({ field: "reason", key: "consultations.errors.reason_required" });
  else if (reason.length > REASON_MAX)
    issues.push({
      field: "reason",
      key: "consultations.errors.too_long",
      params: { max: REASON_MAX },
    });
  if (issues.length > 0) return invalid(issues);
  if (row.hidden_at !== null) return conflict("CONFLICT", { reason: "hidden" });
  if (row.report_published_at !== null) return conflict("CONFLICT", { reason: "reported" });
  return inTransaction(ctx, async (trx) => {
    const at = ctx.clock.now().toISOString();
    const done = await trx
      .updateTable("consultation_comments")
      .set({
        answer: input.answer,
        answer_reason: reason,
        answered_at: at,
        answered_by_id: principal.accountId,
      })
      .where("id", "=", commentId)
      .where("hidden_at", "is", null)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) return conflict("CONFLICT", { reason: "hidden" });
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: "staff" },
        action: row.answer ? "consultation.answer_changed" : "consultation.answered",
        subjectType: "consultation_comment",
        subjectId: commentId,
        reason,
        data: { consultationId, answer: input.answer },
      },
    ]);
    return ok({ id: commentId });
  });
}

import { inTransaction } from "../../../db/database.js";
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
import { dayOf } from "../ageing.js";
import { notifyAsker } from "../notify.js";
import { isRejectReason, nextStatus, questionIssues } from "../question.js";
import { bodyById, questionById, updateQuestionFrom } from "../question.repository.js";

/** A moderator's decision; on approval, the text to publish when it must differ from the asker's. */
export type ModerationInput =
  | { decision: "approve"; subject?: string | undefined; text?: string | undefined }
  | { decision: "reject"; reason: string };

/**
 * The body's moderator publishes a question or refuses it for a reason from the published list.
 * The asker's words are kept either way (an edit, e.g. taking out someone's personal data,
 * changes only what the public reads), and the asker is told by e-mail.
 */
export async function moderateQuestion(
  ctx: AppContext,
  principal: Principal,
  id: string,
  input: ModerationInput,
): Promise<Result<{ id: string; status: string }>> {
  const db = ctx.db.kysely;
  const question = await questionById(db, id);
  if (!question) return notFound();
  if (!ctx.policy.can(principal, "dialogue.moderate", { agencyId: question.agency_id }))
    return forbidden();
  const to = nextStatus(question.status, input.decision);
  if (!to) return conflict("CONFLICT", { status: question.status });
  const body = await bodyById(db, question.agency_id);
  if (!body) return notFound();
  const now = ctx.clock.now();
  const at = now.toISOString();
  let changes: Parameters<typeof updateQuestionFrom>[3];
  let issues: FieldIssue[] = [];
  let reason: string | null = null;
  let edited = false;
  if (input.decision === "approve") {
    const subject = input.subject?.trim() || question.subject;
    const text = input.text?.trim() || question.body;
    issues = questionIssues(subject, text);
    edited = subject !== question.subject || text !== question.body;
    changes = {
      status: to,
      published_subject: subject,
      published_body: text,
      published_on: dayOf(now, ctx.calendars.forJurisdiction(body.jurisdiction)),
    };
  } else {
    if (isRejectReason(input.reason)) reason = input.reason;
    else issues = [{ field: "reason", key: "dialogue.errors.reason_missing" }];
    changes = { status: to, reject_reason: reason };
  }
  if (issues.length > 0) return invalid(issues);
  const changed = await inTransaction(db, async (trx) => {
    const done = await updateQuestionFrom(trx, id, question.status as "pending", {
      ...changes,
      moderated_at: at,
      moderated_by_id: principal.accountId,
      updated_at: at,
    });
    if (!done) return false;
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: principal.kind },
        action:
          input.decision === "approve"
            ? "dialogue.question.approved"
            : "dialogue.question.rejected",
        subjectType: "dialogue_question",
        subjectId: id,
        reason,
        data: { agencyId: question.agency_id, edited },
      },
    ]);
    await notifyAsker(
      trx,
      ctx,
      question,
      body,
      input.decision === "approve" ? "approved" : "rejected",
      reason ? { reason } : {},
    );
    return true;
  });
  if (!changed) return conflict("CONFLICT");
  ctx.mail.kick();
  ctx.pageCache.invalidate();
  return ok({ id, status: to });
}

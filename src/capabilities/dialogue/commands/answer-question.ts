import { inTransaction } from "../../../db/database.js";
import { appendAudit } from "../../../kernel/audit/audit.js";
import type { Principal } from "../../../kernel/permissions.js";
import { conflict, forbidden, invalid, notFound, ok, type Result } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { dayOf } from "../ageing.js";
import { notifyAsker } from "../notify.js";
import { answerIssues, nextStatus } from "../question.js";
import { bodyById, questionById, updateQuestionFrom } from "../question.repository.js";

/**
 * The head or their office answers a published question in public; the answer and its date
 * appear under the question, the waiting stops, and the asker is told by e-mail.
 */
export async function answerQuestion(
  ctx: AppContext,
  principal: Principal,
  id: string,
  input: { text: string },
): Promise<Result<{ id: string }>> {
  const db = ctx.db.kysely;
  const question = await questionById(db, id);
  if (!question) return notFound();
  if (!ctx.policy.can(principal, "dialogue.answer", { agencyId: question.agency_id }))
    return forbidden();
  if (!nextStatus(question.status, "answer"))
    return conflict("CONFLICT", { status: question.status });
  const text = input.text.trim();
  const issues = answerIssues(text);
  if (issues.length > 0) return invalid(issues);
  const body = await bodyById(db, question.agency_id);
  if (!body) return notFound();
  const now = ctx.clock.now();
  const at = now.toISOString();
  const changed = await inTransaction(db, async (trx) => {
    const done = await updateQuestionFrom(trx, id, "published", {
      status: "answered",
      answer_body: text,
      answered_at: at,
      answered_on: dayOf(now, ctx.calendars.forJurisdiction(body.jurisdiction)),
      answered_by_id: principal.accountId,
      updated_at: at,
    });
    if (!done) return false;
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: principal.kind },
        action: "dialogue.question.answered",
        subjectType: "dialogue_question",
        subjectId: id,
        data: { agencyId: question.agency_id },
      },
    ]);
    await notifyAsker(trx, ctx, question, body, "answered");
    return true;
  });
  if (!changed) return conflict("CONFLICT");
  ctx.mail.kick();
  ctx.pageCache.invalidate();
  return ok({ id });
}

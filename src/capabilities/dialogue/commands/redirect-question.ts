import { inTransaction } from "../../../db/database.js";
import { appendAudit } from "../../../kernel/audit/audit.js";
import type { Principal } from "../../../kernel/permissions.js";
import { conflict, forbidden, invalid, notFound, ok, type Result } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { notifyAsker } from "../notify.js";
import { bodyById, headsOf, questionById, updateQuestionFrom } from "../question.repository.js";

/**
 * A question outside the body's competence, waiting for moderation, moves to the competent
 * body, which takes questions (it has a head); it waits there for that body's moderator. The
 * asker is told by e-mail through the outbox, and the move is audited, in one transaction.
 */
export async function redirectQuestion(
  ctx: AppContext,
  principal: Principal,
  id: string,
  toAgencyId: string,
): Promise<Result<{ id: string; agencyId: string }>> {
  const db = ctx.db.kysely;
  const question = await questionById(db, id);
  if (!question) return notFound();
  if (!ctx.policy.can(principal, "dialogue.moderate", { agencyId: question.agency_id }))
    return forbidden();
  if (question.status !== "pending") return conflict("CONFLICT", { status: question.status });
  const [from, to] = await Promise.all([
    bodyById(db, question.agency_id),
    toAgencyId && toAgencyId !== question.agency_id ? bodyById(db, toAgencyId) : undefined,
  ]);
  if (!from) return notFound();
  if (!to || (await headsOf(db, to.id)).length === 0)
    return invalid([{ field: "agency", key: "dialogue.redirect.errors.agency" }]);
  const at = ctx.clock.now().toISOString();
  const moved = await inTransaction(db, async (trx) => {
    const done = await updateQuestionFrom(trx, id, "pending", { agency_id: to.id, updated_at: at });
    if (!done) return false;
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: principal.kind },
        action: "dialogue.question.redirected",
        subjectType: "dialogue_question",
        subjectId: id,
        data: { from: from.id, to: to.id },
      },
    ]);
    await notifyAsker(trx, ctx, question, to, "redirected", {}, from);
    return true;
  });
  if (!moved) return conflict("CONFLICT");
  ctx.mail.kick();
  return ok({ id, agencyId: to.id });
}

import { inTransaction } from "../../../db/database.js";
import { appendAudit } from "../../../kernel/audit/audit.js";
import type { Principal } from "../../../kernel/permissions.js";
import { conflict, forbidden, notFound, ok, type Result } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { isPublic } from "../question.js";
import { addSupport, questionById, removeSupport } from "../question.repository.js";

/** Where a person's support stands after the step: theirs, and everyone's. */
export interface SupportState {
  supported: boolean;
  supporters: number;
}

/**
 * "I have this question too", or its withdrawal. Once per person (asking again changes
 * nothing), only on a public question, never on one's own.
 */
export async function supportQuestion(
  ctx: AppContext,
  principal: Principal,
  id: string,
  support: boolean,
): Promise<Result<SupportState>> {
  const db = ctx.db.kysely;
  const question = await questionById(db, id);
  if (!question || !isPublic(question.status)) return notFound();
  if (!ctx.policy.can(principal, "dialogue.support", { agencyId: question.agency_id }))
    return forbidden();
  if (question.asker_account_id === principal.accountId) return conflict("CONFLICT");
  const now = ctx.clock.now().toISOString();
  const changed = await inTransaction(db, async (trx) => {
    const done = support
      ? await addSupport(trx, id, principal.accountId, now)
      : await removeSupport(trx, id, principal.accountId);
    if (done) {
      await appendAudit(trx, ctx.clock, [
        {
          actor: { id: principal.accountId, label: principal.kind },
          action: support ? "dialogue.question.supported" : "dialogue.question.support_withdrawn",
          subjectType: "dialogue_question",
          subjectId: id,
        },
      ]);
    }
    return done;
  });
  if (changed) ctx.pageCache.invalidate();
  const after = await questionById(db, id);
  return ok({ supported: support, supporters: after?.supporters ?? 0 });
}

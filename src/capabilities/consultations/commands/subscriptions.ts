import { appendAudit } from "../../../kernel/audit/audit.js";
import type { Principal } from "../../../kernel/permissions.js";
import { forbidden, notFound, ok, type Result } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { findDraft } from "../consultation.repository.js";
import { inTransaction } from "./transaction.js";

/**
 * Subscribes (or, with `on` false, unsubscribes) a person to a draft: they are mailed when its
 * report or a new version is published. Repeating either is harmless.
 */
export async function setSubscription(
  ctx: AppContext,
  principal: Principal,
  consultationId: string,
  on: boolean,
): Promise<Result<{ subscribed: boolean }>> {
  const found = await findDraft(ctx.db.kysely, consultationId);
  if (!found) return notFound();
  if (
    !ctx.policy.can(principal, "consultation.subscribe", { agencyId: found.consultation.agency_id })
  )
    return forbidden();
  return inTransaction(ctx, async (trx) => {
    const changed = on
      ? await trx
          .insertInto("consultation_subscriptions")
          .values({
            consultation_id: consultationId,
            account_id: principal.accountId,
            created_at: ctx.clock.now().toISOString(),
          })
          .onConflict((oc) => oc.columns(["consultation_id", "account_id"]).doNothing())
          .executeTakeFirst()
          .then((r) => Number(r.numInsertedOrUpdatedRows ?? 0n))
      : await trx
          .deleteFrom("consultation_subscriptions")
          .where("consultation_id", "=", consultationId)
          .where("account_id", "=", principal.accountId)
          .executeTakeFirst()
          .then((r) => Number(r.numDeletedRows));
    if (changed > 0) {
      await appendAudit(trx, ctx.clock, [
        {
          actor: { id: principal.accountId, label: principal.kind },
          action: on ? "consultation.subscribed" : "consultation.unsubscribed",
          subjectType: "consultation",
          subjectId: consultationId,
        },
      ]);
    }
    return ok({ subscribed: on });
  });
}

import { appendAudit } from "../../../kernel/audit/audit.js";
import type { Principal } from "../../../kernel/permissions.js";
import { conflict, forbidden, notFound, ok, type Result } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";

/** How many items one person may report in an hour: enough for a reader, too few to flood a queue. */
export const REPORTS_PER_HOUR = 20;

/**
 * A signed-in person reports a published comment or question to its body's moderators. A
 * second report of the same item by the same person changes nothing; more than the hourly
 * limit is refused with `RATE_LIMITED`.
 */
export async function reportItem(
  ctx: AppContext,
  principal: Principal,
  kind: string,
  id: string,
): Promise<Result<{ counted: boolean }>> {
  if (!ctx.policy.can(principal, "moderation.report")) return forbidden();
  const source = ctx.moderation.find((s) => s.kind === kind && s.reportable);
  const item = source?.reportable ? await source.reportable(ctx, id) : null;
  if (!source || !item) return notFound();
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - 3_600_000).toISOString();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const recent = await trx
      .selectFrom("moderation_reports")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("account_id", "=", principal.accountId)
      .where("created_at", ">", since)
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= REPORTS_PER_HOUR) return conflict("RATE_LIMITED");
    const done = await trx
      .insertInto("moderation_reports")
      .values({
        kind: source.kind,
        item_id: id,
        account_id: principal.accountId,
        agency_id: item.agencyId,
        created_at: now.toISOString(),
      })
      .onConflict((oc) => oc.columns(["kind", "item_id", "account_id"]).doNothing())
      .executeTakeFirst();
    const counted = Number(done.numInsertedOrUpdatedRows ?? 0) === 1;
    if (counted)
      await appendAudit(trx, ctx.clock, [
        {
          actor: { id: principal.accountId, label: principal.kind },
          action: "moderation.reported",
          subjectType: `moderation_${source.kind}`,
          subjectId: id,
          data: { agencyId: item.agencyId },
        },
      ]);
    return ok({ counted });
  });
}

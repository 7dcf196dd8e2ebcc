import { appendAudit } from "../../../kernel/audit/audit.js";
import type { Principal } from "../../../kernel/permissions.js";
import { conflict, forbidden, notFound, ok, type Result } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { bodyDays, findDraft } from "../consultation.repository.js";
import { notifySubscribers } from "../notify.js";
import { inTransaction } from "./transaction.js";

/**
 * Publishes the report on the results of the discussion of the current version. Only once its
 * window has closed and every comment not hidden by the moderator has the body's answer,
 * because the report is built from those answers. Subscribers are told.
 */
export async function publishReport(
  ctx: AppContext,
  principal: Principal,
  consultationId: string,
): Promise<Result<{ version: number; comments: number }>> {
  const found = await findDraft(ctx.db.kysely, consultationId);
  if (!found) return notFound();
  const { consultation, version } = found;
  if (!ctx.policy.can(principal, "consultation.manage", { agencyId: consultation.agency_id }))
    return forbidden();
  return inTransaction(ctx, async (trx) => {
    const days = await bodyDays(ctx, trx, consultation.agency_id);
    if (version.report_published_at !== null) return conflict("CONFLICT", { reason: "reported" });
    if (days.today <= version.closes_on) return conflict("CONFLICT", { reason: "window_open" });
    const counts = await trx
      .selectFrom("consultation_comments")
      .select([
        (eb) => eb.fn.countAll<number | string>().as("all"),
        (eb) =>
          eb.fn
            .sum<number | string | null>(
              eb
                .case()
                .when(eb.and([eb("hidden_at", "is", null), eb("answer", "is", null)]))
                .then(1)
                .else(0)
                .end(),
            )
            .as("unanswered"),
      ])
      .where("version_id", "=", version.id)
      .executeTakeFirstOrThrow();
    const unanswered = Number(counts.unanswered ?? 0);
    if (unanswered > 0) return conflict("CONFLICT", { reason: "unanswered", n: unanswered });
    const at = ctx.clock.now().toISOString();
    const done = await trx
      .updateTable("consultation_versions")
      .set({ report_published_at: at, report_published_by_id: principal.accountId })
      .where("id", "=", version.id)
      .where("report_published_at", "is", null)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) return conflict("CONFLICT", { reason: "reported" });
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: "staff" },
        action: "consultation.report_published",
        subjectType: "consultation",
        subjectId: consultationId,
        data: { version: version.number, comments: Number(counts.all) },
      },
    ]);
    await notifySubscribers(ctx, trx, consultation, "report", { version: version.number });
    return ok({ version: version.number, comments: Number(counts.all) });
  });
}

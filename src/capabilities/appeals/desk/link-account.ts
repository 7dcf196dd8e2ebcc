import { appendAudit } from "../../../kernel/audit/audit.js";
import type { Principal } from "../../../kernel/permissions.js";
import { conflict, forbidden, invalid, notFound, ok, type Result } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { findApplicantAccount } from "../../identity/index.js";
import { findAppealById, updateAppeal } from "../appeal.repository.js";
import { loadVisibleAppeal } from "../commands/appeal-actions.js";
import { notifyApplicant } from "../notify.js";

/**
 * Links an appeal registered at the desk to the applicant's account, chosen by the registrar
 * (or head) from the applicant search: the person then sees it in "My Halyq" and its page and
 * links open for them. Only an appeal with no account yet and a named applicant; the account's
 * IIN, when it has one, must be the IIN on the appeal. The change, its audit record and the
 * notice to the person (through the account, with the appeal's link) are one transaction.
 */
export async function linkAppealToAccount(
  ctx: AppContext,
  principal: Principal,
  number: string,
  accountId: string,
): Promise<Result<{ number: string }>> {
  const found = await loadVisibleAppeal(ctx, principal, number);
  if (!found) return notFound();
  const { row } = found;
  const agency = { agencyId: row.agency_id };
  if (
    !ctx.policy.can(principal, "appeal.register", agency) ||
    !ctx.policy.can(principal, "identity.find_applicant", agency)
  )
    return forbidden();
  if (row.applicant_account_id || row.applicant_type === "anonymous" || row.organisation_id)
    return conflict("CONFLICT", { status: row.status });
  const account = await findApplicantAccount(ctx.db.kysely, { id: accountId });
  if (!account || (row.applicant_iin && account.iin && account.iin !== row.applicant_iin))
    return invalid([{ field: "accountId", key: "appeals.desk_card.error.link_account" }]);
  const result = await ctx.db.kysely.transaction().execute(async (trx) => {
    const current = await findAppealById(trx, row.id);
    if (!current || current.applicant_account_id)
      return conflict("CONFLICT", { status: row.status });
    const now = ctx.clock.now().toISOString();
    if (!(await updateAppeal(trx, current, { applicant_account_id: account.id, updated_at: now })))
      return conflict("CONFLICT", { status: row.status });
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: "registrar" },
        action: "appeal.account_linked",
        subjectType: "appeal",
        subjectId: row.id,
        data: { account: account.id, verified: account.verified },
      },
    ]);
    // The person hears of it with a link that now opens for them.
    await notifyApplicant(trx, ctx, { ...current, applicant_account_id: account.id }, "registered");
    return ok({ number: current.number });
  });
  if (result.kind === "ok") ctx.mail.kick();
  return result;
}

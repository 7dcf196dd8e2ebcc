import type { Translate } from "../../kernel/i18n.js";
import type { Principal } from "../../kernel/permissions.js";
import type { AppContext } from "../../platform/manifest.js";
import type { AppealRow } from "./appeal.repository.js";

/**
 * The appeal as this person may read it: for someone without the right to applicants'
 * personal data (an analyst), the name reads «скрыто» and the IIN/BIN, e-mail, phone and
 * postal address are gone before any page is drawn, so no page can show them.
 */
export function asReadableBy(
  ctx: AppContext,
  principal: Principal,
  row: AppealRow,
  t: Translate,
): AppealRow {
  if (ctx.policy.can(principal, "appeal.personal_data", { agencyId: row.agency_id })) return row;
  return {
    ...row,
    applicant_name: t("appeals.staff.personal_data.hidden"),
    applicant_iin: null,
    applicant_bin: null,
    applicant_email: null,
    applicant_phone: null,
    applicant_address: null,
  };
}

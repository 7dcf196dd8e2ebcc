import type { Translate } from "../../../../kernel/i18n.js";

/**
 * A status as the body's staff read it. The applicant's wording speaks to the applicant
 * ("waiting for your correction"); staff are told whose move it is ("waiting for the
 * applicant's correction"). Other statuses read the same on both sides.
 */
export function staffStatus(t: Translate, status: string): string {
  return status === "awaiting_correction"
    ? t("appeals.staff.status.awaiting_correction")
    : t(`appeals.status.${status}`);
}

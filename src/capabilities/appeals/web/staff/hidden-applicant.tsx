import type { Translate } from "../../../../kernel/i18n.js";

/**
 * The applicant as someone without the right to personal data sees them (an analyst): the
 * kind of applicant and «скрыто», never a name, IIN, contact or address. The page never holds
 * the data at all, so nothing is merely hidden from view.
 */
export function HiddenApplicant({ t, type }: { t: Translate; type: string }) {
  return (
    <>
      {t(`appeals.staff.applicant_type.${type}`)}{" "}
      <span class="govuk-hint govuk-!-margin-bottom-0">
        ({t("appeals.staff.personal_data.hidden")})
      </span>
    </>
  );
}

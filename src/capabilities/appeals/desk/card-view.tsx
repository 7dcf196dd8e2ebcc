import type { Locale, Translate } from "../../../kernel/i18n.js";
import { formatDate, formatNumber } from "../../../web/format.js";
import type { AppealRow } from "../appeal.repository.js";
import { SummaryList } from "../web/staff/components.js";
import type { DeskCardView } from "./card-data.js";

/** The rows of a registration card, for the case page and the slip. */
export function cardRows(t: Translate, locale: Locale, view: DeskCardView) {
  const c = view.card;
  if (!c) return [];
  const from =
    c.correspondent === "body" && view.correspondentBody
      ? `${t("appeals.desk_card.correspondent_value.body")}: ${view.correspondentBody}`
      : t(`appeals.desk_card.correspondent_value.${c.correspondent}`);
  return [
    { key: t("appeals.desk_card.letter_number"), value: c.letterNumber },
    {
      key: t("appeals.desk_card.letter_date"),
      value: c.letterDate ? formatDate(c.letterDate, locale, "long") : null,
    },
    {
      key: t("appeals.desk_card.sheets"),
      value: c.sheets === null ? null : formatNumber(c.sheets, locale),
    },
    {
      key: t("appeals.desk_card.correspondent"),
      value: c.correspondentReference ? `${from} (${c.correspondentReference})` : from,
    },
    {
      key: t("appeals.desk_card.delivery"),
      value: t(`appeals.desk_card.delivery_value.${c.answerDelivery}`),
    },
    {
      key: t("appeals.desk_card.under_control"),
      value: t(`appeals.desk_card.under_control_${c.underControl ? "yes" : "no"}`),
    },
  ];
}

/** Whether the appeal is linked to the applicant's account, said for staff. */
export function accountText(
  t: Translate,
  row: Pick<AppealRow, "applicant_account_id" | "applicant_type">,
  view: DeskCardView,
) {
  if (row.applicant_type === "anonymous") return null;
  return row.applicant_account_id
    ? t("appeals.desk_card.account_linked", { name: view.linkedName ?? "" })
    : t("appeals.desk_card.account_not_linked");
}

/**
 * The card on the case page: its fields, the letter's scans (downloads for staff only), the
 * link to the applicant's account and, while there is none, the way to find and link it.
 */
export function CardSection(p: {
  t: Translate;
  locale: Locale;
  row: AppealRow;
  view: DeskCardView;
  canLink: boolean;
}) {
  const { t, row, view } = p;
  // Filed online or relayed by an integrator: the person's own account or none, no card.
  if (!view.card && view.scans.length === 0 && (row.channel === "online" || row.channel === "api"))
    return null;
  const number = encodeURIComponent(row.number);
  return (
    <section aria-labelledby="desk-card">
      <h2 class="govuk-heading-m" id="desk-card">
        {t("appeals.desk_card.heading")}
      </h2>
      <SummaryList
        rows={[
          ...cardRows(t, p.locale, view),
          { key: t("appeals.desk_card.account"), value: accountText(t, row, view) },
        ]}
      />
      {view.card ? (
        <>
          <h3 class="govuk-heading-s">{t("appeals.desk_card.scans")}</h3>
          {view.scans.length === 0 ? (
            <p class="govuk-body">{t("appeals.desk_card.no_scans")}</p>
          ) : (
            <ul class="govuk-list">
              {view.scans.map((s) => (
                <li key={s.id}>
                  <a
                    class="govuk-link"
                    href={`/appeals/${number}/attachments/${encodeURIComponent(s.id)}`}
                    download
                  >
                    {s.fileName}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      {p.canLink && !row.applicant_account_id && row.applicant_type !== "anonymous" ? (
        <p class="govuk-body">
          <a
            class="govuk-link"
            href={`/office/appeals/applicants?agency=${encodeURIComponent(row.agency_id)}&appeal=${number}${row.applicant_iin ? `&q=${row.applicant_iin}` : ""}`}
          >
            {t("appeals.desk_card.find_account")}
          </a>
        </p>
      ) : null}
    </section>
  );
}

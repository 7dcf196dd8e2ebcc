import type { Locale, Translate } from "../../../../kernel/i18n.js";
import { SuccessBanner } from "../../../../web/components/notices.js";
import { formatDate } from "../../../../web/format.js";
import type { AppealRow } from "../../appeal.repository.js";
import type { DeskCardView } from "../../desk/card-data.js";
import { accountText, cardRows } from "../../desk/card-view.js";
import { SummaryList } from "./components.js";
import { formatDateTime } from "./scope.js";

export interface SlipPageProps {
  t: Translate;
  locale: Locale;
  row: AppealRow;
  agencyName: string;
  timeZone: string;
  /** Who accepted it: their name and their roles in the body; null when it came online. */
  acceptedBy: { name: string; roles: string[] } | null;
  justRegistered: boolean;
  card: DeskCardView;
  /** The card's IIN belongs to an account whose holder's identity is not verified. */
  unverifiedMatch: boolean;
}

/** The registration slip (APPK art. 64 p.2): what the person takes away, printable as it is. */
export function SlipPage(p: SlipPageProps) {
  const { t, locale, row } = p;
  const accepted = p.acceptedBy
    ? p.acceptedBy.roles.length > 0
      ? `${p.acceptedBy.name}, ${p.acceptedBy.roles.map((r) => t(`appeals.staff.role.${r}`)).join(", ")}`
      : p.acceptedBy.name
    : t(
        `appeals.staff.registered_by.${row.registered_by_label === "transfer" ? "transfer" : "online"}`,
      );
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <div class="govuk-!-display-none-print">
          <SuccessBanner
            title={t("appeals.staff.done.title")}
            text={p.justRegistered ? t("appeals.staff.slip.registered") : undefined}
          />
        </div>
        <span class="govuk-caption-l">{p.agencyName}</span>
        <h1 class="govuk-heading-l">{t("appeals.staff.slip.title")}</h1>
        <div class="govuk-panel govuk-panel--confirmation">
          <h2 class="govuk-panel__title">{t("appeals.staff.slip.number")}</h2>
          <div class="govuk-panel__body">
            <strong>{row.number}</strong>
          </div>
        </div>
        {row.status === "attached" || row.status === "terminated" ? (
          <div class="govuk-inset-text">{t(`appeals.staff.slip.status_${row.status}`)}</div>
        ) : null}
        <SummaryList
          rows={[
            { key: t("appeals.staff.slip.body"), value: p.agencyName },
            {
              key: t("appeals.staff.field.received"),
              value: formatDateTime(row.received_at, locale, p.timeZone),
            },
            {
              key: t("appeals.staff.field.registered"),
              value: formatDate(row.registered_on, locale),
            },
            { key: t("appeals.staff.field.due"), value: formatDate(row.due_on, locale) },
            { key: t("appeals.staff.field.kind"), value: t(`appeals.kind.${row.kind}`) },
            { key: t("appeals.staff.field.channel"), value: t(`appeals.channel.${row.channel}`) },
            { key: t("appeals.staff.field.subject"), value: row.subject },
            {
              key: t("appeals.staff.field.applicant"),
              value: row.applicant_name ?? t("appeals.staff.anonymous"),
            },
            ...cardRows(t, locale, p.card),
            { key: t("appeals.staff.slip.accepted_by"), value: accepted },
            { key: t("appeals.desk_card.account"), value: accountText(t, row, p.card) },
            {
              key: t("appeals.staff.slip.hash"),
              value: <span class="halyq-code">{row.registration_hash}</span>,
            },
          ]}
        />
        <p class="govuk-body">{t("appeals.staff.slip.follow")}</p>
        <div class="govuk-!-display-none-print">
          {p.unverifiedMatch && !row.applicant_account_id ? (
            <div class="govuk-inset-text">
              <p class="govuk-body">{t("appeals.desk_card.account_unverified")}</p>
              <a
                class="govuk-link"
                href={`/office/appeals/applicants?agency=${encodeURIComponent(row.agency_id)}&appeal=${encodeURIComponent(row.number)}`}
              >
                {t("appeals.desk_card.find_account")}
              </a>
            </div>
          ) : null}
          <p class="govuk-body">{t("appeals.staff.slip.print_hint")}</p>
          <ul class="govuk-list">
            <li>
              <a class="govuk-link" href={`/office/appeals/${encodeURIComponent(row.number)}`}>
                {t("appeals.staff.slip.open_case")}
              </a>
            </li>
            <li>
              <a class="govuk-link" href="/office/appeals/new">
                {t("appeals.staff.slip.another")}
              </a>
            </li>
          </ul>
        </div>
      </div>
    </div>
  );
}

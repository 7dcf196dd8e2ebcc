import type { ComponentChildren } from "preact";
import type { Locale, Translate } from "../../../../kernel/i18n.js";
import { SummaryRow } from "../../../../web/components/kit.js";
import { formatDate } from "../../../../web/format.js";
import type { AppealRow } from "../../appeal.repository.js";
import { formatDateTime, StatusTag } from "./shared.js";

/** Who accepted the appeal, as the slip must say (APPK art. 64 p.2). */
export function acceptedBy(row: AppealRow, t: Translate, source: string | null): string {
  if (row.channel === "online" || row.channel === "api") return t("appeals.citizen.slip.automatic");
  if (row.registered_by_label === "transfer") {
    return source
      ? t("appeals.citizen.slip.transferred", { from: source })
      : t("appeals.citizen.slip.automatic");
  }
  return row.registered_by_label;
}

/** The earlier appeal a duplicate was joined to (it alone is answered). */
export interface Joined {
  number: string;
  dueOn: string;
}

/** What a joined appeal says: which earlier appeal it joined and that one's single due date. */
export function JoinedNotice(p: { t: Translate; locale: Locale; joined: Joined }) {
  const { t, joined } = p;
  return (
    <div class="govuk-inset-text" id="joined">
      <p class="govuk-body">
        {t("appeals.citizen.slip.joined_text", {
          earlier: joined.number,
          due: formatDate(joined.dueOn, p.locale, "long"),
        })}
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href={`/appeals/${encodeURIComponent(joined.number)}`}>
          {t("appeals.citizen.slip.joined_link", { earlier: joined.number })}
        </a>
      </p>
    </div>
  );
}

/** The registration slip: the proof of filing, made to be printed. */
export function SlipPage(p: {
  t: Translate;
  locale: Locale;
  row: AppealRow;
  agency: string;
  timeZone: string;
  accepted: string;
  justFiled: boolean;
  /** The earlier appeal this one was joined to as a duplicate, or null. */
  joined?: Joined | null;
  /** What other capabilities offer just after filing (e.g. the portal survey). */
  afterFiling?: ComponentChildren;
}) {
  const { t, locale, row } = p;
  const n = encodeURIComponent(row.number);
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        {p.justFiled ? (
          <div class="govuk-panel govuk-panel--confirmation">
            <h1 class="govuk-panel__title">
              {t(p.joined ? "appeals.citizen.slip.joined_title" : "appeals.citizen.slip.sent")}
            </h1>
            <div class="govuk-panel__body">
              {t("appeals.citizen.slip.your_number")}
              <br />
              <strong>{row.number}</strong>
            </div>
          </div>
        ) : (
          <h1 class="govuk-heading-l">{t("appeals.citizen.slip.title")}</h1>
        )}
        {p.joined ? <JoinedNotice t={t} locale={locale} joined={p.joined} /> : null}
        {p.justFiled ? <h2 class="govuk-heading-m">{t("appeals.citizen.slip.title")}</h2> : null}
        <dl class="govuk-summary-list">
          <SummaryRow label={t("appeals.citizen.appeal.number")}>{row.number}</SummaryRow>
          <SummaryRow label={t("appeals.citizen.slip.received")}>
            {formatDateTime(row.received_at, locale, p.timeZone)}
          </SummaryRow>
          <SummaryRow label={t("appeals.citizen.appeal.registered_on")}>
            {formatDate(row.registered_on, locale, "long")}
          </SummaryRow>
          <SummaryRow label={t("appeals.citizen.appeal.due")}>
            {formatDate(p.joined?.dueOn ?? row.due_on, locale, "long")}
          </SummaryRow>
          <SummaryRow label={t("appeals.citizen.appeal.agency")}>{p.agency}</SummaryRow>
          <SummaryRow label={t("appeals.citizen.appeal.kind")}>
            {t(`appeals.kind.${row.kind}`)}
          </SummaryRow>
          <SummaryRow label={t("appeals.citizen.appeal.channel")}>
            {t(`appeals.channel.${row.channel}`)}
          </SummaryRow>
          <SummaryRow label={t("appeals.citizen.slip.accepted_by")}>{p.accepted}</SummaryRow>
          <SummaryRow label={t("appeals.citizen.appeal.status")}>
            <StatusTag t={t} status={row.status} />
          </SummaryRow>
          <SummaryRow label={t("appeals.citizen.slip.hash")}>
            <code class="halyq-code">{row.registration_hash}</code>
          </SummaryRow>
        </dl>
        <p class="govuk-body">{t("appeals.citizen.slip.hash_hint")}</p>
        <p class="govuk-body">{t("appeals.citizen.slip.print_hint")}</p>
        <p class="govuk-body">
          <a class="govuk-link" href={`/appeals/${n}`}>
            {t("appeals.citizen.slip.to_appeal")}
          </a>
        </p>
        {p.justFiled ? p.afterFiling : null}
      </div>
    </div>
  );
}

import type { Translate } from "../../../kernel/i18n.js";
import { ErrorSummary, FieldError } from "../../../web/components/error-summary.js";
import { SubmitButton } from "../../../web/components/fields.js";
import { ResponsiveTable } from "../../../web/components/table.js";
import { CSRF_FIELD } from "../../../web/csrf-plugin.js";
import type { DeskApplicant } from "../../identity/index.js";

export interface ApplicantsPageProps {
  t: Translate;
  csrf: string;
  agencyId: string;
  bodyName: string;
  query: string;
  /** null before a search; the accounts found otherwise. */
  results: DeskApplicant[] | null;
  /** The query is too short or not an IIN, phone number or name. */
  unclear: boolean;
  /** The appeal to link, when the search was opened from its case page or slip. */
  appeal: string | null;
  linked: boolean;
}

/**
 * The registrar's applicant search: by IIN, name or phone; each account found can get a new
 * appeal at the desk or, opened from an appeal, be linked to it. Every search is audited.
 */
export function ApplicantsPage(p: ApplicantsPageProps) {
  const { t } = p;
  const enc = encodeURIComponent;
  const issues = p.unclear ? [{ field: "q", key: "appeals.desk_card.search.short" }] : [];
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <ErrorSummary t={t} issues={issues} fieldIds={{}} />
        {p.linked ? (
          <div class="govuk-notification-banner govuk-notification-banner--success" role="alert">
            <div class="govuk-notification-banner__content">
              <p class="govuk-notification-banner__heading">
                {t("appeals.desk_card.search.linked_done")}
              </p>
            </div>
          </div>
        ) : null}
        <span class="govuk-caption-l">
          {p.appeal ? t("appeals.desk_card.search.for_appeal", { number: p.appeal }) : p.bodyName}
        </span>
        <h1 class="govuk-heading-l">{t("appeals.desk_card.search.title")}</h1>
        <p class="govuk-body">{t("appeals.desk_card.search.lead")}</p>
        <form method="get" action="/office/appeals/applicants" novalidate>
          <input type="hidden" name="agency" value={p.agencyId} />
          {p.appeal ? <input type="hidden" name="appeal" value={p.appeal} /> : null}
          <div class={`govuk-form-group${p.unclear ? " govuk-form-group--error" : ""}`}>
            <label class="govuk-label govuk-label--s" for="q">
              {t("appeals.desk_card.search.label")}
            </label>
            <FieldError t={t} issues={issues} field="q" id="q-error" />
            <input
              class={`govuk-input govuk-input--width-20${p.unclear ? " govuk-input--error" : ""}`}
              id="q"
              name="q"
              type="search"
              value={p.query}
              maxLength={100}
              autocomplete="off"
              spellcheck={false}
              aria-describedby={p.unclear ? "q-error" : undefined}
            />
          </div>
          <SubmitButton secondary>{t("appeals.desk_card.search.button")}</SubmitButton>
        </form>
      </div>
      {p.results ? (
        <div class="govuk-grid-column-full">
          <ResponsiveTable
            id="applicants"
            caption={t("appeals.desk_card.search.results")}
            mode="stack"
            rows={p.results}
            rowKey={(r) => r.id}
            empty={t("appeals.desk_card.search.none")}
            columns={[
              {
                key: "name",
                header: t("appeals.desk_card.search.name"),
                rowHeader: true,
                cell: (r) => r.name,
              },
              { key: "iin", header: t("appeals.staff.field.iin"), cell: (r) => r.iin ?? "" },
              {
                key: "contacts",
                header: t("appeals.desk_card.search.contacts"),
                cell: (r) => [r.email, r.phone].filter(Boolean).join(", "),
              },
              {
                key: "identity",
                header: t("appeals.desk_card.search.identity"),
                cell: (r) => t(`appeals.desk_card.search.${r.verified ? "verified" : "declared"}`),
              },
              {
                key: "action",
                header: t("appeals.desk_card.search.action"),
                cell: (r) =>
                  p.appeal ? (
                    <form method="post" action={`/office/appeals/${enc(p.appeal)}/link-account`}>
                      <input type="hidden" name={CSRF_FIELD} value={p.csrf} />
                      <input type="hidden" name="accountId" value={r.id} />
                      <button type="submit" class="govuk-button govuk-!-margin-bottom-0">
                        {t("appeals.desk_card.search.link")}
                        <span class="govuk-visually-hidden">: {r.name}</span>
                      </button>
                    </form>
                  ) : (
                    <a
                      class="govuk-link"
                      href={`/office/appeals/new?agency=${enc(p.agencyId)}&account=${enc(r.id)}`}
                    >
                      {t("appeals.desk_card.search.register_for")}
                      <span class="govuk-visually-hidden">: {r.name}</span>
                    </a>
                  ),
              },
            ]}
          />
        </div>
      ) : null}
    </div>
  );
}

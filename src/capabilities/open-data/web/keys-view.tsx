import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { ErrorSummary } from "../../../web/components/error-summary.js";
import { Form, SubmitButton, TextField } from "../../../web/components/fields.js";
import { SuccessBanner } from "../../../web/components/notices.js";
import { formatDateTime } from "../../../web/format.js";
import type { ApiKeyRow } from "../open311/api-keys.js";

const when = (iso: string, locale: Locale) => formatDateTime(iso, locale, "Asia/Almaty");

/** The administrators' page of Open311 keys: the keys, a form to issue one, each revocable. */
export function KeysPage(p: {
  t: Translate;
  locale: Locale;
  csrf: string;
  keys: (ApiKeyRow & { revokedReason?: string | null })[];
  issues: FieldIssue[];
  values: { name: string; organisation: string; contact: string };
  /** A key just issued: shown this once, never again. */
  issued?: { key: string; name: string } | undefined;
  notice?: string | undefined;
}) {
  const { t } = p;
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <a href="/admin" class="govuk-back-link">
          {t("open_data.keys.back")}
        </a>
        <ErrorSummary t={t} issues={p.issues} />
        <h1 class="govuk-heading-l">{t("open_data.keys.title")}</h1>
        <SuccessBanner title={t("open_data.keys.notice_title")} text={p.notice} />
        {p.issued ? (
          <section class="govuk-panel govuk-panel--confirmation" aria-labelledby="issued-title">
            <h2 class="govuk-panel__title" id="issued-title">
              {t("open_data.keys.issued_title", { name: p.issued.name })}
            </h2>
            <div class="govuk-panel__body">
              <code class="halyq-code" id="issued-key">
                {p.issued.key}
              </code>
            </div>
          </section>
        ) : null}
        {p.issued ? (
          <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong class="govuk-warning-text__text">
              <span class="govuk-visually-hidden">{t("open_data.keys.warning")}</span>
              {t("open_data.keys.shown_once")}
            </strong>
          </div>
        ) : null}
        <p class="govuk-body">{t("open_data.keys.lead")}</p>
        {p.keys.length > 0 ? (
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">
              {t("open_data.keys.list_caption", { count: p.keys.length })}
            </caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  {t("open_data.keys.name")}
                </th>
                <th scope="col" class="govuk-table__header">
                  {t("open_data.keys.organisation")}
                </th>
                <th scope="col" class="govuk-table__header">
                  {t("open_data.keys.issued_at")}
                </th>
                <th scope="col" class="govuk-table__header">
                  {t("open_data.keys.state")}
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {p.keys.map((k) => (
                <tr key={k.id} class="govuk-table__row">
                  <td class="govuk-table__cell">
                    {k.name}
                    <br />
                    <span class="govuk-body-s">{k.contact}</span>
                  </td>
                  <td class="govuk-table__cell">{k.organisation}</td>
                  <td class="govuk-table__cell">{when(k.created_at, p.locale)}</td>
                  <td class="govuk-table__cell">
                    {k.revoked_at ? (
                      <>
                        <strong class="govuk-tag govuk-tag--grey">
                          {t("open_data.keys.revoked")}
                        </strong>{" "}
                        <span class="govuk-body-s">{when(k.revoked_at, p.locale)}</span>
                        {k.revokedReason ? (
                          <>
                            <br />
                            <span class="govuk-body-s">
                              {t("open_data.keys.confirm.recorded_reason", {
                                reason: k.revokedReason,
                              })}
                            </span>
                          </>
                        ) : null}
                      </>
                    ) : (
                      <a
                        class="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
                        href={`/admin/open311-keys/${k.id}/revoke`}
                      >
                        {t("open_data.keys.revoke")}
                        <span class="govuk-visually-hidden">: {k.name}</span>
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="govuk-body">{t("open_data.keys.none")}</p>
        )}
        <h2 class="govuk-heading-m">{t("open_data.keys.new_title")}</h2>
        <Form action="/admin/open311-keys" csrf={p.csrf}>
          <TextField
            t={t}
            name="name"
            label={t("open_data.keys.name")}
            hint={t("open_data.keys.name_hint")}
            value={p.values.name}
            issues={p.issues}
            maxLength={200}
          />
          <TextField
            t={t}
            name="organisation"
            label={t("open_data.keys.organisation")}
            value={p.values.organisation}
            issues={p.issues}
            maxLength={200}
          />
          <TextField
            t={t}
            name="contact"
            label={t("open_data.keys.contact")}
            hint={t("open_data.keys.contact_hint")}
            value={p.values.contact}
            issues={p.issues}
            maxLength={200}
          />
          <SubmitButton>{t("open_data.keys.issue")}</SubmitButton>
        </Form>
      </div>
    </div>
  );
}

import type { Locale, Translate } from "../../../kernel/i18n.js";
import { IDENTITY_DOCUMENTS } from "../../../kernel/identity-assurance.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { ErrorSummary } from "../../../web/components/error-summary.js";
import { Form, SubmitButton } from "../../../web/components/fields.js";
import { Input, Radios, Select } from "../../../web/components/form-fields.js";
import { SummaryRow } from "../../../web/components/kit.js";
import { SuccessBanner } from "../../../web/components/notices.js";
import { fullName } from "../account.js";
import type { AccountRow } from "../account.repository.js";
import { assuranceOf } from "../account.repository.js";

export interface DeskValues {
  agencyId: string;
  documentKind: string;
  documentReference: string;
  iin: string;
  accountCode: string;
}

/**
 * The registrar's desk: find a citizen's account by e-mail or IIN, then record the check of
 * their identity document. Works without JavaScript: a GET search, a POST to record.
 */
export function DeskPage(p: {
  t: Translate;
  locale: Locale;
  csrf: string;
  query: string;
  searched: boolean;
  account: AccountRow | undefined;
  bodies: { id: string; name: string }[];
  values: DeskValues;
  issues: FieldIssue[];
  problem?: string | undefined;
  done?: "verified" | "verified_released" | "released" | undefined;
}) {
  const { t, account } = p;
  const level = account ? assuranceOf(account.identity_assurance) : null;
  return (
    <>
      <SuccessBanner
        title={t("identity.desk.done_title")}
        text={p.done ? t(`identity.desk.done.${p.done}`) : undefined}
      />
      <ErrorSummary t={t} issues={p.issues} />
      {p.problem ? (
        <div class="govuk-error-summary" data-module="govuk-error-summary">
          <div role="alert">
            <h2 class="govuk-error-summary__title">{t("identity.desk.problem_title")}</h2>
            <div class="govuk-error-summary__body">
              <p class="govuk-body">{p.problem}</p>
            </div>
          </div>
        </div>
      ) : null}
      <h1 class="govuk-heading-xl">{t("identity.desk.title")}</h1>
      <p class="govuk-body-l">{t("identity.desk.lead")}</p>
      <form method="get" action="/office/identity" novalidate>
        <Input
          t={t}
          id="q"
          label={t("identity.desk.search_label")}
          hint={t("identity.desk.search_hint")}
          issues={[]}
          value={p.query}
          width="govuk-input--width-30"
        />
        <button type="submit" class="govuk-button govuk-button--secondary">
          {t("identity.desk.search_button")}
        </button>
      </form>
      {p.searched && !account ? (
        <p class="govuk-body" data-testid="desk-not-found">
          {t("identity.desk.not_found")}
        </p>
      ) : null}
      {account && level ? (
        <>
          <h2 class="govuk-heading-l">{t("identity.desk.account_heading")}</h2>
          <dl class="govuk-summary-list" data-testid="desk-account">
            <SummaryRow label={t("identity.desk.name")}>
              {fullName({
                surname: account.surname,
                givenName: account.given_name,
                patronymic: account.patronymic,
              })}
            </SummaryRow>
            <SummaryRow label={t("identity.desk.email")}>{account.email ?? "—"}</SummaryRow>
            <SummaryRow label={t("identity.desk.iin")}>
              {account.iin ?? t("identity.desk.no_iin")}
            </SummaryRow>
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">{t("identity.desk.level")}</dt>
              <dd class="govuk-summary-list__value" data-testid="desk-level">
                {t(`identity.assurance.${level}`)}
              </dd>
            </div>
          </dl>
          <Form action="/office/identity/verify" csrf={p.csrf}>
            <input type="hidden" name="accountId" value={account.id} />
            <input type="hidden" name="q" value={p.query} />
            <h2 class="govuk-heading-m">{t("identity.desk.record_heading")}</h2>
            <p class="govuk-body">{t("identity.desk.record_lead")}</p>
            {p.bodies.length > 1 ? (
              <Select
                t={t}
                id="agencyId"
                label={t("identity.desk.body")}
                issues={p.issues}
                value={p.values.agencyId}
                items={p.bodies.map((b) => ({ value: b.id, label: b.name }))}
              />
            ) : (
              <input type="hidden" name="agencyId" value={p.bodies[0]?.id ?? ""} />
            )}
            <Radios
              t={t}
              id="documentKind"
              legend={t("identity.desk.document_kind")}
              issues={p.issues}
              value={p.values.documentKind}
              items={IDENTITY_DOCUMENTS.map((d) => ({
                value: d,
                label: t(`identity.desk.document.${d}`),
              }))}
            />
            <Input
              t={t}
              id="documentReference"
              label={t("identity.desk.document_reference")}
              hint={t("identity.desk.document_reference_hint")}
              issues={p.issues}
              value={p.values.documentReference}
              width="govuk-input--width-20"
            />
            <Input
              t={t}
              id="iin"
              label={t("identity.desk.document_iin")}
              hint={t("identity.desk.document_iin_hint")}
              issues={p.issues}
              value={p.values.iin}
              inputmode="numeric"
              width="govuk-input--width-20"
            />
            <Input
              t={t}
              id="accountCode"
              label={t("identity.desk.account_code")}
              hint={t("identity.desk.account_code_hint")}
              issues={p.issues}
              value={p.values.accountCode}
              inputmode="numeric"
              autocomplete="off"
              width="govuk-input--width-10"
            />
            <SubmitButton>{t("identity.desk.record_button")}</SubmitButton>
            {level === "declared" && account.iin ? (
              <>
                <p class="govuk-body" id="release-hint">
                  {t("identity.desk.release_lead")}
                </p>
                <button
                  type="submit"
                  name="action"
                  value="release"
                  class="govuk-button govuk-button--warning"
                  data-module="govuk-button"
                  aria-describedby="release-hint"
                >
                  {t("identity.desk.release_button")}
                </button>
              </>
            ) : null}
          </Form>
        </>
      ) : null}
    </>
  );
}

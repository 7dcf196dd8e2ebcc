import type { Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { ErrorSummary, FieldError } from "../../../web/components/error-summary.js";
import { Form, SubmitButton, TextField } from "../../../web/components/fields.js";
import { SummaryRow } from "../../../web/components/kit.js";
import {
  IdentityNotVerifiedNotice,
  LanguageRadios,
  SuccessBanner,
} from "../../../web/components/notices.js";
import { type Account, fullName } from "../account.js";

export interface AccountPageProps {
  t: Translate;
  csrf: string;
  account: Account;
  organisations: { id: string; name: string; bin: string }[];
  canAdminister: boolean;
  /** The national e-ID sign-in is configured on this instance. */
  eidAvailable: boolean;
  /** A citizen's code to read out at a registrar's desk (proof of holding this account). */
  deskCode: string | null;
  issues: FieldIssue[];
  values: {
    phone: string;
    language: string;
    notifyEmail: boolean;
    notifySms: boolean;
    orgName: string;
    bin: string;
    repEmail: string;
    /** The organisation whose "add a representative" form has the error, if any. */
    repOrg: string;
  };
  notice?: string;
}

function Row({ label, value }: { label: string; value: string }) {
  return <SummaryRow label={label}>{value}</SummaryRow>;
}

/** Everything a person controls about their account, on one page that works without JavaScript. */
export function AccountPage({
  t,
  csrf,
  account,
  organisations,
  canAdminister,
  eidAvailable,
  deskCode,
  issues,
  values,
  notice,
}: AccountPageProps) {
  const phoneError = issues.some((i) => i.field === "phone");
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <ErrorSummary
          t={t}
          issues={issues}
          fieldIds={{
            language: "language-kk",
            password: "delete-password",
            repEmail: `repEmail-${values.repOrg}`,
          }}
        />
        <SuccessBanner title={t("identity.notice")} text={notice} />
        <h1 class="govuk-heading-l">{t("identity.account.title")}</h1>
        {canAdminister ? (
          <p class="govuk-body">
            <a class="govuk-link" href="/admin">
              {t("identity.account.admin_link")}
            </a>
          </p>
        ) : null}
        <dl class="govuk-summary-list">
          <Row label={t("identity.account.name")} value={fullName(account)} />
          {account.iin ? (
            <Row label={t("identity.field.iin")} value={`${account.iin.slice(0, 6)}••••••`} />
          ) : null}
          {account.residenceCode ? (
            <Row
              label={t("identity.account.residence")}
              value={t("identity.account.residence_from_eid", { code: account.residenceCode })}
            />
          ) : null}
          <Row label={t("identity.field.email")} value={account.email ?? "—"} />
          <Row label={t("identity.account.kind")} value={t(`identity.kind.${account.kind}`)} />
          {account.kind === "citizen" ? (
            <Row
              label={t("identity.desk.level")}
              value={t(`identity.assurance.${account.identity}`)}
            />
          ) : null}
          {account.kind === "citizen" && deskCode ? (
            <Row
              label={t("identity.account.desk_code")}
              value={t("identity.account.desk_code_value", {
                code: `${deskCode.slice(0, 3)} ${deskCode.slice(3)}`,
              })}
            />
          ) : null}
          {account.grants.length > 0 ? (
            <Row
              label={t("identity.account.roles")}
              value={account.grants.map((g) => t(`identity.role.${g.role}`)).join(", ")}
            />
          ) : null}
          {account.kind === "staff" ? (
            <Row
              label={t("identity.account.two_factor")}
              value={
                account.totpEnabled
                  ? t("identity.account.two_factor_on")
                  : t("identity.account.two_factor_off")
              }
            />
          ) : null}
        </dl>

        {account.kind === "citizen" && account.identity === "declared" ? (
          <IdentityNotVerifiedNotice t={t} />
        ) : null}
        {eidAvailable && account.kind === "citizen" && !account.eidLinked ? (
          <p class="govuk-body">
            <a class="govuk-link" href="/login/eid?next=/account">
              {t("identity.account.link_eid")}
            </a>
          </p>
        ) : null}
        <h2 class="govuk-heading-m">{t("identity.account.preferences")}</h2>
        <Form action="/account" csrf={csrf}>
          <TextField
            t={t}
            issues={issues}
            name="phone"
            type="tel"
            label={t("identity.field.phone")}
            hint={t("identity.field.phone_hint")}
            value={values.phone}
            autocomplete="tel"
            width="govuk-input--width-20"
          />
          <LanguageRadios legend={t("identity.field.language")} value={values.language} />
          <div class={`govuk-form-group${phoneError ? " govuk-form-group--error" : ""}`}>
            <fieldset class="govuk-fieldset" aria-describedby="notify-hint">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
                {t("identity.account.notify")}
              </legend>
              <div id="notify-hint" class="govuk-hint">
                {t("identity.account.notify_hint")}
              </div>
              <div class="govuk-checkboxes govuk-checkboxes--small">
                <div class="govuk-checkboxes__item">
                  <input
                    class="govuk-checkboxes__input"
                    id="notifyEmail"
                    name="notifyEmail"
                    type="checkbox"
                    value="yes"
                    checked={values.notifyEmail}
                  />
                  <label class="govuk-label govuk-checkboxes__label" for="notifyEmail">
                    {t("identity.account.notify_email")}
                  </label>
                </div>
                <div class="govuk-checkboxes__item">
                  <input
                    class="govuk-checkboxes__input"
                    id="notifySms"
                    name="notifySms"
                    type="checkbox"
                    value="yes"
                    checked={values.notifySms}
                  />
                  <label class="govuk-label govuk-checkboxes__label" for="notifySms">
                    {t("identity.account.notify_sms")}
                  </label>
                </div>
              </div>
            </fieldset>
          </div>
          <SubmitButton>{t("identity.account.save")}</SubmitButton>
        </Form>

        <h2 class="govuk-heading-m">{t("identity.account.organisations")}</h2>
        {organisations.length > 0 ? (
          <ul class="govuk-list">
            {organisations.map((o) => {
              const id = `repEmail-${o.id}`;
              const error = values.repOrg === o.id && issues.some((i) => i.field === "repEmail");
              return (
                <li key={o.id} class="govuk-!-margin-bottom-6">
                  <p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-2">
                    {o.name}{" "}
                    <span class="govuk-body-s">
                      ({t("identity.field.bin")} {o.bin})
                    </span>
                  </p>
                  <Form action={`/account/organisations/${o.id}/representatives`} csrf={csrf}>
                    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
                      <label class="govuk-label" for={id}>
                        {t("identity.account.add_representative")}
                      </label>
                      {error ? (
                        <FieldError t={t} issues={issues} field="repEmail" id={`${id}-error`} />
                      ) : null}
                      <input
                        class={`govuk-input govuk-input--width-20${error ? " govuk-input--error" : ""}`}
                        id={id}
                        name="repEmail"
                        type="email"
                        spellcheck={false}
                        value={values.repOrg === o.id ? values.repEmail : ""}
                        aria-describedby={error ? `${id}-error` : undefined}
                      />
                    </div>
                    <SubmitButton secondary>
                      {t("identity.account.add_representative_submit")}
                    </SubmitButton>
                  </Form>
                </li>
              );
            })}
          </ul>
        ) : (
          <p class="govuk-body">{t("identity.account.no_organisations")}</p>
        )}
        <Form action="/account/organisations" csrf={csrf}>
          <TextField
            t={t}
            issues={issues}
            name="orgName"
            label={t("identity.field.org_name")}
            value={values.orgName}
            maxLength={300}
          />
          <TextField
            t={t}
            issues={issues}
            name="bin"
            label={t("identity.field.bin")}
            hint={t("identity.field.bin_hint")}
            value={values.bin}
            inputmode="numeric"
            width="govuk-input--width-10"
            maxLength={12}
          />
          <SubmitButton secondary>{t("identity.account.add_organisation")}</SubmitButton>
        </Form>

        <h2 class="govuk-heading-m">{t("identity.account.sessions")}</h2>
        <p class="govuk-body">{t("identity.account.sessions_lead")}</p>
        <Form action="/logout/everywhere" csrf={csrf}>
          <SubmitButton secondary>{t("identity.account.sign_out_everywhere")}</SubmitButton>
        </Form>

        {account.kind === "citizen" ? (
          <>
            <h2 class="govuk-heading-m">{t("identity.account.delete_heading")}</h2>
            <p class="govuk-body">{t("identity.account.delete_lead")}</p>
            <Form action="/account/delete" csrf={csrf}>
              <div
                class={`govuk-form-group${issues.some((i) => i.field === "password") ? " govuk-form-group--error" : ""}`}
              >
                <label class="govuk-label govuk-label--s" for="delete-password">
                  {t("identity.account.delete_password")}
                </label>
                <FieldError t={t} issues={issues} field="password" id="delete-password-error" />
                <input
                  class="govuk-input govuk-input--width-20"
                  id="delete-password"
                  name="password"
                  type="password"
                  autocomplete="current-password"
                />
              </div>
              <SubmitButton warning>{t("identity.account.delete_submit")}</SubmitButton>
            </Form>
          </>
        ) : null}
      </div>
    </div>
  );
}

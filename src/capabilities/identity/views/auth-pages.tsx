import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { ErrorSummary } from "../../../web/components/error-summary.js";
import { Form, SubmitButton, TextField } from "../../../web/components/fields.js";
import { LanguageRadios, SuccessBanner } from "../../../web/components/notices.js";
import { LANDING, withNext } from "../routes/landing.js";

interface Base {
  t: Translate;
  csrf: string;
  issues: FieldIssue[];
}

function Column({ children }: { children: preact.ComponentChildren }) {
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">{children}</div>
    </div>
  );
}

export function RegisterPage({
  t,
  csrf,
  issues,
  values,
  locale,
}: Base & { values: Record<string, string>; locale: Locale }) {
  const language = values.language || locale;
  return (
    <Column>
      <ErrorSummary t={t} issues={issues} />
      <h1 class="govuk-heading-l">{t("identity.register.title")}</h1>
      <p class="govuk-body">{t("identity.register.lead")}</p>
      <Form action="/register" csrf={csrf}>
        <TextField
          t={t}
          issues={issues}
          name="surname"
          label={t("identity.field.surname")}
          value={values.surname}
          autocomplete="family-name"
          spellcheck={false}
          maxLength={100}
        />
        <TextField
          t={t}
          issues={issues}
          name="givenName"
          label={t("identity.field.given_name")}
          value={values.givenName}
          autocomplete="given-name"
          spellcheck={false}
          maxLength={100}
        />
        <TextField
          t={t}
          issues={issues}
          name="patronymic"
          label={t("identity.field.patronymic")}
          hint={t("identity.field.patronymic_hint")}
          value={values.patronymic}
          autocomplete="additional-name"
          spellcheck={false}
          maxLength={100}
        />
        <TextField
          t={t}
          issues={issues}
          name="iin"
          label={t("identity.field.iin")}
          hint={t("identity.field.iin_hint")}
          value={values.iin}
          inputmode="numeric"
          width="govuk-input--width-10"
          maxLength={12}
        />
        <TextField
          t={t}
          issues={issues}
          name="email"
          type="email"
          label={t("identity.field.email")}
          hint={t("identity.field.email_hint")}
          value={values.email}
          autocomplete="email"
          spellcheck={false}
        />
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
        <TextField
          t={t}
          issues={issues}
          name="password"
          type="password"
          label={t("identity.field.password")}
          hint={t("identity.field.password_hint")}
          autocomplete="new-password"
        />
        <LanguageRadios legend={t("identity.field.language")} value={language} />
        <SubmitButton>{t("identity.register.submit")}</SubmitButton>
      </Form>
      <p class="govuk-body">
        <a class="govuk-link" href="/login">
          {t("identity.register.have_account")}
        </a>
      </p>
    </Column>
  );
}

export function MessagePage({
  title,
  paragraphs,
  link,
}: {
  title: string;
  paragraphs: string[];
  link?: { href: string; text: string };
}) {
  return (
    <Column>
      <h1 class="govuk-heading-l">{title}</h1>
      {paragraphs.map((p) => (
        <p key={p} class="govuk-body">
          {p}
        </p>
      ))}
      {link ? (
        <p class="govuk-body">
          <a class="govuk-link" href={link.href}>
            {link.text}
          </a>
        </p>
      ) : null}
    </Column>
  );
}

export function LoginPage({
  t,
  csrf,
  issues,
  email,
  eid,
  notice,
  next,
}: Base & { email: string; eid: boolean; notice?: string; next?: string | undefined }) {
  return (
    <Column>
      <ErrorSummary t={t} issues={issues} />
      <SuccessBanner title={t("identity.notice")} text={notice} />
      <h1 class="govuk-heading-l">{t("identity.login.title")}</h1>
      {eid ? (
        <>
          <p class="govuk-body">{t("identity.login.eid_lead")}</p>
          {/* A link, not a form: the e-ID provider is another origin, which the CSP's form-action forbids. */}
          <p class="govuk-body">
            <a href={withNext("/login/eid", next)} class="govuk-button govuk-button--secondary">
              {t("identity.login.eid_button")}
            </a>
          </p>
          <h2 class="govuk-heading-m">{t("identity.login.password_heading")}</h2>
        </>
      ) : null}
      <Form action={withNext("/login", next)} csrf={csrf}>
        <TextField
          t={t}
          issues={issues}
          name="email"
          type="email"
          label={t("identity.field.email")}
          value={email}
          autocomplete="username"
          spellcheck={false}
        />
        <TextField
          t={t}
          issues={issues}
          name="password"
          type="password"
          label={t("identity.field.password")}
          autocomplete="current-password"
        />
        <SubmitButton>{t("identity.login.submit")}</SubmitButton>
      </Form>
      <p class="govuk-body">
        <a class="govuk-link" href="/password/forgot">
          {t("identity.login.forgot")}
        </a>
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href="/register">
          {t("identity.login.register")}
        </a>
      </p>
    </Column>
  );
}

export function SecondFactorPage({ t, csrf, issues, action }: Base & { action: string }) {
  return (
    <Column>
      <ErrorSummary t={t} issues={issues} />
      <h1 class="govuk-heading-l">{t("identity.second_factor.title")}</h1>
      <p class="govuk-body">{t("identity.second_factor.lead")}</p>
      <Form action={action} csrf={csrf}>
        <TextField
          t={t}
          issues={issues}
          name="code"
          label={t("identity.second_factor.code")}
          hint={t("identity.second_factor.code_hint")}
          autocomplete="one-time-code"
          inputmode="numeric"
          width="govuk-input--width-10"
          spellcheck={false}
        />
        <SubmitButton>{t("identity.second_factor.submit")}</SubmitButton>
      </Form>
    </Column>
  );
}

export function TwoFactorSetupPage({
  t,
  csrf,
  issues,
  qrSvg,
  secret,
}: Base & { qrSvg: string; secret: string }) {
  return (
    <Column>
      <ErrorSummary t={t} issues={issues} />
      <h1 class="govuk-heading-l">{t("identity.two_factor.title")}</h1>
      <p class="govuk-body">{t("identity.two_factor.lead")}</p>
      <ol class="govuk-list govuk-list--number">
        <li>{t("identity.two_factor.step_app")}</li>
        <li>{t("identity.two_factor.step_scan")}</li>
        <li>{t("identity.two_factor.step_code")}</li>
      </ol>
      {/* The SVG is generated by the qrcode library from our own otpauth URI, not from user input. */}
      <div class="halyq-qr" dangerouslySetInnerHTML={{ __html: qrSvg }} />
      <p class="govuk-body">
        {t("identity.two_factor.secret")}{" "}
        <code class="halyq-code">{secret.replace(/(.{4})/g, "$1 ").trim()}</code>
      </p>
      <Form action="/account/two-factor" csrf={csrf}>
        <TextField
          t={t}
          issues={issues}
          name="code"
          label={t("identity.second_factor.code")}
          autocomplete="one-time-code"
          inputmode="numeric"
          width="govuk-input--width-10"
          spellcheck={false}
        />
        <SubmitButton>{t("identity.two_factor.submit")}</SubmitButton>
      </Form>
    </Column>
  );
}

export function RecoveryCodesPage({ t, codes }: { t: Translate; codes: string[] }) {
  return (
    <Column>
      <div class="govuk-panel govuk-panel--confirmation">
        <h1 class="govuk-panel__title">{t("identity.two_factor.done")}</h1>
      </div>
      <h2 class="govuk-heading-m">{t("identity.two_factor.recovery_heading")}</h2>
      <div class="govuk-warning-text">
        <span class="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong class="govuk-warning-text__text">
          <span class="govuk-visually-hidden">{t("agencies.warning")}</span>
          {t("identity.two_factor.recovery_warning")}
        </strong>
      </div>
      <ul class="govuk-list halyq-code">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <p class="govuk-body">
        <a class="govuk-link" href={LANDING}>
          {t("identity.two_factor.continue")}
        </a>
      </p>
    </Column>
  );
}

export function ForgotPage({ t, csrf, issues, email }: Base & { email: string }) {
  return (
    <Column>
      <ErrorSummary t={t} issues={issues} />
      <h1 class="govuk-heading-l">{t("identity.forgot.title")}</h1>
      <p class="govuk-body">{t("identity.forgot.lead")}</p>
      <Form action="/password/forgot" csrf={csrf}>
        <TextField
          t={t}
          issues={issues}
          name="email"
          type="email"
          label={t("identity.field.email")}
          value={email}
          autocomplete="email"
          spellcheck={false}
        />
        <SubmitButton>{t("identity.forgot.submit")}</SubmitButton>
      </Form>
    </Column>
  );
}

export function ResetPage({ t, csrf, issues, token }: Base & { token: string }) {
  return (
    <Column>
      <ErrorSummary t={t} issues={issues} />
      <h1 class="govuk-heading-l">{t("identity.reset.title")}</h1>
      <Form action="/password/reset" csrf={csrf}>
        <input type="hidden" name="token" value={token} />
        <TextField
          t={t}
          issues={issues}
          name="password"
          type="password"
          label={t("identity.reset.password")}
          hint={t("identity.field.password_hint")}
          autocomplete="new-password"
        />
        <SubmitButton>{t("identity.reset.submit")}</SubmitButton>
      </Form>
    </Column>
  );
}

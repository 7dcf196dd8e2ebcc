import type { ComponentChildren } from "preact";
import type { Translate } from "../../kernel/i18n.js";
import { LOCALE_NAMES, LOCALES } from "../../kernel/i18n.js";

/** GOV.UK's success banner, announced to screen readers; nothing when there is no text. */
export function SuccessBanner({ title, text }: { title: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <div
      class="govuk-notification-banner govuk-notification-banner--success"
      role="alert"
      aria-labelledby="notice-title"
      data-module="govuk-notification-banner"
    >
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="notice-title">
          {title}
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">{text}</p>
      </div>
    </div>
  );
}

/** A choice of Kazakh, Russian or English, each named in its own language. */
export function LanguageRadios({ legend, value }: { legend: string; value: string }) {
  return (
    <div class="govuk-form-group">
      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <div class="govuk-radios govuk-radios--small">
          {LOCALES.map((l) => (
            <div key={l} class="govuk-radios__item">
              <input
                class="govuk-radios__input"
                id={`language-${l}`}
                name="language"
                type="radio"
                value={l}
                checked={value === l}
              />
              <label class="govuk-label govuk-radios__label" for={`language-${l}`} lang={l}>
                {LOCALE_NAMES[l]}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/**
 * Why a form is not offered to someone whose identity is only declared, and how to verify it
 * (e-ID sign-in, or a registrar's desk): the same words as the API's IDENTITY_NOT_VERIFIED.
 */
export function IdentityNotVerifiedNotice({ t }: { t: Translate }) {
  return (
    <div class="govuk-warning-text">
      <span class="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong class="govuk-warning-text__text" data-testid="identity-not-verified">
        <span class="govuk-visually-hidden">{t("identity_notice.warning")}</span>
        {t("errors.identity_not_verified")}
      </strong>
    </div>
  );
}

/** GOV.UK's neutral notification banner: something the person should know before going on. */
export function ImportantBanner({
  title,
  id = "important-title",
  children,
}: {
  title: string;
  id?: string;
  children: ComponentChildren;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: GOV.UK Frontend's markup for the banner
    <div
      class="govuk-notification-banner"
      role="region"
      aria-labelledby={id}
      data-module="govuk-notification-banner"
    >
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id={id}>
          {title}
        </h2>
      </div>
      <div class="govuk-notification-banner__content">{children}</div>
    </div>
  );
}

/** GOV.UK warning text: the "!" and the warning, with a word for screen readers before it. */
export function WarningText({
  label,
  children,
  testId,
}: {
  /** Read before the text by screen readers ("Warning"), in the page's language. */
  label: string;
  children: ComponentChildren;
  testId?: string;
}) {
  return (
    <div class="govuk-warning-text">
      <span class="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong class="govuk-warning-text__text" data-testid={testId}>
        <span class="govuk-visually-hidden">{label}</span>
        {children}
      </strong>
    </div>
  );
}

/** GOV.UK inset text: a quotation, an example or extra information set apart. */
export function InsetText({ children }: { children: ComponentChildren }) {
  return <div class="govuk-inset-text">{children}</div>;
}

import type { Locale, Translate } from "../../../../kernel/i18n.js";
import type { FieldIssue } from "../../../../kernel/result.js";
import { FieldError } from "../../../../web/components/error-summary.js";
import { characterCountI18n, characterLimitText } from "../../../../web/components/kit.js";

const hasIssue = (issues: FieldIssue[], field: string) => issues.some((i) => i.field === field);

/**
 * A one-line GOV.UK input with a character count instead of a `maxlength` that would silently
 * stop typing or cut pasted text: past the limit the count says so, and the server refuses the
 * value with a localised error.
 */
export function CountedInput({
  t,
  locale,
  id,
  hint,
  label,
  value,
  issues,
  maxLength,
}: {
  t: Translate;
  locale: Locale;
  id: string;
  label: string;
  hint?: string;
  value: string;
  issues: FieldIssue[];
  maxLength: number;
}) {
  const error = hasIssue(issues, id);
  const describedBy = [hint ? `${id}-hint` : "", `${id}-info`, error ? `${id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div
      class="govuk-character-count"
      data-module="govuk-character-count"
      data-maxlength={maxLength}
      {...characterCountI18n(t, locale)}
    >
      <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
        <label class="govuk-label govuk-label--s" for={id}>
          {label}
        </label>
        {hint ? (
          <div id={`${id}-hint`} class="govuk-hint">
            {hint}
          </div>
        ) : null}
        <FieldError t={t} issues={issues} field={id} id={`${id}-error`} />
        <input
          class={`govuk-input govuk-js-character-count${error ? " govuk-input--error" : ""}`}
          id={id}
          name={id}
          type="text"
          value={value}
          aria-describedby={describedBy}
        />
        <div id={`${id}-info`} class="govuk-hint govuk-character-count__message">
          {characterLimitText(t, locale, maxLength)}
        </div>
      </div>
    </div>
  );
}

/** One GOV.UK checkbox with its own hint. */
export function Checkbox({
  id,
  name,
  label,
  hint,
  checked,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  checked: boolean;
}) {
  return (
    <div class="govuk-checkboxes__item">
      <input
        class="govuk-checkboxes__input"
        id={id}
        name={name}
        type="checkbox"
        value="yes"
        checked={checked}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label class="govuk-label govuk-checkboxes__label" for={id}>
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} class="govuk-hint govuk-checkboxes__hint">
          {hint}
        </div>
      ) : null}
    </div>
  );
}

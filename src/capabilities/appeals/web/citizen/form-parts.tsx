import type { Translate } from "../../../../kernel/i18n.js";
import type { FieldIssue } from "../../../../kernel/result.js";
import { FieldError } from "../../../../web/components/error-summary.js";

const hasIssue = (issues: FieldIssue[], field: string) => issues.some((i) => i.field === field);

/**
 * GOV.UK radios in a fieldset. The first input's id is the field's own id, so the error
 * summary link lands on it.
 */
export function Radios({
  t,
  id,
  name,
  legend,
  hint,
  items,
  value,
  issues,
  inline,
  large,
}: {
  t: Translate;
  id: string;
  name: string;
  legend: string;
  hint?: string;
  items: { value: string; label: string; hint?: string }[];
  value: string;
  issues: FieldIssue[];
  inline?: boolean;
  large?: boolean;
}) {
  const error = hasIssue(issues, id);
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy || undefined}>
        <legend class={`govuk-fieldset__legend govuk-fieldset__legend--${large ? "l" : "s"}`}>
          {large ? <h1 class="govuk-fieldset__heading">{legend}</h1> : legend}
        </legend>
        {hint ? (
          <div id={`${id}-hint`} class="govuk-hint">
            {hint}
          </div>
        ) : null}
        <FieldError t={t} issues={issues} field={id} id={`${id}-error`} />
        <div
          class={`govuk-radios${inline ? " govuk-radios--inline" : ""}`}
          data-module="govuk-radios"
        >
          {items.map((item, i) => {
            const itemId = i === 0 ? id : `${id}-${item.value || "none"}`;
            return (
              <div key={item.value} class="govuk-radios__item">
                <input
                  class="govuk-radios__input"
                  id={itemId}
                  name={name}
                  type="radio"
                  value={item.value}
                  checked={value === item.value}
                  aria-describedby={item.hint ? `${itemId}-item-hint` : undefined}
                />
                <label class="govuk-label govuk-radios__label" for={itemId}>
                  {item.label}
                </label>
                {item.hint ? (
                  <div id={`${itemId}-item-hint`} class="govuk-hint govuk-radios__hint">
                    {item.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** A GOV.UK textarea; with `maxLength`, a character count (live when scripts run, a hint otherwise). */
export function TextArea({
  t,
  id,
  name,
  label,
  hint,
  value,
  issues,
  maxLength,
  rows = 5,
  labelClass = "govuk-label--s",
}: {
  t: Translate;
  id: string;
  name: string;
  label: string;
  hint?: string;
  value: string;
  issues: FieldIssue[];
  maxLength?: number;
  rows?: number;
  labelClass?: string;
}) {
  const error = hasIssue(issues, id);
  const describedBy = [
    hint ? `${id}-hint` : "",
    maxLength ? `${id}-info` : "",
    error ? `${id}-error` : "",
  ]
    .filter(Boolean)
    .join(" ");
  const group = (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label class={`govuk-label ${labelClass}`} for={id}>
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} class="govuk-hint">
          {hint}
        </div>
      ) : null}
      <FieldError t={t} issues={issues} field={id} id={`${id}-error`} />
      <textarea
        class={`govuk-textarea${maxLength ? " govuk-js-character-count" : ""}${error ? " govuk-textarea--error" : ""}`}
        id={id}
        name={name}
        rows={rows}
        aria-describedby={describedBy || undefined}
      >
        {value}
      </textarea>
      {maxLength ? (
        <div id={`${id}-info`} class="govuk-hint govuk-character-count__message">
          {t("appeals.citizen.character_limit", { max: maxLength })}
        </div>
      ) : null}
    </div>
  );
  return maxLength ? (
    <div
      class="govuk-character-count"
      data-module="govuk-character-count"
      data-maxlength={maxLength}
    >
      {group}
    </div>
  ) : (
    group
  );
}

/**
 * A one-line GOV.UK input with a character count instead of a `maxlength` that would silently
 * stop typing or cut pasted text: past the limit the count says so, and the server refuses the
 * value with a localised error.
 */
export function CountedInput({
  t,
  id,
  hint,
  label,
  value,
  issues,
  maxLength,
}: {
  t: Translate;
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
          {t("appeals.citizen.character_limit", { max: maxLength })}
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

/** A GOV.UK select with an optional empty first choice. */
export function Select({
  t,
  id,
  label,
  hint,
  items,
  value,
  issues,
  empty,
}: {
  t: Translate;
  id: string;
  label: string;
  hint?: string;
  items: { value: string; label: string }[];
  value: string;
  issues: FieldIssue[];
  empty?: string;
}) {
  const error = hasIssue(issues, id);
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
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
      <select
        class={`govuk-select${error ? " govuk-select--error" : ""}`}
        id={id}
        name={id}
        aria-describedby={describedBy || undefined}
      >
        {empty !== undefined ? (
          <option value="" selected={value === ""}>
            {empty}
          </option>
        ) : null}
        {items.map((item) => (
          <option key={item.value} value={item.value} selected={value === item.value}>
            {item.label}
          </option>
        ))}
      </select>
    </div>
  );
}

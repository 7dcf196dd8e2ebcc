import type { ComponentChildren } from "preact";
import type { Translate } from "../../../../kernel/i18n.js";
import type { FieldIssue } from "../../../../kernel/result.js";
import { FieldError } from "../../../../web/components/error-summary.js";
import { dateParts, hasIssue } from "./form.js";

/** One choice of a select or a group of radios. */
export interface Option {
  value: string;
  label: string;
}

interface FieldBase {
  t: Translate;
  /** The form field's name. */
  name: string;
  /** The element id; unique on the page (several forms share one case page). */
  id: string;
  label: string;
  hint?: string | undefined;
  issues: FieldIssue[];
  /** The issue field this input reports (defaults to `name`). */
  field?: string;
}

function describedBy(p: FieldBase, error: boolean): string | undefined {
  const ids = [p.hint ? `${p.id}-hint` : "", error ? `${p.id}-error` : ""].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

function Hint({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <div id={`${id}-hint`} class="govuk-hint">
      {text}
    </div>
  ) : null;
}

/** A labelled text input with hint and error. */
export function InputField(
  p: FieldBase & {
    value: string;
    type?: "text" | "email" | "tel" | "search";
    width?: string;
    inputmode?: "numeric" | "text";
    autocomplete?: string;
    maxLength?: number;
  },
) {
  const error = hasIssue(p.issues, p.field ?? p.name);
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label class="govuk-label govuk-label--s" for={p.id}>
        {p.label}
      </label>
      <Hint id={p.id} text={p.hint} />
      <FieldError t={p.t} issues={p.issues} field={p.field ?? p.name} id={`${p.id}-error`} />
      <input
        class={`govuk-input${p.width ? ` ${p.width}` : ""}${error ? " govuk-input--error" : ""}`}
        id={p.id}
        name={p.name}
        type={(p.type ?? "text") as "text"}
        value={p.value}
        inputmode={p.inputmode}
        autocomplete={p.autocomplete ?? "off"}
        maxLength={p.maxLength}
        spellcheck={false}
        aria-describedby={describedBy(p, error)}
      />
    </div>
  );
}

/** A labelled textarea with hint and error. */
export function TextareaField(p: FieldBase & { value: string; rows?: number; maxLength?: number }) {
  const error = hasIssue(p.issues, p.field ?? p.name);
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label class="govuk-label govuk-label--s" for={p.id}>
        {p.label}
      </label>
      <Hint id={p.id} text={p.hint} />
      <FieldError t={p.t} issues={p.issues} field={p.field ?? p.name} id={`${p.id}-error`} />
      <textarea
        class={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        id={p.id}
        name={p.name}
        rows={p.rows ?? 5}
        maxLength={p.maxLength}
        aria-describedby={describedBy(p, error)}
      >
        {p.value}
      </textarea>
    </div>
  );
}

/** One checkbox that sends `yes` when ticked. */
export function CheckboxField(p: {
  name: string;
  id: string;
  label: string;
  hint?: string;
  checked: boolean;
}) {
  return (
    <div class="govuk-form-group">
      <div class="govuk-checkboxes govuk-checkboxes--small">
        <div class="govuk-checkboxes__item">
          <input
            class="govuk-checkboxes__input"
            id={p.id}
            name={p.name}
            type="checkbox"
            value="yes"
            checked={p.checked}
            aria-describedby={p.hint ? `${p.id}-hint` : undefined}
          />
          <label class="govuk-label govuk-checkboxes__label" for={p.id}>
            {p.label}
          </label>
          {p.hint ? (
            <div id={`${p.id}-hint`} class="govuk-hint govuk-checkboxes__hint">
              {p.hint}
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** GOV.UK's date input: day, month and year boxes; the error summary links to the day box. */
export function DateField(p: FieldBase & { value: string | undefined }) {
  const error = hasIssue(p.issues, p.field ?? p.name);
  const v = dateParts(p.value);
  const box = (part: "day" | "month" | "year", width: string) => (
    <div class="govuk-date-input__item">
      <div class="govuk-form-group">
        <label class="govuk-label govuk-date-input__label" for={`${p.id}-${part}`}>
          {p.t(`forms.date_${part}`)}
        </label>
        <input
          class={`govuk-input govuk-date-input__input ${width}${error ? " govuk-input--error" : ""}`}
          id={`${p.id}-${part}`}
          name={`${p.name}-${part}`}
          type="text"
          inputmode="numeric"
          value={v[part]}
        />
      </div>
    </div>
  );
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(p, error)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{p.label}</legend>
        <Hint id={p.id} text={p.hint} />
        <FieldError t={p.t} issues={p.issues} field={p.field ?? p.name} id={`${p.id}-error`} />
        <div class="govuk-date-input" id={p.id}>
          {box("day", "govuk-input--width-2")}
          {box("month", "govuk-input--width-2")}
          {box("year", "govuk-input--width-4")}
        </div>
      </fieldset>
    </div>
  );
}

/** A GOV.UK tag in one of its colours. */
export function Tag({ colour, children }: { colour?: string; children: ComponentChildren }) {
  return <strong class={`govuk-tag${colour ? ` govuk-tag--${colour}` : ""}`}>{children}</strong>;
}

/** Rows of a GOV.UK summary list; rows with an empty value are left out. */
export function SummaryList({
  rows,
}: {
  rows: { key: string; value: ComponentChildren; hide?: boolean }[];
}) {
  return (
    <dl class="govuk-summary-list">
      {rows
        .filter((r) => !r.hide && r.value !== null && r.value !== undefined && r.value !== "")
        .map((r) => (
          <div key={r.key} class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{r.key}</dt>
            <dd class="govuk-summary-list__value">{r.value}</dd>
          </div>
        ))}
    </dl>
  );
}

/** Text with its paragraphs and line breaks kept, as a person wrote it (escaped by Preact). */
export function Paragraphs({ text, lang }: { text: string; lang?: string | undefined }) {
  return (
    <div lang={lang}>
      {text.split(/\n{2,}/).map((para, i) => {
        const lines = para.split("\n");
        return (
          <p key={i} class="govuk-body">
            {lines.flatMap((line, j) => (j === 0 ? [line] : [<br key={j} />, line]))}
          </p>
        );
      })}
    </div>
  );
}

import type { ComponentChildren } from "preact";
import type { Translate } from "../../kernel/i18n.js";
import type { FieldIssue } from "../../kernel/result.js";
import { type FormBody, one } from "../forms.js";
import { FieldError } from "./error-summary.js";

const hasIssue = (issues: FieldIssue[], field: string) => issues.some((i) => i.field === field);

function describedBy(id: string, hint: unknown, error: boolean, extra?: string) {
  return (
    [hint ? `${id}-hint` : "", extra ?? "", error ? `${id}-error` : ""].filter(Boolean).join(" ") ||
    undefined
  );
}

interface Common {
  t: Translate;
  id: string;
  name?: string;
  label: string;
  hint?: string | undefined;
  issues: FieldIssue[];
  /** The language of the value, when the field is for one language. */
  lang?: string;
}

/** A labelled input with its hint and error. */
export function Input(
  p: Common & {
    value: string;
    type?: "text" | "url" | "email";
    width?: string;
    inputmode?: "numeric" | "text";
    autocomplete?: string;
  },
) {
  const error = hasIssue(p.issues, p.id);
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label class="govuk-label govuk-label--s" for={p.id}>
        {p.label}
      </label>
      {p.hint ? (
        <div id={`${p.id}-hint`} class="govuk-hint">
          {p.hint}
        </div>
      ) : null}
      <FieldError t={p.t} issues={p.issues} field={p.id} id={`${p.id}-error`} />
      <input
        class={`govuk-input${p.width ? ` ${p.width}` : ""}${error ? " govuk-input--error" : ""}`}
        id={p.id}
        name={p.name ?? p.id}
        type={(p.type ?? "text") as "text"}
        value={p.value}
        inputmode={p.inputmode}
        autocomplete={p.autocomplete ?? "off"}
        lang={p.lang}
        spellcheck={false}
        aria-describedby={describedBy(p.id, p.hint, error)}
      />
    </div>
  );
}

/** A labelled textarea with its hint and error. */
export function TextArea(p: Common & { value: string; rows?: number }) {
  const error = hasIssue(p.issues, p.id);
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label class="govuk-label govuk-label--s" for={p.id}>
        {p.label}
      </label>
      {p.hint ? (
        <div id={`${p.id}-hint`} class="govuk-hint">
          {p.hint}
        </div>
      ) : null}
      <FieldError t={p.t} issues={p.issues} field={p.id} id={`${p.id}-error`} />
      <textarea
        class={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        id={p.id}
        name={p.name ?? p.id}
        rows={p.rows ?? 5}
        lang={p.lang}
        aria-describedby={describedBy(p.id, p.hint, error)}
      >
        {p.value}
      </textarea>
    </div>
  );
}

/** GOV.UK radios in a fieldset; the first input carries the field's id for the error link. */
export function Radios(
  p: Omit<Common, "label"> & {
    legend: string;
    items: { value: string; label: string; hint?: string }[];
    value: string;
    inline?: boolean;
  },
) {
  const error = hasIssue(p.issues, p.id);
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(p.id, p.hint, error)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{p.legend}</legend>
        {p.hint ? (
          <div id={`${p.id}-hint`} class="govuk-hint">
            {p.hint}
          </div>
        ) : null}
        <FieldError t={p.t} issues={p.issues} field={p.id} id={`${p.id}-error`} />
        <div class={`govuk-radios govuk-radios--small${p.inline ? " govuk-radios--inline" : ""}`}>
          {p.items.map((item, i) => {
            const itemId = i === 0 ? p.id : `${p.id}-${item.value}`;
            return (
              <div key={item.value} class="govuk-radios__item">
                <input
                  class="govuk-radios__input"
                  id={itemId}
                  name={p.name ?? p.id}
                  type="radio"
                  value={item.value}
                  checked={p.value === item.value}
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

/** A labelled select with its hint and error. */
export function Select(p: Common & { value: string; items: { value: string; label: string }[] }) {
  const error = hasIssue(p.issues, p.id);
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label class="govuk-label govuk-label--s" for={p.id}>
        {p.label}
      </label>
      {p.hint ? (
        <div id={`${p.id}-hint`} class="govuk-hint">
          {p.hint}
        </div>
      ) : null}
      <FieldError t={p.t} issues={p.issues} field={p.id} id={`${p.id}-error`} />
      <select
        class={`govuk-select${error ? " govuk-select--error" : ""}`}
        id={p.id}
        name={p.name ?? p.id}
        aria-describedby={describedBy(p.id, p.hint, error)}
      >
        {p.items.map((item) => (
          <option key={item.value} value={item.value} selected={item.value === p.value}>
            {item.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** GOV.UK date input (`<id>-day`, `-month`, `-year`); the day input takes the field's id. */
export function DateInput(
  p: Omit<Common, "label"> & {
    legend: string;
    value: { day: string; month: string; year: string };
  },
) {
  const error = hasIssue(p.issues, p.id);
  const part = (name: "day" | "month" | "year", width: string) => (
    <div class="govuk-date-input__item">
      <div class="govuk-form-group">
        <label
          class="govuk-label govuk-date-input__label"
          for={name === "day" ? p.id : `${p.id}-${name}`}
        >
          {p.t(`forms.date_${name}`)}
        </label>
        <input
          class={`govuk-input govuk-date-input__input ${width}${error ? " govuk-input--error" : ""}`}
          id={name === "day" ? p.id : `${p.id}-${name}`}
          name={`${p.id}-${name}`}
          type="text"
          inputmode="numeric"
          value={p.value[name]}
        />
      </div>
    </div>
  );
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(p.id, p.hint, error)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{p.legend}</legend>
        {p.hint ? (
          <div id={`${p.id}-hint`} class="govuk-hint">
            {p.hint}
          </div>
        ) : null}
        <FieldError t={p.t} issues={p.issues} field={p.id} id={`${p.id}-error`} />
        <div class="govuk-date-input">
          {part("day", "govuk-input--width-2")}
          {part("month", "govuk-input--width-2")}
          {part("year", "govuk-input--width-4")}
        </div>
      </fieldset>
    </div>
  );
}

/** Text in a language other than the page's is marked, so screen readers pronounce it right. */
export function InLang({
  lang,
  page,
  children,
}: {
  lang: string;
  page: string;
  children: ComponentChildren;
}) {
  // biome-ignore lint/complexity/noUselessFragments: children may be several nodes; a fragment keeps the return type a VNode
  return lang === page ? <>{children}</> : <span lang={lang}>{children}</span>;
}

/** Text the public wrote or a body published: paragraphs and line breaks, nothing interpreted. */
export function Paragraphs({ text, lang }: { text: string; lang?: string | undefined }) {
  return (
    <div lang={lang}>
      {text
        .split(/\r?\n\s*\r?\n/)
        .filter((p) => p.trim() !== "")
        .map((p, i) => (
          <p key={i} class="govuk-body">
            {p
              .trim()
              .split(/\r?\n/)
              .map((line, j) => (
                <span key={j}>
                  {j > 0 ? <br /> : null}
                  {line}
                </span>
              ))}
          </p>
        ))}
    </div>
  );
}

export { type FormBody, one };

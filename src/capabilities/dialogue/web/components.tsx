import type { ComponentChildren } from "preact";
import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { FieldError } from "../../../web/components/error-summary.js";
import { langOf } from "../../../web/text-language.js";
import type { DialogueBody } from "../question.repository.js";

/** An HTML form as @fastify/formbody parses it: a repeated name becomes an array. */
export type FormBody = Record<string, string | string[] | undefined>;

/** One field's value, the first when the form repeats it, "" when absent. */
export function field(body: unknown, name: string): string {
  const v = (body as FormBody | undefined)?.[name];
  return (Array.isArray(v) ? v[0] : v) ?? "";
}

export const bodyName = (body: DialogueBody, locale: Locale): string => body[`name_${locale}`];

/** Where a body's questions live in public. */
export const bodyPath = (body: DialogueBody) => `/dialogue/${encodeURIComponent(body.slug)}`;
export const questionPath = (body: DialogueBody, id: string) =>
  `${bodyPath(body)}/questions/${encodeURIComponent(id)}`;

/** Issues keyed by the id of the input to focus, for the error summary and field messages. */
export const withIds = (issues: FieldIssue[], prefix: string): FieldIssue[] =>
  issues.map((i) => ({ ...i, field: `${prefix}${i.field}` }));

const TAGS: Record<string, string> = {
  pending: "govuk-tag--yellow",
  rejected: "govuk-tag--red",
  published: "govuk-tag--blue",
  answered: "govuk-tag--green",
};

export function StatusTag({ t, status }: { t: Translate; status: string }) {
  return (
    <strong class={`govuk-tag ${TAGS[status] ?? "govuk-tag--grey"}`}>
      {t(`dialogue.status.${status}`)}
    </strong>
  );
}

/**
 * Text as the person wrote it, one paragraph per blank-line-separated block, marked with the
 * language it seems written in when that is not the page's (`page`; WCAG 3.1.2).
 */
export function Paragraphs({ text, page }: { text: string; page: Locale }) {
  return (
    <div lang={langOf(text, page)}>
      {text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p, i) => (
          <p key={i} class="govuk-body">
            {p}
          </p>
        ))}
    </div>
  );
}

export function SummaryRow({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">{label}</dt>
      <dd class="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

/** A GOV.UK textarea with its hint and error. */
export function TextArea(p: {
  t: Translate;
  id: string;
  name: string;
  label: string;
  hint?: string;
  value: string;
  issues: FieldIssue[];
  rows?: number;
}) {
  const error = p.issues.some((i) => i.field === p.id);
  const describedBy = [p.hint ? `${p.id}-hint` : "", error ? `${p.id}-error` : ""]
    .filter(Boolean)
    .join(" ");
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
        name={p.name}
        rows={p.rows ?? 6}
        aria-describedby={describedBy || undefined}
      >
        {p.value}
      </textarea>
    </div>
  );
}

/** A GOV.UK text input whose id may differ from its name (several forms on one page). */
export function Input(p: {
  t: Translate;
  id: string;
  name: string;
  label: string;
  hint?: string;
  value: string;
  issues: FieldIssue[];
}) {
  const error = p.issues.some((i) => i.field === p.id);
  const describedBy = [p.hint ? `${p.id}-hint` : "", error ? `${p.id}-error` : ""]
    .filter(Boolean)
    .join(" ");
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
        class={`govuk-input${error ? " govuk-input--error" : ""}`}
        id={p.id}
        name={p.name}
        type="text"
        value={p.value}
        spellcheck
        aria-describedby={describedBy || undefined}
      />
    </div>
  );
}

/** GOV.UK radios; the first input carries the fieldset's id, so an error links to it. */
export function Radios(p: {
  t: Translate;
  id: string;
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  value: string;
  issues: FieldIssue[];
}) {
  const error = p.issues.some((i) => i.field === p.id);
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset class="govuk-fieldset" aria-describedby={error ? `${p.id}-error` : undefined}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{p.legend}</legend>
        <FieldError t={p.t} issues={p.issues} field={p.id} id={`${p.id}-error`} />
        <div class="govuk-radios govuk-radios--small">
          {p.options.map((o, i) => {
            const id = i === 0 ? p.id : `${p.id}-${o.value}`;
            return (
              <div key={o.value} class="govuk-radios__item">
                <input
                  class="govuk-radios__input"
                  id={id}
                  name={p.name}
                  type="radio"
                  value={o.value}
                  checked={p.value === o.value}
                />
                <label class="govuk-label govuk-radios__label" for={id}>
                  {o.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

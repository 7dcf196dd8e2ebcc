import type { ComponentChildren } from "preact";
import type { Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { FieldError } from "../../../web/components/error-summary.js";

interface Base {
  t: Translate;
  id: string;
  name: string;
  label: string;
  hint?: string;
  issues: FieldIssue[];
  /** The field name issues are reported under, when it differs from `name`. */
  issueField?: string;
}

const describe = (p: Base, error: boolean) =>
  [p.hint ? `${p.id}-hint` : "", error ? `${p.id}-error` : ""].filter(Boolean).join(" ") ||
  undefined;

function Group({ error, children }: { error: boolean; children: ComponentChildren }) {
  return <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>{children}</div>;
}

/** A labelled text area with hint and error, as GOV.UK lays it out. */
export function TextArea(p: Base & { value: string; rows?: number; lang?: string }) {
  const field = p.issueField ?? p.name;
  const error = p.issues.some((i) => i.field === field);
  return (
    <Group error={error}>
      <label class="govuk-label govuk-label--s" for={p.id}>
        {p.label}
      </label>
      {p.hint ? (
        <div id={`${p.id}-hint`} class="govuk-hint">
          {p.hint}
        </div>
      ) : null}
      <FieldError t={p.t} issues={p.issues} field={field} id={`${p.id}-error`} />
      <textarea
        class={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        id={p.id}
        name={p.name}
        rows={p.rows ?? 5}
        lang={p.lang}
        aria-describedby={describe(p, error)}
      >
        {p.value}
      </textarea>
    </Group>
  );
}

/** A labelled one-line input with hint and error. */
export function Input(p: Base & { value: string; lang?: string }) {
  const field = p.issueField ?? p.name;
  const error = p.issues.some((i) => i.field === field);
  return (
    <Group error={error}>
      <label class="govuk-label govuk-label--s" for={p.id}>
        {p.label}
      </label>
      {p.hint ? (
        <div id={`${p.id}-hint`} class="govuk-hint">
          {p.hint}
        </div>
      ) : null}
      <FieldError t={p.t} issues={p.issues} field={field} id={`${p.id}-error`} />
      <input
        class={`govuk-input${error ? " govuk-input--error" : ""}`}
        id={p.id}
        name={p.name}
        type="text"
        value={p.value}
        lang={p.lang}
        aria-describedby={describe(p, error)}
      />
    </Group>
  );
}

/** Radios in a fieldset; the first input carries the field's id so the error summary lands on it. */
export function Radios(
  p: Base & { value: string; items: { value: string; label: string }[]; inline?: boolean },
) {
  const field = p.issueField ?? p.name;
  const error = p.issues.some((i) => i.field === field);
  return (
    <Group error={error}>
      <fieldset class="govuk-fieldset" aria-describedby={describe(p, error)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{p.label}</legend>
        {p.hint ? (
          <div id={`${p.id}-hint`} class="govuk-hint">
            {p.hint}
          </div>
        ) : null}
        <FieldError t={p.t} issues={p.issues} field={field} id={`${p.id}-error`} />
        <div
          class={`govuk-radios govuk-radios--small${p.inline ? " govuk-radios--inline" : ""}`}
          data-module="govuk-radios"
        >
          {p.items.map((item, i) => {
            const itemId = i === 0 ? p.id : `${p.id}-${item.value}`;
            return (
              <div key={item.value} class="govuk-radios__item">
                <input
                  class="govuk-radios__input"
                  id={itemId}
                  name={p.name}
                  type="radio"
                  value={item.value}
                  checked={p.value === item.value}
                />
                <label class="govuk-label govuk-radios__label" for={itemId}>
                  {item.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </Group>
  );
}

/** A labelled select with its error. */
export function Select(p: Base & { value: string; options: { value: string; label: string }[] }) {
  const field = p.issueField ?? p.name;
  const error = p.issues.some((i) => i.field === field);
  return (
    <Group error={error}>
      <label class="govuk-label govuk-label--s" for={p.id}>
        {p.label}
      </label>
      <FieldError t={p.t} issues={p.issues} field={field} id={`${p.id}-error`} />
      <select
        class={`govuk-select${error ? " govuk-select--error" : ""}`}
        id={p.id}
        name={p.name}
        aria-describedby={describe(p, error)}
      >
        {p.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === p.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Group>
  );
}

/** One field of a posted form, as text ("" when absent; the first when repeated). */
export function field(body: unknown, name: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === "string" ? first : "";
}

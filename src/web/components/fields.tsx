import type { ComponentChildren } from "preact";
import type { Translate } from "../../kernel/i18n.js";
import type { FieldIssue } from "../../kernel/result.js";
import { CSRF_FIELD } from "../csrf-plugin.js";
import { FieldError } from "./error-summary.js";

export interface FieldProps {
  t: Translate;
  name: string;
  label: string;
  hint?: string;
  value?: string;
  type?: "text" | "email" | "password" | "tel" | "search";
  autocomplete?: string;
  inputmode?: "numeric" | "text" | "email" | "tel";
  issues: FieldIssue[];
  width?:
    | "govuk-input--width-10"
    | "govuk-input--width-20"
    | "govuk-input--width-30"
    | "govuk-input--width-5";
  maxLength?: number;
  spellcheck?: boolean;
}

/** A labelled input with its hint and error, as GOV.UK lays them out. */
export function TextField(p: FieldProps) {
  const error = p.issues.some((i) => i.field === p.name);
  const describedBy = [p.hint ? `${p.name}-hint` : "", error ? `${p.name}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label class="govuk-label govuk-label--s" for={p.name}>
        {p.label}
      </label>
      {p.hint ? (
        <div id={`${p.name}-hint`} class="govuk-hint">
          {p.hint}
        </div>
      ) : null}
      <FieldError t={p.t} issues={p.issues} field={p.name} id={`${p.name}-error`} />
      <input
        class={`govuk-input${p.width ? ` ${p.width}` : ""}${error ? " govuk-input--error" : ""}`}
        id={p.name}
        name={p.name}
        type={(p.type ?? "text") as "text"}
        value={p.type === "password" ? "" : (p.value ?? "")}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        maxLength={p.maxLength}
        spellcheck={p.spellcheck}
        aria-describedby={describedBy || undefined}
      />
    </div>
  );
}

/** A POST form with its CSRF token. */
export function Form({
  action,
  csrf,
  children,
}: {
  action: string;
  csrf: string;
  children: ComponentChildren;
}) {
  return (
    <form method="post" action={action} novalidate>
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      {children}
    </form>
  );
}

export function SubmitButton({
  children,
  secondary,
  warning,
}: {
  children: ComponentChildren;
  secondary?: boolean;
  warning?: boolean;
}) {
  const variant = warning ? " govuk-button--warning" : secondary ? " govuk-button--secondary" : "";
  return (
    <button type="submit" class={`govuk-button${variant}`} data-prevent-double-click="true">
      {children}
    </button>
  );
}

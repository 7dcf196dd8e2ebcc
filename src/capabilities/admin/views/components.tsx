import type { ComponentChildren } from "preact";
import type { Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { FieldError } from "../../../web/components/error-summary.js";
import { SuccessBanner } from "../../../web/components/notices.js";

/** One choice in a select or a group of checkboxes. */
export interface Option {
  value: string;
  label: string;
}

/** A labelled select with its hint and error, as GOV.UK lays them out. */
export function SelectField(p: {
  t: Translate;
  name: string;
  id?: string;
  label: string;
  hint?: string;
  value: string;
  options: Option[];
  issues: FieldIssue[];
  errorField?: string;
}) {
  const id = p.id ?? p.name;
  const error = p.issues.some((i) => i.field === (p.errorField ?? p.name));
  const describedBy = [p.hint ? `${id}-hint` : "", error ? `${id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label class="govuk-label govuk-label--s" for={id}>
        {p.label}
      </label>
      {p.hint ? (
        <div id={`${id}-hint`} class="govuk-hint">
          {p.hint}
        </div>
      ) : null}
      <FieldError t={p.t} issues={p.issues} field={p.errorField ?? p.name} id={`${id}-error`} />
      <select
        class={`govuk-select${error ? " govuk-select--error" : ""}`}
        id={id}
        name={p.name}
        aria-describedby={describedBy || undefined}
      >
        {p.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === p.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A group of checkboxes; the first box's id is the field's name, so the error summary links to it. */
export function CheckboxesField(p: {
  t: Translate;
  name: string;
  legend: string;
  hint?: string;
  values: string[];
  options: Option[];
  issues: FieldIssue[];
}) {
  const error = p.issues.some((i) => i.field === p.name);
  const describedBy = [p.hint ? `${p.name}-hint` : "", error ? `${p.name}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy || undefined}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{p.legend}</legend>
        {p.hint ? (
          <div id={`${p.name}-hint`} class="govuk-hint">
            {p.hint}
          </div>
        ) : null}
        <FieldError t={p.t} issues={p.issues} field={p.name} id={`${p.name}-error`} />
        <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          {p.options.map((o, i) => {
            const id = i === 0 ? p.name : `${p.name}-${i}`;
            return (
              <div key={o.value} class="govuk-checkboxes__item">
                <input
                  class="govuk-checkboxes__input"
                  id={id}
                  name={p.name}
                  type="checkbox"
                  value={o.value}
                  checked={p.values.includes(o.value)}
                />
                <label class="govuk-label govuk-checkboxes__label" for={id}>
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

/** The green banner after a change was saved, naming what happened. */
export function NoticeBanner({ t, text }: { t: Translate; text: string | undefined }) {
  return <SuccessBanner title={t("admin.notice_title")} text={text} />;
}

/** "Administration › …" above each page, so people can find their way back. */
export function Breadcrumbs({
  t,
  trail,
}: {
  t: Translate;
  trail: { href: string; label: string }[];
}) {
  return (
    <nav class="govuk-breadcrumbs" aria-label={t("layout.breadcrumbs")}>
      <ol class="govuk-breadcrumbs__list">
        {[{ href: "/admin", label: t("admin.title") }, ...trail].map((c) => (
          <li key={c.href} class="govuk-breadcrumbs__list-item">
            <a class="govuk-breadcrumbs__link" href={c.href}>
              {c.label}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** An active/inactive tag. */
export function StatusTag({ t, active }: { t: Translate; active: boolean }) {
  return active ? (
    <strong class="govuk-tag govuk-tag--green">{t("admin.status.active")}</strong>
  ) : (
    <strong class="govuk-tag govuk-tag--grey">{t("admin.status.inactive")}</strong>
  );
}

/** GOV.UK's reading column (two thirds), or the full width for tables. */
export function Column({ wide, children }: { wide?: boolean; children: ComponentChildren }) {
  return (
    <div class="govuk-grid-row">
      <div class={wide ? "govuk-grid-column-full" : "govuk-grid-column-two-thirds"}>{children}</div>
    </div>
  );
}

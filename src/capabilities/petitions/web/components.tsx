import type { ComponentChildren } from "preact";
import { toPlainDate } from "../../../kernel/calendar/index.js";
import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { FieldError } from "../../../web/components/error-summary.js";
import { formatDate } from "../../../web/format.js";
import type { PetitionRow } from "../petition.js";

export type Names = { kk: string; ru: string; en: string };

/** An instant as the date it was in Kazakhstan, in the reader's language. */
export function day(iso: string, locale: Locale): string {
  return formatDate(toPlainDate(new Date(iso), "Asia/Almaty"), locale, "long");
}

export function plainDay(date: string, locale: Locale): string {
  return formatDate(date, locale, "long");
}

/** Text written in the petition's language, marked when it differs from the page's. */
export function InLang({
  lang,
  page,
  children,
}: {
  lang: string;
  page: string;
  children: ComponentChildren;
}) {
  // biome-ignore lint/complexity/noUselessFragments: children may be several nodes
  return lang === page ? <>{children}</> : <span lang={lang}>{children}</span>;
}

export function Title({ p, locale }: { p: PetitionRow; locale: Locale }) {
  return (
    <InLang lang={p.language} page={locale}>
      {p.title}
    </InLang>
  );
}

const TAG: Record<string, string> = {
  draft: "govuk-tag--grey",
  gathering: "govuk-tag--light-blue",
  admissibility: "govuk-tag--yellow",
  refused: "govuk-tag--red",
  collecting: "govuk-tag--blue",
  consideration: "govuk-tag--purple",
  decided: "govuk-tag--green",
  expired: "govuk-tag--grey",
  withdrawn: "govuk-tag--grey",
};

export function StatusTag({ t, status }: { t: Translate; status: string }) {
  return (
    <strong class={`govuk-tag ${TAG[status] ?? "govuk-tag--grey"}`}>
      {t(`petitions.status.${status}`)}
    </strong>
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

/** Paragraphs of plain text (blank lines separate them). */
export function Paragraphs({ text, lang, page }: { text: string; lang: string; page: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .filter((x) => x.trim())
        .map((para, i) => (
          <p key={i} class="govuk-body" lang={lang !== page ? lang : undefined}>
            {para.trim()}
          </p>
        ))}
    </>
  );
}

const hasIssue = (issues: FieldIssue[], field: string) => issues.some((i) => i.field === field);

export function TextInput(p: {
  t: Translate;
  id: string;
  label: string;
  hint?: string;
  value: string;
  issues: FieldIssue[];
  maxLength?: number;
}) {
  const error = hasIssue(p.issues, p.id);
  const describedBy =
    [p.hint ? `${p.id}-hint` : "", error ? `${p.id}-error` : ""].filter(Boolean).join(" ") ||
    undefined;
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
        name={p.id}
        type="text"
        value={p.value}
        maxLength={p.maxLength}
        aria-describedby={describedBy}
      />
    </div>
  );
}

export function TextArea(p: {
  t: Translate;
  id: string;
  label: string;
  hint?: string;
  value: string;
  issues: FieldIssue[];
  rows?: number;
}) {
  const error = hasIssue(p.issues, p.id);
  const describedBy =
    [p.hint ? `${p.id}-hint` : "", error ? `${p.id}-error` : ""].filter(Boolean).join(" ") ||
    undefined;
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
        name={p.id}
        rows={p.rows ?? 5}
        aria-describedby={describedBy}
      >
        {p.value}
      </textarea>
    </div>
  );
}

export function Select(p: {
  t: Translate;
  id: string;
  label: string;
  value: string;
  issues: FieldIssue[];
  options: { value: string; label: string }[];
}) {
  const error = hasIssue(p.issues, p.id);
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label class="govuk-label govuk-label--s" for={p.id}>
        {p.label}
      </label>
      <FieldError t={p.t} issues={p.issues} field={p.id} id={`${p.id}-error`} />
      <select
        class={`govuk-select${error ? " govuk-select--error" : ""}`}
        id={p.id}
        name={p.id}
        aria-describedby={error ? `${p.id}-error` : undefined}
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

/** A POST form with its CSRF token and one submit button. */
export function ActionForm({
  action,
  csrf,
  label,
  children,
  secondary,
  warning,
}: {
  action: string;
  csrf: string;
  label: string;
  children?: ComponentChildren;
  secondary?: boolean;
  warning?: boolean;
}) {
  const variant = warning ? " govuk-button--warning" : secondary ? " govuk-button--secondary" : "";
  return (
    <form method="post" action={action} novalidate>
      <input type="hidden" name="_csrf" value={csrf} />
      {children}
      <button type="submit" class={`govuk-button${variant}`} data-prevent-double-click="true">
        {label}
      </button>
    </form>
  );
}

/** The milestones of a petition as a list of dated steps. */
export function Timeline({
  t,
  locale,
  items,
}: {
  t: Translate;
  locale: Locale;
  items: { key: string; at: string }[];
}) {
  return (
    <ol class="govuk-list govuk-list--number">
      {items.map((m) => (
        <li key={m.key}>
          {t(`petitions.milestone.${m.key}`)}: <time dateTime={m.at}>{day(m.at, locale)}</time>
        </li>
      ))}
    </ol>
  );
}

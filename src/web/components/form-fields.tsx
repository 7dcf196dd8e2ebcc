import type { ComponentChildren } from "preact";
import type { Locale, Translate } from "../../kernel/i18n.js";
import type { FieldIssue } from "../../kernel/result.js";
import { type FormBody, one } from "../forms.js";
import { FieldError } from "./error-summary.js";

/**
 * The web kit's form fields, laid out as GOV.UK Frontend lays them out: a label (or a legend),
 * a hint, the field's error and the control. Every field takes the same base props; the error
 * shown is the first issue whose `field` is `issueField` (by default the field's id), so the
 * error summary's link (`#id`) lands on the control.
 */

const hasIssue = (issues: FieldIssue[], field: string) => issues.some((i) => i.field === field);

function describedBy(id: string, hint: unknown, error: boolean, extra?: string) {
  return (
    [hint ? `${id}-hint` : "", extra ?? "", error ? `${id}-error` : ""].filter(Boolean).join(" ") ||
    undefined
  );
}

/** The props every field takes. */
export interface FieldBase {
  t: Translate;
  /** The control's id (the first control's, for a group), which the error summary links to. */
  id: string;
  /** The name the form posts; the id when not given. */
  name?: string;
  label: string;
  hint?: string | undefined;
  issues: FieldIssue[];
  /** The field name issues are reported under, when it is not the id. */
  issueField?: string;
  /** The language of the value, when the field is for one language. */
  lang?: string | undefined;
  /** The label's size: GOV.UK's `s` (the default), `m` or `l`. */
  labelSize?: "s" | "m" | "l";
}

/** A field whose caption is a fieldset's legend (radios, checkboxes, a date). */
export type GroupBase = Omit<FieldBase, "label"> & { legend: string };

/** One choice of a select, radios or checkboxes. */
export interface Choice {
  value: string;
  label: string;
  hint?: string | undefined;
  /** The language of the label, when it is not the page's. */
  lang?: string | undefined;
}

function errorOf(p: { id: string; issueField?: string | undefined; issues: FieldIssue[] }) {
  return hasIssue(p.issues, p.issueField ?? p.id);
}

function Group({ error, children }: { error: boolean; children: ComponentChildren }) {
  return <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>{children}</div>;
}

function Label(p: FieldBase) {
  return (
    <label class={`govuk-label govuk-label--${p.labelSize ?? "s"}`} for={p.id}>
      {p.label}
    </label>
  );
}

function HintAndError(p: {
  t: Translate;
  id: string;
  hint?: string | undefined;
  issues: FieldIssue[];
  issueField?: string | undefined;
}) {
  return (
    <>
      {p.hint ? (
        <div id={`${p.id}-hint`} class="govuk-hint">
          {p.hint}
        </div>
      ) : null}
      <FieldError t={p.t} issues={p.issues} field={p.issueField ?? p.id} id={`${p.id}-error`} />
    </>
  );
}

function Legend({ text, size }: { text: string; size?: "s" | "m" | "l" | undefined }) {
  return (
    <legend class={`govuk-fieldset__legend govuk-fieldset__legend--${size ?? "s"}`}>{text}</legend>
  );
}

/** A labelled one-line input with its hint and error. */
export function Input(
  p: FieldBase & {
    value: string;
    type?: "text" | "url" | "email" | "tel" | "search" | "password" | "number";
    /** A GOV.UK width class, e.g. `govuk-input--width-10`. */
    width?: string;
    inputmode?: "numeric" | "text" | "decimal" | "email" | "tel" | "url";
    autocomplete?: string;
    spellcheck?: boolean;
    maxLength?: number;
  },
) {
  const error = errorOf(p);
  return (
    <Group error={error}>
      <Label {...p} />
      <HintAndError {...p} />
      <input
        class={`govuk-input${p.width ? ` ${p.width}` : ""}${error ? " govuk-input--error" : ""}`}
        id={p.id}
        name={p.name ?? p.id}
        type={(p.type ?? "text") as "text"}
        value={p.type === "password" ? "" : p.value}
        inputmode={p.inputmode}
        autocomplete={p.autocomplete ?? "off"}
        lang={p.lang}
        spellcheck={p.spellcheck ?? false}
        maxLength={p.maxLength}
        aria-describedby={describedBy(p.id, p.hint, error)}
      />
    </Group>
  );
}

/** The plural categories a locale's numbers take (Russian: one, few, many, other). */
function pluralCategories(locale: string): string[] {
  return new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];
}

/**
 * The `data-i18n.*` attributes GOV.UK Frontend's character count reads for its messages, in
 * the page's language: one attribute for each plural category the language has (Intl.PluralRules,
 * as the component itself chooses), `%{count}` standing for the number. Without them it
 * speaks English. Exported for tests.
 */
export function characterCountI18n(t: Translate, locale: Locale): Record<string, string> {
  const attributes: Record<string, string> = {
    "data-i18n.characters-at-limit": t("forms.character_count.at_limit"),
  };
  for (const category of pluralCategories(locale)) {
    attributes[`data-i18n.characters-under-limit.${category}`] = t(
      `forms.character_count.under_limit.${category}`,
    );
    attributes[`data-i18n.characters-over-limit.${category}`] = t(
      `forms.character_count.over_limit.${category}`,
    );
    attributes[`data-i18n.textarea-description.${category}`] = t(
      `forms.character_count.description.${category}`,
    );
  }
  return attributes;
}

/** "You can enter up to 20 000 characters", as the page says it before any script runs. */
export function characterLimitText(t: Translate, locale: Locale, max: number): string {
  const category = new Intl.PluralRules(locale).select(max);
  return t(`forms.character_count.description.${category}`).replace(
    "%{count}",
    new Intl.NumberFormat(locale).format(max),
  );
}

/**
 * A labelled textarea with its hint and error. With `maxLength` it is GOV.UK's character count,
 * whose messages are given in the page's language (`locale`); the limit is also stated as text
 * for anyone without JavaScript.
 */
export function TextArea(
  p: FieldBase & {
    value: string;
    rows?: number;
    maxLength?: number;
    /** The page's language: needed with `maxLength`, for the count's messages. */
    locale?: Locale;
    spellcheck?: boolean;
  },
) {
  const error = errorOf(p);
  const counted = p.maxLength !== undefined && p.maxLength > 0;
  const locale = p.locale ?? "en";
  const body = (
    <>
      <Label {...p} />
      <HintAndError {...p} />
      <textarea
        class={`govuk-textarea${counted ? " govuk-js-character-count" : ""}${error ? " govuk-textarea--error" : ""}`}
        id={p.id}
        name={p.name ?? p.id}
        rows={p.rows ?? 5}
        lang={p.lang}
        spellcheck={p.spellcheck}
        aria-describedby={describedBy(p.id, p.hint, error, counted ? `${p.id}-info` : undefined)}
      >
        {p.value}
      </textarea>
    </>
  );
  if (!counted) return <Group error={error}>{body}</Group>;
  return (
    <div
      class={`govuk-form-group govuk-character-count${error ? " govuk-form-group--error" : ""}`}
      data-module="govuk-character-count"
      data-maxlength={p.maxLength}
      {...characterCountI18n(p.t, locale)}
    >
      {body}
      <div id={`${p.id}-info`} class="govuk-hint govuk-character-count__message">
        {characterLimitText(p.t, locale, p.maxLength as number)}
      </div>
    </div>
  );
}

/** A labelled select with its hint and error. */
export function Select(p: FieldBase & { value: string; items: Choice[] }) {
  const error = errorOf(p);
  return (
    <Group error={error}>
      <Label {...p} />
      <HintAndError {...p} />
      <select
        class={`govuk-select${error ? " govuk-select--error" : ""}`}
        id={p.id}
        name={p.name ?? p.id}
        aria-describedby={describedBy(p.id, p.hint, error)}
      >
        {p.items.map((item) => (
          <option
            key={item.value}
            value={item.value}
            selected={item.value === p.value}
            lang={item.lang}
          >
            {item.label}
          </option>
        ))}
      </select>
    </Group>
  );
}

/** GOV.UK radios in a fieldset; the first input carries the field's id for the error link. */
export function Radios(
  p: GroupBase & {
    items: Choice[];
    value: string;
    inline?: boolean;
    /** GOV.UK's small radios (the default) or the large ones. */
    small?: boolean;
  },
) {
  const error = errorOf(p);
  return (
    <Group error={error}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(p.id, p.hint, error)}>
        <Legend text={p.legend} size={p.labelSize} />
        <HintAndError {...p} />
        <div
          class={`govuk-radios${p.small === false ? "" : " govuk-radios--small"}${p.inline ? " govuk-radios--inline" : ""}`}
          data-module="govuk-radios"
        >
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
                <label class="govuk-label govuk-radios__label" for={itemId} lang={item.lang}>
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
    </Group>
  );
}

/** GOV.UK checkboxes in a fieldset; the first box carries the field's id, the others `<id>-<n>`. */
export function Checkboxes(
  p: GroupBase & {
    items: Choice[];
    /** The values checked. */
    values: readonly string[];
    small?: boolean;
  },
) {
  const error = errorOf(p);
  return (
    <Group error={error}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(p.id, p.hint, error)}>
        <Legend text={p.legend} size={p.labelSize} />
        <HintAndError {...p} />
        <div
          class={`govuk-checkboxes${p.small === false ? "" : " govuk-checkboxes--small"}`}
          data-module="govuk-checkboxes"
        >
          {p.items.map((item, i) => {
            const itemId = i === 0 ? p.id : `${p.id}-${i}`;
            return (
              <div key={item.value} class="govuk-checkboxes__item">
                <input
                  class="govuk-checkboxes__input"
                  id={itemId}
                  name={p.name ?? p.id}
                  type="checkbox"
                  value={item.value}
                  checked={p.values.includes(item.value)}
                  aria-describedby={item.hint ? `${itemId}-item-hint` : undefined}
                />
                <label class="govuk-label govuk-checkboxes__label" for={itemId} lang={item.lang}>
                  {item.label}
                </label>
                {item.hint ? (
                  <div id={`${itemId}-item-hint`} class="govuk-hint govuk-checkboxes__hint">
                    {item.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </Group>
  );
}

/** The three parts of a date as typed. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** GOV.UK date input (`<id>-day`, `-month`, `-year`); the day input takes the field's id. */
export function DateInput(p: GroupBase & { value: DateParts }) {
  const error = errorOf(p);
  const base = p.name ?? p.id;
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
          name={`${base}-${name}`}
          type="text"
          inputmode="numeric"
          autocomplete="off"
          value={p.value[name]}
        />
      </div>
    </div>
  );
  return (
    <Group error={error}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(p.id, p.hint, error)}>
        <Legend text={p.legend} size={p.labelSize} />
        <HintAndError {...p} />
        <div class="govuk-date-input">
          {part("day", "govuk-input--width-2")}
          {part("month", "govuk-input--width-2")}
          {part("year", "govuk-input--width-4")}
        </div>
      </fieldset>
    </Group>
  );
}

/** A date's parts as a form posted them (`<name>-day`, `-month`, `-year`), trimmed. */
export function dateParts(body: FormBody | undefined, name: string): DateParts {
  return {
    day: one(body, `${name}-day`),
    month: one(body, `${name}-month`),
    year: one(body, `${name}-year`),
  };
}

/** The date the parts name (YYYY-MM-DD), or null when they are not a real date. */
export function isoDate(parts: DateParts): string | null {
  if (!/^\d{1,2}$/.test(parts.day) || !/^\d{1,2}$/.test(parts.month) || !/^\d{4}$/.test(parts.year))
    return null;
  const iso = `${parts.year}-${parts.month.padStart(2, "0")}-${parts.day.padStart(2, "0")}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

/**
 * GOV.UK file upload. The chosen file goes with the form it is in: put it in the form whose
 * button sends it (`multipart/form-data`), and never beside a link that leaves the page, or a
 * chosen file is lost unsaid.
 */
export function FileUpload(
  p: FieldBase & {
    /** What the input accepts, e.g. ".pdf,.jpg,application/pdf". */
    accept?: string;
    multiple?: boolean;
  },
) {
  const error = errorOf(p);
  return (
    <Group error={error}>
      <Label {...p} />
      <HintAndError {...p} />
      <input
        class={`govuk-file-upload${error ? " govuk-file-upload--error" : ""}`}
        id={p.id}
        name={p.name ?? p.id}
        type="file"
        accept={p.accept}
        multiple={p.multiple}
        aria-describedby={describedBy(p.id, p.hint, error)}
      />
    </Group>
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

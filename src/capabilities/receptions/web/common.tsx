import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { FieldError } from "../../../web/components/error-summary.js";
import { formatDateTime, formatEventTime } from "../../../web/format.js";

/** A form as @fastify/formbody parses it. */
export type FormBody = Record<string, string | string[] | undefined>;

export const nameIn = (
  row: { name_kk: string; name_ru: string; name_en: string },
  locale: Locale,
): string => (locale === "kk" ? row.name_kk : locale === "ru" ? row.name_ru : row.name_en);

export const personName = (row: { surname: string; given_name: string }) =>
  `${row.surname} ${row.given_name}`;

/** When a slot runs, in the body's zone and the reader's language. */
export const slotTime = (
  s: { starts_at: string; ends_at: string; time_zone: string },
  locale: Locale,
) => formatEventTime(s, locale);

/** An instant as a date and time in a zone and the reader's language. */
export function instantIn(iso: string, timeZone: string, locale: Locale): string {
  return formatDateTime(iso, locale, timeZone, "full");
}

/** Every value of a repeated form field. */
export function many(body: FormBody | undefined, name: string): string[] {
  const v = body?.[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => x.trim());
}

/**
 * GOV.UK checkboxes in a fieldset; the first input carries the field's id for the error link.
 * The inputs share the name `<id>[]`, the usual mark of a field sent several times.
 */
export function Checkboxes(p: {
  t: Translate;
  id: string;
  legend: string;
  hint?: string;
  items: { value: string; label: string }[];
  values: string[];
  issues: FieldIssue[];
}) {
  const error = p.issues.some((i) => i.field === p.id);
  const described = [p.hint ? `${p.id}-hint` : "", error ? `${p.id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset class="govuk-fieldset" aria-describedby={described || undefined}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{p.legend}</legend>
        {p.hint ? (
          <div id={`${p.id}-hint`} class="govuk-hint">
            {p.hint}
          </div>
        ) : null}
        <FieldError t={p.t} issues={p.issues} field={p.id} id={`${p.id}-error`} />
        <div class="govuk-checkboxes govuk-checkboxes--small">
          {p.items.map((item, i) => {
            const itemId = i === 0 ? p.id : `${p.id}-${i}`;
            return (
              <div key={item.value} class="govuk-checkboxes__item">
                <input
                  class="govuk-checkboxes__input"
                  id={itemId}
                  name={`${p.id}[]`}
                  type="checkbox"
                  value={item.value}
                  checked={p.values.includes(item.value)}
                />
                <label class="govuk-label govuk-checkboxes__label" for={itemId}>
                  {item.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** A status tag for a booking or ticket. */
export function StatusTag({ t, status }: { t: Translate; status: string }) {
  const colour =
    status === "booked" || status === "waiting"
      ? "govuk-tag--blue"
      : status === "resolved"
        ? "govuk-tag--green"
        : status === "appeal"
          ? "govuk-tag--purple"
          : "govuk-tag--grey";
  return <strong class={`govuk-tag ${colour}`}>{t(`receptions.status.${status}`)}</strong>;
}

/** A row of a GOV.UK summary list. */
export function Row({ label, children }: { label: string; children: preact.ComponentChildren }) {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">{label}</dt>
      <dd class="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

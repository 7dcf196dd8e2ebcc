import type { CalendarYear } from "../../../kernel/calendar/index.js";
import { formatDate } from "../../../kernel/format/index.js";
import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { ErrorSummary } from "../../../web/components/error-summary.js";
import { Form } from "../../../web/components/fields.js";
import {
  DateInput,
  type DateParts,
  Input,
  Radios,
  Select,
} from "../../../web/components/form-fields.js";
import { ENTRY_KINDS, TEXT_MAX } from "../calendar-admin.js";
import { Breadcrumbs, Column, NoticeBanner } from "./components.js";

export interface CalendarAdminProps {
  t: Translate;
  locale: Locale;
  csrf: string;
  jurisdictions: string[];
  year: CalendarYear;
  years: number[];
  notice: string | undefined;
  issues: FieldIssue[];
  values: {
    kind: string;
    date: DateParts;
    name_kk: string;
    name_ru: string;
    name_en: string;
    reason: string;
  };
}

/**
 * The language a transfer's reason is written in, as far as it can be told: the shipped calendars
 * give them in English (no Cyrillic letter), an administrator may write them in Kazakh or Russian.
 */
const written = (reason: string): string | undefined =>
  /[\u0400-\u04FF]/.test(reason) ? undefined : "en";

/** One jurisdiction's year: its holidays, transfers and swaps, each removable, and a form to add or change a day. */
export function CalendarAdminPage(p: CalendarAdminProps) {
  const { t, locale, year: y } = p;
  const base = `/admin/calendars/${y.jurisdiction}/${y.year}`;
  const day = (d: string) => formatDate(d, locale, "full");
  const rows: { date: string; kind: string; text: string; lang?: string }[] = [
    ...y.holidays.map((h) => ({
      date: h.date,
      kind: "holiday",
      text: h.name[locale] || h.name.ru,
    })),
    ...y.daysOff.map((d) => ({
      date: d.date,
      kind: "day_off",
      text: d.reason,
      lang: written(d.reason),
    })),
    ...y.workingDays.map((d) => ({
      date: d.date,
      kind: "working_day",
      text: d.reason,
      lang: written(d.reason),
    })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <Column wide>
      <Breadcrumbs t={t} trail={[{ href: "/admin", label: t("admin.title") }]} />
      <ErrorSummary t={t} issues={p.issues} fieldIds={{ date: "date" }} />
      <NoticeBanner t={t} text={p.notice} />
      <h1 class="govuk-heading-l">{t("admin.calendar.title")}</h1>
      <p class="govuk-body">{t("admin.calendar.lead")}</p>
      <form method="get" action="/admin/calendars" novalidate>
        <Select
          t={t}
          id="jurisdiction"
          label={t("admin.calendar.jurisdiction")}
          issues={[]}
          value={y.jurisdiction}
          items={p.jurisdictions.map((j) => ({
            value: j,
            label: t(`admin.calendar.jurisdictions.${j}`),
          }))}
        />
        <Select
          t={t}
          id="year"
          label={t("admin.calendar.year")}
          issues={[]}
          value={String(y.year)}
          items={p.years.map((n) => ({ value: String(n), label: String(n) }))}
        />
        <button type="submit" class="govuk-button govuk-button--secondary">
          {t("admin.calendar.show")}
        </button>
      </form>
      <h2 class="govuk-heading-m">{t("admin.calendar.days_title", { year: String(y.year) })}</h2>
      {rows.length === 0 ? (
        <p class="govuk-body">{t("admin.calendar.none")}</p>
      ) : (
        <ul class="govuk-list">
          {rows.map((r) => (
            <li key={r.date} class="halyq-calendar-day govuk-!-margin-bottom-4">
              <strong>{day(r.date)}</strong>
              <br />
              <span class="govuk-body-s">
                {t(`admin.calendar.kinds.${r.kind}`)}: <span lang={r.lang}>{r.text}</span>
              </span>
              <Form action={`${base}/remove`} csrf={p.csrf}>
                <input type="hidden" name="date" value={r.date} />
                <button
                  type="submit"
                  class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                  data-prevent-double-click="true"
                >
                  {t("admin.calendar.remove")}
                  <span class="govuk-visually-hidden">: {day(r.date)}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <h2 class="govuk-heading-m" id="add">
        {t("admin.calendar.add_title")}
      </h2>
      <p class="govuk-body">{t("admin.calendar.add_lead")}</p>
      <Form action={base} csrf={p.csrf}>
        <Radios
          t={t}
          id="kind"
          legend={t("admin.calendar.kind")}
          issues={p.issues}
          value={p.values.kind}
          items={ENTRY_KINDS.map((k) => ({
            value: k,
            label: t(`admin.calendar.kinds.${k}`),
            hint: t(`admin.calendar.kind_hints.${k}`),
          }))}
        />
        <DateInput
          t={t}
          id="date"
          legend={t("admin.calendar.date")}
          hint={t("admin.calendar.date_hint", { year: String(y.year) })}
          issues={p.issues}
          value={p.values.date}
        />
        {(["name_kk", "name_ru", "name_en"] as const).map((f) => (
          <Input
            key={f}
            t={t}
            id={f}
            label={t(`admin.calendar.${f}`)}
            hint={f === "name_en" ? t("admin.languages.en_optional") : undefined}
            issues={p.issues}
            value={p.values[f]}
            lang={f.slice(5)}
            maxLength={TEXT_MAX}
          />
        ))}
        <Input
          t={t}
          id="reason"
          label={t("admin.calendar.reason")}
          hint={t("admin.calendar.reason_hint")}
          issues={p.issues}
          value={p.values.reason}
          maxLength={TEXT_MAX}
        />
        <button type="submit" class="govuk-button" data-prevent-double-click="true">
          {t("admin.calendar.save")}
        </button>
      </Form>
    </Column>
  );
}

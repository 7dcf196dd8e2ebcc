import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { ErrorSummary, FieldError } from "../../../web/components/error-summary.js";
import { formatDate } from "../../../web/format.js";
import type { YearSummary } from "../calendar.js";

export interface CalculatorForm {
  day: string;
  month: string;
  year: string;
  days: string;
  jurisdiction: string;
  from?: string;
}

export interface CalendarPageProps {
  t: Translate;
  locale: Locale;
  form: CalculatorForm;
  issues: FieldIssue[];
  result: string | undefined;
  jurisdictions: string[];
  year: YearSummary;
}

function inputClass(base: string, error: boolean): string {
  return error ? `${base} govuk-input--error` : base;
}

/** The working-day calculator and the year's non-working days. */
export function CalendarPage({
  t,
  locale,
  form,
  issues,
  result,
  jurisdictions,
  year,
}: CalendarPageProps) {
  const fromError = issues.some((i) => i.field === "from");
  const daysError = issues.some((i) => i.field === "days");
  const jurisdictionError = issues.some((i) => i.field === "jurisdiction");
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <ErrorSummary t={t} issues={issues} fieldIds={{ from: "from-day" }} />
        <h1 class="govuk-heading-l">{t("calendar.title")}</h1>
        <p class="govuk-body">{t("calendar.lead")}</p>
        {result && form.from ? (
          <div class="govuk-panel govuk-panel--confirmation" role="status">
            <h2 class="govuk-panel__title">{formatDate(result, locale)}</h2>
            <div class="govuk-panel__body">
              {t("calendar.result", {
                days: form.days,
                from: formatDate(form.from, locale, "long"),
              })}
            </div>
          </div>
        ) : null}
        <form method="get" action="/calendar" novalidate>
          <div class={`govuk-form-group${fromError ? " govuk-form-group--error" : ""}`}>
            <fieldset
              class="govuk-fieldset"
              aria-describedby={`from-hint${fromError ? " from-error" : ""}`}
            >
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
                {t("calendar.from_label")}
              </legend>
              <div id="from-hint" class="govuk-hint">
                {t("calendar.from_hint")}
              </div>
              <FieldError t={t} issues={issues} field="from" id="from-error" />
              <div class="govuk-date-input" id="from">
                {(
                  [
                    ["day", "govuk-input--width-2", form.day, "bday-day"],
                    ["month", "govuk-input--width-2", form.month, "bday-month"],
                    ["year", "govuk-input--width-4", form.year, "bday-year"],
                  ] as const
                ).map(([part, width, value]) => (
                  <div key={part} class="govuk-date-input__item">
                    <div class="govuk-form-group">
                      <label class="govuk-label govuk-date-input__label" for={`from-${part}`}>
                        {t(`forms.date_${part}`)}
                      </label>
                      <input
                        class={inputClass(
                          `govuk-input govuk-date-input__input ${width}`,
                          fromError,
                        )}
                        id={`from-${part}`}
                        name={part}
                        type="text"
                        inputmode="numeric"
                        value={value}
                      />
                    </div>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <div class={`govuk-form-group${daysError ? " govuk-form-group--error" : ""}`}>
            <label class="govuk-label govuk-label--s" for="days">
              {t("calendar.days_label")}
            </label>
            <div id="days-hint" class="govuk-hint">
              {t("calendar.days_hint")}
            </div>
            <FieldError t={t} issues={issues} field="days" id="days-error" />
            <input
              class={inputClass("govuk-input govuk-input--width-4", daysError)}
              id="days"
              name="days"
              type="text"
              inputmode="numeric"
              value={form.days}
              aria-describedby={`days-hint${daysError ? " days-error" : ""}`}
            />
          </div>
          <div class={`govuk-form-group${jurisdictionError ? " govuk-form-group--error" : ""}`}>
            <label class="govuk-label govuk-label--s" for="jurisdiction">
              {t("calendar.jurisdiction_label")}
            </label>
            <FieldError t={t} issues={issues} field="jurisdiction" id="jurisdiction-error" />
            <select
              class="govuk-select"
              id="jurisdiction"
              name="jurisdiction"
              aria-describedby={jurisdictionError ? "jurisdiction-error" : undefined}
            >
              {jurisdictions.map((j) => (
                <option key={j} value={j} selected={j === form.jurisdiction}>
                  {t(`calendar.jurisdiction.${j}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="govuk-button">
            {t("calendar.submit")}
          </button>
        </form>
      </div>
      <div class="govuk-grid-column-full">
        <h2 class="govuk-heading-m">{t("calendar.year_heading", { year: year.year })}</h2>
        <p class="govuk-body">
          {t("calendar.working_days_in_year", { count: year.workingDays, year: year.year })}{" "}
          {year.official ? t("calendar.official") : t("calendar.from_rules")}
        </p>
        <nav aria-label={t("calendar.other_years")} class="govuk-!-margin-bottom-4">
          <a class="govuk-link" href={`/calendar?show=${year.year - 1}`}>
            {t("calendar.previous_year", { year: year.year - 1 })}
          </a>{" "}
          ·{" "}
          <a class="govuk-link" href={`/calendar?show=${year.year + 1}`}>
            {t("calendar.next_year", { year: year.year + 1 })}
          </a>
        </nav>
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--s">
            {t("calendar.holidays_caption", { year: year.year })}
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t("calendar.date")}
              </th>
              <th scope="col" class="govuk-table__header">
                {t("calendar.holiday")}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {year.holidays.map((h) => (
              <tr key={h.date} class="govuk-table__row">
                <td class="govuk-table__cell">{formatDate(h.date, locale)}</td>
                <td class="govuk-table__cell">{h.name[locale]}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {year.nonWorkingWeekdays.some((d) => !d.holiday) || year.workingWeekendDays.length > 0 ? (
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--s">
              {t("calendar.transfers_caption")}
            </caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  {t("calendar.date")}
                </th>
                <th scope="col" class="govuk-table__header">
                  {t("calendar.status")}
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {year.nonWorkingWeekdays
                .filter((d) => !d.holiday)
                .map((d) => (
                  <tr key={d.date} class="govuk-table__row">
                    <td class="govuk-table__cell">{formatDate(d.date, locale)}</td>
                    <td class="govuk-table__cell">{t("calendar.day_off")}</td>
                  </tr>
                ))}
              {year.workingWeekendDays.map((d) => (
                <tr key={d.date} class="govuk-table__row">
                  <td class="govuk-table__cell">{formatDate(d.date, locale)}</td>
                  <td class="govuk-table__cell">{t("calendar.working_weekend")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    </div>
  );
}

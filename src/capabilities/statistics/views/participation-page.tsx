import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import type { Period } from "../../../kernel/time/period.js";
import type { Measure } from "../../../platform/manifest.js";
import { ErrorSummary } from "../../../web/components/error-summary.js";
import { formatNumber, formatPeriod } from "../../../web/format.js";
import type { Agency } from "../../agencies/index.js";
import { PeriodDateFields } from "./date-fields.js";

interface Props {
  t: Translate;
  locale: Locale;
  agency: Agency;
  period: Period;
  query: { from?: string | undefined; to?: string | undefined };
  issues: FieldIssue[];
  measures: Measure[];
}

/** A figure as people read it: a count, a percentage, or days; a dash when there is nothing to measure. */
export function formatMeasure(m: Measure, t: Translate, locale: Locale): string {
  if (m.value === null) return "—";
  const n = formatNumber(m.value, locale, {
    maximumFractionDigits: m.unit === "share" ? 0 : 1,
    ...(m.unit === "share" ? { style: "percent" } : {}),
  });
  if (m.unit === "working_days") return t("statistics.unit.working_days", { value: n });
  if (m.unit === "days") return t("statistics.unit.days", { value: n });
  return n;
}

/** One body's participation and responsiveness figures for a period, with a period form. */
export function ParticipationPage({ t, locale, agency, period, query, issues, measures }: Props) {
  const groups = new Map<string, Measure[]>();
  for (const m of measures) {
    const group = m.name.split(".")[0] ?? m.name;
    groups.set(group, [...(groups.get(group) ?? []), m]);
  }
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-full">
        <ErrorSummary t={t} issues={issues} />
        <span class="govuk-caption-l">{agency.names[locale]}</span>
        <h1 class="govuk-heading-l">{t("statistics.participation.heading")}</h1>
        <p class="govuk-body">{t("statistics.participation.lead")}</p>
        <form method="get" action={`/agencies/${agency.slug}/participation`} novalidate>
          <PeriodDateFields
            t={t}
            issues={issues}
            values={{ from: query.from ?? period.from, to: query.to ?? period.to }}
          />
          <button type="submit" class="govuk-button govuk-button--secondary">
            {t("statistics.participation.show")}
          </button>
        </form>
        {issues.length === 0 ? (
          <>
            <p class="govuk-body">
              {t("statistics.participation.period", { period: formatPeriod(period, locale) })}
            </p>
            {measures.length === 0 ? (
              <p class="govuk-body">{t("statistics.participation.none")}</p>
            ) : (
              [...groups].map(([group, list]) => (
                <table class="govuk-table" key={group}>
                  <caption class="govuk-table__caption govuk-table__caption--m">
                    {t(`statistics.group.${group}`)}
                  </caption>
                  <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                      <th scope="col" class="govuk-table__header">
                        {t("statistics.participation.measure")}
                      </th>
                      <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                        {t("statistics.participation.value")}
                      </th>
                    </tr>
                  </thead>
                  <tbody class="govuk-table__body">
                    {list.map((m) => (
                      <tr class="govuk-table__row" key={m.name}>
                        <th scope="row" class="govuk-table__header">
                          {t(`measures.${m.name}`)}
                        </th>
                        <td class="govuk-table__cell govuk-table__cell--numeric">
                          {formatMeasure(m, t, locale)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ))
            )}
          </>
        ) : null}
        <p class="govuk-body">
          <a class="govuk-link" href={`/statistics/agencies/${agency.slug}`}>
            {t("statistics.appeals.agency_link")}
          </a>
        </p>
        <p class="govuk-body">
          <a class="govuk-link" href={`/agencies/${agency.slug}`}>
            {t("statistics.participation.back", { body: agency.names[locale] })}
          </a>
        </p>
      </div>
    </div>
  );
}

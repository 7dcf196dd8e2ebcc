import type { Locale, Translate } from "../../../../kernel/i18n.js";
import type { FieldIssue } from "../../../../kernel/result.js";
import {
  DateInput,
  ErrorSummary,
  ResponsiveTable,
  Select,
} from "../../../../web/components/kit.js";
import { formatDate, formatNumber } from "../../../../web/format.js";
import type { AnyTable } from "../../reports/tables.js";
import type { ReportsQuery } from "./reports-query.js";
import type { BodyRef } from "./scope.js";

export interface ReportsPageProps {
  t: Translate;
  locale: Locale;
  bodies: BodyRef[];
  body: BodyRef;
  query: ReportsQuery;
  period: { from: string; to: string } | null;
  issues: FieldIssue[];
  tables: AnyTable[];
  /** Each chart's SVG by table id, drawn on the server. */
  charts: Map<string, string>;
}

/** The address of a download of this body and period. */
export function reportHref(
  body: string,
  period: { from: string; to: string },
  file: string,
): string {
  const q = new URLSearchParams({ agency: body, from: period.from, to: period.to });
  return `/office/reports/${file}?${q.toString()}`;
}

/**
 * A body's reports for a period: the choice of body and period as a GET form, then each
 * report as a table (every chart has its table beside it) with its CSV, and all of them as
 * one workbook.
 */
export function ReportsPage(p: ReportsPageProps) {
  const { t, locale, period } = p;
  const cell = (type: string, v: unknown) => {
    if (v === null || v === undefined || v === "") return "—";
    if (type === "number") return formatNumber(Number(v), locale);
    if (type === "date") return formatDate(String(v), locale, "medium");
    return String(v);
  };
  return (
    <>
      <span class="govuk-caption-l">{p.body.name}</span>
      <h1 class="govuk-heading-l">{t("appeals.reports.title")}</h1>
      <ErrorSummary t={t} issues={p.issues} fieldIds={{ from: "from", to: "to" }} />
      <form method="get" action="/office/reports" novalidate>
        {p.bodies.length > 1 ? (
          <Select
            t={t}
            issues={[]}
            id="agency"
            label={t("appeals.staff.inbox.body")}
            value={p.body.id}
            items={p.bodies.map((b) => ({ value: b.id, label: b.name }))}
          />
        ) : (
          <input type="hidden" name="agency" value={p.body.id} />
        )}
        <DateInput
          t={t}
          id="from"
          legend={t("appeals.reports.from")}
          issues={p.issues}
          value={p.query.from}
        />
        <DateInput
          t={t}
          id="to"
          legend={t("appeals.reports.to")}
          issues={p.issues}
          value={p.query.to}
        />
        <button type="submit" class="govuk-button">
          {t("appeals.reports.show")}
        </button>
      </form>
      {period ? (
        <>
          <p class="govuk-body">
            {t("appeals.reports.period", {
              from: formatDate(period.from, locale, "long"),
              to: formatDate(period.to, locale, "long"),
            })}
          </p>
          <p class="govuk-body">
            <a
              class="govuk-link"
              id="reports-xlsx"
              href={reportHref(p.body.id, period, "reports.xlsx")}
              download
            >
              {t("appeals.reports.download_all")}
            </a>
          </p>
          {p.tables.map((table) => {
            const svg = p.charts.get(table.id);
            return (
              <section
                key={table.id}
                aria-labelledby={`report-${table.id}`}
                class="govuk-!-margin-bottom-8"
              >
                <h2 class="govuk-heading-m" id={`report-${table.id}`}>
                  {table.title}
                </h2>
                {svg && table.rows.length > 0 ? (
                  // The SVG is drawn by Plot from figures, never from user text; hidden from assistive
                  // technology, the table below carries the same figures.
                  <div class="halyq-report-chart" dangerouslySetInnerHTML={{ __html: svg }} />
                ) : null}
                <ResponsiveTable
                  id={`table-${table.id}`}
                  caption={table.title}
                  captionHidden
                  mode="stack"
                  rows={table.rows}
                  rowKey={(_r, i) => String(i)}
                  empty={t("appeals.reports.empty")}
                  columns={table.columns.map((c, i) => ({
                    key: String(i),
                    header: c.header,
                    numeric: c.type === "number",
                    cell: (r: unknown) => cell(c.type, c.value(r as never)),
                  }))}
                />
                <p class="govuk-body">
                  <a
                    class="govuk-link"
                    href={reportHref(p.body.id, period, `${table.id}.csv`)}
                    download
                  >
                    {t("appeals.reports.download_csv", { title: table.title })}
                  </a>
                </p>
              </section>
            );
          })}
        </>
      ) : null}
    </>
  );
}

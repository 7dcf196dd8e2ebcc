import type { ComponentChildren } from "preact";
import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import type { Measure } from "../../../platform/manifest.js";
import { ErrorSummary } from "../../../web/components/error-summary.js";
import { formatMonth, formatNumber, formatPeriod } from "../../../web/format.js";
import { AGENCY_LEVELS } from "../../agencies/index.js";
import { type AppealFigures, OVERDUE_CAP } from "../../appeals/index.js";
import { barChart, lineChart } from "../charts.js";
import { PRESETS } from "../period.js";
import {
  CRITERIA,
  type Criterion,
  criterionOf,
  type MeasureGroup,
  type RankRow,
  type ScopeReport,
} from "../report.js";
import { PeriodDateFields } from "./date-fields.js";
import { formatMeasure } from "./participation-page.js";

export interface StatsQuery {
  from?: string | undefined;
  to?: string | undefined;
  preset?: string | undefined;
  rank?: string | undefined;
}

type Kind = "count" | "share" | "days" | "rating";

const DIGITS: Record<Kind, number> = { count: 0, share: 1, days: 1, rating: 2 };

/** A figure as people read it; a dash when there is nothing to measure. */
export function formatFigure(value: number | null, kind: Kind, locale: Locale): string {
  if (value === null) return "—";
  return formatNumber(value, locale, {
    maximumFractionDigits: DIGITS[kind],
    ...(kind === "share" ? { style: "percent" } : {}),
  });
}

/** The query string of a statistics page, with some parameters replaced. */
function link(path: string, query: StatsQuery, change: Partial<StatsQuery>): string {
  const merged: Record<string, string | undefined> = { ...query, ...change };
  const params = new URLSearchParams();
  for (const key of ["from", "to", "preset", "rank"]) {
    const v = merged[key];
    if (v) params.set(key, v);
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

interface FigureRow {
  key: string;
  kind: Kind;
  current: number | null;
  previous: number | null;
}

export function criterionRows(c: Criterion, cur: AppealFigures, prev: AppealFigures): FigureRow[] {
  const row = (key: string, kind: Kind, pick: (f: AppealFigures) => number | null): FigureRow => ({
    key,
    kind,
    current: pick(cur),
    previous: pick(prev),
  });
  if (c === "accessibility") {
    return [
      row("received", "count", (f) => f.accessibility.received),
      row("registered_on_time", "share", (f) => f.accessibility.registeredOnTimeShare),
      row("registration_days", "days", (f) => f.accessibility.registrationDaysMean),
      row("redirects_received", "count", (f) => f.accessibility.redirectsReceived),
      row("redirects_sent", "count", (f) => f.accessibility.redirectsSent),
    ];
  }
  if (c === "speed") {
    return [
      row("answered", "count", (f) => f.speed.answered),
      row("median_days", "days", (f) => f.speed.medianDays),
      row("p90_days", "days", (f) => f.speed.p90Days),
      row("in_term", "share", (f) => f.speed.inTermShare),
      row("extensions", "count", (f) => f.speed.extensions),
      row("deemed_refusals", "count", (f) => f.speed.deemedRefusals),
    ];
  }
  return [
    row("ratings", "count", (f) => f.satisfaction.ratings),
    row("average_rating", "rating", (f) => f.satisfaction.averageRating),
    row("resolved_yes", "share", (f) => f.satisfaction.resolvedYesShare),
    row("resolved_partly", "share", (f) => f.satisfaction.resolvedPartlyShare),
    row("resolved_no", "share", (f) => f.satisfaction.resolvedNoShare),
    row("complained", "share", (f) => f.satisfaction.complainedShare),
    row("complaints_decided", "count", (f) => f.satisfaction.complaintsDecided),
    row("complaints_upheld", "count", (f) => f.satisfaction.complaintsUpheld),
    row("upheld_share", "share", (f) => f.satisfaction.upheldShare),
  ];
}

function Th({ children, numeric }: { children: ComponentChildren; numeric?: boolean }) {
  return (
    <th scope="col" class={`govuk-table__header${numeric ? " govuk-table__header--numeric" : ""}`}>
      {children}
    </th>
  );
}

/** A figure; `label` (its column's name) stands before it when the table is stacked on a phone. */
function Td({ children, label }: { children: ComponentChildren; label: string }) {
  return (
    <td class="govuk-table__cell govuk-table__cell--numeric" data-label={label}>
      {children}
    </td>
  );
}

/** A table of figures that stacks its rows on a narrow screen (halyq.scss). */
const TABLE = "govuk-table halyq-stacked-table";

interface PageProps {
  t: Translate;
  locale: Locale;
  /** The page's own path, for the period form and the ranking links. */
  path: string;
  caption: string;
  heading: string;
  lead: string;
  query: StatsQuery;
  issues: FieldIssue[];
  report: ScopeReport | null;
  ranking?: { criterion: Criterion; rows: RankRow[] } | undefined;
  measures?: Measure[] | undefined;
  /** Links under the heading (levels, the body's own pages). */
  links: { href: string; text: string }[];
}

function PeriodForm({ t, path, query, issues, report }: PageProps) {
  const period = report?.period;
  return (
    <>
      <form method="get" action={path} novalidate>
        <PeriodDateFields
          t={t}
          issues={issues}
          values={{
            from: query.from ?? period?.from ?? "",
            to: query.to ?? period?.to ?? "",
          }}
        />
        {query.rank ? <input type="hidden" name="rank" value={query.rank} /> : null}
        <button type="submit" class="govuk-button govuk-button--secondary">
          {t("statistics.participation.show")}
        </button>
      </form>
      <p class="govuk-body">
        {t("statistics.appeals.presets")}{" "}
        {PRESETS.map((p, i) => (
          <span key={p}>
            {i > 0 ? ", " : ""}
            <a class="govuk-link" href={link(path, { rank: query.rank }, { preset: p })}>
              {t(`statistics.appeals.preset.${p}`)}
            </a>
          </span>
        ))}
      </p>
    </>
  );
}

function CriterionTable({
  t,
  locale,
  criterion,
  report,
}: {
  t: Translate;
  locale: Locale;
  criterion: Criterion;
  report: ScopeReport;
}) {
  const rows = criterionRows(criterion, report.current, report.previous);
  return (
    <table class={TABLE} id={`criterion-${criterion}`}>
      <caption class="govuk-table__caption govuk-table__caption--m">
        {t(`statistics.criterion.${criterion}`)}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <Th>{t("statistics.appeals.figure")}</Th>
          <Th numeric>{t("statistics.appeals.this_period")}</Th>
          <Th numeric>{t("statistics.appeals.previous_period")}</Th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {rows.map((r) => (
          <tr class="govuk-table__row" key={r.key} data-figure={r.key}>
            <th scope="row" class="govuk-table__header">
              {t(`statistics.figure.${r.key}`)}
            </th>
            <Td label={t("statistics.appeals.this_period")}>
              {formatFigure(r.current, r.kind, locale)}
            </Td>
            <Td label={t("statistics.appeals.previous_period")}>
              {formatFigure(r.previous, r.kind, locale)}
            </Td>
          </tr>
        ))}
        {criterion === "speed" ? (
          <tr class="govuk-table__row" data-figure="overdue_now">
            <th scope="row" class="govuk-table__header">
              {t("statistics.figure.overdue_now")}
            </th>
            <Td label={t("statistics.appeals.this_period")}>
              {report.overdueNow > OVERDUE_CAP
                ? t("statistics.appeals.more_than", {
                    n: formatFigure(OVERDUE_CAP, "count", locale),
                  })
                : formatFigure(report.overdueNow, "count", locale)}
            </Td>
            <Td label={t("statistics.appeals.previous_period")}>—</Td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

function Breakdown({
  t,
  locale,
  name,
  values,
  labels,
}: {
  t: Translate;
  locale: Locale;
  name: "channel" | "kind";
  values: Record<string, number>;
  labels: string;
}) {
  return (
    <table class={TABLE}>
      <caption class="govuk-table__caption govuk-table__caption--s">
        {t(`statistics.appeals.by_${name}`)}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <Th>{t(`statistics.appeals.${name}`)}</Th>
          <Th numeric>{t("statistics.figure.received")}</Th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {Object.entries(values).map(([k, n]) => (
          <tr class="govuk-table__row" key={k} data-figure={`${name}.${k}`}>
            <th scope="row" class="govuk-table__header">
              {t(`${labels}.${k}`)}
            </th>
            <Td label={t("statistics.figure.received")}>{formatFigure(n, "count", locale)}</Td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Chart({ title, svg, id }: { title: string; svg: string; id: string }) {
  return (
    <figure class="govuk-!-margin-0 govuk-!-margin-bottom-6" aria-labelledby={id}>
      <figcaption class="govuk-heading-s" id={id}>
        {title}
      </figcaption>
      <div dangerouslySetInnerHTML={{ __html: svg }} />
    </figure>
  );
}

function Trends({ t, locale, report }: { t: Translate; locale: Locale; report: ScopeReport }) {
  const months = report.trends;
  const points = (pick: (r: (typeof months)[number]) => number | null) =>
    months.map((r) => ({ x: r.month, y: pick(r) }));
  return (
    <>
      <h2 class="govuk-heading-m">{t("statistics.appeals.trends")}</h2>
      <p class="govuk-body">{t("statistics.appeals.trends_lead")}</p>
      <Chart
        id="chart-received"
        title={t("statistics.appeals.chart_received")}
        svg={barChart(
          points((r) => r.received),
          t("statistics.trend.received"),
          locale,
        )}
      />
      <Chart
        id="chart-days"
        title={t("statistics.appeals.chart_days")}
        svg={lineChart(
          points((r) => r.medianDays),
          t("statistics.trend.median_days"),
          locale,
        )}
      />
      <Chart
        id="chart-in-term"
        title={t("statistics.appeals.chart_in_term")}
        svg={lineChart(
          points((r) => r.inTermShare),
          t("statistics.trend.in_term"),
          locale,
          true,
        )}
      />
      <table class={TABLE} id="trends">
        <caption class="govuk-table__caption govuk-table__caption--s">
          {t("statistics.appeals.trends_table")}
        </caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <Th>{t("statistics.trend.month")}</Th>
            <Th numeric>{t("statistics.trend.received")}</Th>
            <Th numeric>{t("statistics.trend.answered")}</Th>
            <Th numeric>{t("statistics.trend.median_days")}</Th>
            <Th numeric>{t("statistics.trend.p90_days")}</Th>
            <Th numeric>{t("statistics.trend.in_term")}</Th>
            <Th numeric>{t("statistics.trend.average_rating")}</Th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {months.map((r) => (
            <tr class="govuk-table__row" key={r.month}>
              <th scope="row" class="govuk-table__header">
                {formatMonth(r.month, locale)}
              </th>
              <Td label={t("statistics.trend.received")}>
                {formatFigure(r.received, "count", locale)}
              </Td>
              <Td label={t("statistics.trend.answered")}>
                {formatFigure(r.answered, "count", locale)}
              </Td>
              <Td label={t("statistics.trend.median_days")}>
                {formatFigure(r.medianDays, "days", locale)}
              </Td>
              <Td label={t("statistics.trend.p90_days")}>
                {formatFigure(r.p90Days, "days", locale)}
              </Td>
              <Td label={t("statistics.trend.in_term")}>
                {formatFigure(r.inTermShare, "share", locale)}
              </Td>
              <Td label={t("statistics.trend.average_rating")}>
                {formatFigure(r.averageRating, "rating", locale)}
              </Td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Ranking({
  t,
  locale,
  path,
  query,
  ranking,
}: {
  t: Translate;
  locale: Locale;
  path: string;
  query: StatsQuery;
  ranking: { criterion: Criterion; rows: RankRow[] };
}) {
  return (
    <>
      <h2 class="govuk-heading-m" id="ranking">
        {t("statistics.appeals.ranking")}
      </h2>
      <p class="govuk-body">
        {t("statistics.appeals.rank_by")}{" "}
        {CRITERIA.map((c, i) => (
          <span key={c}>
            {i > 0 ? ", " : ""}
            {c === ranking.criterion ? (
              <strong>{t(`statistics.criterion.${c}`)}</strong>
            ) : (
              <a class="govuk-link" href={`${link(path, query, { rank: c })}#ranking`}>
                {t(`statistics.criterion.${c}`)}
              </a>
            )}
          </span>
        ))}
      </p>
      <table class={TABLE}>
        <caption class="govuk-table__caption govuk-table__caption--s">
          {t("statistics.appeals.ranking_caption", {
            criterion: t(`statistics.criterion.${ranking.criterion}`),
          })}
        </caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <Th numeric>{t("statistics.rank.rank")}</Th>
            <Th>{t("statistics.rank.body")}</Th>
            <Th numeric>{t("statistics.figure.received")}</Th>
            <Th numeric>{t("statistics.figure.registered_on_time")}</Th>
            <Th numeric>{t("statistics.figure.median_days")}</Th>
            <Th numeric>{t("statistics.figure.in_term")}</Th>
            <Th numeric>{t("statistics.figure.average_rating")}</Th>
            <Th numeric>{t("statistics.figure.resolved_yes")}</Th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {ranking.rows.map((r) => (
            <tr class="govuk-table__row" key={r.agency.id} data-agency={r.agency.id}>
              <Td label={t("statistics.rank.rank")}>{r.rank === null ? "—" : String(r.rank)}</Td>
              <th scope="row" class="govuk-table__header">
                <a
                  class="govuk-link"
                  href={link(`/statistics/agencies/${r.agency.slug}`, query, { rank: undefined })}
                >
                  {r.agency.names[locale]}
                </a>
              </th>
              <Td label={t("statistics.figure.received")}>
                {formatFigure(r.received, "count", locale)}
              </Td>
              <Td label={t("statistics.figure.registered_on_time")}>
                {formatFigure(r.registeredOnTimeShare, "share", locale)}
              </Td>
              <Td label={t("statistics.figure.median_days")}>
                {formatFigure(r.medianDays, "days", locale)}
              </Td>
              <Td label={t("statistics.figure.in_term")}>
                {formatFigure(r.inTermShare, "share", locale)}
              </Td>
              <Td label={t("statistics.figure.average_rating")}>
                {formatFigure(r.averageRating, "rating", locale)}
              </Td>
              <Td label={t("statistics.figure.resolved_yes")}>
                {formatFigure(r.resolvedYesShare, "share", locale)}
              </Td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Measures({ t, locale, measures }: { t: Translate; locale: Locale; measures: Measure[] }) {
  const groups = new Map<MeasureGroup, Measure[]>();
  for (const m of measures) {
    const g = criterionOf(m);
    groups.set(g, [...(groups.get(g) ?? []), m]);
  }
  const order: MeasureGroup[] = [...CRITERIA, "participation"];
  return (
    <>
      <h2 class="govuk-heading-m">{t("statistics.appeals.measures")}</h2>
      <p class="govuk-body">{t("statistics.appeals.measures_lead")}</p>
      {order
        .filter((g) => groups.has(g))
        .map((g) => (
          <table class={TABLE} key={g} data-group={g}>
            <caption class="govuk-table__caption govuk-table__caption--s">
              {t(`statistics.criterion.${g}`)}
            </caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <Th>{t("statistics.participation.measure")}</Th>
                <Th numeric>{t("statistics.participation.value")}</Th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {(groups.get(g) ?? []).map((m) => (
                <tr class="govuk-table__row" key={m.name}>
                  <th scope="row" class="govuk-table__header">
                    {t(`measures.${m.name}`)}
                  </th>
                  <Td label={t("statistics.participation.value")}>{formatMeasure(m, t, locale)}</Td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </>
  );
}

/** A statistics page: national, one level or one body. */
export function AppealStatsPage(props: PageProps) {
  const { t, locale, report, issues } = props;
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-full">
        <ErrorSummary t={t} issues={issues} />
        <span class="govuk-caption-l">{props.caption}</span>
        <h1 class="govuk-heading-l">{props.heading}</h1>
        <p class="govuk-body">{props.lead}</p>
        <ul class="govuk-list">
          {props.links.map((l) => (
            <li key={l.href}>
              <a class="govuk-link" href={l.href}>
                {l.text}
              </a>
            </li>
          ))}
        </ul>
        <PeriodForm {...props} />
        {report ? (
          <>
            <p class="govuk-body" id="period">
              {t("statistics.appeals.period", {
                period: formatPeriod(report.period, locale),
                previous: formatPeriod(report.previousPeriod, locale),
              })}
            </p>
            {CRITERIA.map((c) => (
              <CriterionTable key={c} t={t} locale={locale} criterion={c} report={report} />
            ))}
            <div class="govuk-grid-row">
              <div class="govuk-grid-column-one-half">
                <Breakdown
                  t={t}
                  locale={locale}
                  name="channel"
                  values={report.current.accessibility.byChannel}
                  labels="appeals.channel"
                />
              </div>
              <div class="govuk-grid-column-one-half">
                <Breakdown
                  t={t}
                  locale={locale}
                  name="kind"
                  values={report.current.accessibility.byKind}
                  labels="appeals.kind"
                />
              </div>
            </div>
            {props.measures ? <Measures t={t} locale={locale} measures={props.measures} /> : null}
            <Trends t={t} locale={locale} report={report} />
            {props.ranking ? (
              <Ranking
                t={t}
                locale={locale}
                path={props.path}
                query={props.query}
                ranking={props.ranking}
              />
            ) : null}
          </>
        ) : null}
        <p class="govuk-body">{t("statistics.appeals.method")}</p>
      </div>
    </div>
  );
}

/** Links to the pages of each level of bodies. */
export function levelLinks(t: Translate, query: StatsQuery): { href: string; text: string }[] {
  return AGENCY_LEVELS.map((level) => ({
    href: link(`/statistics/levels/${level}`, query, { rank: undefined }),
    text: t("statistics.appeals.level_link", { level: t(`agencies.level.${level}`) }),
  }));
}

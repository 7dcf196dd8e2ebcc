import type { Locale, Translate } from "../../../kernel/i18n.js";
import { ResponsiveTable } from "../../../web/components/table.js";
import { formatNumber } from "../../../web/format.js";
import type { CycleFigures, Figures, TerritoryFigures } from "../accountability.js";
import { REJECTION_REASONS } from "../budget.js";

const K = "budgets.accountability";

/** Whole tenge as people read it ("15 000 000 ₸"). */
export const money = (n: number, t: Translate, locale: Locale) =>
  t("budgets.tenge", { amount: formatNumber(n, locale) });

const count = (n: number | null, locale: Locale) => (n === null ? "—" : formatNumber(n, locale));

/** A cycle's title in the page's language, with its own `lang` when it falls back to Russian. */
export function cycleTitle(f: Pick<CycleFigures, "title">, locale: Locale) {
  const text = f.title[locale];
  if (text) return { text, lang: undefined };
  return { text: f.title.ru, lang: "ru" };
}

/** The rows of the figures table: a label and a value, in the page's language. */
function figureRows(f: Figures, t: Translate, locale: Locale) {
  return [
    { key: "received", label: t(`${K}.figure.received`), value: count(f.received, locale) },
    { key: "admitted", label: t(`${K}.figure.admitted`), value: count(f.admitted, locale) },
    {
      key: "not_admitted",
      label: t(`${K}.figure.not_admitted`),
      value: count(f.notAdmitted, locale),
    },
    {
      key: "voters",
      label: t(`${K}.figure.voters`),
      value: f.voters === null ? t(`${K}.not_yet`) : count(f.voters, locale),
    },
    {
      key: "won",
      label: t(`${K}.figure.won`),
      value: f.won === null ? t(`${K}.not_yet`) : count(f.won, locale),
    },
    { key: "projects", label: t(`${K}.figure.projects`), value: count(f.projects, locale) },
    { key: "completed", label: t(`${K}.figure.completed`), value: count(f.completed, locale) },
    { key: "on_time", label: t(`${K}.figure.on_time`), value: count(f.onTime, locale) },
    { key: "delayed", label: t(`${K}.figure.delayed`), value: count(f.delayed, locale) },
    { key: "allocated", label: t(`${K}.figure.allocated`), value: money(f.allocated, t, locale) },
    {
      key: "contracted",
      label: t(`${K}.figure.contracted`),
      value: money(f.contracted, t, locale),
    },
    { key: "spent", label: t(`${K}.figure.spent`), value: money(f.spent, t, locale) },
  ];
}

function OpenDataLinks({ t }: { t: Translate }) {
  return (
    <>
      <h2 class="govuk-heading-m">{t(`${K}.open_data.heading`)}</h2>
      <p class="govuk-body">{t(`${K}.open_data.lead`)}</p>
      <ul class="govuk-list govuk-list--bullet">
        <li>
          {t(`${K}.open_data.projects`)}:{" "}
          <a class="govuk-link" href="/open-data/budgets/projects.csv">
            CSV
          </a>
          ,{" "}
          <a class="govuk-link" href="/open-data/budgets/projects.json">
            JSON
          </a>
        </li>
        <li>
          {t(`${K}.open_data.cycles`)}:{" "}
          <a class="govuk-link" href="/open-data/budgets/cycles.csv">
            CSV
          </a>
          ,{" "}
          <a class="govuk-link" href="/open-data/budgets/cycles.json">
            JSON
          </a>
        </li>
      </ul>
    </>
  );
}

/** One cycle's accountability: its figures, the reasons for not admitting, and each territory. */
export function CycleAccountabilityPage({
  t,
  locale,
  f,
  bodyName,
}: {
  t: Translate;
  locale: Locale;
  f: CycleFigures;
  bodyName: string;
}) {
  const title = cycleTitle(f, locale);
  const perTerritory: { key: string; label: string; cell: (r: TerritoryFigures) => string }[] = [
    {
      key: "amount",
      label: t(`${K}.figure.territory_amount`),
      cell: (r) => money(r.amount, t, locale),
    },
    ...figureRows(f.totals, t, locale).map((row) => ({
      key: row.key,
      label: row.label,
      cell: (r: TerritoryFigures) =>
        figureRows(r, t, locale).find((x) => x.key === row.key)?.value ?? "",
    })),
  ];
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-full">
        <span class="govuk-caption-l">{bodyName}</span>
        <h1 class="govuk-heading-l">{t(`${K}.cycle.heading`)}</h1>
        <p class="govuk-body-l" lang={title.lang}>
          {title.text}
        </p>
        <p class="govuk-body">
          {t(`${K}.cycle.phase`, { phase: t(`budgets.phase.${f.phase}`) })}{" "}
          <a class="govuk-link" href={`/budgets/${f.id}`}>
            {t(`${K}.cycle.to_cycle`)}
          </a>
        </p>
        {f.resultsPublishedAt === null ? (
          <div class="govuk-inset-text">{t(`${K}.cycle.before_results`)}</div>
        ) : null}
        <ResponsiveTable
          id="figures"
          caption={t(`${K}.cycle.totals`)}
          columns={[
            {
              key: "label",
              header: t(`${K}.figure.name`),
              rowHeader: true,
              cell: (r: { label: string }) => r.label,
            },
            {
              key: "value",
              header: t(`${K}.figure.value`),
              numeric: true,
              cell: (r: { value: string }) => r.value,
            },
          ]}
          rows={[
            { key: "amount", label: t(`${K}.figure.amount`), value: money(f.amount, t, locale) },
            ...figureRows(f.totals, t, locale),
          ]}
          rowKey={(r) => r.key}
        />
        <ResponsiveTable
          id="reasons"
          caption={t(`${K}.cycle.reasons`)}
          columns={[
            {
              key: "reason",
              header: t(`${K}.figure.reason`),
              rowHeader: true,
              cell: (r: (typeof REJECTION_REASONS)[number]) => t(`budgets.reason.${r}`),
            },
            {
              key: "count",
              header: t(`${K}.figure.proposals`),
              numeric: true,
              cell: (r) => count(f.totals.notAdmittedByReason[r], locale),
            },
          ]}
          rows={REJECTION_REASONS}
          rowKey={(r) => r}
        />
        <ResponsiveTable
          id="territories"
          caption={t(`${K}.cycle.territories`)}
          columns={[
            {
              key: "territory",
              header: t(`${K}.figure.territory`),
              rowHeader: true,
              cell: (r: TerritoryFigures) => r.names[locale],
            },
            ...perTerritory.map((c) => ({
              key: c.key,
              header: c.label,
              numeric: true,
              cell: c.cell,
            })),
          ]}
          rows={f.territories}
          rowKey={(r) => r.code}
          empty={t(`${K}.cycle.no_territories`)}
        />
        <p class="govuk-body">{t(`${K}.cycle.delayed_rule`)}</p>
        <p class="govuk-body">{t(`${K}.cycle.voters_rule`)}</p>
        <OpenDataLinks t={t} />
        <p class="govuk-body">
          <a class="govuk-link" href={`/budgets/accountability?body=${f.agencyId}`}>
            {t(`${K}.cycle.to_body`, { body: bodyName })}
          </a>
        </p>
      </div>
    </div>
  );
}

/** A body's cycles side by side; without a body, the bodies that have cycles. */
export function BodyAccountabilityPage({
  t,
  locale,
  bodyName,
  cycles,
}: {
  t: Translate;
  locale: Locale;
  bodyName: string;
  cycles: CycleFigures[];
}) {
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-full">
        <span class="govuk-caption-l">{bodyName}</span>
        <h1 class="govuk-heading-l">{t(`${K}.body.heading`)}</h1>
        <p class="govuk-body">{t(`${K}.body.lead`)}</p>
        <ResponsiveTable
          id="cycles"
          caption={t(`${K}.body.cycles`)}
          columns={[
            {
              key: "cycle",
              header: t(`${K}.figure.cycle`),
              rowHeader: true,
              cell: (f: CycleFigures) => {
                const title = cycleTitle(f, locale);
                return (
                  <a class="govuk-link" href={`/budgets/${f.id}/accountability`} lang={title.lang}>
                    {title.text}
                  </a>
                );
              },
            },
            { key: "year", header: t(`${K}.figure.year`), cell: (f) => String(f.year) },
            {
              key: "phase",
              header: t(`${K}.figure.phase`),
              cell: (f) => t(`budgets.phase.${f.phase}`),
            },
            ...figureRows(cycles[0]?.totals ?? emptyRowFigures, t, locale).map((row) => ({
              key: row.key,
              header: row.label,
              numeric: true,
              cell: (f: CycleFigures) =>
                figureRows(f.totals, t, locale).find((x) => x.key === row.key)?.value ?? "",
            })),
          ]}
          rows={cycles}
          rowKey={(f) => f.id}
          empty={t(`${K}.body.none`)}
        />
        <p class="govuk-body">{t(`${K}.cycle.delayed_rule`)}</p>
        <OpenDataLinks t={t} />
        <p class="govuk-body">
          <a class="govuk-link" href="/budgets/accountability">
            {t(`${K}.body.all_bodies`)}
          </a>
        </p>
      </div>
    </div>
  );
}

const emptyRowFigures: Figures = {
  received: 0,
  admitted: 0,
  notAdmitted: 0,
  notAdmittedByReason: Object.fromEntries(REJECTION_REASONS.map((r) => [r, 0])) as Record<
    (typeof REJECTION_REASONS)[number],
    number
  >,
  voters: 0,
  won: 0,
  projects: 0,
  completed: 0,
  onTime: 0,
  delayed: 0,
  allocated: 0,
  contracted: 0,
  spent: 0,
};

/** The bodies that run participatory budgets, each linked to its summary. */
export function BodiesPage({
  t,
  locale,
  bodies,
}: {
  t: Translate;
  locale: Locale;
  bodies: { id: string; names: { kk: string; ru: string; en: string }; cycles: number }[];
}) {
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-full">
        <h1 class="govuk-heading-l">{t(`${K}.bodies.heading`)}</h1>
        <p class="govuk-body">{t(`${K}.bodies.lead`)}</p>
        <ResponsiveTable
          id="bodies"
          caption={t(`${K}.bodies.caption`)}
          captionHidden
          columns={[
            {
              key: "body",
              header: t(`${K}.figure.body`),
              rowHeader: true,
              cell: (b: (typeof bodies)[number]) => (
                <a class="govuk-link" href={`/budgets/accountability?body=${b.id}`}>
                  {b.names[locale]}
                </a>
              ),
            },
            {
              key: "cycles",
              header: t(`${K}.figure.cycles`),
              numeric: true,
              cell: (b) => formatNumber(b.cycles, locale),
            },
          ]}
          rows={bodies}
          rowKey={(b) => b.id}
          empty={t(`${K}.bodies.none`)}
        />
        <OpenDataLinks t={t} />
      </div>
    </div>
  );
}

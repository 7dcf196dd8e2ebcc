import type { Translate } from "../../../kernel/i18n.js";
import type { OpenDataset } from "../../../platform/manifest.js";
import { SummaryRow } from "../../../web/components/kit.js";
import { APPEAL_KINDS, CHANNELS } from "../../appeals/index.js";
import { APPEAL_FIELDS } from "../appeal-records.js";
import { FIGURE_FIELDS } from "../body-figures.js";
import { LICENCE } from "../exports.routes.js";

export interface OpenDataPageProps {
  t: Translate;
  /** When the data last changed, written out in the reader's language; null when never. */
  updated: string | null;
  years: number[];
  publicUrl: string;
  jurisdictionId: string;
  demo: boolean;
  /** Datasets other capabilities publish (participatory budgets …). */
  datasets: OpenDataset[];
}

function describeFigure(t: Translate, field: string): string {
  const kind = /^kind_(.+)$/.exec(field)?.[1];
  if (kind && (APPEAL_KINDS as readonly string[]).includes(kind)) {
    return t("open_data.fields.statistics.kind", { kind: t(`appeals.kind.${kind}`) });
  }
  const channel = /^channel_(.+)$/.exec(field)?.[1];
  if (channel && (CHANNELS as readonly string[]).includes(channel)) {
    return t("open_data.fields.statistics.channel", { channel: t(`appeals.channel.${channel}`) });
  }
  return t(`open_data.fields.statistics.${field}`);
}

function FieldTable(p: {
  t: Translate;
  id: string;
  caption: string;
  fields: readonly string[];
  describe: (f: string) => string;
}) {
  const { t } = p;
  return (
    <table class="govuk-table" id={p.id}>
      <caption class="govuk-table__caption govuk-table__caption--s">{p.caption}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            {t("open_data.page.field")}
          </th>
          <th scope="col" class="govuk-table__header">
            {t("open_data.page.meaning")}
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {p.fields.map((f) => (
          <tr key={f} class="govuk-table__row">
            <th scope="row" class="govuk-table__header">
              <code class="halyq-code">{f}</code>
            </th>
            <td class="govuk-table__cell">{p.describe(f)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Download({ href, label }: { href: string; label: string }) {
  return (
    <li>
      <a class="govuk-link" href={href} download>
        {label}
      </a>
    </li>
  );
}

/** The list of open datasets: what each holds, its fields, formats, licence and freshness. */
export function OpenDataPage(p: OpenDataPageProps) {
  const { t } = p;
  const endpoint = `${p.publicUrl}/open311/v2`;
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-full">
        <h1 class="govuk-heading-l">{t("open_data.page.title")}</h1>
        <p class="govuk-body-l">{t("open_data.page.lead")}</p>
        <dl class="govuk-summary-list">
          <SummaryRow label={t("open_data.page.licence")}>
            <a class="govuk-link" href={LICENCE.url} rel="license">
              {t("open_data.page.licence_name")}
            </a>
            <p class="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">
              {t("open_data.page.attribution", { url: p.publicUrl })}
            </p>
          </SummaryRow>
          <SummaryRow label={t("open_data.page.updated")}>
            {p.updated ?? t("open_data.page.never_updated")}
          </SummaryRow>
          <SummaryRow label={t("open_data.page.formats")}>
            {t("open_data.page.formats_text")}
          </SummaryRow>
        </dl>

        <h2 class="govuk-heading-m" id="appeals">
          {t("open_data.page.appeals_title")}
        </h2>
        <p class="govuk-body">{t("open_data.page.appeals_lead")}</p>
        <p class="govuk-body">{t("open_data.page.personal_data")}</p>
        <ul class="govuk-list govuk-list--bullet">
          <Download href="/open-data/appeals.csv" label={t("open_data.page.all_csv")} />
          <Download href="/open-data/appeals.json" label={t("open_data.page.all_json")} />
        </ul>
        {p.years.length > 0 ? (
          <>
            <h3 class="govuk-heading-s">{t("open_data.page.by_year")}</h3>
            <ul class="govuk-list govuk-list--bullet">
              {p.years.map((y) => (
                <li key={y}>
                  <a class="govuk-link" href={`/open-data/appeals-${y}.csv`} download>
                    {t("open_data.page.year_csv", { year: y })}
                  </a>
                  {", "}
                  <a class="govuk-link" href={`/open-data/appeals-${y}.json`} download>
                    {t("open_data.page.year_json", { year: y })}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <FieldTable
          t={t}
          id="appeals-fields"
          caption={t("open_data.page.appeals_fields")}
          fields={APPEAL_FIELDS}
          describe={(f) => t(`open_data.fields.appeals.${f}`)}
        />

        <h2 class="govuk-heading-m" id="statistics">
          {t("open_data.page.statistics_title")}
        </h2>
        <p class="govuk-body">{t("open_data.page.statistics_lead")}</p>
        <ul class="govuk-list govuk-list--bullet">
          <Download href="/open-data/statistics.csv" label={t("open_data.page.statistics_csv")} />
          <Download href="/open-data/statistics.json" label={t("open_data.page.statistics_json")} />
        </ul>
        <FieldTable
          t={t}
          id="statistics-fields"
          caption={t("open_data.page.statistics_fields")}
          fields={FIGURE_FIELDS}
          describe={(f) => describeFigure(t, f)}
        />

        {p.datasets.map((d) => (
          <>
            <h2 class="govuk-heading-m" id={`dataset-${d.id}`}>
              {t(d.titleKey)}
            </h2>
            <p class="govuk-body">{t(d.leadKey)}</p>
            <ul class="govuk-list govuk-list--bullet">
              {d.downloads.map((l) => (
                <Download key={l.href} href={l.href} label={t(l.labelKey)} />
              ))}
            </ul>
          </>
        ))}

        <h2 class="govuk-heading-m" id="notes">
          {t("open_data.page.notes_title")}
        </h2>
        <ul class="govuk-list govuk-list--bullet">
          <li>{t("open_data.page.note_csv")}</li>
          <li>{t("open_data.page.note_formula")}</li>
          <li>{t("open_data.page.note_redaction")}</li>
          <li>{t("open_data.page.note_caching")}</li>
        </ul>

        <h2 class="govuk-heading-m" id="open311">
          {t("open_data.page.open311_title")}
        </h2>
        <p class="govuk-body">{t("open_data.page.open311_lead")}</p>
        <dl class="govuk-summary-list">
          <SummaryRow label={t("open_data.page.open311_endpoint")}>
            <code class="halyq-code">{endpoint}</code>
          </SummaryRow>
          <SummaryRow label={t("open_data.page.open311_discovery")}>
            <a class="govuk-link" href="/open311/v2/discovery.xml">
              discovery.xml
            </a>
            {", "}
            <a class="govuk-link" href="/open311/v2/discovery.json">
              discovery.json
            </a>
          </SummaryRow>
          <SummaryRow label={"jurisdiction_id"}>
            <code class="halyq-code">{p.jurisdictionId}</code>
          </SummaryRow>
        </dl>
        <p class="govuk-body">{t("open_data.page.open311_filing")}</p>
        <p class="govuk-body">{t("open_data.page.open311_keys")}</p>
        {p.demo ? <p class="govuk-body">{t("open_data.page.open311_demo_key")}</p> : null}
      </div>
    </div>
  );
}

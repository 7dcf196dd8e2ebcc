import { LOCALE_NAMES, type Locale, type Translate } from "../../../kernel/i18n.js";
import { StatusTag, SummaryRow } from "../../../web/components/kit.js";
import {
  type Freshness,
  languagesOf,
  type PublicationRow,
  pick,
  publicBodies,
  publicTitles,
  type Texts,
} from "../publication.js";
import { BodyText } from "./body-text.js";
import { formatDay } from "./format.js";

export interface AgencyCard {
  slug: string;
  names: { kk: string; ru: string; en: string };
}

/** A date as text and as a machine-readable `<time>`. */
export function When({ iso, locale, zone }: { iso: string; locale: Locale; zone: string }) {
  return <time dateTime={iso}>{formatDay(iso, locale, zone)}</time>;
}

/** Says which languages a publication exists in when the reader's is not one of them. */
export function LanguageNotice({
  t,
  locale,
  texts,
  path,
}: {
  t: Translate;
  locale: Locale;
  texts: Texts;
  path: string;
}) {
  const langs = languagesOf(texts);
  if (langs.includes(locale) || langs.length === 0) return null;
  return (
    <div class="govuk-inset-text">
      <p class="govuk-body">{t("publications.language.not_in_yours")}</p>
      <ul class="govuk-list">
        {langs.map((l) => (
          <li key={l}>
            <a class="govuk-link" href={`${path}?lang=${l}`} lang={l} hreflang={l}>
              {LOCALE_NAMES[l]}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A list of news items, newest first, each with its body and date. */
export function NewsList({
  t,
  locale,
  zone,
  items,
  agencies,
  showAgency,
}: {
  t: Translate;
  locale: Locale;
  zone: string;
  items: PublicationRow[];
  agencies: Map<string, AgencyCard>;
  showAgency: boolean;
}) {
  if (items.length === 0) return <p class="govuk-body">{t("publications.news.none")}</p>;
  return (
    <ul class="govuk-list">
      {items.map((n) => {
        const agency = agencies.get(n.agency_id);
        const title = pick(publicTitles(n), locale);
        const href = `/agencies/${agency?.slug ?? ""}/news/${n.id}`;
        return (
          <li key={n.id} class="govuk-!-margin-bottom-5">
            <h2 class="govuk-heading-s govuk-!-margin-bottom-1">
              <a
                class="govuk-link"
                href={href}
                lang={title.lang === locale ? undefined : title.lang}
              >
                {title.text}
              </a>
            </h2>
            <p class="govuk-body-s govuk-!-margin-bottom-1">
              {n.published_at ? <When iso={n.published_at} locale={locale} zone={zone} /> : null}
              {showAgency && agency ? <> · {agency.names[locale]}</> : null}
              {title.lang !== locale ? (
                <> · {t("publications.language.in", { language: LOCALE_NAMES[title.lang] })}</>
              ) : null}
            </p>
          </li>
        );
      })}
    </ul>
  );
}

export function NewsListPage(p: {
  t: Translate;
  locale: Locale;
  zone: string;
  title: string;
  items: PublicationRow[];
  agencies: Map<string, AgencyCard>;
  agency: AgencyCard | null;
  feed: string;
}) {
  const { t } = p;
  return (
    <>
      <h1 class="govuk-heading-l">{p.title}</h1>
      {p.agency ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`/agencies/${p.agency.slug}/information`}>
            {t("publications.information.title")}
          </a>
        </p>
      ) : null}
      <NewsList
        t={t}
        locale={p.locale}
        zone={p.zone}
        items={p.items}
        agencies={p.agencies}
        showAgency={p.agency === null}
      />
      <p class="govuk-body">
        <a class="govuk-link" href={p.feed} type="application/atom+xml">
          {t("publications.news.feed")}
        </a>
      </p>
    </>
  );
}

/** Published and last-updated dates, as every publication page shows them. */
export function Dates({
  t,
  locale,
  zone,
  row,
}: {
  t: Translate;
  locale: Locale;
  zone: string;
  row: PublicationRow;
}) {
  return (
    <dl class="govuk-summary-list govuk-summary-list--no-border">
      {row.published_at ? (
        <SummaryRow label={t("publications.published")}>
          <When iso={row.published_at} locale={locale} zone={zone} />
        </SummaryRow>
      ) : null}
      {row.updated_at ? (
        <SummaryRow label={t("publications.last_updated")}>
          <When iso={row.updated_at} locale={locale} zone={zone} />
        </SummaryRow>
      ) : null}
    </dl>
  );
}

/** One news item. */
export function ArticlePage(p: {
  t: Translate;
  locale: Locale;
  zone: string;
  row: PublicationRow;
  agency: AgencyCard;
  path: string;
}) {
  const { t, locale, row } = p;
  const title = pick(publicTitles(row), locale);
  const body = pick(publicBodies(row), locale);
  return (
    <>
      <span class="govuk-caption-l">{p.agency.names[locale]}</span>
      <h1 class="govuk-heading-l" lang={title.lang === locale ? undefined : title.lang}>
        {title.text}
      </h1>
      <LanguageNotice t={t} locale={locale} texts={publicTitles(row)} path={p.path} />
      <Dates t={t} locale={locale} zone={p.zone} row={row} />
      <BodyText text={body.text} lang={body.lang === locale ? undefined : body.lang} />
      <p class="govuk-body">
        <a class="govuk-link" href={`/agencies/${p.agency.slug}/news`}>
          {t("publications.news.all_of", { agency: p.agency.names[locale] })}
        </a>
      </p>
    </>
  );
}

export interface SectionEntry {
  section: string;
  row: PublicationRow | undefined;
  freshness: Freshness;
}

/** The freshness notice: how many sections are out of date or missing, and the limit. */
export function FreshnessNotice({
  t,
  entries,
  months,
}: {
  t: Translate;
  entries: SectionEntry[];
  months: number;
}) {
  const stale = entries.filter((e) => e.freshness === "stale").length;
  const missing = entries.filter((e) => e.freshness === "missing").length;
  if (stale === 0 && missing === 0) return null;
  return (
    <div class="govuk-warning-text">
      <span class="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong class="govuk-warning-text__text">
        <span class="govuk-visually-hidden">{t("publications.freshness.warning")}</span>
        {t("publications.freshness.summary", {
          stale,
          missing,
          total: entries.length,
          months,
        })}
      </strong>
    </div>
  );
}

/**
 * What a body's page in the directory shows of its publications: whether its official
 * information is out of date, and the ways to it and to its news.
 */
export function BodyPublications({
  t,
  slug,
  entries,
  months,
}: {
  t: Translate;
  slug: string;
  entries: SectionEntry[];
  months: number;
}) {
  return (
    <>
      <FreshnessNotice t={t} entries={entries} months={months} />
      <p class="govuk-body">
        <a class="govuk-link" href={`/agencies/${slug}/information`}>
          {t("publications.information.title")}
        </a>
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href={`/agencies/${slug}/news`}>
          {t("publications.news.of_body")}
        </a>
      </p>
    </>
  );
}

/** A section's freshness as a tag (words, not colour alone). */
export function FreshnessTag({ t, freshness }: { t: Translate; freshness: Freshness }) {
  const colour = freshness === "fresh" ? "green" : freshness === "stale" ? "orange" : "grey";
  return <StatusTag colour={colour}>{t(`publications.freshness.${freshness}`)}</StatusTag>;
}

/** A body's official information: every standard section, when each was last updated. */
export function InformationIndexPage(p: {
  t: Translate;
  locale: Locale;
  zone: string;
  agency: AgencyCard;
  entries: SectionEntry[];
  months: number;
}) {
  const { t, locale } = p;
  return (
    <>
      <span class="govuk-caption-l">{p.agency.names[locale]}</span>
      <h1 class="govuk-heading-l">{t("publications.information.title")}</h1>
      <FreshnessNotice t={t} entries={p.entries} months={p.months} />
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--s">
          {t("publications.information.caption", { months: p.months })}
        </caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              {t("publications.information.section")}
            </th>
            <th scope="col" class="govuk-table__header">
              {t("publications.last_updated")}
            </th>
            <th scope="col" class="govuk-table__header">
              {t("publications.information.status")}
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {p.entries.map((e) => (
            <tr key={e.section} class="govuk-table__row">
              <th scope="row" class="govuk-table__header">
                {e.freshness === "missing" ? (
                  t(`publications.section.${e.section}`)
                ) : (
                  <a
                    class="govuk-link"
                    href={`/agencies/${p.agency.slug}/information/${e.section}`}
                  >
                    {t(`publications.section.${e.section}`)}
                  </a>
                )}
              </th>
              <td class="govuk-table__cell">
                {e.freshness !== "missing" && e.row?.updated_at ? (
                  <When iso={e.row.updated_at} locale={locale} zone={p.zone} />
                ) : (
                  t("publications.information.never")
                )}
              </td>
              <td class="govuk-table__cell">
                <FreshnessTag t={t} freshness={e.freshness} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="govuk-body">
        <a class="govuk-link" href={`/agencies/${p.agency.slug}/news`}>
          {t("publications.news.of_body")}
        </a>
      </p>
    </>
  );
}

/** One section of a body's official information. */
export function InformationPage(p: {
  t: Translate;
  locale: Locale;
  zone: string;
  agency: AgencyCard;
  entry: SectionEntry & { row: PublicationRow };
  months: number;
  path: string;
}) {
  const { t, locale } = p;
  const row = p.entry.row;
  const title = pick(publicTitles(row), locale);
  const body = pick(publicBodies(row), locale);
  return (
    <>
      <span class="govuk-caption-l">
        {p.agency.names[locale]} — {t(`publications.section.${p.entry.section}`)}
      </span>
      <h1 class="govuk-heading-l" lang={title.lang === locale ? undefined : title.lang}>
        {title.text}
      </h1>
      {p.entry.freshness === "stale" ? (
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">{t("publications.freshness.warning")}</span>
            {t("publications.freshness.page_stale", { months: p.months })}
          </strong>
        </div>
      ) : null}
      <LanguageNotice t={t} locale={locale} texts={publicTitles(row)} path={p.path} />
      <Dates t={t} locale={locale} zone={p.zone} row={row} />
      <BodyText text={body.text} lang={body.lang === locale ? undefined : body.lang} />
      <p class="govuk-body">
        <a class="govuk-link" href={`/agencies/${p.agency.slug}/information`}>
          {t("publications.information.all")}
        </a>
      </p>
    </>
  );
}

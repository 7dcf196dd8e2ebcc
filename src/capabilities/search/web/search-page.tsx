import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { SEARCH_KINDS, type SearchKind } from "../../../platform/manifest.js";
import { ErrorSummary, FieldError } from "../../../web/components/error-summary.js";
import { Rich } from "../../../web/components/foreign.js";
import { Select } from "../../../web/components/form-fields.js";
import { formatDate } from "../../../web/format.js";
import { langOf } from "../../../web/text-language.js";
import type { Agency } from "../../agencies/index.js";
import type { SearchResult } from "../query.js";
import { MAX_QUERY_LENGTH } from "../words.js";

const TAG: Record<SearchKind, string> = {
  body: "govuk-tag--grey",
  appeal: "govuk-tag--blue",
  petition: "govuk-tag--purple",
  draft: "govuk-tag--turquoise",
  meeting: "govuk-tag--green",
  question: "govuk-tag--orange",
  publication: "govuk-tag--light-blue",
};

export interface SearchPageProps {
  t: Translate;
  locale: Locale;
  /** The query as typed (echoed in the field and the headings, always as text). */
  q: string;
  kind: string;
  body: string;
  bodies: Agency[];
  issues: FieldIssue[];
  /** Null before a search (no query yet, or a query with problems). */
  found: { total: number; results: SearchResult[]; page: number; pages: number } | null;
}

function pageHref(p: { q: string; kind: string; body: string }, page: number): string {
  const params = new URLSearchParams({ q: p.q });
  if (p.kind) params.set("kind", p.kind);
  if (p.body) params.set("body", p.body);
  if (page > 1) params.set("page", String(page));
  return `/search?${params.toString()}`;
}

function Pagination({
  t,
  p,
  page,
  pages,
}: {
  t: Translate;
  p: SearchPageProps;
  page: number;
  pages: number;
}) {
  if (pages <= 1) return null;
  const numbers = Array.from({ length: pages }, (_, i) => i + 1).filter(
    (n) => n === 1 || n === pages || Math.abs(n - page) <= 2,
  );
  return (
    <nav class="govuk-pagination" aria-label={t("search.pages")}>
      {page > 1 ? (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={pageHref(p, page - 1)} rel="prev">
            <span class="govuk-pagination__link-title">{t("search.previous")}</span>
          </a>
        </div>
      ) : null}
      <ul class="govuk-pagination__list">
        {numbers.map((n, i) => {
          const gap = i > 0 && n - (numbers[i - 1] ?? n) > 1;
          return [
            gap ? (
              <li key={`gap-${n}`} class="govuk-pagination__item govuk-pagination__item--ellipses">
                ⋯
              </li>
            ) : null,
            <li
              key={n}
              class={`govuk-pagination__item${n === page ? " govuk-pagination__item--current" : ""}`}
            >
              <a
                class="govuk-link govuk-pagination__link"
                href={pageHref(p, n)}
                aria-label={String(n)}
                aria-current={n === page ? "page" : undefined}
              >
                {n}
              </a>
            </li>,
          ];
        })}
      </ul>
      {page < pages ? (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={pageHref(p, page + 1)} rel="next">
            <span class="govuk-pagination__link-title">{t("search.next")}</span>
          </a>
        </div>
      ) : null}
    </nav>
  );
}

function Result({ t, locale, r }: { t: Translate; locale: Locale; r: SearchResult }) {
  const lang = r.language === locale ? undefined : r.language;
  return (
    <li class="halyq-search-result">
      <strong class={`govuk-tag ${TAG[r.kind]}`}>{t(`search.kinds.${r.kind}`)}</strong>
      <h3 class="govuk-heading-s govuk-!-margin-top-2 govuk-!-margin-bottom-1">
        <a class="govuk-link" href={r.url} lang={lang}>
          {r.title}
        </a>
      </h3>
      <p class="govuk-body-s govuk-!-margin-bottom-1">
        {r.body && r.kind !== "body" ? <>{r.body.names[locale]} · </> : null}
        <time datetime={r.date}>{formatDate(r.date, locale, "long")}</time>
      </p>
      {r.snippet.length > 0 ? (
        <p class="govuk-body" lang={lang}>
          {r.snippet.map((part, i) =>
            part.hit ? (
              <mark key={i} class="halyq-search-hit">
                {part.text}
              </mark>
            ) : (
              part.text
            ),
          )}
        </p>
      ) : null}
    </li>
  );
}

/** The search page: the form (query, kind, body), then the results or why there are none. */
export function SearchPage(p: SearchPageProps) {
  const { t, locale, issues, found } = p;
  const qError = issues.some((i) => i.field === "q");
  // The words typed, in whatever language they were typed (WCAG 3.1.2).
  const typed = <span lang={langOf(p.q, locale)}>{p.q}</span>;
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <ErrorSummary t={t} issues={issues} />
        <h1 class="govuk-heading-l">{t("search.title")}</h1>
        <p class="govuk-body">{t("search.lead")}</p>
        {/* biome-ignore lint/a11y/useSemanticElements: the role gives the search landmark; <search> is newer than the validators the suite runs */}
        <form method="get" action="/search" role="search" novalidate>
          <div class={`govuk-form-group${qError ? " govuk-form-group--error" : ""}`}>
            <label class="govuk-label govuk-label--s" for="q">
              {t("search.label")}
            </label>
            <div id="q-hint" class="govuk-hint">
              {t("search.hint")}
            </div>
            <FieldError t={t} issues={issues} field="q" id="q-error" />
            <input
              class={`govuk-input${qError ? " govuk-input--error" : ""}`}
              id="q"
              name="q"
              type="search"
              value={p.q}
              maxLength={MAX_QUERY_LENGTH}
              autocomplete="off"
              spellcheck={false}
              enterkeyhint="search"
              aria-describedby={`q-hint${qError ? " q-error" : ""}`}
            />
          </div>
          <fieldset class="govuk-fieldset">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
              {t("search.filters")}
            </legend>
            <Select
              t={t}
              id="kind"
              label={t("search.kind_label")}
              issues={issues}
              value={p.kind}
              items={[
                { value: "", label: t("search.kind_all") },
                ...SEARCH_KINDS.map((k) => ({ value: k, label: t(`search.kind_filter.${k}`) })),
              ]}
            />
            <Select
              t={t}
              id="body"
              label={t("search.body_label")}
              issues={issues}
              value={p.body}
              items={[
                { value: "", label: t("search.body_all") },
                ...p.bodies.map((b) => ({ value: b.slug, label: b.names[locale] })),
              ]}
            />
          </fieldset>
          {issues.some((i) => i.field === "page") ? (
            <FieldError t={t} issues={issues} field="page" id="page" />
          ) : null}
          <button type="submit" class="govuk-button" data-module="govuk-button">
            {t("search.button")}
          </button>
        </form>
        {found ? (
          <>
            <h2 class="govuk-heading-m">{t("search.results_heading")}</h2>
            {found.total === 0 ? (
              <>
                <p class="govuk-body govuk-!-font-weight-bold">
                  <Rich t={t} message="search.none_title" slots={{ q: typed }} />
                </p>
                <p class="govuk-body">{t("search.none_advice")}</p>
              </>
            ) : (
              <>
                <p class="govuk-body">
                  <Rich
                    t={t}
                    message="search.count"
                    slots={{ q: typed }}
                    params={{ count: found.total }}
                  />
                </p>
                <ul class="govuk-list halyq-search-results">
                  {found.results.map((r) => (
                    <Result key={`${r.kind}:${r.id}`} t={t} locale={locale} r={r} />
                  ))}
                </ul>
                <Pagination t={t} p={p} page={found.page} pages={found.pages} />
              </>
            )}
          </>
        ) : null}
      </div>
    </div>
  );
}

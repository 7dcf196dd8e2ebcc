import type { Translate } from "../../../../kernel/i18n.js";

/** Page numbers to show: the first, the last, and the current one with its neighbours. */
export function pageItems(current: number, last: number): (number | "gap")[] {
  const wanted = new Set([1, last, current - 1, current, current + 1]);
  const pages = [...wanted].filter((n) => n >= 1 && n <= last).sort((a, b) => a - b);
  const out: (number | "gap")[] = [];
  for (const [i, n] of pages.entries()) {
    const prev = pages[i - 1];
    if (prev !== undefined && n - prev > 1) out.push("gap");
    out.push(n);
  }
  return out;
}

function Arrow({ next }: { next?: boolean }) {
  return (
    <svg
      class={`govuk-pagination__icon govuk-pagination__icon--${next ? "next" : "prev"}`}
      xmlns="http://www.w3.org/2000/svg"
      height="13"
      width="15"
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 15 13"
    >
      <path
        d={
          next
            ? "m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"
            : "m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"
        }
      />
    </svg>
  );
}

/** GOV.UK pagination: previous and next links and page numbers, as plain links (no script). */
export function Pagination(p: {
  t: Translate;
  page: number;
  pages: number;
  href: (page: number) => string;
}) {
  const { t, page, pages } = p;
  if (pages <= 1) return null;
  return (
    <nav class="govuk-pagination" aria-label={t("appeals.staff.pagination.label")}>
      {page > 1 ? (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={p.href(page - 1)} rel="prev">
            <Arrow />
            <span class="govuk-pagination__link-title">
              {t("appeals.staff.pagination.previous")}
            </span>
          </a>
        </div>
      ) : null}
      <ul class="govuk-pagination__list">
        {pageItems(page, pages).map((item, i) =>
          item === "gap" ? (
            <li key={`gap-${i}`} class="govuk-pagination__item govuk-pagination__item--ellipses">
              ⋯
            </li>
          ) : (
            <li
              key={item}
              class={`govuk-pagination__item${item === page ? " govuk-pagination__item--current" : ""}`}
            >
              <a
                class="govuk-link govuk-pagination__link"
                href={p.href(item)}
                aria-label={t("appeals.staff.pagination.page", { page: item })}
                aria-current={item === page ? "page" : undefined}
              >
                {item}
              </a>
            </li>
          ),
        )}
      </ul>
      {page < pages ? (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={p.href(page + 1)} rel="next">
            <span class="govuk-pagination__link-title">{t("appeals.staff.pagination.next")}</span>
            <Arrow next />
          </a>
        </div>
      ) : null}
    </nav>
  );
}

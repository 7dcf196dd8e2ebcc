import type { ComponentChildren } from "preact";
import type { Translate } from "../../kernel/i18n.js";

/**
 * GOV.UK pagination: previous and next, and the pages around this one with the first and last
 * (gaps shown as an ellipsis). Nothing when there is one page.
 */
export function Pagination({
  t,
  page,
  pages,
  href,
}: {
  t: Translate;
  /** This page, from 1. */
  page: number;
  pages: number;
  href: (page: number) => string;
}) {
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 1, page, page + 1, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const items: (number | "gap")[] = [];
  for (const n of shown) {
    const last = items[items.length - 1];
    if (typeof last === "number" && n - last > 1) items.push("gap");
    items.push(n);
  }
  return (
    <nav class="govuk-pagination" aria-label={t("kit.pagination.label")}>
      {page > 1 ? (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={href(page - 1)} rel="prev">
            <span class="govuk-pagination__link-title">{t("kit.pagination.previous")}</span>
          </a>
        </div>
      ) : null}
      <ul class="govuk-pagination__list">
        {items.map((n, i) =>
          n === "gap" ? (
            <li key={`gap-${i}`} class="govuk-pagination__item govuk-pagination__item--ellipses">
              &ctdot;
            </li>
          ) : (
            <li
              key={n}
              class={`govuk-pagination__item${n === page ? " govuk-pagination__item--current" : ""}`}
            >
              <a
                class="govuk-link govuk-pagination__link"
                href={href(n)}
                aria-label={t("kit.pagination.page", { n })}
                aria-current={n === page ? "page" : undefined}
              >
                {n}
              </a>
            </li>
          ),
        )}
      </ul>
      {page < pages ? (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={href(page + 1)} rel="next">
            <span class="govuk-pagination__link-title">{t("kit.pagination.next")}</span>
          </a>
        </div>
      ) : null}
    </nav>
  );
}

/** One step of a StepTracker; steps already done may link back. */
export interface Step {
  label: string;
  href?: string | undefined;
}

/**
 * Where a person is in a form of several pages: "Step 2 of 4" and the steps, the current one
 * marked (aria-current="step"), the ones done with a link back when they have one.
 */
export function StepTracker({
  t,
  steps,
  current,
}: {
  t: Translate;
  steps: Step[];
  /** The current step, from 0. */
  current: number;
}) {
  return (
    <nav class="halyq-steps" aria-label={t("kit.steps.label")}>
      <p class="govuk-caption-m">{t("kit.steps.of", { n: current + 1, total: steps.length })}</p>
      <ol class="halyq-steps__list">
        {steps.map((s, i) => {
          const state = i < current ? "done" : i === current ? "current" : "todo";
          return (
            <li
              key={i}
              class={`halyq-steps__item halyq-steps__item--${state}`}
              aria-current={state === "current" ? "step" : undefined}
            >
              {state === "done" && s.href ? (
                <a class="govuk-link" href={s.href}>
                  {s.label}
                </a>
              ) : (
                s.label
              )}
              {state === "done" ? (
                <span class="govuk-visually-hidden"> ({t("kit.steps.done")})</span>
              ) : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** One event of a Timeline. */
export interface TimelineEvent {
  key: string;
  title: ComponentChildren;
  /** The time as the reader reads it (already formatted in their language and the body's zone). */
  time: string;
  /** The machine-readable instant or date, for `<time datetime>`. */
  datetime?: string | undefined;
  /** Who did it, or more about it. */
  children?: ComponentChildren;
}

/** What happened, in order: each event with its time, as a list. */
export function Timeline({
  events,
  headingLevel = 3,
  label,
}: {
  events: TimelineEvent[];
  headingLevel?: 2 | 3 | 4;
  /** The list's accessible name, when no heading above names it. */
  label?: string;
}) {
  const H = `h${headingLevel}` as "h3";
  return (
    <ol class="halyq-timeline" aria-label={label}>
      {events.map((e) => (
        <li key={e.key} class="halyq-timeline__event">
          <H class="govuk-heading-s halyq-timeline__title">{e.title}</H>
          <p class="govuk-body-s halyq-timeline__time">
            <time dateTime={e.datetime}>{e.time}</time>
          </p>
          {e.children ? <div class="halyq-timeline__body">{e.children}</div> : null}
        </li>
      ))}
    </ol>
  );
}

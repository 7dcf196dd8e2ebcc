import type { ComponentChildren } from "preact";
import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { ErrorSummary, FieldError } from "../../../web/components/error-summary.js";
import { Form, SubmitButton } from "../../../web/components/fields.js";
import { formatDateTime } from "../../../web/format.js";
import {
  descriptions,
  mayShowLiveResults,
  type PollPhase,
  type PollRow,
  pick,
  type Question,
  type Refusal,
  refusalKey,
  type Texts,
  titles,
} from "../poll.js";
import type { PollResults } from "../results.js";
import { Localised, ResultsSection } from "./results-view.js";

const ZONE = "Asia/Almaty";

export function formatTime(iso: string, locale: Locale): string {
  return formatDateTime(iso, locale, ZONE);
}

export function PhaseTag({ t, phase }: { t: Translate; phase: PollPhase }) {
  const colour =
    phase === "open"
      ? "govuk-tag--green"
      : phase === "scheduled"
        ? "govuk-tag--blue"
        : phase === "draft"
          ? "govuk-tag--yellow"
          : "govuk-tag--grey";
  return <strong class={`govuk-tag ${colour}`}>{t(`polls.phase.${phase}`)}</strong>;
}

/** A table of polls: title (linked), kind, body, closing time, phase. */
export function PollTable({
  t,
  locale,
  caption,
  rows,
  agencies,
  phases,
  href,
}: {
  t: Translate;
  locale: Locale;
  caption: string;
  rows: PollRow[];
  agencies: Map<string, Texts>;
  phases: Map<string, PollPhase>;
  href: (p: PollRow) => string;
}) {
  if (rows.length === 0)
    return (
      <>
        <h2 class="govuk-heading-m">{caption}</h2>
        <p class="govuk-body">{t("polls.list.none")}</p>
      </>
    );
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            {t("polls.list.poll")}
          </th>
          <th scope="col" class="govuk-table__header">
            {t("polls.list.kind")}
          </th>
          <th scope="col" class="govuk-table__header">
            {t("polls.list.body")}
          </th>
          <th scope="col" class="govuk-table__header">
            {t("polls.list.closes")}
          </th>
          <th scope="col" class="govuk-table__header">
            {t("polls.list.status")}
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {rows.map((p) => {
          const agency = agencies.get(p.agency_id);
          return (
            <tr key={p.id} class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href={href(p)}>
                  <Localised texts={titles(p)} locale={locale} />
                </a>
              </td>
              <td class="govuk-table__cell">{t(`polls.kind.${p.kind}`)}</td>
              <td class="govuk-table__cell">
                {agency ? <Localised texts={agency} locale={locale} /> : null}
              </td>
              <td class="govuk-table__cell">{formatTime(p.closes_at, locale)}</td>
              <td class="govuk-table__cell">
                <PhaseTag t={t} phase={phases.get(p.id) ?? "closed"} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** What the reader may do on a poll's page. */
export type Standing =
  | { kind: "anonymous" }
  | { kind: "refused"; reason: Refusal }
  | { kind: "voted" }
  | { kind: "may_vote" };

export interface PollPageData {
  poll: PollRow;
  phase: PollPhase;
  questions: Question[];
  agency: Texts;
  territory: Texts | null;
  results: PollResults | null;
  standing: Standing;
}

export interface PollPageState {
  done?: "cast" | undefined;
  issues?: FieldIssue[];
  values?: Record<string, string | string[]>;
  /** A refusal met while casting (a second ballot, a closed poll). */
  refusal?: string;
}

function QuestionField({
  t,
  locale,
  q,
  number,
  issues,
  value,
}: {
  t: Translate;
  locale: Locale;
  q: Question;
  number: number | null;
  issues: FieldIssue[];
  value: string | string[] | undefined;
}) {
  const field = `q-${q.id}`;
  const error = issues.some((i) => i.field === field);
  const group = `govuk-form-group${error ? " govuk-form-group--error" : ""}`;
  const legend = (
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
      <h2 class="govuk-fieldset__heading">
        {number ? `${number}. ` : ""}
        <Localised texts={q.text} locale={locale} />
      </h2>
    </legend>
  );
  const chosen = Array.isArray(value) ? value : value ? [value] : [];
  // Checkboxes share one name (with [] so it is one list, as HTML checkers expect).
  if (q.kind === "text")
    return (
      <div class={group}>
        <h2 class="govuk-label-wrapper">
          <label class="govuk-label govuk-label--m" for={field}>
            {number ? `${number}. ` : ""}
            <Localised texts={q.text} locale={locale} />
          </label>
        </h2>
        <div id={`${field}-hint`} class="govuk-hint">
          {t("polls.ballot.text_hint")}
        </div>
        <FieldError t={t} issues={issues} field={field} id={`${field}-error`} />
        <textarea
          class={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
          id={field}
          name={field}
          rows={4}
          aria-describedby={`${field}-hint${error ? ` ${field}-error` : ""}`}
        >
          {typeof value === "string" ? value : ""}
        </textarea>
      </div>
    );
  const multiple = q.kind === "multiple";
  const options =
    q.kind === "scale"
      ? Array.from({ length: q.scaleMax ?? 5 }, (_, i) => {
          const v = String(i + 1);
          return { id: v, text: { kk: v, ru: v, en: v } as Texts };
        })
      : q.options;
  const hint = multiple
    ? t("polls.ballot.multiple_hint")
    : q.kind === "scale"
      ? t("polls.ballot.scale_hint", { max: q.scaleMax ?? 5 })
      : null;
  return (
    <div class={group}>
      <fieldset
        class="govuk-fieldset"
        aria-describedby={
          [hint ? `${field}-hint` : "", error ? `${field}-error` : ""].filter(Boolean).join(" ") ||
          undefined
        }
      >
        {legend}
        {hint ? (
          <div id={`${field}-hint`} class="govuk-hint">
            {hint}
          </div>
        ) : null}
        <FieldError t={t} issues={issues} field={field} id={`${field}-error`} />
        <div
          class={`${multiple ? "govuk-checkboxes" : "govuk-radios"}${q.kind === "scale" ? " govuk-radios--inline" : ""}`}
          data-module={multiple ? "govuk-checkboxes" : "govuk-radios"}
        >
          {options.map((o, i) => {
            const id = i === 0 ? field : `${field}-${o.id}`;
            const cls = multiple ? "govuk-checkboxes" : "govuk-radios";
            return (
              <div key={o.id} class={`${cls}__item`}>
                <input
                  class={`${cls}__input`}
                  id={id}
                  name={multiple ? `${field}[]` : field}
                  type={multiple ? "checkbox" : "radio"}
                  value={o.id}
                  checked={chosen.includes(o.id)}
                />
                <label class={`govuk-label ${cls}__label`} for={id}>
                  <Localised texts={o.text} locale={locale} />
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** The public page of a poll: what it asks, who may vote, the ballot or the reason, results. */
export function PollPage({
  t,
  locale,
  data,
  csrf,
  state,
  path,
  afterBallot,
}: {
  t: Translate;
  locale: Locale;
  data: PollPageData;
  csrf: string | null;
  state: PollPageState;
  path: string;
  /** What other capabilities offer once the ballot is cast (e.g. the portal survey). */
  afterBallot?: ComponentChildren;
}) {
  const { poll, phase, questions, standing } = data;
  const issues = state.issues ?? [];
  const description = pick(descriptions(poll), locale);
  const territory = data.territory ? pick(data.territory, locale).text : poll.territory_code;
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <ErrorSummary t={t} issues={issues} />
        {state.done === "cast" ? (
          <div class="govuk-panel govuk-panel--confirmation">
            <h2 class="govuk-panel__title">{t("polls.ballot.cast_title")}</h2>
            <div class="govuk-panel__body">{t("polls.ballot.cast_body")}</div>
          </div>
        ) : null}
        {state.done === "cast" && csrf ? afterBallot : null}
        {state.refusal ? (
          <div class="govuk-error-summary" data-module="govuk-error-summary">
            <div role="alert">
              <h2 class="govuk-error-summary__title">{t("polls.ballot.not_cast")}</h2>
              <div class="govuk-error-summary__body">
                <p class="govuk-body" data-testid="refusal">
                  {state.refusal}
                </p>
              </div>
            </div>
          </div>
        ) : null}
        <span class="govuk-caption-l">
          {t(`polls.kind.${poll.kind}`)} · <Localised texts={data.agency} locale={locale} />
        </span>
        <h1 class="govuk-heading-xl">
          <Localised texts={titles(poll)} locale={locale} />
        </h1>
        <p class="govuk-body">
          <PhaseTag t={t} phase={phase} />
        </p>
        {description.text ? (
          <p class="govuk-body" lang={description.lang === locale ? undefined : description.lang}>
            {description.text}
          </p>
        ) : null}
        <dl class="govuk-summary-list">
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{t("polls.page.who")}</dt>
            <dd class="govuk-summary-list__value">
              {poll.eligibility === "territory"
                ? t("polls.page.who_territory", { territory: territory ?? "" })
                : t("polls.page.who_everyone")}
              {poll.kind !== "survey" ? ` ${t("polls.page.iin_needed")}` : ""}
            </dd>
          </div>
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{t("polls.page.opens")}</dt>
            <dd class="govuk-summary-list__value">{formatTime(poll.opens_at, locale)}</dd>
          </div>
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{t("polls.page.closes")}</dt>
            <dd class="govuk-summary-list__value">{formatTime(poll.closes_at, locale)}</dd>
          </div>
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{t("polls.page.results")}</dt>
            <dd class="govuk-summary-list__value">
              {Number(poll.live_results) === 1 && mayShowLiveResults(poll)
                ? t("polls.page.results_live")
                : t("polls.page.results_at_close")}
            </dd>
          </div>
        </dl>
        {phase === "open" && state.done !== "cast" ? (
          standing.kind === "anonymous" ? (
            <p class="govuk-body">
              <a class="govuk-link" href={`/login?next=${encodeURIComponent(path)}`}>
                {t("polls.ballot.sign_in")}
              </a>
            </p>
          ) : standing.kind === "refused" ? (
            <div class="govuk-warning-text">
              <span class="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong class="govuk-warning-text__text" data-testid="not-eligible">
                <span class="govuk-visually-hidden">{t("polls.ballot.warning")}</span>
                {t(refusalKey(standing.reason))}
              </strong>
            </div>
          ) : standing.kind === "voted" ? (
            <p class="govuk-inset-text" data-testid="voted">
              {t("polls.ballot.voted")}
            </p>
          ) : csrf ? (
            <Form action={`/polls/${poll.id}/ballot`} csrf={csrf}>
              <h2 class="govuk-heading-l">{t("polls.ballot.title")}</h2>
              <p class="govuk-body">{t("polls.ballot.secret")}</p>
              {questions.map((q, i) => (
                <QuestionField
                  key={q.id}
                  t={t}
                  locale={locale}
                  q={q}
                  number={questions.length > 1 ? i + 1 : null}
                  issues={issues}
                  value={state.values?.[`q-${q.id}`]}
                />
              ))}
              <SubmitButton>{t("polls.ballot.submit")}</SubmitButton>
            </Form>
          ) : null
        ) : null}
        {phase === "closed" ? <p class="govuk-inset-text">{t("polls.page.counting")}</p> : null}
        {data.results ? (
          <ResultsSection t={t} locale={locale} r={data.results} pollId={poll.id} />
        ) : null}
        <p class="govuk-body">
          <a class="govuk-link" href="/polls">
            {t("polls.page.all")}
          </a>
        </p>
      </div>
    </div>
  );
}

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

/**
 * A list of polls: each title (linked), then its kind and body, closing time and phase. Rows
 * are stacked, not a table, so a list fits a phone's width.
 */
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
  return (
    <section class="govuk-!-margin-bottom-8">
      <h2 class="govuk-heading-m">{caption}</h2>
      {rows.length === 0 ? (
        <p class="govuk-body">{t("polls.list.none")}</p>
      ) : (
        <ul class="govuk-list">
          {rows.map((p) => {
            const agency = agencies.get(p.agency_id);
            const phase = phases.get(p.id) ?? "closed";
            const over = phase === "closed" || phase === "published";
            return (
              <li key={p.id} class="govuk-!-margin-bottom-6">
                <h3 class="govuk-heading-s govuk-!-margin-bottom-1">
                  <a class="govuk-link" href={href(p)}>
                    <Localised texts={titles(p)} locale={locale} />
                  </a>
                </h3>
                <p class="govuk-body-s govuk-!-margin-bottom-1">
                  {t(`polls.kind.${p.kind}`)}
                  {agency ? (
                    <>
                      {" · "}
                      <Localised texts={agency} locale={locale} />
                    </>
                  ) : null}
                </p>
                <p class="govuk-body-s govuk-!-margin-bottom-1">
                  {t(over ? "polls.list.closed_on" : "polls.list.closes")}:{" "}
                  {formatTime(p.closes_at, locale)}
                </p>
                <PhaseTag t={t} phase={phase} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** What the reader may do on a poll's page. */
export type Standing =
  | { kind: "anonymous" }
  | { kind: "refused"; reason: Refusal }
  | { kind: "voted" }
  | { kind: "may_vote" };

/** The answers of a checked ballot as the form gave them (field name → value(s)). */
export type BallotValues = Record<string, string | string[]>;

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
}: {
  t: Translate;
  locale: Locale;
  data: PollPageData;
  csrf: string | null;
  state: PollPageState;
  path: string;
}) {
  const { poll, phase, questions, standing } = data;
  const issues = state.issues ?? [];
  const description = pick(descriptions(poll), locale);
  const territory = data.territory ? pick(data.territory, locale).text : poll.territory_code;
  const binding = poll.kind !== "survey";
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <ErrorSummary t={t} issues={issues} />
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
            <dt class="govuk-summary-list__key">
              {t(
                phase === "scheduled"
                  ? "polls.page.opens"
                  : phase === "open"
                    ? "polls.page.open_since"
                    : "polls.page.opened",
              )}
            </dt>
            <dd class="govuk-summary-list__value">{formatTime(poll.opens_at, locale)}</dd>
          </div>
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">
              {t(
                phase === "scheduled" || phase === "open"
                  ? "polls.page.closes"
                  : "polls.page.closed",
              )}
            </dt>
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
        {phase === "open" ? (
          standing.kind === "anonymous" ? (
            <>
              <Choices t={t} locale={locale} questions={questions} />
              <p class="govuk-body">
                <a class="govuk-link" href={`/login?next=${encodeURIComponent(path)}`}>
                  {t(
                    poll.kind === "survey"
                      ? "polls.ballot.sign_in"
                      : "polls.ballot.sign_in_verified",
                  )}
                </a>
              </p>
            </>
          ) : standing.kind === "refused" ? (
            <>
              <Choices t={t} locale={locale} questions={questions} />
              <div class="govuk-warning-text">
                <span class="govuk-warning-text__icon" aria-hidden="true">
                  !
                </span>
                <strong class="govuk-warning-text__text" data-testid="not-eligible">
                  <span class="govuk-visually-hidden">{t("polls.ballot.warning")}</span>
                  {t(refusalKey(standing.reason))}
                </strong>
              </div>
            </>
          ) : standing.kind === "voted" ? (
            <div class="govuk-inset-text" data-testid="voted">
              <p class="govuk-body">{t("polls.ballot.voted")}</p>
              <p class="govuk-body">
                <a class="govuk-link" href={`/polls/${poll.id}/receipt`}>
                  {t("polls.receipt.link")}
                </a>
              </p>
            </div>
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
              {binding ? <p class="govuk-body">{t("polls.ballot.check_next")}</p> : null}
              <SubmitButton>
                {t(binding ? "polls.ballot.continue" : "polls.ballot.submit")}
              </SubmitButton>
            </Form>
          ) : null
        ) : null}
        {phase === "scheduled" ? <Choices t={t} locale={locale} questions={questions} /> : null}
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

/** The answers a question offers, as a list anyone may read (the ballot is for voters only). */
function optionsOf(q: Question): { id: string; text: Texts }[] {
  return q.kind === "scale"
    ? Array.from({ length: q.scaleMax ?? 5 }, (_, i) => {
        const v = String(i + 1);
        return { id: v, text: { kk: v, ru: v, en: v } };
      })
    : q.options;
}

/** What the poll asks and the answers it offers, for readers who cannot (or cannot yet) vote. */
export function Choices({
  t,
  locale,
  questions,
}: {
  t: Translate;
  locale: Locale;
  questions: Question[];
}) {
  return (
    <section aria-labelledby="choices-title" data-testid="choices">
      <h2 class="govuk-heading-l" id="choices-title">
        {t("polls.ballot.choices_title")}
      </h2>
      {questions.map((q, i) => (
        <div key={q.id}>
          <h3 class="govuk-heading-m">
            {questions.length > 1 ? `${i + 1}. ` : ""}
            <Localised texts={q.text} locale={locale} />
          </h3>
          {q.kind === "text" ? (
            <p class="govuk-body">{t("polls.ballot.free_text")}</p>
          ) : (
            <ul class="govuk-list govuk-list--bullet">
              {optionsOf(q).map((o) => (
                <li key={o.id}>
                  <Localised texts={o.text} locale={locale} />
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}

/** The chosen answer(s) of one question, in words. */
function Chosen({
  t,
  locale,
  q,
  value,
}: {
  t: Translate;
  locale: Locale;
  q: Question;
  value: string | string[] | undefined;
}) {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  if (list.length === 0) return <>{t("polls.check.skipped")}</>;
  if (q.kind === "text") return <span>{list[0]}</span>;
  const byId = new Map(optionsOf(q).map((o) => [o.id, o.text]));
  if (list.length === 1) {
    const texts = byId.get(list[0] as string);
    return texts ? <Localised texts={texts} locale={locale} /> : null;
  }
  return (
    <ul class="govuk-list govuk-list--bullet">
      {list.map((id) => {
        const texts = byId.get(id);
        return texts ? (
          <li key={id}>
            <Localised texts={texts} locale={locale} />
          </li>
        ) : null;
      })}
    </ul>
  );
}

/**
 * The confirmation step of a binding ballot: the choice once more, the warning that it cannot
 * be changed, and "Cast my vote" or "Change". The choice travels in the form with a seal that
 * ties it to this person, poll and moment; nothing is recorded until "Cast my vote".
 */
export function BallotCheckPage({
  t,
  locale,
  poll,
  questions,
  values,
  csrf,
  issued,
  seal,
  again,
}: {
  t: Translate;
  locale: Locale;
  poll: PollRow;
  questions: Question[];
  values: BallotValues;
  csrf: string;
  issued: string;
  seal: string;
  /** Whether "Cast my vote" came without a valid seal (stale or altered), so the check is shown again. */
  again: boolean;
}) {
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <span class="govuk-caption-l">
          <Localised texts={titles(poll)} locale={locale} />
        </span>
        <h1 class="govuk-heading-xl">{t("polls.check.title")}</h1>
        {again ? (
          <p class="govuk-inset-text" data-testid="check-again">
            {t("polls.check.again")}
          </p>
        ) : null}
        <dl class="govuk-summary-list" data-testid="your-choice">
          {questions.map((q, i) => (
            <div key={q.id} class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">
                {questions.length > 1 ? `${i + 1}. ` : ""}
                <Localised texts={q.text} locale={locale} />
              </dt>
              <dd class="govuk-summary-list__value">
                <Chosen t={t} locale={locale} q={q} value={values[`q-${q.id}`]} />
              </dd>
            </div>
          ))}
        </dl>
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">{t("polls.ballot.warning")}</span>
            {t("polls.check.final")}
          </strong>
        </div>
        <p class="govuk-body">{t("polls.ballot.secret")}</p>
        <Form action={`/polls/${poll.id}/cast`} csrf={csrf}>
          {Object.entries(values).flatMap(([name, v]) =>
            (Array.isArray(v) ? v : [v]).map((x, i) => (
              <input key={`${name}-${i}`} type="hidden" name={name} value={x} />
            )),
          )}
          <input type="hidden" name="issued" value={issued} />
          <input type="hidden" name="seal" value={seal} />
          <div class="govuk-button-group">
            <button
              type="submit"
              name="decision"
              value="cast"
              class="govuk-button"
              data-module="govuk-button"
              data-prevent-double-click="true"
            >
              {t("polls.check.cast")}
            </button>
            <button
              type="submit"
              name="decision"
              value="change"
              class="govuk-button govuk-button--secondary"
              data-module="govuk-button"
            >
              {t("polls.check.change")}
            </button>
          </div>
        </Form>
      </div>
    </div>
  );
}

/**
 * The receipt: that this person's ballot is recorded, when, and a receipt code. It never shows
 * the choice: Halyq cannot tell it, as the ballot is stored apart from the list of voters.
 */
export function ReceiptPage({
  t,
  locale,
  poll,
  day,
  at,
  code,
  fresh,
  after,
}: {
  t: Translate;
  locale: Locale;
  poll: PollRow;
  /** The day the voter was listed (UTC date, as stored). */
  day: string;
  /** The moment the ballot went in, when the page follows the casting. */
  at: string | null;
  code: string;
  fresh: boolean;
  after?: ComponentChildren;
}) {
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <div class="govuk-panel govuk-panel--confirmation">
          <h1 class="govuk-panel__title">{t("polls.receipt.title")}</h1>
          <div class="govuk-panel__body">
            {t("polls.receipt.code")}
            <br />
            <strong data-testid="receipt-code">{code}</strong>
          </div>
        </div>
        <dl class="govuk-summary-list">
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{t("polls.receipt.poll")}</dt>
            <dd class="govuk-summary-list__value">
              <Localised texts={titles(poll)} locale={locale} />
            </dd>
          </div>
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{t("polls.receipt.recorded")}</dt>
            <dd class="govuk-summary-list__value" data-testid="receipt-when">
              {at ? formatTime(at, locale) : formatDay(day, locale)}
            </dd>
          </div>
        </dl>
        <p class="govuk-body">{t("polls.receipt.what")}</p>
        <p class="govuk-body">{t("polls.receipt.not_choice")}</p>
        <p class="govuk-body">{t("polls.receipt.keep")}</p>
        {fresh ? after : null}
        <p class="govuk-body">
          <a class="govuk-link" href={`/polls/${poll.id}`}>
            {t("polls.receipt.back")}
          </a>
        </p>
      </div>
    </div>
  );
}

function formatDay(day: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "kk" ? "kk-KZ" : locale, {
    dateStyle: "long",
    timeZone: "UTC",
  }).format(new Date(`${day}T00:00:00Z`));
}

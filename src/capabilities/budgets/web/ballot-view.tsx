import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { ErrorSummary, FieldError } from "../../../web/components/error-summary.js";
import { Form, SubmitButton } from "../../../web/components/fields.js";
import { formatDateTime, formatNumber } from "../../../web/format.js";
import type { CycleRow, TerritoryRow } from "../budget.js";
import type { BallotCandidate } from "../commands/ballot.js";

export const ZONE = "Asia/Almaty";

/** An amount of money in tenge, grouped as the locale writes it. */
export const money = (t: Translate, n: number, locale: Locale) =>
  t("budgets.tenge", { amount: formatNumber(n, locale) });

export const cycleTitle = (c: CycleRow, locale: Locale) =>
  locale === "kk" ? c.title_kk : locale === "en" ? (c.title_en ?? c.title_ru) : c.title_ru;

export const territoryName = (tr: TerritoryRow, locale: Locale) =>
  locale === "kk" ? tr.name_kk : locale === "en" ? tr.name_en : tr.name_ru;

/** A proposal's title in the language its author wrote in (marked so for the reader). */
function Title({ c }: { c: Pick<BallotCandidate, "title" | "language"> }) {
  return <span lang={c.language}>{c.title}</span>;
}

/** What the person may do on the vote's start page. */
export type Standing =
  | { kind: "anonymous" }
  | { kind: "closed" }
  | { kind: "refused"; message: string }
  | { kind: "voted"; day: string }
  | { kind: "may_vote"; territory: TerritoryRow };

/** The vote's start page: the territories, and where this person votes (or why they cannot). */
export function VoteStartPage({
  t,
  locale,
  cycle,
  territories,
  standing,
}: {
  t: Translate;
  locale: Locale;
  cycle: CycleRow;
  territories: TerritoryRow[];
  standing: Standing;
}) {
  const dates = {
    from: formatDateTime(cycle.voting_at, locale, ZONE),
    to: formatDateTime(cycle.results_at, locale, ZONE),
  };
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <span class="govuk-caption-l">{cycleTitle(cycle, locale)}</span>
        <h1 class="govuk-heading-xl">{t("budgets.ballot.start.title")}</h1>
        <p class="govuk-body">{t("budgets.ballot.start.dates", dates)}</p>
        <p class="govuk-body">{t(`budgets.ballot.rule.${cycle.rule}`, { min: cycle.min_votes })}</p>
        {standing.kind === "closed" ? (
          <div class="govuk-inset-text" data-testid="vote-standing">
            {t("budgets.ballot.refusal.phase_closed", {
              from: dates.from,
              to: dates.to,
            })}
          </div>
        ) : standing.kind === "refused" ? (
          <div class="govuk-warning-text" data-testid="vote-standing">
            <span class="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong class="govuk-warning-text__text">{standing.message}</strong>
          </div>
        ) : standing.kind === "voted" ? (
          <div class="govuk-inset-text" data-testid="vote-standing">
            {t("budgets.ballot.refusal.already_voted")}{" "}
            <a class="govuk-link" href={`/budgets/${cycle.id}/receipt`}>
              {t("budgets.ballot.start.receipt")}
            </a>
          </div>
        ) : standing.kind === "may_vote" ? (
          <p class="govuk-body" data-testid="vote-standing">
            <a class="govuk-button" href={`/budgets/${cycle.id}/vote/${standing.territory.code}`}>
              {t("budgets.ballot.start.go", {
                territory: territoryName(standing.territory, locale),
              })}
            </a>
          </p>
        ) : (
          <p class="govuk-body" data-testid="vote-standing">
            <a class="govuk-link" href={`/login?next=/budgets/${cycle.id}/vote`}>
              {t("budgets.ballot.start.sign_in")}
            </a>
          </p>
        )}
        <h2 class="govuk-heading-m">{t("budgets.ballot.start.territories")}</h2>
        <ul class="govuk-list govuk-list--bullet">
          {territories.map((tr) => (
            <li key={tr.code}>
              {territoryName(tr, locale)}: {money(t, Number(tr.amount), locale)}
            </li>
          ))}
        </ul>
        <p class="govuk-body">
          <a class="govuk-link" href={`/budgets/${cycle.id}`}>
            {t("budgets.ballot.back_to_cycle")}
          </a>
        </p>
      </div>
    </div>
  );
}

/** The ballot of a territory: the admitted projects as checkboxes, the amount and the money left. */
export function BallotPage({
  t,
  locale,
  cycle,
  territory,
  candidates,
  photos,
  chosen,
  issues,
  csrf,
}: {
  t: Translate;
  locale: Locale;
  cycle: CycleRow;
  territory: TerritoryRow;
  candidates: BallotCandidate[];
  photos: Map<string, string>;
  chosen: string[];
  issues: FieldIssue[];
  csrf: string;
}) {
  const amount = Number(territory.amount);
  const total = candidates.filter((c) => chosen.includes(c.id)).reduce((s, c) => s + c.cost, 0);
  const knapsack = cycle.rule === "knapsack";
  return (
    <div class="govuk-grid-row">
      <div
        class="govuk-grid-column-two-thirds"
        data-knapsack={String(amount)}
        data-money={t("budgets.tenge", { amount: "#" })}
      >
        <ErrorSummary t={t} issues={issues} />
        <span class="govuk-caption-l">{cycleTitle(cycle, locale)}</span>
        <h1 class="govuk-heading-xl">
          {t("budgets.ballot.form.title", { territory: territoryName(territory, locale) })}
        </h1>
        <p class="govuk-body">{t(`budgets.ballot.rule.${cycle.rule}`, { min: cycle.min_votes })}</p>
        <dl class="govuk-summary-list" data-testid="ballot-money" aria-live="polite">
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{t("budgets.ballot.form.amount")}</dt>
            <dd class="govuk-summary-list__value">{money(t, amount, locale)}</dd>
          </div>
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{t("budgets.ballot.form.total")}</dt>
            <dd class="govuk-summary-list__value" data-knapsack-total>
              {money(t, total, locale)}
            </dd>
          </div>
          {knapsack ? (
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">{t("budgets.ballot.form.left")}</dt>
              <dd class="govuk-summary-list__value" data-knapsack-left>
                {money(t, amount - total, locale)}
              </dd>
            </div>
          ) : null}
        </dl>
        <Form action={`/budgets/${cycle.id}/vote/${territory.code}`} csrf={csrf}>
          <div class={`govuk-form-group${issues.length > 0 ? " govuk-form-group--error" : ""}`}>
            <fieldset class="govuk-fieldset" aria-describedby="projectIds-hint">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
                {t("budgets.ballot.form.legend")}
              </legend>
              <div id="projectIds-hint" class="govuk-hint">
                {t(
                  knapsack
                    ? "budgets.ballot.form.hint_knapsack"
                    : "budgets.ballot.form.hint_approval",
                )}
              </div>
              <FieldError t={t} issues={issues} field="projectIds" id="projectIds-error" />
              {candidates.length === 0 ? (
                <p class="govuk-body">{t("budgets.ballot.form.none")}</p>
              ) : null}
              <div class="govuk-checkboxes" data-module="govuk-checkboxes">
                {candidates.map((c, i) => {
                  const id = i === 0 ? "projectIds" : `projectIds-${c.id}`;
                  const photo = photos.get(c.id);
                  return (
                    <div key={c.id} class="govuk-checkboxes__item">
                      <input
                        class="govuk-checkboxes__input"
                        id={id}
                        name="projectIds[]"
                        type="checkbox"
                        value={c.id}
                        data-cost={String(c.cost)}
                        checked={chosen.includes(c.id)}
                        aria-describedby={`${id}-item-hint`}
                      />
                      <label class="govuk-label govuk-checkboxes__label" for={id}>
                        {t("budgets.ballot.form.number", { number: c.number })} <Title c={c} />
                      </label>
                      <div id={`${id}-item-hint`} class="govuk-hint govuk-checkboxes__hint">
                        {t(`budgets.category.${c.category}`)} · {money(t, c.cost, locale)} ·{" "}
                        <a class="govuk-link" href={`/budgets/${cycle.id}/proposals/${c.id}`}>
                          {t("budgets.ballot.form.more")}
                        </a>
                        {photo ? (
                          <img
                            src={photo}
                            alt=""
                            loading="lazy"
                            class="halyq-photo govuk-!-margin-top-2"
                            width="320"
                          />
                        ) : null}
                      </div>
                    </div>
                  );
                })}
              </div>
            </fieldset>
          </div>
          <SubmitButton>{t("budgets.ballot.form.check")}</SubmitButton>
        </Form>
      </div>
    </div>
  );
}

/** The confirmation step: the checked choice, "Change my choice" and "Cast my vote". */
export function ConfirmPage({
  t,
  locale,
  cycle,
  territory,
  chosen,
  total,
  csrf,
  issued,
  seal,
  again,
}: {
  t: Translate;
  locale: Locale;
  cycle: CycleRow;
  territory: TerritoryRow;
  chosen: BallotCandidate[];
  total: number;
  csrf: string;
  issued: string;
  seal: string;
  again: boolean;
}) {
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <span class="govuk-caption-l">{cycleTitle(cycle, locale)}</span>
        <h1 class="govuk-heading-xl">{t("budgets.ballot.confirm.title")}</h1>
        {again ? <div class="govuk-inset-text">{t("budgets.ballot.confirm.again")}</div> : null}
        <p class="govuk-body">
          {t("budgets.ballot.confirm.lead", { territory: territoryName(territory, locale) })}
        </p>
        <ul class="govuk-list govuk-list--bullet" data-testid="confirm-choices">
          {chosen.map((c) => (
            <li key={c.id}>
              {t("budgets.ballot.form.number", { number: c.number })} <Title c={c} /> —{" "}
              {money(t, c.cost, locale)}
            </li>
          ))}
        </ul>
        <p class="govuk-body">
          {t("budgets.ballot.form.total")}: <strong>{money(t, total, locale)}</strong>
        </p>
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">{t("budgets.ballot.confirm.final")}</strong>
        </div>
        <Form action={`/budgets/${cycle.id}/vote/${territory.code}/cast`} csrf={csrf}>
          {chosen.map((c) => (
            <input key={c.id} type="hidden" name="projectIds[]" value={c.id} />
          ))}
          <input type="hidden" name="issued" value={issued} />
          <input type="hidden" name="seal" value={seal} />
          <div class="govuk-button-group">
            <button
              type="submit"
              name="decision"
              value="cast"
              class="govuk-button"
              data-prevent-double-click="true"
            >
              {t("budgets.ballot.confirm.cast")}
            </button>
            <button
              type="submit"
              name="decision"
              value="change"
              class="govuk-button govuk-button--secondary"
            >
              {t("budgets.ballot.confirm.change")}
            </button>
          </div>
        </Form>
      </div>
    </div>
  );
}

/** The receipt: that the ballot is recorded, when, and a code; the vote cannot be changed now. */
export function ReceiptPage({
  t,
  locale,
  cycle,
  when,
  code,
  chosen,
}: {
  t: Translate;
  locale: Locale;
  cycle: CycleRow;
  when: string;
  code: string;
  /** What was cast, shown only right after casting (from the signed address, never stored). */
  chosen: BallotCandidate[] | null;
}) {
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <div class="govuk-panel govuk-panel--confirmation">
          <h1 class="govuk-panel__title">{t("budgets.ballot.receipt.title")}</h1>
          <div class="govuk-panel__body">
            {t("budgets.ballot.receipt.code")}
            <br />
            <strong data-testid="receipt-code">{code}</strong>
          </div>
        </div>
        <dl class="govuk-summary-list">
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{t("budgets.ballot.receipt.cycle")}</dt>
            <dd class="govuk-summary-list__value">{cycleTitle(cycle, locale)}</dd>
          </div>
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{t("budgets.ballot.receipt.recorded")}</dt>
            <dd class="govuk-summary-list__value" data-testid="receipt-when">
              {when}
            </dd>
          </div>
        </dl>
        {chosen ? (
          <>
            <h2 class="govuk-heading-m">{t("budgets.ballot.receipt.cast")}</h2>
            <ul class="govuk-list govuk-list--bullet" data-testid="receipt-choices">
              {chosen.map((c) => (
                <li key={c.id}>
                  {t("budgets.ballot.form.number", { number: c.number })} <Title c={c} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p class="govuk-body">{t("budgets.ballot.receipt.final")}</p>
        <p class="govuk-body">{t("budgets.ballot.receipt.not_choice")}</p>
        <p class="govuk-body">
          {t("budgets.ballot.receipt.results", {
            date: formatDateTime(cycle.results_at, locale, ZONE),
          })}
        </p>
        <p class="govuk-body">
          <a class="govuk-link" href={`/budgets/${cycle.id}`}>
            {t("budgets.ballot.back_to_cycle")}
          </a>
        </p>
      </div>
    </div>
  );
}

import type { Locale, Translate } from "../../../kernel/i18n.js";
import { formatDateTime, formatNumber } from "../../../web/format.js";
import type { CycleRow, TerritoryRow } from "../budget.js";
import type { BallotCandidate } from "../commands/ballot.js";
import { cycleTitle, money, territoryName, ZONE } from "./ballot-view.js";

/** One territory's published count, as the page shows it. */
export interface TerritoryView {
  territory: TerritoryRow;
  allocated: number;
  projects: (BallotCandidate & { votes: number; rank: number; winner: boolean })[];
}

/** The results page: before publication when; after, per territory the ranking and winners. */
export function ResultsPage({
  t,
  locale,
  cycle,
  territories,
}: {
  t: Translate;
  locale: Locale;
  cycle: CycleRow;
  territories: TerritoryView[] | null;
}) {
  return (
    <>
      <span class="govuk-caption-l">{cycleTitle(cycle, locale)}</span>
      <h1 class="govuk-heading-xl">{t("budgets.results.title")}</h1>
      {territories === null ? (
        <p class="govuk-body" data-testid="results-pending">
          {t("budgets.results.pending", {
            date: formatDateTime(cycle.results_at, locale, ZONE),
          })}
        </p>
      ) : (
        <>
          <p class="govuk-body" data-testid="results-turnout">
            {t("budgets.results.voters_cycle", {
              count: formatNumber(Number(cycle.voters_count ?? 0), locale),
            })}
          </p>
          <h2 class="govuk-heading-m">{t("budgets.results.rule_title")}</h2>
          <p class="govuk-body">
            {t(`budgets.results.rule.${cycle.rule}`, { min: cycle.min_votes })}
          </p>
          {territories.map((tv) => (
            <section key={tv.territory.code} aria-labelledby={`t-${tv.territory.code}`}>
              <h2 class="govuk-heading-l" id={`t-${tv.territory.code}`}>
                {territoryName(tv.territory, locale)}
              </h2>
              <dl class="govuk-summary-list">
                <div class="govuk-summary-list__row">
                  <dt class="govuk-summary-list__key">{t("budgets.results.amount")}</dt>
                  <dd class="govuk-summary-list__value">
                    {money(t, Number(tv.territory.amount), locale)}
                  </dd>
                </div>
                <div class="govuk-summary-list__row">
                  <dt class="govuk-summary-list__key">{t("budgets.results.allocated")}</dt>
                  <dd class="govuk-summary-list__value">{money(t, tv.allocated, locale)}</dd>
                </div>
                <div class="govuk-summary-list__row">
                  <dt class="govuk-summary-list__key">{t("budgets.results.ballots")}</dt>
                  <dd class="govuk-summary-list__value">
                    {formatNumber(Number(tv.territory.voters_count ?? 0), locale)}
                  </dd>
                </div>
              </dl>
              {/* biome-ignore lint/a11y/useSemanticElements: a named region lets keyboard users scroll a wide table (WCAG 2.1.1), as the shared table does */}
              <div
                class="halyq-table-scroll"
                tabindex={0}
                role="region"
                aria-labelledby={`c-${tv.territory.code}`}
              >
                <table class="govuk-table" data-testid={`results-${tv.territory.code}`}>
                  <caption
                    class="govuk-table__caption govuk-table__caption--s"
                    id={`c-${tv.territory.code}`}
                  >
                    {t("budgets.results.caption", {
                      territory: territoryName(tv.territory, locale),
                    })}
                  </caption>
                  <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                      <th scope="col" class="govuk-table__header">
                        {t("budgets.results.rank")}
                      </th>
                      <th scope="col" class="govuk-table__header">
                        {t("budgets.results.project")}
                      </th>
                      <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                        {t("budgets.results.votes")}
                      </th>
                      <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                        {t("budgets.results.cost")}
                      </th>
                      <th scope="col" class="govuk-table__header">
                        {t("budgets.results.outcome")}
                      </th>
                    </tr>
                  </thead>
                  <tbody class="govuk-table__body">
                    {tv.projects.map((p) => (
                      <tr key={p.id} class="govuk-table__row">
                        <td class="govuk-table__cell">{p.rank}</td>
                        <td class="govuk-table__cell">
                          <a class="govuk-link" href={`/budgets/${cycle.id}/proposals/${p.id}`}>
                            {t("budgets.ballot.form.number", { number: p.number })}{" "}
                            <span lang={p.language}>{p.title}</span>
                          </a>
                        </td>
                        <td class="govuk-table__cell govuk-table__cell--numeric">
                          {formatNumber(p.votes, locale)}
                        </td>
                        <td class="govuk-table__cell govuk-table__cell--numeric">
                          {money(t, p.cost, locale)}
                        </td>
                        <td class="govuk-table__cell">
                          {p.winner ? (
                            <strong class="govuk-tag govuk-tag--green">
                              {t("budgets.results.won")}
                            </strong>
                          ) : (
                            t("budgets.results.not_won")
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ))}
        </>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={`/budgets/${cycle.id}/proposals?status=rejected`}>
          {t("budgets.results.rejected_link")}
        </a>
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href={`/budgets/${cycle.id}`}>
          {t("budgets.ballot.back_to_cycle")}
        </a>
      </p>
    </>
  );
}

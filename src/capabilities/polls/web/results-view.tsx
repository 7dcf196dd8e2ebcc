import type { Locale, Translate } from "../../../kernel/i18n.js";
import { formatNumber } from "../../../web/format.js";
import { pick, type Texts } from "../poll.js";
import type { PollResults } from "../results.js";
import { barChart } from "./chart.js";

/** Text in the reader's language, or another marked with its own language. */
export function Localised({ texts, locale }: { texts: Texts; locale: Locale }) {
  const { text, lang } = pick(texts, locale);
  return <span lang={lang === locale ? undefined : lang}>{text}</span>;
}

const percent = (n: number, of: number, locale: Locale) =>
  of > 0 ? formatNumber(n / of, locale, { style: "percent", maximumFractionDigits: 1 }) : "—";

/** Results: turnout, then per question a chart and the same figures in a table. */
export function ResultsSection({
  t,
  locale,
  r,
  pollId,
}: {
  t: Translate;
  locale: Locale;
  r: PollResults;
  pollId: string;
}) {
  return (
    <section aria-labelledby="results-title">
      <h2 class="govuk-heading-l" id="results-title">
        {r.final ? t("polls.results.title") : t("polls.results.live_title")}
      </h2>
      {r.final ? null : <p class="govuk-inset-text">{t("polls.results.live_hint")}</p>}
      <dl class="govuk-summary-list">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{t("polls.results.voters")}</dt>
          <dd class="govuk-summary-list__value" data-testid="voters">
            {r.voters}
          </dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{t("polls.results.turnout")}</dt>
          <dd class="govuk-summary-list__value">
            {r.eligible
              ? t("polls.results.turnout_of", {
                  share: percent(r.voters, r.eligible, locale),
                  eligible: r.eligible,
                })
              : t("polls.results.turnout_unknown")}
          </dd>
        </div>
      </dl>
      {r.questions.map((q, qi) => (
        <div key={q.id} class="halyq-poll-result">
          <h3 class="govuk-heading-m">
            {r.questions.length > 1 ? `${qi + 1}. ` : ""}
            <Localised texts={q.text} locale={locale} />
          </h3>
          {q.kind === "text" ? (
            <>
              <p class="govuk-body">{t("polls.results.texts_count", { count: q.answered })}</p>
              {q.texts.length > 0 ? (
                <ul class="govuk-list govuk-list--bullet">
                  {q.texts.map((text) => (
                    <li key={text}>{text}</li>
                  ))}
                </ul>
              ) : (
                <p class="govuk-body">{t("polls.results.no_texts")}</p>
              )}
            </>
          ) : (
            <>
              <figure class="halyq-chart">
                <div
                  dangerouslySetInnerHTML={{
                    __html: barChart(
                      q.options.map((o) => ({ label: pick(o.text, locale).text, count: o.count })),
                    ),
                  }}
                />
              </figure>
              <table class="govuk-table">
                <caption class="govuk-table__caption govuk-table__caption--s">
                  {t("polls.results.table_caption", { answered: q.answered })}
                </caption>
                <thead class="govuk-table__head">
                  <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">
                      {q.kind === "scale" ? t("polls.results.score") : t("polls.results.option")}
                    </th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                      {t("polls.results.count")}
                    </th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                      {t("polls.results.share")}
                    </th>
                  </tr>
                </thead>
                <tbody class="govuk-table__body">
                  {q.options.map((o) => (
                    <tr key={o.id} class="govuk-table__row">
                      <th scope="row" class="govuk-table__header">
                        <Localised texts={o.text} locale={locale} />
                      </th>
                      <td class="govuk-table__cell govuk-table__cell--numeric">{o.count}</td>
                      <td class="govuk-table__cell govuk-table__cell--numeric">
                        {percent(o.count, q.answered, locale)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {q.mean !== null ? (
                <p class="govuk-body">{t("polls.results.mean", { mean: q.mean })}</p>
              ) : null}
            </>
          )}
        </div>
      ))}
      {r.final ? (
        <p class="govuk-body">
          {t("polls.results.open_data")}{" "}
          <a class="govuk-link" href={`/polls/${pollId}/results.csv`}>
            CSV
          </a>
          ,{" "}
          <a class="govuk-link" href={`/polls/${pollId}/results.json`}>
            JSON
          </a>
        </p>
      ) : null}
    </section>
  );
}

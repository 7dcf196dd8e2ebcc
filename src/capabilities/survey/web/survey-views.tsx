import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { ErrorSummary } from "../../../web/components/error-summary.js";
import { formatNumber } from "../../../web/format.js";
import {
  PEW_2010,
  SURVEY_ANSWERS,
  SURVEY_CONTEXTS,
  type SurveyContext,
  shareOf,
  type Tally,
} from "../survey.js";
import { comparisonChart } from "./chart.js";
import { SurveyPrompt } from "./survey-prompt.js";

function percent(locale: Locale, value: number | null): string {
  if (value === null) return "—";
  return formatNumber(value, locale, { style: "percent", maximumFractionDigits: 1 });
}

const number = (locale: Locale, n: number) => formatNumber(n, locale);

/** The question again, with what was wrong (the only way to get here is a bad post). */
export function SurveyErrorPage(p: {
  t: Translate;
  csrf: string;
  context: SurveyContext | null;
  returnTo: string;
  issues: FieldIssue[];
}) {
  const { t } = p;
  return (
    <>
      <ErrorSummary
        t={t}
        issues={p.issues}
        fieldIds={{ answer: `survey-${p.context ?? "appeal_filed"}-all`, context: "survey-back" }}
      />
      <h1 class="govuk-heading-l">{t("survey.error.title")}</h1>
      {p.context ? (
        <SurveyPrompt
          t={t}
          csrf={p.csrf}
          context={p.context}
          returnTo={p.returnTo}
          issues={p.issues}
        />
      ) : null}
      <p class="govuk-body">
        <a class="govuk-link" id="survey-back" href={p.returnTo}>
          {t("survey.thanks.back")}
        </a>
      </p>
    </>
  );
}

export function ThanksPage({
  t,
  counted,
  returnTo,
}: {
  t: Translate;
  counted: boolean;
  returnTo: string;
}) {
  return (
    <>
      <div class="govuk-panel govuk-panel--confirmation">
        <h1 class="govuk-panel__title">{t("survey.thanks.title")}</h1>
        <div class="govuk-panel__body">
          {counted ? t("survey.thanks.counted") : t("survey.thanks.already")}
        </div>
      </div>
      <p class="govuk-body">
        <a class="govuk-link" href={returnTo}>
          {t("survey.thanks.back")}
        </a>
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href="/survey/results">
          {t("survey.thanks.results")}
        </a>
      </p>
    </>
  );
}

function TallyTable({
  t,
  locale,
  caption,
  tally,
  withPew,
}: {
  t: Translate;
  locale: Locale;
  caption: string;
  tally: Tally;
  withPew: boolean;
}) {
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            {t("survey.results.answer")}
          </th>
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">
            {t("survey.results.count")}
          </th>
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">
            {t("survey.results.share")}
          </th>
          {withPew ? (
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">
              {t("survey.results.pew")}
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {SURVEY_ANSWERS.map((a) => (
          <tr key={a} class="govuk-table__row">
            <th scope="row" class="govuk-table__header">
              {t(`survey.answer.${a}`)}
            </th>
            <td class="govuk-table__cell govuk-table__cell--numeric">
              {number(locale, tally.counts[a])}
            </td>
            <td class="govuk-table__cell govuk-table__cell--numeric">
              {percent(locale, shareOf(tally, a))}
            </td>
            {withPew ? (
              <td class="govuk-table__cell govuk-table__cell--numeric">
                {PEW_2010.shares[a] === null
                  ? t("survey.results.pew_some", { remainder: percent(locale, PEW_2010.remainder) })
                  : percent(locale, PEW_2010.shares[a])}
              </td>
            ) : null}
          </tr>
        ))}
        <tr class="govuk-table__row">
          <th scope="row" class="govuk-table__header">
            {t("survey.results.total")}
          </th>
          <td class="govuk-table__cell govuk-table__cell--numeric">
            {number(locale, tally.total)}
          </td>
          <td class="govuk-table__cell govuk-table__cell--numeric">
            {tally.total > 0 ? percent(locale, 1) : "—"}
          </td>
          {withPew ? <td class="govuk-table__cell govuk-table__cell--numeric" /> : null}
        </tr>
      </tbody>
    </table>
  );
}

/** The survey's results by context and overall, beside Pew's 2010 figures, with a chart. */
export function ResultsPage(p: {
  t: Translate;
  locale: Locale;
  overall: Tally;
  byContext: Record<SurveyContext, Tally>;
}) {
  const { t, locale, overall } = p;
  const halyq = t("survey.results.halyq");
  const pew = t("survey.results.pew");
  const bars = SURVEY_ANSWERS.flatMap((a) => {
    const own = shareOf(overall, a);
    const theirs = PEW_2010.shares[a];
    return [
      ...(own !== null ? [{ answer: t(`survey.answer.${a}`), series: halyq, share: own }] : []),
      ...(theirs !== null ? [{ answer: t(`survey.answer.${a}`), series: pew, share: theirs }] : []),
    ];
  });
  return (
    <>
      <h1 class="govuk-heading-l">{t("survey.results.title")}</h1>
      <p class="govuk-body-l">{t("survey.results.lead", { question: t("survey.question") })}</p>
      <figure class="halyq-chart govuk-!-margin-0 govuk-!-margin-bottom-6">
        <div
          // The SVG is made on the server from figures and message texts only; linkedom escapes them.
          dangerouslySetInnerHTML={{
            __html: comparisonChart(
              bars,
              SURVEY_ANSWERS.map((a) => t(`survey.answer.${a}`)),
              [halyq, pew],
              {
                title: t("survey.results.chart_title"),
                description: t("survey.results.chart_desc"),
              },
            ),
          }}
        />
        <figcaption class="govuk-body-s">{t("survey.results.chart_caption")}</figcaption>
      </figure>
      <TallyTable
        t={t}
        locale={locale}
        caption={t("survey.results.overall")}
        tally={overall}
        withPew
      />
      <p class="govuk-body-s">
        {t("survey.results.source")}{" "}
        <a class="govuk-link" href={PEW_2010.url} lang="en">
          {PEW_2010.source}
        </a>
        . {t("survey.results.source_note", { remainder: percent(locale, PEW_2010.remainder) })}
      </p>
      <h2 class="govuk-heading-l">{t("survey.results.by_context")}</h2>
      {SURVEY_CONTEXTS.map((c) => (
        <TallyTable
          key={c}
          t={t}
          locale={locale}
          caption={t(`survey.context.${c}`)}
          tally={p.byContext[c]}
          withPew={false}
        />
      ))}
      <p class="govuk-body-s">{t("survey.results.privacy")}</p>
      <p class="govuk-body-s">
        <a class="govuk-link" href="/api/v1/stats/survey">
          {t("survey.results.json")}
        </a>
      </p>
    </>
  );
}

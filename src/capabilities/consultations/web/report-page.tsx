import type { Locale, Translate } from "../../../kernel/i18n.js";
import { SummaryRow } from "../../../web/components/kit.js";
import { formatDate } from "../../../web/format.js";
import { ANSWERS } from "../consultation.js";
import type { ConsultationRow } from "../consultation.repository.js";
import type { VersionReport } from "../report.js";
import { Lines } from "./shared.js";

/**
 * The report on the results of the discussion: for each reported version, its counts and every
 * comment (hidden ones marked, their text not shown) with its paragraph and the body's answer.
 */
export function ReportPage({
  t,
  locale,
  consultation,
  agency,
  reports,
}: {
  t: Translate;
  locale: Locale;
  consultation: ConsultationRow;
  agency: string;
  reports: VersionReport[];
}) {
  const id = consultation.id;
  return (
    <>
      <a href={`/consultations/${id}`} class="govuk-back-link">
        {t("consultations.report.back")}
      </a>
      <span class="govuk-caption-l">{agency}</span>
      <h1 class="govuk-heading-l">
        {t("consultations.report.title", { title: consultation[`title_${locale}`] })}
      </h1>
      <p class="govuk-body">
        <a class="govuk-link" href={`/consultations/${id}/report.csv`} download>
          {t("consultations.report.download")}
        </a>
      </p>
      {reports.map((r) => {
        const v = r.version;
        const h = `v${v.number}`;
        return (
          <section key={v.id} aria-labelledby={`${h}-title`}>
            <h2 class="govuk-heading-m" id={`${h}-title`}>
              {t("consultations.report.version", { n: v.number })}
            </h2>
            <dl class="govuk-summary-list">
              <SummaryRow label={t("consultations.draft.window")}>
                {t("consultations.window", {
                  from: formatDate(v.opens_on, locale, "long"),
                  to: formatDate(v.closes_on, locale, "long"),
                })}
              </SummaryRow>
              <SummaryRow label={t("consultations.report.published")}>
                {formatDate((v.report_published_at ?? "").slice(0, 10), locale, "long")}
              </SummaryRow>
              <SummaryRow label={t("consultations.report.total")}>
                {String(r.counts.comments)}
              </SummaryRow>
              {ANSWERS.map((a) => (
                <SummaryRow key={a} label={t(`consultations.answer.${a}`)}>
                  {String(r.counts.answered[a])}
                </SummaryRow>
              ))}
              <SummaryRow label={t("consultations.report.hidden")}>
                {String(r.counts.hidden)}
              </SummaryRow>
            </dl>
            {r.comments.length === 0 ? (
              <p class="govuk-body">{t("consultations.report.none")}</p>
            ) : (
              <table class="govuk-table halyq-report">
                <caption class="govuk-table__caption govuk-table__caption--s">
                  {t("consultations.report.caption", { n: v.number })}
                </caption>
                <thead class="govuk-table__head">
                  <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">
                      {t("consultations.report.csv.paragraph")}
                    </th>
                    <th scope="col" class="govuk-table__header">
                      {t("consultations.report.csv.comment")}
                    </th>
                    <th scope="col" class="govuk-table__header">
                      {t("consultations.report.csv.answer")}
                    </th>
                  </tr>
                </thead>
                <tbody class="govuk-table__body">
                  {r.comments.map((c) => (
                    <tr key={c.id} class="govuk-table__row" id={`c-${c.id}`}>
                      <td class="govuk-table__cell">
                        {c.paragraph_number === null
                          ? t("consultations.report.whole")
                          : String(c.paragraph_number)}
                      </td>
                      <td class="govuk-table__cell">
                        <span class="govuk-body-s">
                          {c.author_name}, {formatDate(c.created_on, locale, "long")}
                        </span>
                        <br />
                        {c.hidden_at !== null ? (
                          <em>
                            {t("consultations.comment.hidden", {
                              reason: t(`consultations.hide_reason.${c.hidden_reason}`),
                            })}
                          </em>
                        ) : (
                          <>
                            <Lines text={c.body} />
                            <br />
                            <span class="govuk-body-s">
                              {t("consultations.comment.votes", {
                                agree: c.agree,
                                disagree: c.disagree,
                              })}
                            </span>
                          </>
                        )}
                      </td>
                      <td class="govuk-table__cell">
                        {c.answer ? (
                          <>
                            <strong>{t(`consultations.answer.${c.answer}`)}</strong>
                            <br />
                            <Lines text={c.answer_reason ?? ""} />
                          </>
                        ) : (
                          t("consultations.report.no_answer")
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </>
  );
}

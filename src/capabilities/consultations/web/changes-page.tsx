import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { ConsultationRow, VersionRow } from "../consultation.repository.js";
import type { ParagraphChange } from "../diff.js";
import { Lines } from "./shared.js";

/** What changed from one version to the next, paragraph by paragraph, words marked. */
export function ChangesPage({
  t,
  locale,
  consultation,
  version,
  changes,
  lang,
}: {
  t: Translate;
  locale: Locale;
  consultation: ConsultationRow;
  version: VersionRow;
  changes: ParagraphChange[];
  lang: Locale;
}) {
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const c of changes) if (c.kind !== "same") counts[c.kind]++;
  const textLang = lang === locale ? undefined : lang;
  const ins = `[${t("consultations.changes.inserted")}] `;
  const del = `[${t("consultations.changes.deleted")}] `;
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <a href={`/consultations/${consultation.id}`} class="govuk-back-link">
          {t("consultations.report.back")}
        </a>
        <span class="govuk-caption-l">{consultation[`title_${locale}`]}</span>
        <h1 class="govuk-heading-l">
          {t("consultations.changes.title", { from: version.number - 1, to: version.number })}
        </h1>
        <p class="govuk-body">{t("consultations.changes.counts", counts)}</p>
        {version.note ? (
          <div class="govuk-inset-text">
            <Lines text={version.note} />
          </div>
        ) : null}
        <p class="govuk-body-s">{t("consultations.changes.legend")}</p>
        <ol class="govuk-list halyq-changes">
          {changes.map((c, i) => {
            switch (c.kind) {
              case "same":
                return (
                  <li key={i}>
                    <p class="govuk-body-s govuk-!-margin-bottom-1">
                      {t("consultations.changes.same", { from: c.from, to: c.to })}
                    </p>
                    <p class="govuk-body" lang={textLang}>
                      <Lines text={c.text} />
                    </p>
                  </li>
                );
              case "added":
                return (
                  <li key={i}>
                    <p class="govuk-body-s govuk-!-margin-bottom-1">
                      <strong class="govuk-tag govuk-tag--green">
                        {t("consultations.changes.added")}
                      </strong>{" "}
                      {t("consultations.changes.new_number", { to: c.to })}
                    </p>
                    <p class="govuk-body" lang={textLang}>
                      <ins>
                        <Lines text={c.text} />
                      </ins>
                    </p>
                  </li>
                );
              case "removed":
                return (
                  <li key={i}>
                    <p class="govuk-body-s govuk-!-margin-bottom-1">
                      <strong class="govuk-tag govuk-tag--red">
                        {t("consultations.changes.removed")}
                      </strong>{" "}
                      {t("consultations.changes.old_number", { from: c.from })}
                    </p>
                    <p class="govuk-body" lang={textLang}>
                      <del>
                        <Lines text={c.text} />
                      </del>
                    </p>
                  </li>
                );
              case "changed":
                return (
                  <li key={i}>
                    <p class="govuk-body-s govuk-!-margin-bottom-1">
                      <strong class="govuk-tag govuk-tag--yellow">
                        {t("consultations.changes.changed")}
                      </strong>{" "}
                      {t("consultations.changes.same", { from: c.from, to: c.to })}
                    </p>
                    <p class="govuk-body" lang={textLang}>
                      {c.words.map((w, j) =>
                        w.kind === "ins" ? (
                          <ins key={j}>
                            <span class="govuk-visually-hidden">{ins}</span>
                            {w.text}
                          </ins>
                        ) : w.kind === "del" ? (
                          <del key={j}>
                            <span class="govuk-visually-hidden">{del}</span>
                            {w.text}
                          </del>
                        ) : (
                          <span key={j}>{w.text}</span>
                        ),
                      )}
                    </p>
                  </li>
                );
              default:
                return null;
            }
          })}
        </ol>
      </div>
    </div>
  );
}

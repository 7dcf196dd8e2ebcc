import type { Locale, Translate } from "../../../../kernel/i18n.js";
import { formatDateTime } from "../../../../web/format.js";

/** One outgoing letter of the appeal, as the case page lists it. */
export interface LetterItem {
  /** The outgoing number, e.g. BKA-2026-0013/1. */
  number: string;
  /** Its place among the appeal's letters (the download paths use it). */
  seq: string;
  kind: string;
  state: "signed" | "demo" | "unsigned";
  signer: string;
  position: string;
  at: string;
}

/**
 * The download path of a letter's PDF or signature: from the case page (`/office/appeals`) or,
 * for the applicant, from their own appeal's page (`/appeals`).
 */
export function letterPath(
  appealNumber: string,
  seq: string,
  file: "pdf" | "p7s",
  root: "/office/appeals" | "/appeals" = "/office/appeals",
): string {
  const base = `${root}/${encodeURIComponent(appealNumber)}/letters/${encodeURIComponent(seq)}`;
  return file === "pdf" ? `${base}/letter.pdf` : `${base}/signature.p7s`;
}

/**
 * The appeal's outgoing letters (the answer, the notices) with their PDF to print or send and
 * their detached signature, and whether each is signed; for an applicant with no e-mail the
 * page says the letters go by post.
 */
export function OutgoingLetters(p: {
  t: Translate;
  locale: Locale;
  timeZone: string;
  appealNumber: string;
  letters: LetterItem[];
  byPost: boolean;
  /** Said before approval when the body cannot sign (no key, or a key that cannot be opened). */
  keyWarning?: "none" | "broken" | undefined;
  /** The applicant's own page: the body's letters to them, from `/appeals`. */
  forApplicant?: boolean;
}) {
  const { t } = p;
  const root = p.forApplicant ? "/appeals" : "/office/appeals";
  return (
    <section aria-labelledby="letters-title" id="letters">
      <h2 class="govuk-heading-m" id="letters-title">
        {t(p.forApplicant ? "appeals.letters.to_applicant" : "appeals.staff.letters.title")}
      </h2>
      {p.keyWarning ? (
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">{t("appeals.staff.letters.warning")}</span>
            {t(`appeals.staff.letters.key_${p.keyWarning}`)}
          </strong>
        </div>
      ) : null}
      {p.byPost ? <p class="govuk-body">{t("appeals.staff.letters.by_post")}</p> : null}
      {p.letters.length === 0 ? (
        <p class="govuk-body">{t("appeals.staff.letters.none")}</p>
      ) : (
        <ul class="govuk-list govuk-list--spaced">
          {p.letters.map((l) => (
            <li key={l.number}>
              <strong>
                {t(`appeals.staff.letters.kind.${l.kind}`)},{" "}
                {t("appeals.staff.letters.number", { number: l.number })}
              </strong>
              <br />
              <span class="govuk-body-s">
                {t(`appeals.staff.letters.state.${l.state}`, {
                  signer: l.signer,
                  position: l.position,
                  at: formatDateTime(l.at, p.locale, p.timeZone),
                })}
              </span>
              <br />
              <a class="govuk-link" href={letterPath(p.appealNumber, l.seq, "pdf", root)}>
                {t("appeals.staff.letters.pdf")}
                <span class="govuk-visually-hidden"> {l.number}</span>
              </a>
              {l.state !== "unsigned" ? (
                <>
                  {" · "}
                  <a class="govuk-link" href={letterPath(p.appealNumber, l.seq, "p7s", root)}>
                    {t("appeals.staff.letters.p7s")}
                    <span class="govuk-visually-hidden"> {l.number}</span>
                  </a>
                </>
              ) : null}
              {" · "}
              <a class="govuk-link" href={`/verify?number=${encodeURIComponent(l.number)}`}>
                {t("appeals.staff.letters.verify")}
                <span class="govuk-visually-hidden"> {l.number}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

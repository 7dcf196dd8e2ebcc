import { dateParams, formatDate } from "../../../kernel/format/index.js";
import { type Catalogues, type Locale, translator } from "../../../kernel/i18n.js";
import type { Letter } from "../../../platform/documents/letter.js";
import type { Agency } from "../../agencies/index.js";
import type { AppealRow } from "../appeal.repository.js";
import { type AppealNotice, applicantNoticeTexts } from "../notify.js";

/** The notices a body also sends as a letter (by post to an applicant without e-mail), and the answer. */
export const LETTER_NOTICES = [
  "answered",
  "redirected",
  "returned",
  "correction_requested",
  "extended",
] as const satisfies readonly AppealNotice[];
export type LetterNotice = (typeof LETTER_NOTICES)[number];

export const isLetterNotice = (n: string): n is LetterNotice =>
  (LETTER_NOTICES as readonly string[]).includes(n);

/** What a letter needs besides the appeal: who signs, its number and date, where to verify it. */
export interface LetterFacts {
  agency: Agency;
  /** The body a redirected appeal went to, in the letter's language. */
  targetName?: string;
  signer: { name: string; position: string };
  number: string;
  /** The day it is issued, `YYYY-MM-DD`, on the body's clock. */
  issuedOn: string;
  verifyUrl: string;
  signature: "signed" | "demo" | "unsigned";
  createdAt: Date;
}

/** "А. Б. Асқаров": the signer's name as letters print it, initials before the surname. */
export function signatureName(n: {
  surname: string;
  given_name: string;
  patronymic: string | null;
}): string {
  const initials = [n.given_name, n.patronymic ?? ""]
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => `${[...s][0]?.toUpperCase() ?? ""}.`)
    .join(" ");
  return [initials, n.surname].filter(Boolean).join(" ");
}

/** The language of a notice's letter: the applicant's; of the answer: the answer's own. */
export function letterLanguage(row: AppealRow, notice: LetterNotice): Locale {
  const lang =
    notice === "answered" ? (row.answer_language ?? row.language) : row.applicant_language;
  return lang === "ru" || lang === "en" ? lang : "kk";
}

/**
 * The letter for one step on an appeal, every word in the letter's language: the answer with
 * its outcome, legal basis and the right to complain; or a notice with the same words the
 * applicant's e-mail carries (notify.ts), so the post and the mail never say different things.
 */
export function appealLetter(
  catalogues: Catalogues,
  row: AppealRow,
  notice: LetterNotice,
  params: Record<string, string | number>,
  facts: LetterFacts,
): Letter {
  const language = letterLanguage(row, notice);
  const t = translator(catalogues, language);
  const { agency } = facts;
  const contacts = [agency.phone, agency.email, agency.website].filter(Boolean).join(" · ");
  const letterhead = {
    name: agency.names[language] || agency.names.ru,
    lines: [agency.address?.[language] ?? "", contacts].filter(Boolean),
  };
  const addressee = [
    row.applicant_name ?? t("appeals.letters.applicant"),
    row.applicant_address ?? "",
  ]
    .map((s) => s.trim())
    .filter(Boolean);
  const reference = t("appeals.letters.reference", {
    number: facts.number,
    date: formatDate(facts.issuedOn, language, "long"),
  });
  const verification = {
    url: facts.verifyUrl,
    caption: [t(`appeals.letters.${facts.signature}_note`), t("appeals.letters.verify_note")],
  };
  const base = {
    language,
    letterhead,
    reference,
    addressee,
    signer: facts.signer,
    verification,
    createdAt: facts.createdAt,
  };
  if (notice === "answered") {
    const registered = dateParams("registered", row.registered_on, language);
    const sections = [
      {
        heading: t("appeals.letters.outcome"),
        text: row.answer_outcome ? t(`appeals.outcome.${row.answer_outcome}`) : "",
      },
      ...(row.answer_basis
        ? [{ heading: t("appeals.letters.basis"), text: row.answer_basis }]
        : []),
      {
        heading: t("appeals.letters.complaint_heading"),
        text: t("appeals.letters.complaint_text"),
      },
    ];
    return {
      ...base,
      title: t("appeals.letters.title_answer", { appeal: row.number }),
      subject: t("appeals.letters.subject_answer", { appeal: row.number }),
      body: `${t("appeals.letters.intro_answer", { appeal: row.number, subject: row.subject, ...registered })}\n\n${row.answer_text ?? ""}`,
      sections,
    };
  }
  const values: Record<string, string | number> = {
    number: row.number,
    agency: letterhead.name,
    due: row.due_on,
    link: facts.verifyUrl,
    ...(facts.targetName ? { target: facts.targetName } : {}),
    ...params,
  };
  const texts = applicantNoticeTexts(catalogues, language, notice, values);
  // The mail's text without its footer (a link to follow the appeal online).
  const footerAt = texts.mail.lastIndexOf("\n\n");
  return {
    ...base,
    title: texts.subject,
    subject: texts.subject,
    body: footerAt > 0 ? texts.mail.slice(0, footerAt) : texts.mail,
  };
}

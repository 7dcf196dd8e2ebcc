import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { Translate } from "../../kernel/i18n.js";
import { redactPersonalData } from "../../platform/privacy/redact.js";
import { type CsvCell, csvDocument } from "../../web/csv.js";
import { ANSWERS, type Answer } from "./consultation.js";
import {
  type CommentWithVotes,
  commentsOf,
  type VersionRow,
  versionsOf,
} from "./consultation.repository.js";

/** The report of one version: every comment made on it, each with the body's answer. */
export interface VersionReport {
  version: VersionRow;
  comments: CommentWithVotes[];
  counts: {
    comments: number;
    hidden: number;
    answered: Record<Answer, number>;
  };
}

/**
 * The reports published for a draft, oldest version first: built from the comments and the
 * answers as they stand (answers are frozen once a version's report is published).
 */
export async function loadReports(
  db: Kysely<Database>,
  consultationId: string,
): Promise<VersionReport[]> {
  const versions = (await versionsOf(db, consultationId)).filter(
    (v) => v.report_published_at !== null,
  );
  // A report is published: its comments' text passes through the redaction of personal data.
  const comments = (
    await commentsOf(
      db,
      versions.map((v) => v.id),
    )
  ).map((c) => ({ ...c, body: redactPersonalData(c.body) }));
  return versions.map((version) => {
    const mine = comments.filter((c) => c.version_id === version.id);
    const answered = Object.fromEntries(ANSWERS.map((a) => [a, 0])) as Record<Answer, number>;
    for (const c of mine) if (c.answer && c.answer in answered) answered[c.answer as Answer]++;
    return {
      version,
      comments: mine,
      counts: {
        comments: mine.length,
        hidden: mine.filter((c) => c.hidden_at !== null).length,
        answered,
      },
    };
  });
}

/**
 * The report as CSV in the reader's language: UTF-8 with a byte-order mark (so spreadsheet
 * programs read Cyrillic), CRLF line ends (RFC 4180), a header row, one row per comment.
 * A hidden comment's text is not published: the row says it was hidden and why.
 */
export function reportCsv(t: Translate, reports: VersionReport[]): string {
  const header = [
    "version",
    "paragraph",
    "date",
    "author",
    "comment",
    "agree",
    "disagree",
    "moderation",
    "answer",
    "reason",
  ].map((h) => t(`consultations.report.csv.${h}`));
  const records: CsvCell[][] = [header];
  for (const r of reports) {
    for (const c of r.comments) {
      const hidden = c.hidden_at !== null;
      records.push([
        r.version.number,
        c.paragraph_number ?? t("consultations.report.whole"),
        c.created_on,
        c.author_name,
        hidden ? "" : c.body,
        c.agree,
        c.disagree,
        hidden
          ? t("consultations.comment.hidden", {
              reason: t(`consultations.hide_reason.${c.hidden_reason}`),
            })
          : "",
        c.answer ? t(`consultations.answer.${c.answer}`) : "",
        c.answer_reason ?? "",
      ]);
    }
  }
  return csvDocument(records, { bom: true, quoteAll: true });
}

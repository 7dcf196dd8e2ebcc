import type { Locale } from "../../kernel/i18n.js";
import { type CsvCell, csvDocument } from "../../web/csv.js";
import {
  type PollRow,
  pick,
  type Question,
  questionsOf,
  type Tally,
  type Texts,
  titles,
} from "./poll.js";
import type { TextRow } from "./poll.repository.js";

/** One question's published figures, as pages, the API and open data give them. */
export interface QuestionResult {
  id: string;
  kind: Question["kind"];
  text: Texts;
  answered: number;
  mean: number | null;
  options: { id: string; text: Texts; count: number }[];
  /** Approved free-text answers only (in an order unrelated to when they were written). */
  texts: string[];
}

export interface PollResults {
  pollId: string;
  kind: string;
  title: Texts;
  publishedAt: string | null;
  /** Whether these are the final figures or a count taken while voting goes on. */
  final: boolean;
  voters: number;
  ballots: number;
  /** The electorate size the body gave; null when unknown (then turnout is not computed). */
  eligible: number | null;
  turnout: number | null;
  questions: QuestionResult[];
}

/** Results from a tally: never anything of a single ballot but approved free text. */
export function resultsOf(
  poll: PollRow,
  t: Tally,
  voters: number,
  approved: TextRow[],
  final: boolean,
): PollResults {
  const questions = questionsOf(poll);
  const eligible = poll.eligible_count === null ? null : Number(poll.eligible_count);
  return {
    pollId: poll.id,
    kind: poll.kind,
    title: titles(poll),
    publishedAt: final ? poll.published_at : null,
    final,
    voters,
    ballots: t.ballots,
    eligible,
    turnout: eligible ? Math.round((voters / eligible) * 10_000) / 10_000 : null,
    questions: questions.map((q) => {
      const qt = t.questions.find((x) => x.questionId === q.id);
      const counts = qt?.counts ?? {};
      const options =
        q.kind === "scale"
          ? Array.from({ length: q.scaleMax ?? 5 }, (_, i) => {
              const v = String(i + 1);
              return { id: v, text: { kk: v, ru: v, en: v }, count: counts[v] ?? 0 };
            })
          : q.options.map((o) => ({ id: o.id, text: o.text, count: counts[o.id] ?? 0 }));
      return {
        id: q.id,
        kind: q.kind,
        text: q.text,
        answered: qt?.answered ?? 0,
        mean: qt?.mean ?? null,
        options,
        texts: approved.filter((a) => a.question_id === q.id).map((a) => a.body),
      };
    }),
  };
}

/** Results as CSV (one row per option or approved text), in one language. */
export function resultsCsv(r: PollResults, locale: Locale): string {
  const rows: CsvCell[][] = [
    [
      "question",
      "question_text",
      "kind",
      "option",
      "option_text",
      "count",
      "answered",
      "voters",
      "eligible",
    ],
  ];
  for (const q of r.questions) {
    const qt = pick(q.text, locale).text;
    for (const o of q.options)
      rows.push([
        q.id,
        qt,
        q.kind,
        o.id,
        pick(o.text, locale).text,
        o.count,
        q.answered,
        r.voters,
        r.eligible,
      ]);
    for (const text of q.texts)
      rows.push([q.id, qt, q.kind, "", text, "", q.answered, r.voters, r.eligible]);
  }
  return csvDocument(rows);
}

import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import {
  emptyTally,
  isAnswer,
  isContext,
  SURVEY_CONTEXTS,
  type SurveyContext,
  type Tally,
} from "./survey.js";

type Db = Kysely<Database>;

/** Answers counted by context and overall, optionally for a range of days (inclusive). */
export async function tallies(
  db: Db,
  range: { from?: string; to?: string } = {},
): Promise<{ overall: Tally; byContext: Record<SurveyContext, Tally> }> {
  let q = db
    .selectFrom("survey_answers")
    .select(["context", "answer", (eb) => eb.fn.countAll<number | string>().as("n")])
    .groupBy(["context", "answer"]);
  if (range.from) q = q.where("day", ">=", range.from);
  if (range.to) q = q.where("day", "<=", range.to);
  const rows = await q.execute();
  const overall = emptyTally();
  const byContext = Object.fromEntries(SURVEY_CONTEXTS.map((c) => [c, emptyTally()])) as Record<
    SurveyContext,
    Tally
  >;
  for (const r of rows) {
    if (!isContext(r.context) || !isAnswer(r.answer)) continue;
    const n = Number(r.n);
    byContext[r.context].counts[r.answer] += n;
    byContext[r.context].total += n;
    overall.counts[r.answer] += n;
    overall.total += n;
  }
  return { overall, byContext };
}

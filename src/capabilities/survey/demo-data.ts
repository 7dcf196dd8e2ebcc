import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { AppContext } from "../../platform/manifest.js";
import { SURVEY_ANSWERS, type SurveyContext } from "./survey.js";

/** Answers per context, in the order all / most / some / none. */
const DEMO: Record<SurveyContext, [number, number, number, number]> = {
  appeal_filed: [31, 12, 5, 2],
  answer_read: [14, 9, 6, 4],
  petition_signed: [22, 5, 2, 1],
  ballot_cast: [18, 4, 1, 0],
};

/** Demo answers, spread over the last four weeks. */
export async function seedDemoSurvey(ctx: AppContext, trx: Kysely<Database>): Promise<void> {
  const now = ctx.clock.now().getTime();
  const rows: { id: string; context: string; answer: string; day: string }[] = [];
  let i = 0;
  for (const [context, counts] of Object.entries(DEMO))
    counts.forEach((n, k) => {
      for (let j = 0; j < n; j++) {
        const day = new Date(now - ((i++ * 7) % 28) * 86_400_000).toISOString().slice(0, 10);
        rows.push({ id: randomUUID(), context, answer: SURVEY_ANSWERS[k] as string, day });
      }
    });
  for (let k = 0; k < rows.length; k += 100)
    await trx
      .insertInto("survey_answers")
      .values(rows.slice(k, k + 100))
      .execute();
}

import { createHmac, randomUUID } from "node:crypto";
import { invalid, ok, type Result } from "../../kernel/result.js";
import type { AppContext } from "../../platform/manifest.js";
import { isAnswer, isContext } from "./survey.js";

/**
 * Records one answer. Nothing about the person is stored: the answer row holds the context,
 * the answer and the day. A second answer to the same question from the same browser session
 * on the same day is not counted: `sessionMark` (the browser session's CSRF cookie, which
 * every form post already carries, so no new cookie is set) is turned into a keyed hash with
 * the context and day and kept in a separate table, unlinked to the answer and deleted once
 * the day is over. The results page is not emptied from the page cache here (a burst of
 * answers would keep flushing every cached page); it follows within the cache's few seconds.
 */
export async function recordAnswer(
  ctx: AppContext,
  input: { context: string; answer: string; sessionMark: string },
): Promise<Result<{ counted: boolean }>> {
  const issues = [];
  if (!isContext(input.context))
    issues.push({ field: "context", key: "survey.validation.context" });
  if (!isAnswer(input.answer)) issues.push({ field: "answer", key: "survey.validation.answer" });
  if (issues.length > 0) return invalid(issues);
  const day = ctx.clock.now().toISOString().slice(0, 10);
  const key = createHmac("sha256", ctx.secret)
    .update(`survey|${input.sessionMark}|${input.context}|${day}`)
    .digest("base64url");
  const counted = await ctx.db.kysely.transaction().execute(async (trx) => {
    const res = await trx
      .insertInto("survey_receipts")
      .values({ key, day })
      .onConflict((oc) => oc.column("key").doNothing())
      .returning("key")
      .executeTakeFirst();
    if (!res) return false;
    await trx
      .insertInto("survey_answers")
      .values({ id: randomUUID(), context: input.context, answer: input.answer, day })
      .execute();
    return true;
  });
  return ok({ counted });
}

/** Deletes the receipts of past days: after that they serve no purpose. */
export async function purgeReceipts(ctx: AppContext): Promise<number> {
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const res = await ctx.db.kysely
    .deleteFrom("survey_receipts")
    .where("day", "<", today)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

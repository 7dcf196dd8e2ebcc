import type { Kysely } from "kysely";
import { inTransaction } from "../../../db/database.js";
import type { Database } from "../../../db/schema.js";
import { appendAudit } from "../../../kernel/audit/audit.js";
import type { Principal } from "../../../kernel/permissions.js";
import { forbidden, invalid, ok, type Result } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { taskBodies } from "./counters.js";

/** How a member of staff hears of their work: each notice at once, a daily digest, or nothing. */
export const NOTICE_MODES = ["immediate", "digest", "none"] as const;
export type NoticeMode = (typeof NOTICE_MODES)[number];

/** Each account's choice, by id; an account that never chose hears at once. */
export async function noticeModes(
  db: Kysely<Database>,
  ids: string[],
): Promise<Map<string, NoticeMode>> {
  const wanted = [...new Set(ids)];
  const modes = new Map<string, NoticeMode>(wanted.map((id) => [id, "immediate"]));
  if (wanted.length === 0) return modes;
  const rows = await db
    .selectFrom("appeal_staff_notice_settings")
    .select(["account_id", "mode"])
    .where("account_id", "in", wanted)
    .execute();
  for (const r of rows)
    if ((NOTICE_MODES as readonly string[]).includes(r.mode))
      modes.set(r.account_id, r.mode as NoticeMode);
  return modes;
}

/**
 * Records how `principal` wants to hear of their appeals work, with its audit record in the
 * same transaction. Only staff with tasks in appeals (registrars, executors, heads) choose.
 */
export async function chooseNoticeMode(
  ctx: AppContext,
  principal: Principal,
  mode: unknown,
): Promise<Result<NoticeMode>> {
  if (taskBodies(principal).size === 0) return forbidden();
  if (typeof mode !== "string" || !(NOTICE_MODES as readonly string[]).includes(mode))
    return invalid([{ field: "mode", key: "appeals.tasks.notices.invalid" }]);
  const chosen = mode as NoticeMode;
  const now = ctx.clock.now().toISOString();
  await inTransaction(ctx.db.kysely, async (trx) => {
    const before = (await noticeModes(trx, [principal.accountId])).get(principal.accountId);
    await trx
      .insertInto("appeal_staff_notice_settings")
      .values({ account_id: principal.accountId, mode: chosen, updated_at: now })
      .onConflict((oc) => oc.column("account_id").doUpdateSet({ mode: chosen, updated_at: now }))
      .execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: principal.kind },
        action: "appeal.staff_notices_chosen",
        subjectType: "account",
        subjectId: principal.accountId,
        data: { from: before, to: chosen },
      },
    ]);
  });
  return ok(chosen);
}

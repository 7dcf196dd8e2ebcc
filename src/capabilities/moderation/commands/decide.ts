import { appendAudit } from "../../../kernel/audit/audit.js";
import type { Principal } from "../../../kernel/permissions.js";
import { type FieldIssue, invalid, ok, type Result } from "../../../kernel/result.js";
import {
  type AppContext,
  MODERATION_REASONS,
  type ModerationReason,
  type PageView,
} from "../../../platform/manifest.js";
import { itemKey, queueOf } from "../queue.js";

export const NOTE_MAX = 1000;

export interface Decision {
  /** Items by their key (`kind:id`), as the queue's form names them. */
  items: string[];
  decision: "hide" | "approve";
  reason: string;
  note: string;
}

/** What became of each chosen item. */
export interface Outcome {
  done: number;
  /** Items whose owner refused the step (e.g. a published question cannot be hidden here). */
  refused: number;
}

/** The problems with a decision as the form gave it. */
export function decisionIssues(d: Decision): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (d.items.length === 0) issues.push({ field: "items", key: "moderation.errors.items" });
  if (d.decision === "hide" && !(MODERATION_REASONS as readonly string[]).includes(d.reason))
    issues.push({ field: "reason", key: "moderation.errors.reason" });
  if (
    d.decision === "approve" &&
    d.reason &&
    !(MODERATION_REASONS as readonly string[]).includes(d.reason)
  )
    issues.push({ field: "reason", key: "moderation.errors.reason" });
  if (d.note.length > NOTE_MAX)
    issues.push({ field: "note", key: "moderation.errors.note_long", params: { max: NOTE_MAX } });
  return issues;
}

/**
 * Hides or lets stand several items of the moderator's queue at once. Each item is acted on by
 * its owner (with the owner's own audit record and notices); the queue then records the
 * decision, the reason and the note, and an audit record of its own in one transaction. Items
 * not in this person's queue are left alone and counted as refused: one can only decide on
 * what one's own bodies' queue shows.
 */
export async function decide(
  ctx: AppContext,
  principal: Principal,
  agencyIds: string[],
  view: PageView,
  d: Decision,
): Promise<Result<Outcome>> {
  const issues = decisionIssues(d);
  if (issues.length > 0) return invalid(issues);
  const allowed = agencyIds.filter((agencyId) =>
    ctx.policy.can(principal, "moderation.queue", { agencyId }),
  );
  const queue = new Map((await queueOf(ctx, allowed, view)).map((i) => [itemKey(i), i]));
  const outcome: Outcome = { done: 0, refused: 0 };
  for (const key of new Set(d.items)) {
    const item = queue.get(key);
    const source = item && ctx.moderation.find((s) => s.kind === item.kind);
    if (!item || !source) {
      outcome.refused++;
      continue;
    }
    const result =
      d.decision === "hide"
        ? await source.hide(ctx, principal, item.id, d.reason as ModerationReason)
        : await source.approve(ctx, principal, item.id);
    if (result.kind !== "ok") {
      outcome.refused++;
      continue;
    }
    const at = ctx.clock.now().toISOString();
    const row = {
      agency_id: item.agencyId,
      decision: d.decision === "hide" ? "hidden" : "approved",
      reason: d.reason || null,
      note: d.note || null,
      reviewed_by_id: principal.accountId,
      reviewed_at: at,
    };
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await trx
        .insertInto("moderation_reviews")
        .values({ kind: item.kind, item_id: item.id, ...row })
        .onConflict((oc) => oc.columns(["kind", "item_id"]).doUpdateSet(row))
        .execute();
      await appendAudit(trx, ctx.clock, [
        {
          actor: { id: principal.accountId, label: "staff" },
          action: d.decision === "hide" ? "moderation.hidden" : "moderation.approved",
          subjectType: `moderation_${item.kind}`,
          subjectId: item.id,
          reason: d.reason || null,
          data: { agencyId: item.agencyId, note: d.note || null, reports: item.reports },
        },
      ]);
    });
    outcome.done++;
  }
  return ok(outcome);
}

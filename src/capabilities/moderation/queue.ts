import type {
  AppContext,
  ModerationItem,
  ModerationKind,
  PageView,
} from "../../platform/manifest.js";

/** An item in the queue: what its owner says of it, with the public's reports since the last decision. */
export interface QueueItem extends ModerationItem {
  reports: number;
  /** Why it is here: never decided on, or reported since. */
  state: "new" | "reported";
}

/** The key a form names an item by: its kind and id. */
export const itemKey = (i: { kind: string; id: string }) => `${i.kind}:${i.id}`;

/**
 * The queue of these bodies: every item its owners list that no moderator has decided on, and
 * every one reported since its last decision; reported first (most reports first), then newest.
 */
export async function queueOf(
  ctx: AppContext,
  agencyIds: string[],
  view: PageView,
  kind?: ModerationKind,
): Promise<QueueItem[]> {
  if (agencyIds.length === 0) return [];
  const db = ctx.db.kysely;
  const sources = ctx.moderation.filter((s) => !kind || s.kind === kind);
  const items = (await Promise.all(sources.map((s) => s.items(ctx, agencyIds, view)))).flat();
  const reviews = new Map(
    (
      await db
        .selectFrom("moderation_reviews")
        .select(["kind", "item_id", "reviewed_at"])
        .where("agency_id", "in", agencyIds)
        .execute()
    ).map((r) => [itemKey({ kind: r.kind, id: r.item_id }), r.reviewed_at]),
  );
  const reports = await db
    .selectFrom("moderation_reports")
    .select(["kind", "item_id", "created_at"])
    .where("agency_id", "in", agencyIds)
    .execute();
  const counts = new Map<string, number>();
  for (const r of reports) {
    const key = itemKey({ kind: r.kind, id: r.item_id });
    const reviewed = reviews.get(key);
    if (reviewed && r.created_at <= reviewed) continue;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const queue: QueueItem[] = [];
  for (const item of items) {
    const key = itemKey(item);
    const n = counts.get(key) ?? 0;
    if (n > 0) queue.push({ ...item, reports: n, state: "reported" });
    else if (!reviews.has(key)) queue.push({ ...item, reports: 0, state: "new" });
  }
  return queue.sort(
    (a, b) =>
      b.reports - a.reports || (b.at ?? "").localeCompare(a.at ?? "") || a.id.localeCompare(b.id),
  );
}

import type { ModerationSource } from "../../platform/manifest.js";
import { moderateText } from "./commands/manage-poll.js";

/**
 * Free-text answers to polls waiting for a moderator. They carry no time and nothing of the
 * ballot, so the queue shows them without one; hiding rejects the text, letting it stand publishes it.
 */
export const pollTextModeration: ModerationSource = {
  kind: "poll_text",
  async items(ctx, agencyIds, view) {
    if (agencyIds.length === 0) return [];
    const rows = await ctx.db.kysely
      .selectFrom("poll_texts as x")
      .innerJoin("polls as p", "p.id", "x.poll_id")
      .select([
        "x.id",
        "x.body",
        "x.poll_id",
        "p.agency_id",
        "p.title_kk",
        "p.title_ru",
        "p.title_en",
      ])
      .where("p.agency_id", "in", agencyIds)
      .where("x.status", "=", "pending")
      .orderBy("x.poll_id")
      .orderBy("x.id")
      .limit(500)
      .execute();
    return rows.map((r) => ({
      kind: "poll_text" as const,
      id: r.id,
      agencyId: r.agency_id,
      source: {
        title:
          (view.locale === "kk" ? r.title_kk : view.locale === "en" ? r.title_en : r.title_ru) ??
          r.title_ru ??
          r.title_kk ??
          "",
        href: `/office/polls/${encodeURIComponent(r.poll_id)}`,
      },
      text: r.body,
      pending: true,
    }));
  },
  async hide(ctx, principal, id) {
    const poll = await pollOf(ctx, id);
    return poll ? moderateText(ctx, principal, poll, id, "rejected") : { kind: "not_found" };
  },
  async approve(ctx, principal, id) {
    const poll = await pollOf(ctx, id);
    return poll ? moderateText(ctx, principal, poll, id, "approved") : { kind: "not_found" };
  },
};

async function pollOf(ctx: Parameters<ModerationSource["items"]>[0], textId: string) {
  const row = await ctx.db.kysely
    .selectFrom("poll_texts")
    .select("poll_id")
    .where("id", "=", textId)
    .executeTakeFirst();
  return row?.poll_id;
}

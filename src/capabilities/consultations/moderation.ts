import { forbidden, notFound, ok } from "../../kernel/result.js";
import type { ModerationSource } from "../../platform/manifest.js";
import { hideComment } from "./commands/moderate-comment.js";

/**
 * Comments on drafts in the moderation queue: every comment still shown; hiding is the
 * consultations' own (reason and text kept in its audit record), letting one stand changes nothing here.
 */
export const commentModeration: ModerationSource = {
  kind: "comment",
  async items(ctx, agencyIds, view) {
    if (agencyIds.length === 0) return [];
    const rows = await ctx.db.kysely
      .selectFrom("consultation_comments as k")
      .innerJoin("consultations as c", "c.id", "k.consultation_id")
      .select([
        "k.id",
        "k.body",
        "k.created_at",
        "k.consultation_id",
        "c.agency_id",
        "c.title_kk",
        "c.title_ru",
        "c.title_en",
      ])
      .where("c.agency_id", "in", agencyIds)
      .where("k.hidden_at", "is", null)
      .orderBy("k.created_at", "desc")
      .limit(500)
      .execute();
    return rows.map((r) => {
      const title =
        view.locale === "kk"
          ? r.title_kk
          : view.locale === "en" && r.title_en
            ? r.title_en
            : r.title_ru;
      return {
        kind: "comment" as const,
        id: r.id,
        agencyId: r.agency_id,
        source: { title, href: `/consultations/${r.consultation_id}#c-${r.id}` },
        text: r.body,
        at: r.created_at,
        pending: false,
      };
    });
  },
  async reportable(ctx, id) {
    const row = await ctx.db.kysely
      .selectFrom("consultation_comments as k")
      .innerJoin("consultations as c", "c.id", "k.consultation_id")
      .select(["c.agency_id"])
      .where("k.id", "=", id)
      .where("k.hidden_at", "is", null)
      .executeTakeFirst();
    return row ? { agencyId: row.agency_id } : null;
  },
  async hide(ctx, principal, id, reason) {
    const row = await ctx.db.kysely
      .selectFrom("consultation_comments")
      .select("consultation_id")
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) return notFound();
    return hideComment(ctx, principal, row.consultation_id, id, reason);
  },
  async approve(ctx, principal, id) {
    const row = await ctx.db.kysely
      .selectFrom("consultation_comments as k")
      .innerJoin("consultations as c", "c.id", "k.consultation_id")
      .select(["c.agency_id"])
      .where("k.id", "=", id)
      .executeTakeFirst();
    if (!row) return notFound();
    if (!ctx.policy.can(principal, "consultation.moderate", { agencyId: row.agency_id }))
      return forbidden();
    return ok({ id });
  },
};

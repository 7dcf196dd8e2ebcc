import { conflict, forbidden, notFound, ok } from "../../kernel/result.js";
import type { ModerationSource } from "../../platform/manifest.js";
import { moderateQuestion } from "./commands/moderate-question.js";
import { bodyById, questionById, questionsOf } from "./question.repository.js";

const officePath = (id: string) => `/office/dialogue/questions/${encodeURIComponent(id)}`;

/**
 * Open-dialogue questions in the moderation queue: those waiting for a decision and those
 * published and not yet answered (the ones the public may report). Hiding a waiting question
 * refuses it for the reason (the asker is told); a published one stays for its answer.
 */
export const questionModeration: ModerationSource = {
  kind: "question",
  async items(ctx, agencyIds, view) {
    const db = ctx.db.kysely;
    const items = [];
    for (const agencyId of agencyIds) {
      const body = await bodyById(db, agencyId);
      if (!body) continue;
      const name = body[`name_${view.locale}`] || body.name_ru;
      for (const q of await questionsOf(db, agencyId, ["pending", "published"])) {
        items.push({
          kind: "question" as const,
          id: q.id,
          agencyId,
          source: { title: name, href: officePath(q.id) },
          text: `${q.published_subject ?? q.subject}. ${q.published_body ?? q.body}`,
          at: q.asked_at,
          pending: q.status === "pending",
        });
      }
    }
    return items;
  },
  async reportable(ctx, id) {
    const q = await questionById(ctx.db.kysely, id);
    return q && (q.status === "published" || q.status === "answered")
      ? { agencyId: q.agency_id }
      : null;
  },
  async hide(ctx, principal, id, reason) {
    const q = await questionById(ctx.db.kysely, id);
    if (!q) return notFound();
    if (!ctx.policy.can(principal, "dialogue.moderate", { agencyId: q.agency_id }))
      return forbidden();
    if (q.status !== "pending") return conflict("CONFLICT", { status: q.status });
    return moderateQuestion(ctx, principal, id, { decision: "reject", reason });
  },
  async approve(ctx, principal, id) {
    const q = await questionById(ctx.db.kysely, id);
    if (!q) return notFound();
    if (!ctx.policy.can(principal, "dialogue.moderate", { agencyId: q.agency_id }))
      return forbidden();
    if (q.status === "pending")
      return moderateQuestion(ctx, principal, id, { decision: "approve" });
    return ok({ id });
  },
};

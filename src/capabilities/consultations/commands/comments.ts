import { randomUUID } from "node:crypto";
import { appendAudit } from "../../../kernel/audit/audit.js";
import type { Principal } from "../../../kernel/permissions.js";
import {
  conflict,
  type FieldIssue,
  forbidden,
  invalid,
  notFound,
  ok,
  type Result,
} from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { accountNames } from "../../identity/index.js";
import { COMMENT_MAX, consultationStatus, publicName } from "../consultation.js";
import { bodyDays, findDraft } from "../consultation.repository.js";
import { inTransaction } from "./transaction.js";

/** A comment as entered: on a paragraph of the current version, or (none) on the whole draft. */
export interface CommentInput {
  paragraph?: number | null;
  text: string;
}

/**
 * Takes a citizen's comment while the current version's window is open (to the end of its
 * last day, in the body's zone); after that it is refused as a conflict `window_closed`.
 * The text is written to the audit record too, so it survives whatever moderation follows.
 */
export async function addComment(
  ctx: AppContext,
  principal: Principal,
  consultationId: string,
  input: CommentInput,
): Promise<Result<{ id: string; paragraph: number | null }>> {
  const found = await findDraft(ctx.db.kysely, consultationId);
  if (!found) return notFound();
  if (
    !ctx.policy.can(principal, "consultation.comment", { agencyId: found.consultation.agency_id })
  )
    return forbidden();
  const text = input.text.replace(/\r\n?/g, "\n").trim();
  const issues: FieldIssue[] = [];
  if (!text) issues.push({ field: "text", key: "consultations.errors.comment_required" });
  else if (text.length > COMMENT_MAX)
    issues.push({
      field: "text",
      key: "consultations.errors.too_long",
      params: { max: COMMENT_MAX },
    });
  const paragraph = input.paragraph ?? null;
  return inTransaction(ctx, async (trx) => {
    const days = await bodyDays(ctx, trx, found.consultation.agency_id);
    if (consultationStatus(found.version, days.today) !== "open") {
      return conflict("CONFLICT", { reason: "window_closed", closes: found.version.closes_on });
    }
    if (paragraph !== null) {
      const exists = await trx
        .selectFrom("consultation_paragraphs")
        .select("id")
        .where("version_id", "=", found.version.id)
        .where("number", "=", paragraph)
        .executeTakeFirst();
      if (!exists)
        issues.push({ field: "paragraph", key: "consultations.errors.paragraph_unknown" });
    }
    if (issues.length > 0) return invalid(issues);
    const author = (await accountNames(trx, [principal.accountId])).get(principal.accountId);
    if (!author) throw new Error(`no account ${principal.accountId}`);
    const id = randomUUID();
    await trx
      .insertInto("consultation_comments")
      .values({
        id,
        consultation_id: consultationId,
        version_id: found.version.id,
        paragraph_number: paragraph,
        author_id: principal.accountId,
        author_name: publicName(author.given_name, author.surname),
        body: text,
        created_at: ctx.clock.now().toISOString(),
        created_on: days.today,
        hidden_at: null,
        hidden_reason: null,
        hidden_by_id: null,
        answer: null,
        answer_reason: null,
        answered_at: null,
        answered_by_id: null,
      })
      .execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: "citizen" },
        action: "consultation.commented",
        subjectType: "consultation_comment",
        subjectId: id,
        data: {
          consultationId,
          version: found.version.number,
          paragraph,
          text,
        },
      },
    ]);
    return ok({ id, paragraph });
  });
}

/** Agree, disagree, or take one's vote back. */
export type VoteChoice = "agree" | "disagree" | "none";

/**
 * Records one person's agreement or disagreement with another's comment while the window is
 * open: one vote per person per comment, which a second vote replaces.
 */
export async function voteOnComment(
  ctx: AppContext,
  principal: Principal,
  consultationId: string,
  commentId: string,
  choice: VoteChoice,
): Promise<Result<{ value: number }>> {
  const found = await findDraft(ctx.db.kysely, consultationId);
  if (!found) return notFound();
  const comment = await ctx.db.kysely
    .selectFrom("consultation_comments")
    .select(["id", "author_id", "hidden_at", "version_id"])
    .where("id", "=", commentId)
    .where("consultation_id", "=", consultationId)
    .executeTakeFirst();
  if (!comment || comment.hidden_at !== null) return notFound();
  if (!ctx.policy.can(principal, "consultation.vote", { authorId: comment.author_id }))
    return forbidden();
  const value = choice === "agree" ? 1 : choice === "disagree" ? -1 : 0;
  return inTransaction(ctx, async (trx) => {
    const days = await bodyDays(ctx, trx, found.consultation.agency_id);
    if (
      comment.version_id !== found.version.id ||
      consultationStatus(found.version, days.today) !== "open"
    ) {
      return conflict("CONFLICT", { reason: "window_closed", closes: found.version.closes_on });
    }
    const at = ctx.clock.now().toISOString();
    if (value === 0) {
      await trx
        .deleteFrom("consultation_votes")
        .where("comment_id", "=", commentId)
        .where("account_id", "=", principal.accountId)
        .execute();
    } else {
      await trx
        .insertInto("consultation_votes")
        .values({ comment_id: commentId, account_id: principal.accountId, value, updated_at: at })
        .onConflict((oc) =>
          oc.columns(["comment_id", "account_id"]).doUpdateSet({ value, updated_at: at }),
        )
        .execute();
    }
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: principal.kind },
        action: "consultation.voted",
        subjectType: "consultation_comment",
        subjectId: commentId,
        data: { value },
      },
    ]);
    return ok({ value });
  });
}

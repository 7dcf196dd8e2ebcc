import { randomUUID } from "node:crypto";
import { appendAudit } from "../../../kernel/audit/audit.js";
import type { Principal } from "../../../kernel/permissions.js";
import { conflict, forbidden, invalid, notFound, ok, type Result } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { LIMITS, phaseOf, QUESTION_KINDS } from "../meeting.js";
import { findMeeting } from "../meeting.repository.js";

/** A question's states: waiting for the moderator, then shown or not; one table of steps. */
export type QuestionStatus = "pending" | "approved" | "rejected";
export const QUESTION_STEPS: Record<
  QuestionStatus,
  Partial<Record<"approve" | "reject", QuestionStatus>>
> = {
  pending: { approve: "approved", reject: "rejected" },
  approved: {},
  rejected: {},
};

/**
 * A signed-in person sends a question or a position before the meeting starts. It waits for
 * the body's moderator and is shown only once approved.
 */
export async function submitQuestion(
  ctx: AppContext,
  principal: Principal,
  meetingId: string,
  input: { kind: string; text: string },
): Promise<Result<{ id: string }>> {
  const db = ctx.db.kysely;
  const meeting = await findMeeting(db, meetingId);
  if (!meeting) return notFound();
  if (!ctx.policy.can(principal, "meeting.ask", { agencyId: meeting.agency_id }))
    return forbidden();
  if (phaseOf(meeting, ctx.clock.now()) !== "upcoming")
    return conflict("CONFLICT", { reason: "questions_closed" });
  const issues = [];
  if (!(QUESTION_KINDS as readonly string[]).includes(input.kind))
    issues.push({ field: "questionKind", key: "meetings.validation.question_kind" });
  if (!input.text) issues.push({ field: "questionText", key: "meetings.validation.question_text" });
  else if (input.text.length > LIMITS.text)
    issues.push({
      field: "questionText",
      key: "meetings.validation.too_long",
      params: { max: LIMITS.text },
    });
  if (issues.length > 0) return invalid(issues);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("meeting_questions")
      .values({
        id,
        meeting_id: meetingId,
        account_id: principal.accountId,
        kind: input.kind,
        text: input.text,
        status: "pending",
        submitted_at: ctx.clock.now().toISOString(),
        moderated_by_id: null,
        moderated_at: null,
        moderation_reason: null,
        answer: null,
        answered_by_id: null,
        answered_at: null,
      })
      .execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: "citizen" },
        action: "meeting.question.submitted",
        subjectType: "meeting_question",
        subjectId: id,
        data: { meetingId, kind: input.kind },
      },
    ]);
  });
  return ok({ id });
}

async function loadQuestion(ctx: AppContext, meetingId: string, questionId: string) {
  const db = ctx.db.kysely;
  const meeting = await findMeeting(db, meetingId);
  if (!meeting) return null;
  const question = await db
    .selectFrom("meeting_questions")
    .selectAll()
    .where("id", "=", questionId)
    .where("meeting_id", "=", meetingId)
    .executeTakeFirst();
  return question ? { meeting, question } : null;
}

/**
 * The body's moderator approves a question (it becomes public) or rejects it with a reason
 * kept for the record. A question is moderated once.
 */
export async function moderateQuestion(
  ctx: AppContext,
  principal: Principal,
  meetingId: string,
  questionId: string,
  input: { decision: string; reason: string },
): Promise<Result<{ status: QuestionStatus }>> {
  const found = await loadQuestion(ctx, meetingId, questionId);
  if (!found) return notFound();
  if (!ctx.policy.can(principal, "meeting.moderate", { agencyId: found.meeting.agency_id }))
    return forbidden();
  if (input.decision !== "approve" && input.decision !== "reject")
    return invalid([{ field: `decision-${questionId}`, key: "meetings.validation.decision" }]);
  if (input.decision === "reject" && !input.reason)
    return invalid([{ field: `reason-${questionId}`, key: "meetings.validation.reason" }]);
  if (input.reason.length > LIMITS.text)
    return invalid([
      {
        field: `reason-${questionId}`,
        key: "meetings.validation.too_long",
        params: { max: LIMITS.text },
      },
    ]);
  const next = QUESTION_STEPS[found.question.status as QuestionStatus]?.[input.decision];
  if (!next) return conflict("CONFLICT", { reason: "already_moderated" });
  const now = ctx.clock.now().toISOString();
  const changed = await ctx.db.kysely.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable("meeting_questions")
      .set({
        status: next,
        moderated_by_id: principal.accountId,
        moderated_at: now,
        moderation_reason: input.reason || null,
      })
      .where("id", "=", questionId)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: "staff" },
        action: `meeting.question.${next}`,
        subjectType: "meeting_question",
        subjectId: questionId,
        reason: input.reason || null,
        data: { meetingId },
      },
    ]);
    return true;
  });
  if (!changed) return conflict("CONFLICT", { reason: "already_moderated" });
  ctx.pageCache.invalidate();
  return ok({ status: next });
}

/** The body answers an approved question in public (before or after the meeting). */
export async function answerQuestion(
  ctx: AppContext,
  principal: Principal,
  meetingId: string,
  questionId: string,
  input: { answer: string },
): Promise<Result<null>> {
  const found = await loadQuestion(ctx, meetingId, questionId);
  if (!found) return notFound();
  if (!ctx.policy.can(principal, "meeting.manage", { agencyId: found.meeting.agency_id }))
    return forbidden();
  if (found.question.status !== "approved") return conflict("CONFLICT", { reason: "not_approved" });
  if (!input.answer)
    return invalid([{ field: `answer-${questionId}`, key: "meetings.validation.answer" }]);
  if (input.answer.length > LIMITS.text)
    return invalid([
      {
        field: `answer-${questionId}`,
        key: "meetings.validation.too_long",
        params: { max: LIMITS.text },
      },
    ]);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable("meeting_questions")
      .set({
        answer: input.answer,
        answered_by_id: principal.accountId,
        answered_at: ctx.clock.now().toISOString(),
      })
      .where("id", "=", questionId)
      .execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: "staff" },
        action: "meeting.question.answered",
        subjectType: "meeting_question",
        subjectId: questionId,
        data: { meetingId },
      },
    ]);
  });
  ctx.pageCache.invalidate();
  return ok(null);
}

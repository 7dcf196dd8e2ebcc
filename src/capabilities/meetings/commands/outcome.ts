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
import { isSafeHttpsUrl } from "../../../kernel/safe-url.js";
import type { AppContext } from "../../../platform/manifest.js";
import { APPEAL_NUMBER, FOLLOW_UP_KINDS, LIMITS, type MeetingRow, phaseOf } from "../meeting.js";
import { findMeeting } from "../meeting.repository.js";

const FIGURE = /^\d{1,6}$/;

async function managed(
  ctx: AppContext,
  principal: Principal,
  meetingId: string,
): Promise<Result<MeetingRow>> {
  const meeting = await findMeeting(ctx.db.kysely, meetingId);
  if (!meeting) return notFound();
  if (!ctx.policy.can(principal, "meeting.manage", { agencyId: meeting.agency_id }))
    return forbidden();
  if (phaseOf(meeting, ctx.clock.now()) !== "ended")
    return conflict("CONFLICT", { reason: "not_ended" });
  return ok(meeting);
}

/**
 * After the meeting, the body publishes (or corrects) its minutes and the attendance figures
 * it counted: how many registered and how many attended.
 */
export async function publishMinutes(
  ctx: AppContext,
  principal: Principal,
  meetingId: string,
  input: { minutes: string; registered: string; attended: string },
): Promise<Result<null>> {
  const found = await managed(ctx, principal, meetingId);
  if (found.kind !== "ok") return found;
  const issues: FieldIssue[] = [];
  if (!input.minutes) issues.push({ field: "minutes", key: "meetings.validation.minutes" });
  else if (input.minutes.length > LIMITS.minutes)
    issues.push({
      field: "minutes",
      key: "meetings.validation.too_long",
      params: { max: LIMITS.minutes },
    });
  if (!FIGURE.test(input.registered))
    issues.push({ field: "registered", key: "meetings.validation.figure" });
  if (!FIGURE.test(input.attended))
    issues.push({ field: "attended", key: "meetings.validation.figure" });
  if (issues.length > 0) return invalid(issues);
  const now = ctx.clock.now().toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable("meetings")
      .set({
        minutes: input.minutes,
        minutes_published_at: found.value.minutes_published_at ?? now,
        registered_figure: Number(input.registered),
        attended_figure: Number(input.attended),
        updated_at: now,
      })
      .where("id", "=", meetingId)
      .execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: "staff" },
        action: found.value.minutes_published_at
          ? "meeting.minutes.corrected"
          : "meeting.minutes.published",
        subjectType: "meeting",
        subjectId: meetingId,
        data: { registered: Number(input.registered), attended: Number(input.attended) },
      },
    ]);
  });
  ctx.pageCache.invalidate();
  return ok(null);
}

/**
 * Adds a decision taken at the meeting, with its follow-up: an appeal by number (linked to
 * its public page) or a draft act or petition by its https address.
 */
export async function addDecision(
  ctx: AppContext,
  principal: Principal,
  meetingId: string,
  input: { text: string; followUpKind: string; followUpRef: string },
): Promise<Result<{ id: string }>> {
  const found = await managed(ctx, principal, meetingId);
  if (found.kind !== "ok") return found;
  const issues: FieldIssue[] = [];
  if (!input.text) issues.push({ field: "decisionText", key: "meetings.validation.decision_text" });
  else if (input.text.length > LIMITS.text)
    issues.push({
      field: "decisionText",
      key: "meetings.validation.too_long",
      params: { max: LIMITS.text },
    });
  const kind = input.followUpKind;
  if (kind && !(FOLLOW_UP_KINDS as readonly string[]).includes(kind))
    issues.push({ field: "followUpKind", key: "meetings.validation.follow_up_kind" });
  else if (kind === "appeal" && !APPEAL_NUMBER.test(input.followUpRef))
    issues.push({ field: "followUpRef", key: "meetings.validation.appeal_number" });
  else if ((kind === "draft" || kind === "petition") && !isSafeHttpsUrl(input.followUpRef))
    issues.push({ field: "followUpRef", key: "meetings.validation.url" });
  else if (!kind && input.followUpRef)
    issues.push({ field: "followUpKind", key: "meetings.validation.follow_up_kind" });
  if (issues.length > 0) return invalid(issues);
  const id = randomUUID();
  const now = ctx.clock.now().toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    // Touching the meeting first locks it, so two decisions never take the same position.
    await trx
      .updateTable("meetings")
      .set({ updated_at: now })
      .where("id", "=", meetingId)
      .execute();
    const last = await trx
      .selectFrom("meeting_decisions")
      .select((eb) => eb.fn.max("position").as("p"))
      .where("meeting_id", "=", meetingId)
      .executeTakeFirst();
    await trx
      .insertInto("meeting_decisions")
      .values({
        id,
        meeting_id: meetingId,
        position: Number(last?.p ?? 0) + 1,
        text: input.text,
        follow_up_kind: kind || null,
        follow_up_ref: kind ? input.followUpRef : null,
        created_by_id: principal.accountId,
        created_at: now,
      })
      .execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: "staff" },
        action: "meeting.decision.added",
        subjectType: "meeting",
        subjectId: meetingId,
        data: { decisionId: id, followUpKind: kind || null },
      },
    ]);
  });
  ctx.pageCache.invalidate();
  return ok({ id });
}

import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { appendAudit } from "../../../kernel/audit/audit.js";
import type { Principal } from "../../../kernel/permissions.js";
import { conflict, forbidden, invalid, notFound, ok, type Result } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { findAccount } from "../../identity/index.js";
import { type MeetingRow, phaseOf, type RegistrationStatus } from "../meeting.js";
import { findMeeting, isDelegate, registrationOf, waitingPosition } from "../meeting.repository.js";
import { notifyPromoted } from "../notify.js";

/** Where a person stands after registering: confirmed, or waiting at `position` (1 is next). */
export interface Standing {
  status: Exclude<RegistrationStatus, "cancelled">;
  position: number | null;
  /** False when the person was already registered (nothing changed). */
  created: boolean;
}

/**
 * Takes the meeting's row lock: every registration and cancellation of one meeting bumps its
 * queue number first, so they run one after another and the count read next is current.
 * Returns the queue number taken.
 */
async function lockMeeting(trx: Kysely<Database>, meetingId: string): Promise<number> {
  await trx
    .updateTable("meetings")
    .set((eb) => ({ queue_seq: eb("queue_seq", "+", 1) }))
    .where("id", "=", meetingId)
    .execute();
  const row = await trx
    .selectFrom("meetings")
    .select(["queue_seq"])
    .where("id", "=", meetingId)
    .executeTakeFirstOrThrow();
  return Number(row.queue_seq);
}

async function confirmedCount(trx: Kysely<Database>, meetingId: string): Promise<number> {
  const row = await trx
    .selectFrom("meeting_registrations")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("meeting_id", "=", meetingId)
    .where("status", "=", "confirmed")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Why a person may not register for a meeting, checked before anything is written. */
async function eligibility(
  ctx: AppContext,
  principal: Principal,
  meeting: MeetingRow,
  territoryCode: string | undefined,
): Promise<Result<null>> {
  if (meeting.eligibility === "residents") {
    if (!territoryCode)
      return invalid([{ field: "territory", key: "meetings.register.territory_required" }]);
    if (territoryCode !== meeting.territory_code)
      return invalid([{ field: "territory", key: "meetings.register.not_resident" }]);
  }
  if (meeting.eligibility === "delegates") {
    const account = await findAccount(ctx.db.kysely, principal.accountId);
    if (
      !account?.email ||
      !account.emailConfirmed ||
      !(await isDelegate(ctx.db.kysely, meeting.id, account.email))
    )
      return forbidden();
  }
  return ok(null);
}

/**
 * Registers the signed-in person: confirmed while places remain, otherwise on the waiting
 * list. Registration closes when the meeting starts. Registering again changes nothing.
 */
export async function registerForMeeting(
  ctx: AppContext,
  principal: Principal,
  meetingId: string,
  input: { territoryCode?: string },
): Promise<Result<Standing>> {
  const db = ctx.db.kysely;
  const meeting = await findMeeting(db, meetingId);
  if (!meeting) return notFound();
  if (!ctx.policy.can(principal, "meeting.register", { agencyId: meeting.agency_id }))
    return forbidden();
  if (phaseOf(meeting, ctx.clock.now()) !== "upcoming")
    return conflict("CONFLICT", { reason: "registration_closed" });
  const allowed = await eligibility(ctx, principal, meeting, input.territoryCode);
  if (allowed.kind !== "ok") return allowed;
  const now = ctx.clock.now().toISOString();
  const standing = await db.transaction().execute(async (trx): Promise<Standing> => {
    const queueNo = await lockMeeting(trx, meetingId);
    const existing = await registrationOf(trx, meetingId, principal.accountId);
    if (existing && existing.status !== "cancelled") {
      const status = existing.status as Standing["status"];
      return {
        status,
        position:
          status === "waiting" ? await waitingPosition(trx, meetingId, existing.queue_no) : null,
        created: false,
      };
    }
    const status: Standing["status"] =
      (await confirmedCount(trx, meetingId)) < meeting.capacity ? "confirmed" : "waiting";
    const fields = {
      status,
      queue_no: queueNo,
      declared_territory:
        meeting.eligibility === "residents" ? (input.territoryCode ?? null) : null,
      registered_at: now,
      confirmed_at: status === "confirmed" ? now : null,
      promoted_at: null,
      cancelled_at: null,
    };
    if (existing)
      await trx
        .updateTable("meeting_registrations")
        .set(fields)
        .where("id", "=", existing.id)
        .execute();
    else
      await trx
        .insertInto("meeting_registrations")
        .values({
          id: randomUUID(),
          meeting_id: meetingId,
          account_id: principal.accountId,
          ...fields,
        })
        .execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: "citizen" },
        action: `meeting.registration.${status}`,
        subjectType: "meeting",
        subjectId: meetingId,
      },
    ]);
    return {
      status,
      position: status === "waiting" ? await waitingPosition(trx, meetingId, queueNo) : null,
      created: true,
    };
  });
  if (standing.created) ctx.pageCache.invalidate();
  return ok(standing);
}

/**
 * Cancels the signed-in person's registration before the meeting starts. A confirmed place
 * freed this way goes to the first person waiting, who is told by e-mail.
 */
export async function cancelRegistration(
  ctx: AppContext,
  principal: Principal,
  meetingId: string,
): Promise<Result<{ promotedAccountId: string | null }>> {
  const db = ctx.db.kysely;
  const meeting = await findMeeting(db, meetingId);
  if (!meeting) return notFound();
  if (!ctx.policy.can(principal, "meeting.register", { agencyId: meeting.agency_id }))
    return forbidden();
  const mine = await registrationOf(db, meetingId, principal.accountId);
  if (!mine || mine.status === "cancelled") return notFound();
  if (phaseOf(meeting, ctx.clock.now()) !== "upcoming")
    return conflict("CONFLICT", { reason: "registration_closed" });
  const now = ctx.clock.now().toISOString();
  const result = await db.transaction().execute(async (trx) => {
    await lockMeeting(trx, meetingId);
    const current = await registrationOf(trx, meetingId, principal.accountId);
    if (!current || current.status === "cancelled") return null;
    await trx
      .updateTable("meeting_registrations")
      .set({ status: "cancelled", cancelled_at: now })
      .where("id", "=", current.id)
      .execute();
    let promoted: { id: string; account_id: string } | undefined;
    if (current.status === "confirmed") {
      promoted = await trx
        .selectFrom("meeting_registrations")
        .select(["id", "account_id"])
        .where("meeting_id", "=", meetingId)
        .where("status", "=", "waiting")
        .orderBy("queue_no")
        .limit(1)
        .executeTakeFirst();
      if (promoted && (await confirmedCount(trx, meetingId)) < meeting.capacity) {
        await trx
          .updateTable("meeting_registrations")
          .set({ status: "confirmed", confirmed_at: now, promoted_at: now })
          .where("id", "=", promoted.id)
          .execute();
        await notifyPromoted(trx, ctx, meeting, promoted.account_id);
      } else promoted = undefined;
    }
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: "citizen" },
        action: "meeting.registration.cancelled",
        subjectType: "meeting",
        subjectId: meetingId,
        data: { was: current.status },
      },
      ...(promoted
        ? [
            {
              actor: { id: null, label: "system:meetings" },
              action: "meeting.registration.promoted",
              subjectType: "meeting",
              subjectId: meetingId,
              data: { accountId: promoted.account_id },
            },
          ]
        : []),
    ]);
    return { promotedAccountId: promoted?.account_id ?? null };
  });
  if (!result) return notFound();
  if (result.promotedAccountId) ctx.mail.kick();
  ctx.pageCache.invalidate();
  return ok(result);
}

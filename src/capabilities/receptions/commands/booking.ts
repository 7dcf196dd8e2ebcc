import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { appendAudit } from "../../../kernel/audit/audit.js";
import { isLocale } from "../../../kernel/i18n.js";
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
import { utcToLocal } from "../../../kernel/time/local-time.js";
import type { AppContext } from "../../../platform/manifest.js";
import { notifyPerson } from "../notify.js";
import { checkQuestion, ID, MAX_NOTE, nextStatus } from "../reception.js";
import { type BookingRow, findBooking, findSlot, type SlotView } from "../reception.repository.js";

export interface BookingInput {
  slotId: string;
  question: string;
  topicId?: string | undefined;
  redirectConsent?: boolean | undefined;
  language?: string | undefined;
}

const citizenActor = (p: Principal) => ({ id: p.accountId, label: "citizen" });

/** Takes a free slot for `bookingId`: true only for the one caller whose UPDATE found it free. */
async function claimSlot(
  trx: Kysely<Database>,
  slotId: string,
  bookingId: string,
): Promise<boolean> {
  const r = await trx
    .updateTable("reception_slots")
    .set({ booking_id: bookingId })
    .where("id", "=", slotId)
    .where("booking_id", "is", null)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

async function releaseSlot(trx: Kysely<Database>, slotId: string | null, bookingId: string) {
  if (!slotId) return;
  await trx
    .updateTable("reception_slots")
    .set({ booking_id: null })
    .where("id", "=", slotId)
    .where("booking_id", "=", bookingId)
    .execute();
}

function topicsOf(slot: SlotView): string[] {
  try {
    const v = JSON.parse(slot.topics);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/**
 * Books a free slot for the signed-in person. Two people asking for the same slot at once:
 * the conditional UPDATE lets exactly one have it, the other gets a conflict. A person holds
 * at most one future booking with the same official.
 */
export async function bookSlot(
  ctx: AppContext,
  principal: Principal,
  input: BookingInput,
): Promise<Result<BookingRow>> {
  const db = ctx.db.kysely;
  if (!ID.test(input.slotId)) return notFound();
  const slot = await findSlot(db, input.slotId);
  if (!slot) return notFound();
  if (!ctx.policy.can(principal, "reception.book", { agencyId: slot.agency_id }))
    return forbidden();
  const issues: FieldIssue[] = checkQuestion(input.question);
  const topic = input.topicId?.trim() || null;
  if (topic && !topicsOf(slot).includes(topic))
    issues.push({ field: "topicId", key: "receptions.validation.topic_unknown" });
  if (issues.length > 0) return invalid(issues);
  const now = ctx.clock.now().toISOString();
  if (slot.starts_at <= now) return conflict("CONFLICT", { reason: "slot_past" });
  const id = randomUUID();
  const language = input.language && isLocale(input.language) ? input.language : "kk";
  const row = await db.transaction().execute(async (trx): Promise<BookingRow | string> => {
    const held = await trx
      .selectFrom("reception_bookings")
      .select("id")
      .where("account_id", "=", principal.accountId)
      .where("official_id", "=", slot.official_id)
      .where("status", "=", "booked")
      .where("starts_at", ">", now)
      .executeTakeFirst();
    if (held) return "already_booked";
    if (!(await claimSlot(trx, slot.id, id))) return "slot_taken";
    const values: BookingRow = {
      id,
      agency_id: slot.agency_id,
      official_id: slot.official_id,
      slot_id: slot.id,
      kind: "booking",
      day: utcToLocal(new Date(slot.starts_at), slot.time_zone).slice(0, 10),
      starts_at: slot.starts_at,
      ticket_no: null,
      account_id: principal.accountId,
      visitor_name: null,
      visitor_contact: null,
      topic_id: topic,
      question: input.question.trim(),
      language,
      redirect_consent: input.redirectConsent ? 1 : 0,
      status: "booked",
      clarification_question: null,
      clarification_asked_at: null,
      clarification_answer: null,
      clarification_answered_at: null,
      advice_agency_id: null,
      advice_note: null,
      advised_at: null,
      outcome_note: null,
      refusal_reason: null,
      appeal_id: null,
      appeal_number: null,
      outcome_by_id: null,
      outcome_at: null,
      reminded_at: null,
      cancelled_at: null,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto("reception_bookings").values(values).execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor: citizenActor(principal),
        action: "reception.booked",
        subjectType: "reception_booking",
        subjectId: id,
        data: { slotId: slot.id, agencyId: slot.agency_id, officialId: slot.official_id },
      },
    ]);
    await notifyPerson(trx, ctx, values, "booked");
    return values;
  });
  if (typeof row === "string") return conflict("CONFLICT", { reason: row });
  ctx.mail.kick();
  ctx.pageCache.invalidate();
  return ok(row);
}

/** Loads the person's own booking (404 for anyone else's: nothing is revealed). */
async function ownBooking(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<Result<BookingRow>> {
  if (!ID.test(id)) return notFound();
  const booking = await findBooking(ctx.db.kysely, id);
  if (!booking) return notFound();
  if (
    !ctx.policy.can(principal, "reception.own", {
      agencyId: booking.agency_id,
      accountId: booking.account_id,
    })
  )
    return notFound();
  return ok(booking);
}

/** Moves a booking: a state change guarded by its current status, so a concurrent change loses. */
async function guardedUpdate(
  trx: Kysely<Database>,
  booking: BookingRow,
  set: Partial<BookingRow>,
): Promise<boolean> {
  const r = await trx
    .updateTable("reception_bookings")
    .set(set)
    .where("id", "=", booking.id)
    .where("status", "=", booking.status)
    .where("updated_at", "=", booking.updated_at)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/** Cancels the person's booking while it is in the future; the slot is free again at once. */
export async function cancelBooking(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<Result<BookingRow>> {
  const found = await ownBooking(ctx, principal, id);
  if (found.kind !== "ok") return found;
  const booking = found.value;
  const now = ctx.clock.now().toISOString();
  if (!nextStatus(booking.status, "cancel")) return conflict("CONFLICT", { reason: "state" });
  if (!booking.starts_at || booking.starts_at <= now)
    return conflict("CONFLICT", { reason: "slot_past" });
  const done = await ctx.db.kysely.transaction().execute(async (trx) => {
    if (
      !(await guardedUpdate(trx, booking, {
        status: "cancelled",
        cancelled_at: now,
        updated_at: now,
      }))
    )
      return false;
    await releaseSlot(trx, booking.slot_id, booking.id);
    await appendAudit(trx, ctx.clock, [
      {
        actor: citizenActor(principal),
        action: "reception.cancelled",
        subjectType: "reception_booking",
        subjectId: booking.id,
        data: { slotId: booking.slot_id },
      },
    ]);
    return true;
  });
  if (!done) return conflict("CONFLICT", { reason: "state" });
  ctx.pageCache.invalidate();
  return ok({ ...booking, status: "cancelled", cancelled_at: now, updated_at: now });
}

/** Moves the person's future booking to another free slot of the same body. */
export async function moveBooking(
  ctx: AppContext,
  principal: Principal,
  id: string,
  slotId: string,
): Promise<Result<BookingRow>> {
  const found = await ownBooking(ctx, principal, id);
  if (found.kind !== "ok") return found;
  const booking = found.value;
  const now = ctx.clock.now().toISOString();
  if (!nextStatus(booking.status, "move")) return conflict("CONFLICT", { reason: "state" });
  if (!booking.starts_at || booking.starts_at <= now)
    return conflict("CONFLICT", { reason: "slot_past" });
  const slot = ID.test(slotId) ? await findSlot(ctx.db.kysely, slotId) : undefined;
  if (!slot || slot.agency_id !== booking.agency_id || slot.id === booking.slot_id)
    return invalid([{ field: "slotId", key: "receptions.validation.slot_choose" }]);
  if (slot.starts_at <= now) return conflict("CONFLICT", { reason: "slot_past" });
  const set = {
    slot_id: slot.id,
    official_id: slot.official_id,
    starts_at: slot.starts_at,
    day: utcToLocal(new Date(slot.starts_at), slot.time_zone).slice(0, 10),
    reminded_at: null,
    updated_at: now,
  };
  const outcome = await ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await claimSlot(trx, slot.id, booking.id))) return "slot_taken";
    if (!(await guardedUpdate(trx, booking, set))) {
      await releaseSlot(trx, slot.id, booking.id);
      return "state";
    }
    await releaseSlot(trx, booking.slot_id, booking.id);
    await appendAudit(trx, ctx.clock, [
      {
        actor: citizenActor(principal),
        action: "reception.moved",
        subjectType: "reception_booking",
        subjectId: booking.id,
        data: { from: booking.slot_id, to: slot.id },
      },
    ]);
    await notifyPerson(trx, ctx, { ...booking, ...set }, "moved");
    return "ok";
  });
  if (outcome !== "ok") return conflict("CONFLICT", { reason: outcome });
  ctx.mail.kick();
  ctx.pageCache.invalidate();
  return ok({ ...booking, ...set });
}

/** The person answers the official's clarifying question on their booking page. */
export async function answerClarification(
  ctx: AppContext,
  principal: Principal,
  id: string,
  answer: string,
): Promise<Result<BookingRow>> {
  const found = await ownBooking(ctx, principal, id);
  if (found.kind !== "ok") return found;
  const booking = found.value;
  if (!nextStatus(booking.status, "answer") || !booking.clarification_question)
    return conflict("CONFLICT", { reason: "state" });
  const text = answer.trim();
  if (!text) return invalid([{ field: "answer", key: "receptions.validation.answer_required" }]);
  if (text.length > MAX_NOTE)
    return invalid([
      { field: "answer", key: "receptions.validation.too_long", params: { max: MAX_NOTE } },
    ]);
  const now = ctx.clock.now().toISOString();
  const set = { clarification_answer: text, clarification_answered_at: now, updated_at: now };
  const done = await ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await guardedUpdate(trx, booking, set))) return false;
    await appendAudit(trx, ctx.clock, [
      {
        actor: citizenActor(principal),
        action: "reception.clarification.answered",
        subjectType: "reception_booking",
        subjectId: booking.id,
      },
    ]);
    return true;
  });
  if (!done) return conflict("CONFLICT", { reason: "state" });
  return ok({ ...booking, ...set });
}

export { guardedUpdate, releaseSlot };

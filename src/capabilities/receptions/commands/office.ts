import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { appendAudit } from "../../../kernel/audit/audit.js";
import { formatDate } from "../../../kernel/format/index.js";
import { isLocale } from "../../../kernel/i18n.js";
import { hasRole, type Principal } from "../../../kernel/permissions.js";
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
import { type ApplicantDetails, appealWrites, prepareAppeal } from "../../appeals/index.js";
import { notifyPerson } from "../notify.js";
import {
  checkQuestion,
  ID,
  MAX_NOTE,
  nextStatus,
  OUTCOMES,
  type Outcome,
  RECEPTION_APPEAL_KINDS,
  REFUSAL_REASONS,
} from "../reception.js";
import { agencyById, type BookingRow, findBooking, officialsOf } from "../reception.repository.js";
import { guardedUpdate, releaseSlot } from "./booking.js";

const staffActor = (p: Principal) => ({ id: p.accountId, label: "staff" });

/** A booking of the caller's body (404 for any other: staff see only their own body's). */
export async function handledBooking(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<Result<BookingRow>> {
  if (!ID.test(id)) return notFound();
  const booking = await findBooking(ctx.db.kysely, id);
  if (!booking) return notFound();
  if (!ctx.policy.can(principal, "reception.handle", { agencyId: booking.agency_id }))
    return principal.kind === "staff" ? forbidden() : notFound();
  return ok(booking);
}

function text(value: string | undefined, field: string, key: string, issues: FieldIssue[]) {
  const v = (value ?? "").trim();
  if (!v) issues.push({ field, key: `receptions.validation.${key}` });
  else if (v.length > MAX_NOTE)
    issues.push({ field, key: "receptions.validation.too_long", params: { max: MAX_NOTE } });
  return v;
}

/** Staff ask the person a clarifying question before the reception; they answer on their page. */
export async function askClarification(
  ctx: AppContext,
  principal: Principal,
  id: string,
  question: string,
): Promise<Result<BookingRow>> {
  const found = await handledBooking(ctx, principal, id);
  if (found.kind !== "ok") return found;
  const booking = found.value;
  if (!nextStatus(booking.status, "clarify") || !booking.account_id)
    return conflict("CONFLICT", { reason: "state" });
  const issues: FieldIssue[] = [];
  const q = text(question, "clarification", "clarification_required", issues);
  if (issues.length > 0) return invalid(issues);
  const now = ctx.clock.now().toISOString();
  const set = {
    clarification_question: q,
    clarification_asked_at: now,
    clarification_answer: null,
    clarification_answered_at: null,
    updated_at: now,
  };
  const done = await ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await guardedUpdate(trx, booking, set))) return false;
    await appendAudit(trx, ctx.clock, [
      {
        actor: staffActor(principal),
        action: "reception.clarification.asked",
        subjectType: "reception_booking",
        subjectId: booking.id,
      },
    ]);
    await notifyPerson(trx, ctx, booking, "clarify", { question: q });
    return true;
  });
  if (!done) return conflict("CONFLICT", { reason: "state" });
  ctx.mail.kick();
  return ok({ ...booking, ...set });
}

/**
 * Another body (or official) is competent. With the person's consent (ticked when booking) the
 * booking is redirected: closed here, the slot freed, the person sent to the competent body's
 * reception page. Without it the booking stands and the person is told, to decide themselves.
 */
export async function redirectBooking(
  ctx: AppContext,
  principal: Principal,
  id: string,
  input: { agencyId: string; note: string },
): Promise<Result<BookingRow>> {
  const found = await handledBooking(ctx, principal, id);
  if (found.kind !== "ok") return found;
  const booking = found.value;
  const consent = booking.redirect_consent === 1;
  if (!nextStatus(booking.status, consent ? "redirect" : "advise") || booking.kind !== "booking")
    return conflict("CONFLICT", { reason: "state" });
  const issues: FieldIssue[] = [];
  const target = input.agencyId ? await agencyById(ctx.db.kysely, input.agencyId) : undefined;
  if (!target)
    issues.push({ field: "redirectAgency", key: "receptions.validation.agency_unknown" });
  const note = text(input.note, "redirectNote", "note_required", issues);
  if (issues.length > 0 || !target) return invalid(issues);
  const now = ctx.clock.now().toISOString();
  const set: Partial<BookingRow> = {
    advice_agency_id: target.id,
    advice_note: note,
    advised_at: now,
    updated_at: now,
    ...(consent
      ? { status: "redirected", outcome_by_id: principal.accountId, outcome_at: now }
      : {}),
  };
  const done = await ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await guardedUpdate(trx, booking, set))) return false;
    if (consent) await releaseSlot(trx, booking.slot_id, booking.id);
    await appendAudit(trx, ctx.clock, [
      {
        actor: staffActor(principal),
        action: consent ? "reception.redirected" : "reception.advised",
        subjectType: "reception_booking",
        subjectId: booking.id,
        data: { to: target.id },
      },
    ]);
    await notifyPerson(trx, ctx, booking, consent ? "redirected" : "advised", (language) => ({
      note,
      body:
        language === "kk" ? target.name_kk : language === "ru" ? target.name_ru : target.name_en,
      bodyLink: `${ctx.config.publicUrl}/agencies/${target.slug}/reception`,
    }));
    return true;
  });
  if (!done) return conflict("CONFLICT", { reason: "state" });
  ctx.mail.kick();
  ctx.pageCache.invalidate();
  return ok({ ...booking, ...set });
}

export interface OutcomeInput {
  outcome: string;
  note?: string | undefined;
  appealKind?: string | undefined;
  refusalReason?: string | undefined;
}

function walkInApplicant(b: BookingRow): ApplicantDetails {
  const contact = (b.visitor_contact ?? "").trim();
  return {
    name: b.visitor_name ?? "",
    ...(contact.includes("@") ? { email: contact } : contact ? { phone: contact } : {}),
    language: b.language,
  };
}

/**
 * The official records what came of a reception (from its day on): resolved there (with a
 * note), registered as a written appeal (through the appeals' own registration, term counted
 * from now, linked both ways), the person did not come, or a reasoned refusal to record an
 * appeal (a reason from the closed list and the official's words). All audited.
 */
export async function recordOutcome(
  ctx: AppContext,
  principal: Principal,
  id: string,
  input: OutcomeInput,
): Promise<Result<BookingRow>> {
  const found = await handledBooking(ctx, principal, id);
  if (found.kind !== "ok") return found;
  const booking = found.value;
  const issues: FieldIssue[] = [];
  if (!(OUTCOMES as readonly string[]).includes(input.outcome))
    return invalid([{ field: "outcome", key: "receptions.validation.outcome" }]);
  const outcome = input.outcome as Outcome;
  if (!nextStatus(booking.status, outcome)) return conflict("CONFLICT", { reason: "state" });
  const agency = await agencyById(ctx.db.kysely, booking.agency_id);
  const zone = ctx.calendars.forJurisdiction(agency?.jurisdiction).rules.timeZone;
  const now = ctx.clock.now();
  if (booking.day > utcToLocal(now, zone).slice(0, 10))
    return conflict("CONFLICT", { reason: "not_yet" });
  let note: string | null = null;
  if (outcome === "resolved") note = text(input.note, "note", "note_required", issues);
  if (outcome === "refused") {
    if (!(REFUSAL_REASONS as readonly string[]).includes(input.refusalReason ?? ""))
      issues.push({ field: "refusalReason", key: "receptions.validation.refusal_reason" });
    note = text(input.note, "note", "note_required", issues);
  }
  if (outcome === "appeal") {
    if (!(RECEPTION_APPEAL_KINDS as readonly string[]).includes(input.appealKind ?? ""))
      issues.push({ field: "appealKind", key: "receptions.validation.appeal_kind" });
    const extra = (input.note ?? "").trim();
    if (extra.length > MAX_NOTE)
      issues.push({
        field: "note",
        key: "receptions.validation.too_long",
        params: { max: MAX_NOTE },
      });
    note = extra || null;
  }
  if (issues.length > 0) return invalid(issues);
  const nowIso = now.toISOString();
  const set: Partial<BookingRow> = {
    status: outcome,
    outcome_note: note,
    refusal_reason: outcome === "refused" ? (input.refusalReason ?? null) : null,
    outcome_by_id: principal.accountId,
    outcome_at: nowIso,
    updated_at: nowIso,
  };
  const audit = (trx: Kysely<Database>, data: Record<string, unknown>) =>
    appendAudit(trx, ctx.clock, [
      {
        actor: staffActor(principal),
        action: `reception.outcome.${outcome}`,
        subjectType: "reception_booking",
        subjectId: booking.id,
        data,
      },
    ]);

  if (outcome !== "appeal") {
    const done = await ctx.db.kysely.transaction().execute(async (trx) => {
      if (!(await guardedUpdate(trx, booking, set))) return false;
      await audit(trx, {
        ...(outcome === "refused" ? { reason: input.refusalReason, text: note } : {}),
      });
      if (outcome !== "no_show")
        await notifyPerson(trx, ctx, booking, outcome, { note: note ?? "" });
      return true;
    });
    if (!done) return conflict("CONFLICT", { reason: "state" });
    ctx.mail.kick();
    ctx.pageCache.invalidate();
    return ok({ ...booking, ...set });
  }

  // Registered as a written appeal: the appeals capability checks and numbers it and counts its
  // term from today's registration; the booking's change rides in the same durable commit.
  const subject = booking.question.replace(/\s+/g, " ").trim().slice(0, 200);
  const prepared = await prepareAppeal(
    ctx,
    {
      channel: "reception",
      principal,
      agencyId: booking.agency_id,
      applicant: walkInApplicant(booking),
      ...(booking.account_id ? { applicantAccountId: booking.account_id } : {}),
    },
    {
      kind: input.appealKind as string,
      subject,
      text: [booking.question, booking.clarification_answer, note].filter(Boolean).join("\n\n"),
      language: isLocale(booking.language) ? booking.language : "kk",
      ...(booking.topic_id ? { categoryId: booking.topic_id } : {}),
    },
  );
  // The appeals' own checks (a walk-in's contact, say) name fields this form does not have.
  if (prepared.kind === "invalid")
    return invalid(prepared.issues.map((i) => ({ ...i, field: "outcome" })));
  if (prepared.kind !== "ok") return prepared;
  const registered = await appealWrites(ctx).run(async (trx) => {
    if (!(await guardedUpdate(trx, booking, set))) return null;
    const appeal = await prepared.value(trx);
    await trx
      .updateTable("reception_bookings")
      .set({ appeal_id: appeal.id, appeal_number: appeal.number })
      .where("id", "=", booking.id)
      .execute();
    await audit(trx, { appealId: appeal.id, number: appeal.number, dueOn: appeal.dueOn });
    await notifyPerson(trx, ctx, booking, "appeal", (language) => ({
      number: appeal.number,
      due: formatDate(appeal.dueOn, language, "long"),
    }));
    return appeal;
  });
  if (!registered) return conflict("CONFLICT", { reason: "state" });
  ctx.mail.kick();
  ctx.pageCache.invalidate();
  return ok({ ...booking, ...set, appeal_id: registered.id, appeal_number: registered.number });
}

export interface TicketInput {
  officialId?: string | undefined;
  visitorName: string;
  visitorContact?: string | undefined;
  question: string;
  language?: string | undefined;
}

/**
 * Issues the next walk-in ticket of the day for an official (a head of the body; the caller
 * when they are one). The day's counter row is bumped by an UPDATE, which locks it: tickets
 * are 1, 2, 3 … with no gap or repeat, however many desks issue at once.
 */
export async function issueTicket(
  ctx: AppContext,
  principal: Principal,
  agencyId: string,
  input: TicketInput,
): Promise<Result<BookingRow>> {
  const db = ctx.db.kysely;
  const agency = await agencyById(db, agencyId);
  if (!agency) return notFound();
  if (!ctx.policy.can(principal, "reception.handle", { agencyId })) return forbidden();
  const issues: FieldIssue[] = checkQuestion(input.question);
  const name = input.visitorName.trim();
  if (!name) issues.push({ field: "visitorName", key: "receptions.validation.name_required" });
  else if (name.length > 300)
    issues.push({
      field: "visitorName",
      key: "receptions.validation.too_long",
      params: { max: 300 },
    });
  const contact = (input.visitorContact ?? "").trim();
  if (contact.length > 200)
    issues.push({
      field: "visitorContact",
      key: "receptions.validation.too_long",
      params: { max: 200 },
    });
  const officials = await officialsOf(db, agencyId);
  const officialId =
    input.officialId || (hasRole(principal, "head", agencyId) ? principal.accountId : "");
  if (!officials.some((o) => o.id === officialId))
    issues.push({ field: "officialId", key: "receptions.validation.official_unknown" });
  if (issues.length > 0) return invalid(issues);
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const day = utcToLocal(
    now,
    ctx.calendars.forJurisdiction(agency.jurisdiction).rules.timeZone,
  ).slice(0, 10);
  const id = randomUUID();
  const row = await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("reception_ticket_counters")
      .values({ official_id: officialId, day, last_no: 0 })
      .onConflict((oc) => oc.columns(["official_id", "day"]).doNothing())
      .execute();
    await trx
      .updateTable("reception_ticket_counters")
      .set((eb) => ({ last_no: eb("last_no", "+", 1) }))
      .where("official_id", "=", officialId)
      .where("day", "=", day)
      .execute();
    const counter = await trx
      .selectFrom("reception_ticket_counters")
      .select("last_no")
      .where("official_id", "=", officialId)
      .where("day", "=", day)
      .executeTakeFirstOrThrow();
    const values: BookingRow = {
      id,
      agency_id: agencyId,
      official_id: officialId,
      slot_id: null,
      kind: "walk_in",
      day,
      starts_at: null,
      ticket_no: Number(counter.last_no),
      account_id: null,
      visitor_name: name,
      visitor_contact: contact || null,
      topic_id: null,
      question: input.question.trim(),
      language: input.language && isLocale(input.language) ? input.language : "kk",
      redirect_consent: 0,
      status: "waiting",
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
      created_at: nowIso,
      updated_at: nowIso,
    };
    await trx.insertInto("reception_bookings").values(values).execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor: staffActor(principal),
        action: "reception.ticket.issued",
        subjectType: "reception_booking",
        subjectId: id,
        data: { officialId, day, ticket: values.ticket_no },
      },
    ]);
    return values;
  });
  ctx.pageCache.invalidate();
  return ok(row);
}

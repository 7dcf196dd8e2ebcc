import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { failureError, HalyqError } from "../../kernel/errors.js";
import { localToUtc } from "../../kernel/time/local-time.js";
import type { AppContext } from "../../platform/manifest.js";
import { ErrorBody, PlainDateString } from "../../web/api-schemas.js";
import { requireApi } from "../../web/guards.js";
import { bookSlot, cancelBooking, moveBooking } from "./commands/booking.js";
import { issueTicket, recordOutcome } from "./commands/office.js";
import {
  BOOKING_STATUSES,
  OUTCOMES,
  RECEPTION_APPEAL_KINDS,
  REFUSAL_REASONS,
  WRITE_LIMIT,
} from "./reception.js";
import {
  agencyById,
  agencySlots,
  type BookingRow,
  bookingsOfAccount,
  schedulesOf,
} from "./reception.repository.js";

const literals = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>(Type.Union(values.map((v) => Type.Literal(v))));
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const Slot = Type.Object({
  id: Type.String(),
  officialId: Type.String(),
  official: Type.String({ description: "The official's name" }),
  startsAt: Type.String({ description: "ISO 8601 instant, UTC" }),
  endsAt: Type.String({ description: "ISO 8601 instant, UTC" }),
  timeZone: Type.String({ description: "The body's IANA time zone" }),
  place: Nullable(Type.String()),
  onlineUrl: Nullable(Type.String({ description: "https only" })),
  topics: Type.Array(Type.String(), { description: "Category ids the official takes" }),
  free: Type.Boolean(),
});

const Schedule = Type.Object({
  id: Type.String(),
  officialId: Type.String(),
  official: Type.String({ description: "The official's name" }),
  days: Type.Array(Type.String(), { description: "Reception days (YYYY-MM-DD, body's zone)" }),
  startTime: Type.String({ description: "HH:MM, body's zone" }),
  endTime: Type.String({ description: "HH:MM, body's zone" }),
  slotMinutes: Type.Integer(),
  timeZone: Type.String(),
  place: Nullable(Type.String()),
  onlineUrl: Nullable(Type.String({ description: "https only" })),
  topics: Type.Array(Type.String(), { description: "Category ids the official takes" }),
  publishedAt: Type.String(),
});

const Booking = Type.Object({
  id: Type.String(),
  agencyId: Type.String(),
  officialId: Type.String(),
  kind: literals(["booking", "walk_in"] as const),
  slotId: Nullable(Type.String()),
  startsAt: Nullable(Type.String()),
  day: Type.String({ description: "The reception day in the body's zone" }),
  ticket: Type.Union([Type.Integer(), Type.Null()], { description: "Walk-in ticket number" }),
  status: literals(BOOKING_STATUSES),
  question: Type.String(),
  redirectConsent: Type.Boolean(),
  clarification: Type.Union([
    Type.Object({ question: Type.String(), answer: Nullable(Type.String()) }),
    Type.Null(),
  ]),
  outcome: Type.Union([
    Type.Object({
      note: Nullable(Type.String()),
      refusalReason: Nullable(Type.String()),
      appealNumber: Nullable(Type.String()),
      at: Type.String(),
    }),
    Type.Null(),
  ]),
  links: Type.Object({ page: Type.String() }),
});

const NewBooking = Type.Object(
  {
    slotId: Type.String({ maxLength: 40 }),
    question: Type.String({ maxLength: 1000, description: "The question, in short" }),
    topicId: Type.Optional(Type.String({ maxLength: 100 })),
    redirectConsent: Type.Optional(
      Type.Boolean({
        description: "Tell me in advance if another official is competent, and redirect me",
      }),
    ),
  },
  { additionalProperties: false },
);
const MoveBody = Type.Object(
  { slotId: Type.String({ maxLength: 40 }) },
  { additionalProperties: false },
);
const OutcomeBody = Type.Object(
  {
    outcome: literals(OUTCOMES),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    appealKind: Type.Optional(literals(RECEPTION_APPEAL_KINDS)),
    refusalReason: Type.Optional(literals(REFUSAL_REASONS)),
  },
  { additionalProperties: false },
);
const TicketBody = Type.Object(
  {
    officialId: Type.Optional(Type.String({ maxLength: 40 })),
    visitorName: Type.String({ maxLength: 300 }),
    visitorContact: Type.Optional(Type.String({ maxLength: 200, description: "E-mail or phone" })),
    question: Type.String({ maxLength: 1000 }),
  },
  { additionalProperties: false },
);
const SlotsQuery = Type.Object(
  {
    from: Type.Optional({
      ...PlainDateString,
      description: "First day (body's zone), default today",
    }),
    to: Type.Optional({ ...PlainDateString, description: "Last day (inclusive)" }),
    free: Type.Optional(Type.Boolean({ description: "Only free slots" })),
  },
  { additionalProperties: false },
);

function bookingJson(ctx: AppContext, b: BookingRow): Static<typeof Booking> {
  return {
    id: b.id,
    agencyId: b.agency_id,
    officialId: b.official_id,
    kind: b.kind as "booking" | "walk_in",
    slotId: b.slot_id,
    startsAt: b.starts_at,
    day: b.day,
    ticket: b.ticket_no === null ? null : Number(b.ticket_no),
    status: b.status as Static<typeof Booking>["status"],
    question: b.question,
    redirectConsent: Number(b.redirect_consent) === 1,
    clarification: b.clarification_question
      ? { question: b.clarification_question, answer: b.clarification_answer }
      : null,
    outcome: b.outcome_at
      ? {
          note: b.outcome_note,
          refusalReason: b.refusal_reason,
          appealNumber: b.appeal_number,
          at: b.outcome_at,
        }
      : null,
    links: { page: `${ctx.config.publicUrl}/reception/bookings/${b.id}` },
  };
}

/** The reception API: a body's schedule, booking, one's own bookings, and the official's outcome. */
export async function receptionApiRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  app.get<{ Params: { id: string }; Querystring: Static<typeof SlotsQuery> }>(
    "/api/v1/agencies/:id/reception/slots",
    {
      schema: {
        operationId: "listReceptionSlots",
        tags: ["receptions"],
        summary: "A body's reception slots (free and taken, or free only) in a range of days",
        querystring: SlotsQuery,
        response: { 200: Type.Object({ items: Type.Array(Slot) }), 404: ErrorBody },
      },
    },
    async (request) => {
      const agency = await agencyById(db, request.params.id);
      if (!agency) throw new HalyqError("NOT_FOUND");
      const zone = ctx.calendars.forJurisdiction(agency.jurisdiction).rules.timeZone;
      const now = ctx.clock.now().toISOString();
      const from = request.query.from
        ? (localToUtc(`${request.query.from}T00:00`, zone)?.toISOString() ?? now)
        : now;
      const to = request.query.to
        ? localToUtc(`${request.query.to}T23:59`, zone)?.toISOString()
        : undefined;
      const slots = await agencySlots(db, agency.id, {
        from: [from, now].sort()[1] ?? now,
        ...(to ? { to } : {}),
        freeOnly: request.query.free === true,
      });
      return {
        items: slots.map((s) => ({
          id: s.id,
          officialId: s.official_id,
          official: `${s.surname} ${s.given_name}`,
          startsAt: s.starts_at,
          endsAt: s.ends_at,
          timeZone: s.time_zone,
          place: s.place,
          onlineUrl: s.online_url,
          topics: JSON.parse(s.topics) as string[],
          free: s.booking_id === null,
        })),
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/v1/agencies/:id/reception/schedules",
    {
      schema: {
        operationId: "listReceptionSchedules",
        tags: ["receptions"],
        summary: "A body's published reception schedules, newest first",
        response: { 200: Type.Object({ items: Type.Array(Schedule) }), 404: ErrorBody },
      },
    },
    async (request) => {
      const agency = await agencyById(db, request.params.id);
      if (!agency) throw new HalyqError("NOT_FOUND");
      const rows = await schedulesOf(db, agency.id);
      return {
        items: rows.map((r) => ({
          id: r.id,
          officialId: r.official_id,
          official: `${r.surname} ${r.given_name}`,
          days: JSON.parse(r.days) as string[],
          startTime: r.start_time,
          endTime: r.end_time,
          slotMinutes: Number(r.slot_minutes),
          timeZone: r.time_zone,
          place: r.place,
          onlineUrl: r.online_url,
          topics: JSON.parse(r.topics) as string[],
          publishedAt: r.created_at,
        })),
      };
    },
  );

  app.post<{ Body: Static<typeof NewBooking> }>(
    "/api/v1/receptions/bookings",
    {
      config: { rateLimit: WRITE_LIMIT },
      schema: {
        operationId: "bookReception",
        tags: ["receptions"],
        summary: "Book a free slot (signed-in person); 409 when it was taken first",
        body: NewBooking,
        response: {
          201: Booking,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const principal = requireApi(request);
      const result = await bookSlot(ctx, principal, { ...request.body, language: request.locale });
      if (result.kind !== "ok") throw failureError(result);
      return reply.status(201).send(bookingJson(ctx, result.value));
    },
  );

  app.get(
    "/api/v1/receptions/bookings",
    {
      schema: {
        operationId: "listMyReceptionBookings",
        tags: ["receptions"],
        summary: "The caller's own bookings, newest first",
        response: { 200: Type.Object({ items: Type.Array(Booking) }), 401: ErrorBody },
      },
    },
    async (request) => {
      const principal = requireApi(request);
      if (principal.kind !== "citizen") return { items: [] };
      const rows = await bookingsOfAccount(db, principal.accountId);
      return { items: rows.map((b) => bookingJson(ctx, b)) };
    },
  );

  app.post<{ Params: { id: string } }>(
    "/api/v1/receptions/bookings/:id/cancel",
    {
      schema: {
        operationId: "cancelReceptionBooking",
        tags: ["receptions"],
        summary: "Cancel one's own booking while it is in the future",
        response: { 200: Booking, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const principal = requireApi(request);
      const result = await cancelBooking(ctx, principal, request.params.id);
      if (result.kind !== "ok") throw failureError(result);
      return bookingJson(ctx, result.value);
    },
  );

  app.post<{ Params: { id: string }; Body: Static<typeof MoveBody> }>(
    "/api/v1/receptions/bookings/:id/move",
    {
      config: { rateLimit: WRITE_LIMIT },
      schema: {
        operationId: "moveReceptionBooking",
        tags: ["receptions"],
        summary: "Move one's own future booking to another free slot of the same body",
        body: MoveBody,
        response: { 200: Booking, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const principal = requireApi(request);
      const result = await moveBooking(ctx, principal, request.params.id, request.body.slotId);
      if (result.kind !== "ok") throw failureError(result);
      return bookingJson(ctx, result.value);
    },
  );

  app.post<{ Params: { id: string }; Body: Static<typeof OutcomeBody> }>(
    "/api/v1/receptions/bookings/:id/outcome",
    {
      schema: {
        operationId: "recordReceptionOutcome",
        tags: ["receptions"],
        summary:
          "Record a reception's outcome (the body's head or registrar): resolved, registered as an appeal, did not come, or refused with a reason",
        body: OutcomeBody,
        response: {
          200: Booking,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request) => {
      const principal = requireApi(request);
      const result = await recordOutcome(ctx, principal, request.params.id, request.body);
      if (result.kind !== "ok") throw failureError(result);
      return bookingJson(ctx, result.value);
    },
  );

  app.post<{ Params: { id: string }; Body: Static<typeof TicketBody> }>(
    "/api/v1/agencies/:id/reception/tickets",
    {
      schema: {
        operationId: "issueReceptionTicket",
        tags: ["receptions"],
        summary: "Issue the next walk-in ticket of the day for an official (head or registrar)",
        body: TicketBody,
        response: { 201: Booking, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const principal = requireApi(request);
      const result = await issueTicket(ctx, principal, request.params.id, {
        ...request.body,
        language: request.locale,
      });
      if (result.kind !== "ok") throw failureError(result);
      return reply.status(201).send(bookingJson(ctx, result.value));
    },
  );
}

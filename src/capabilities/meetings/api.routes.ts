import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { addDays, isPlainDate } from "../../kernel/calendar/index.js";
import { failureError, HalyqError } from "../../kernel/errors.js";
import { isSafeHttpsUrl } from "../../kernel/safe-url.js";
import type { AppContext } from "../../platform/manifest.js";
import { ErrorBody, PlainDateString } from "../../web/api-schemas.js";
import { requireApi } from "../../web/guards.js";
import { cancelRegistration, registerForMeeting } from "./commands/registration.js";
import {
  APPEAL_NUMBER,
  agendas,
  ELIGIBILITIES,
  MEETING_KINDS,
  type MeetingRow,
  phaseOf,
  titles,
} from "./meeting.js";
import { listMeetings } from "./meeting.repository.js";
import { loadMeetingPage, MEETING_ID } from "./web/page-data.js";

const literals = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>(Type.Union(values.map((v) => Type.Literal(v))));
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Texts = Type.Object({
  kk: Nullable(Type.String()),
  ru: Nullable(Type.String()),
  en: Nullable(Type.String()),
});

const MeetingSummary = Type.Object({
  id: Type.String(),
  agencyId: Type.String(),
  kind: literals(MEETING_KINDS),
  title: Texts,
  place: Nullable(Type.String()),
  onlineUrl: Nullable(Type.String({ description: "https only" })),
  startsAt: Type.String({ description: "ISO 8601 instant, UTC" }),
  endsAt: Type.String({ description: "ISO 8601 instant, UTC" }),
  timeZone: Type.String({ description: "The body's IANA time zone, for showing local times" }),
  capacity: Type.Integer(),
  eligibility: literals(ELIGIBILITIES),
  territoryCode: Nullable(Type.String()),
  phase: literals(["upcoming", "in_progress", "ended"] as const),
  links: Type.Object({ page: Type.String(), calendar: Type.String() }),
});
const MeetingDetail = Type.Intersect([
  MeetingSummary,
  Type.Object({
    agenda: Texts,
    places: Type.Object({ confirmed: Type.Integer(), waiting: Type.Integer() }),
    minutes: Nullable(Type.String()),
    minutesPublishedAt: Nullable(Type.String()),
    attendance: Type.Union([
      Type.Object({ registered: Type.Integer(), attended: Type.Integer() }),
      Type.Null(),
    ]),
    decisions: Type.Array(
      Type.Object({
        position: Type.Integer(),
        text: Type.String(),
        followUp: Type.Union([
          Type.Object({
            kind: literals(["appeal", "draft", "petition"] as const),
            reference: Type.String({ description: "An appeal number, or an https address" }),
            url: Type.String(),
          }),
          Type.Null(),
        ]),
      }),
    ),
    questions: Type.Array(
      Type.Object({
        kind: literals(["question", "position"] as const),
        text: Type.String(),
        answer: Nullable(Type.String()),
      }),
      { description: "Approved by the body's moderator" },
    ),
  }),
]);
const ListQuery = Type.Object(
  {
    agencyId: Type.Optional(Type.String({ maxLength: 100 })),
    kind: Type.Optional(literals(MEETING_KINDS)),
    when: Type.Optional(literals(["upcoming", "past"] as const)),
    from: Type.Optional({ ...PlainDateString, description: "Starting on or after (UTC date)" }),
    to: Type.Optional({ ...PlainDateString, description: "Starting on or before (UTC date)" }),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
const RegistrationBody = Type.Object(
  {
    territoryCode: Type.Optional(
      Type.String({
        maxLength: 20,
        description: "For residents-only meetings: the territory the person declares they live in",
      }),
    ),
  },
  { additionalProperties: false },
);
const Standing = Type.Object({
  status: literals(["confirmed", "waiting"] as const),
  position: Type.Union([
    Type.Integer({ description: "Place on the waiting list, 1 is next" }),
    Type.Null(),
  ]),
});

function summary(ctx: AppContext, m: MeetingRow): Static<typeof MeetingSummary> {
  const page = `${ctx.config.publicUrl}/meetings/${m.id}`;
  return {
    id: m.id,
    agencyId: m.agency_id,
    kind: m.kind as Static<typeof MeetingSummary>["kind"],
    title: titles(m),
    place: m.place,
    onlineUrl: m.online_url,
    startsAt: m.starts_at,
    endsAt: m.ends_at,
    timeZone: m.time_zone,
    capacity: Number(m.capacity),
    eligibility: m.eligibility as Static<typeof MeetingSummary>["eligibility"],
    territoryCode: m.territory_code,
    phase: phaseOf(m, ctx.clock.now()),
    links: { page, calendar: `${page}/calendar.ics` },
  };
}

/** The meetings API: the public list and record, and a person's own registration. */
export async function meetingApiRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get<{ Querystring: Static<typeof ListQuery> }>(
    "/api/v1/meetings",
    {
      schema: {
        operationId: "listMeetings",
        tags: ["meetings"],
        summary: "Hearings, citizens' assemblies and conferences of delegates, with filters",
        querystring: ListQuery,
        response: {
          200: Type.Object({
            items: Type.Array(MeetingSummary),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
          400: ErrorBody,
        },
      },
    },
    async (request) => {
      const q = request.query;
      if ((q.from && !isPlainDate(q.from)) || (q.to && !isPlainDate(q.to)))
        throw new HalyqError("INVALID_DATE");
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 25;
      const rows = await listMeetings(ctx.db.kysely, {
        ...(q.agencyId ? { agencyId: q.agencyId } : {}),
        ...(q.kind ? { kind: q.kind } : {}),
        ...(q.when ? { when: q.when } : {}),
        ...(q.from ? { startsFrom: `${q.from}T00:00:00.000Z` } : {}),
        ...(q.to ? { startsBefore: `${addDays(q.to, 1)}T00:00:00.000Z` } : {}),
        now: ctx.clock.now().toISOString(),
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return { items: rows.map((m) => summary(ctx, m)), page, pageSize };
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/v1/meetings/:id",
    {
      schema: {
        operationId: "getMeeting",
        tags: ["meetings"],
        summary:
          "One meeting: agenda, places, approved questions, and afterwards minutes, attendance and decisions",
        response: { 200: MeetingDetail, 404: ErrorBody },
      },
    },
    async (request) => {
      const data = await loadMeetingPage(ctx, request.params.id, null);
      if (!data) throw new HalyqError("NOT_FOUND");
      const m = data.meeting;
      const ended = data.phase === "ended";
      return {
        ...summary(ctx, m),
        agenda: agendas(m),
        places: data.counts,
        minutes: ended ? m.minutes : null,
        minutesPublishedAt: ended ? m.minutes_published_at : null,
        attendance:
          ended && m.registered_figure !== null && m.attended_figure !== null
            ? { registered: Number(m.registered_figure), attended: Number(m.attended_figure) }
            : null,
        decisions: data.decisions.map((d) => {
          const kind = d.follow_up_kind as "appeal" | "draft" | "petition" | null;
          const ref = d.follow_up_ref;
          let followUp = null;
          if (kind === "appeal" && ref && APPEAL_NUMBER.test(ref))
            followUp = {
              kind,
              reference: ref,
              url: `${ctx.config.publicUrl}/appeals/public/${encodeURIComponent(ref)}`,
            };
          else if (kind && kind !== "appeal" && ref && isSafeHttpsUrl(ref))
            followUp = { kind, reference: ref, url: ref };
          return { position: Number(d.position), text: d.text, followUp };
        }),
        questions: data.questions.map((q) => ({
          kind: q.kind as "question" | "position",
          text: q.text,
          answer: q.answer,
        })),
      };
    },
  );

  app.post<{ Params: { id: string }; Body: Static<typeof RegistrationBody> }>(
    "/api/v1/meetings/:id/registrations",
    {
      schema: {
        operationId: "registerForMeeting",
        tags: ["meetings"],
        summary:
          "Register the caller: 201 confirmed while places remain, else on the waiting list; 200 when already registered; 409 once the meeting has started",
        body: RegistrationBody,
        response: {
          200: Standing,
          201: Standing,
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
      if (!MEETING_ID.test(request.params.id)) throw new HalyqError("NOT_FOUND");
      const territoryCode = request.body.territoryCode;
      const result = await registerForMeeting(ctx, principal, request.params.id, {
        ...(territoryCode ? { territoryCode } : {}),
      });
      if (result.kind !== "ok") throw failureError(result);
      const { status, position, created } = result.value;
      return reply.status(created ? 201 : 200).send({ status, position });
    },
  );

  app.delete<{ Params: { id: string } }>(
    "/api/v1/meetings/:id/registrations/me",
    {
      schema: {
        operationId: "cancelMeetingRegistration",
        tags: ["meetings"],
        summary:
          "Cancel the caller's registration before the meeting starts; a freed place goes to the first person waiting",
        response: {
          200: Type.Object({ status: Type.Literal("cancelled") }),
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request) => {
      const principal = requireApi(request);
      if (!MEETING_ID.test(request.params.id)) throw new HalyqError("NOT_FOUND");
      const result = await cancelRegistration(ctx, principal, request.params.id);
      if (result.kind !== "ok") throw failureError(result);
      return { status: "cancelled" as const };
    },
  );
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { Result } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { atomFeed } from "../../../web/atom.js";
import { formatEventTime } from "../../../web/format-time.js";
import { type FormBody, one } from "../../../web/forms.js";
import { requirePage } from "../../../web/guards.js";
import { describeFiles, fileOperation } from "../../../web/openapi.js";
import { submitQuestion } from "../commands/questions.js";
import { cancelRegistration, registerForMeeting } from "../commands/registration.js";
import { calendarFile } from "../icalendar.js";
import { agendas, type MeetingRow, pick, type Texts, titles } from "../meeting.js";
import { agencyNames, listMeetings, recentlyChanged } from "../meeting.repository.js";
import { MeetingsListPage } from "./list-view.js";
import { MeetingPage, type MeetingPageState } from "./meeting-view.js";
import { loadMeetingPage, MEETING_ID } from "./page-data.js";

type IdParams = { Params: { id: string } };
const DONE = ["registered", "waiting", "cancelled", "asked"] as const;

/** Names of the bodies holding `rows`, by id. */
export async function namesOf(ctx: AppContext, rows: MeetingRow[]): Promise<Map<string, Texts>> {
  const names = await agencyNames(
    ctx.db.kysely,
    rows.map((r) => r.agency_id),
  );
  return new Map(names.map((a) => [a.id, { kk: a.name_kk, ru: a.name_ru, en: a.name_en }]));
}

/** A sample of the public meeting pages: the list, one upcoming and one past meeting. */
export async function publicMeetingPaths(ctx: AppContext): Promise<string[]> {
  const now = ctx.clock.now().toISOString();
  const [upcoming, past] = await Promise.all([
    listMeetings(ctx.db.kysely, { when: "upcoming", now, limit: 1 }),
    listMeetings(ctx.db.kysely, { when: "past", now, limit: 1 }),
  ]);
  return ["/meetings", ...[...upcoming, ...past].map((m) => `/meetings/${m.id}`)];
}

/** Meetings for everyone: the list, each meeting, its calendar file, the feed, and people's own steps. */
export async function publicMeetingRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.addHook(
    "onRoute",
    describeFiles({
      "/meetings/feed.atom": fileOperation({
        operationId: "getMeetingsFeed",
        tags: ["feeds"],
        summary: "Atom feed of announced and changed meetings",
        types: { "application/atom+xml": { type: "string" } },
      }),
      "/meetings/:id/calendar.ics": fileOperation({
        operationId: "getMeetingCalendarFile",
        tags: ["meetings"],
        summary: "A meeting as an iCalendar event (RFC 5545) for one's calendar",
        types: { "text/calendar": { type: "string" } },
        statuses: ["404"],
      }),
    }),
  );
  const db = ctx.db.kysely;

  app.get("/meetings", { config: { pageCache: true } }, async (request, reply) => {
    const now = ctx.clock.now().toISOString();
    const [upcoming, past] = await Promise.all([
      listMeetings(db, { when: "upcoming", now, limit: 50 }),
      listMeetings(db, { when: "past", now, limit: 50 }),
    ]);
    const agencies = await namesOf(ctx, [...upcoming, ...past]);
    return reply.page(
      request.t("meetings.list.title"),
      <MeetingsListPage
        t={request.t}
        locale={request.locale}
        upcoming={upcoming}
        past={past}
        agencies={agencies}
      />,
    );
  });

  app.get("/meetings/feed.atom", { config: { pageCache: true } }, async (request, reply) => {
    const t = request.t;
    const locale = request.locale;
    const rows = await recentlyChanged(db, 50);
    const agencies = await namesOf(ctx, rows);
    const base = ctx.config.publicUrl;
    const xml = atomFeed({
      id: `${base}/meetings/feed.atom`,
      title: t("meetings.feed.title"),
      lang: locale,
      updated: rows[0]?.updated_at ?? "2026-01-01T00:00:00.000Z",
      self: `${base}/meetings/feed.atom`,
      alternate: `${base}/meetings`,
      entries: rows.map((m) => {
        const title = pick(titles(m), locale);
        const agency = agencies.get(m.agency_id);
        return {
          id: `urn:uuid:${m.id}`,
          title: `${t(`meetings.kind.${m.kind}`)}: ${title.text}`,
          ...(title.lang !== locale ? { lang: title.lang } : {}),
          updated: m.updated_at,
          published: m.announced_at,
          link: `${base}/meetings/${m.id}`,
          summary: [formatEventTime(m, locale), m.place, m.online_url].filter(Boolean).join(". "),
          author: agency ? pick(agency, locale).text : "Halyq",
        };
      }),
    });
    return reply.header("content-type", "application/atom+xml; charset=utf-8").send(xml);
  });

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: MeetingPageState,
    status?: number,
  ) => {
    const data = await loadMeetingPage(ctx, id, request.principal);
    if (!data) throw new HalyqError("NOT_FOUND");
    const failed = (state.issues?.length ?? 0) > 0 || state.conflict !== undefined;
    return reply.page(
      pick(titles(data.meeting), request.locale).text,
      <MeetingPage
        t={request.t}
        locale={request.locale}
        data={data}
        csrf={request.principal ? reply.csrfToken() : null}
        state={state}
      />,
      { hasErrors: failed, ...(status ? { status } : {}) },
    );
  };

  app.get<IdParams & { Querystring: { done?: string } }>(
    "/meetings/:id",
    { config: { pageCache: true } },
    async (request, reply) => {
      const done = DONE.find((d) => d === request.query.done);
      return show(request, reply, request.params.id, { done });
    },
  );

  app.get<IdParams>("/meetings/:id/calendar.ics", async (request, reply) => {
    const id = request.params.id;
    const data = MEETING_ID.test(id) ? await loadMeetingPage(ctx, id, null) : null;
    if (!data) throw new HalyqError("NOT_FOUND");
    const m = data.meeting;
    const locale = request.locale;
    const page = `${ctx.config.publicUrl}/meetings/${m.id}`;
    const agenda = pick(agendas(m), locale).text;
    const body = calendarFile({
      uid: `meeting-${m.id}@${new URL(ctx.config.publicUrl).host}`,
      stamp: new Date(m.updated_at),
      start: new Date(m.starts_at),
      end: new Date(m.ends_at),
      summary: pick(titles(m), locale).text,
      description: `${agenda}\n\n${page}`,
      ...(m.place ? { location: m.place } : {}),
      url: m.online_url ?? page,
    });
    return reply
      .header("content-type", "text/calendar; charset=utf-8")
      .header("content-disposition", 'attachment; filename="meeting.ics"')
      .send(body);
  });

  /** Maps a command's outcome for a citizen's form: back to the page, with what happened. */
  const outcome = async <T,>(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    result: Result<T>,
    done: (value: T) => string,
    values: MeetingPageState["values"],
  ) => {
    switch (result.kind) {
      case "ok":
        return reply.redirect(`/meetings/${id}?done=${done(result.value)}`, 303);
      case "invalid":
        return show(request, reply, id, { issues: result.issues, values }, 400);
      case "conflict":
        return show(
          request,
          reply,
          id,
          { conflict: request.t(`meetings.conflict.${String(result.params?.reason ?? "state")}`) },
          409,
        );
      case "forbidden":
        throw new HalyqError("FORBIDDEN");
      default:
        throw new HalyqError("NOT_FOUND");
    }
  };

  const guard = (request: FastifyRequest, reply: FastifyReply) => {
    if (!MEETING_ID.test((request.params as { id: string }).id)) throw new HalyqError("NOT_FOUND");
    return requirePage(request, reply);
  };

  app.post<IdParams & { Body: FormBody }>("/meetings/:id/register", async (request, reply) => {
    const principal = guard(request, reply);
    if (!principal) return reply;
    const id = request.params.id;
    const territory = one(request.body, "territory");
    const result = await registerForMeeting(ctx, principal, id, {
      ...(territory ? { territoryCode: territory } : {}),
    });
    return outcome(
      request,
      reply,
      id,
      result,
      (s) => (s.status === "confirmed" ? "registered" : "waiting"),
      { territory },
    );
  });

  app.post<IdParams & { Body: FormBody }>("/meetings/:id/cancel", async (request, reply) => {
    const principal = guard(request, reply);
    if (!principal) return reply;
    const id = request.params.id;
    const result = await cancelRegistration(ctx, principal, id);
    return outcome(request, reply, id, result, () => "cancelled", {});
  });

  app.post<IdParams & { Body: FormBody }>("/meetings/:id/questions", async (request, reply) => {
    const principal = guard(request, reply);
    if (!principal) return reply;
    const id = request.params.id;
    const values = {
      questionKind: one(request.body, "questionKind"),
      questionText: one(request.body, "questionText"),
    };
    const result = await submitQuestion(ctx, principal, id, {
      kind: values.questionKind,
      text: values.questionText,
    });
    return outcome(request, reply, id, result, () => "asked", values);
  });
}

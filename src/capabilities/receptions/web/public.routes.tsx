import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isPlainDate } from "../../../kernel/calendar/index.js";
import { HalyqError } from "../../../kernel/errors.js";
import type { Principal } from "../../../kernel/permissions.js";
import type { Result } from "../../../kernel/result.js";
import { utcToLocal } from "../../../kernel/time/local-time.js";
import type { AppContext } from "../../../platform/manifest.js";
import { one } from "../../../web/components/form-fields.js";
import { formatDate } from "../../../web/format.js";
import { requirePage } from "../../../web/guards.js";
import { appealDueOn } from "../../appeals/index.js";
import { accountNames } from "../../identity/index.js";
import { answerClarification, bookSlot, cancelBooking, moveBooking } from "../commands/booking.js";
import { ID, WRITE_LIMIT } from "../reception.js";
import {
  agencyById,
  agencyBySlug,
  agencySlots,
  agencyTopics,
  bodiesReceiving,
  bookingsOfAccount,
  findBooking,
  findSlot,
  ticketsOfDay,
} from "../reception.repository.js";
import { type FormBody, nameIn, personName, slotTime } from "./common.js";
import {
  AgencyReceptionPage,
  BookingPage,
  type BookingPageState,
  MyReceptionsPage,
  QueuePage,
  type ReceptionChoice,
  ReceptionIndexPage,
  SlotPage,
  type SlotPageState,
} from "./public-views.js";

type IdParams = { Params: { id: string } };
const DONE = ["booked", "moved", "cancelled", "answered"] as const;
const WEEKS_SHOWN = 8;

/** A sample of the public reception pages: the list, each receiving body's page and queue, one slot. */
export async function publicReceptionPaths(ctx: AppContext): Promise<string[]> {
  const now = ctx.clock.now().toISOString();
  const bodies = await bodiesReceiving(ctx.db.kysely, now);
  const paths = ["/reception"];
  for (const b of bodies.slice(0, 3))
    paths.push(`/agencies/${b.slug}/reception`, `/agencies/${b.slug}/reception/queue`);
  const first = bodies[0];
  if (first) {
    const [slot] = await agencySlots(ctx.db.kysely, first.id, {
      from: now,
      freeOnly: true,
      limit: 1,
    });
    if (slot) paths.push(`/reception/slots/${slot.id}`);
  }
  return paths;
}

/** Everything the person's booking page shows. */
export async function bookingDetails(ctx: AppContext, id: string, locale: "kk" | "ru" | "en") {
  const db = ctx.db.kysely;
  const booking = await findBooking(db, id);
  if (!booking) return null;
  const [slot, agency, official, topics, advice] = await Promise.all([
    booking.slot_id ? findSlot(db, booking.slot_id) : Promise.resolve(undefined),
    agencyById(db, booking.agency_id),
    accountNames(db, [booking.official_id]).then((names) => names.get(booking.official_id)),
    agencyTopics(db, booking.agency_id),
    booking.advice_agency_id
      ? agencyById(db, booking.advice_agency_id)
      : Promise.resolve(undefined),
  ]);
  if (!agency) return null;
  const topic = topics.find((x) => x.id === booking.topic_id);
  return {
    booking,
    slot,
    agency,
    official: official ? personName(official) : "",
    topic: topic ? nameIn(topic, locale) : null,
    advice,
  };
}

/** The official and day asked for in the address (each official's first day otherwise). */
function choiceOf(q: { official?: string; day?: string }): ReceptionChoice {
  return typeof q.official === "string" &&
    typeof q.day === "string" &&
    /^[A-Za-z0-9_-]{1,64}$/.test(q.official) &&
    /^\d{4}-\d{2}-\d{2}$/.test(q.day)
    ? { official: q.official, day: q.day }
    : { official: "", day: "" };
}

/** Reception for everyone: bodies receiving, a body's slots and queue, booking and one's own bookings. */
export async function publicReceptionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  app.get("/reception", { config: { pageCache: true } }, async (request, reply) => {
    const bodies = await bodiesReceiving(db, ctx.clock.now().toISOString());
    return reply.page(
      request.t("receptions.index.title"),
      <ReceptionIndexPage
        t={request.t}
        locale={request.locale}
        bodies={bodies}
        zone={ctx.calendars.forJurisdiction().rules.timeZone}
      />,
    );
  });

  app.get<{ Params: { slug: string }; Querystring: { official?: string; day?: string } }>(
    "/agencies/:slug/reception",
    { config: { pageCache: true } },
    async (request, reply) => {
      const agency = await agencyBySlug(db, request.params.slug);
      if (!agency) throw new HalyqError("NOT_FOUND");
      const now = ctx.clock.now();
      const [slots, topics] = await Promise.all([
        agencySlots(db, agency.id, {
          from: now.toISOString(),
          to: new Date(now.getTime() + WEEKS_SHOWN * 7 * 86_400_000).toISOString(),
          freeOnly: true,
          limit: 300,
        }),
        agencyTopics(db, agency.id),
      ]);
      return reply.page(
        `${request.t("receptions.agency.title")} — ${nameIn(agency, request.locale)}`,
        <AgencyReceptionPage
          t={request.t}
          locale={request.locale}
          agency={agency}
          slots={slots}
          topics={new Map(topics.map((x) => [x.id, nameIn(x, request.locale)]))}
          choice={choiceOf(request.query)}
        />,
      );
    },
  );

  app.get<{ Params: { slug: string }; Querystring: { day?: string } }>(
    "/agencies/:slug/reception/queue",
    { config: { pageCache: true } },
    async (request, reply) => {
      const agency = await agencyBySlug(db, request.params.slug);
      if (!agency) throw new HalyqError("NOT_FOUND");
      const today = utcToLocal(
        ctx.clock.now(),
        ctx.calendars.forJurisdiction(agency.jurisdiction).rules.timeZone,
      ).slice(0, 10);
      const day = request.query.day && isPlainDate(request.query.day) ? request.query.day : today;
      const tickets = await ticketsOfDay(db, agency.id, day);
      return reply.page(
        `${request.t("receptions.queue.title")} — ${nameIn(agency, request.locale)}`,
        <QueuePage
          t={request.t}
          locale={request.locale}
          agency={agency}
          day={day}
          dayText={formatDate(day, request.locale)}
          tickets={tickets}
        />,
      );
    },
  );

  const showSlot = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: SlotPageState,
    status?: number,
  ) => {
    const slot = ID.test(id) ? await findSlot(db, id) : undefined;
    if (!slot) throw new HalyqError("NOT_FOUND");
    const [agency, topics] = await Promise.all([
      agencyById(db, slot.agency_id),
      agencyTopics(db, slot.agency_id),
    ]);
    if (!agency) throw new HalyqError("NOT_FOUND");
    const taken: string[] = JSON.parse(slot.topics);
    const p = request.principal;
    const failed = (state.issues?.length ?? 0) > 0 || state.conflict !== undefined;
    return reply.page(
      request.t("receptions.slot.title"),
      <SlotPage
        t={request.t}
        locale={request.locale}
        slot={slot}
        agency={agency}
        topics={topics
          .filter((x) => taken.includes(x.id))
          .map((x) => ({ value: x.id, label: nameIn(x, request.locale) }))}
        viewer={p ? p.kind : null}
        csrf={p ? reply.csrfToken() : null}
        state={state}
      />,
      { hasErrors: failed, ...(status ? { status } : {}) },
    );
  };

  app.get<IdParams>("/reception/slots/:id", async (request, reply) =>
    showSlot(request, reply, request.params.id, {}),
  );

  app.post<IdParams & { Body: FormBody }>(
    "/reception/slots/:id/book",
    { config: { rateLimit: WRITE_LIMIT } },
    async (request, reply) => {
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      const values = {
        question: one(request.body, "question"),
        topicId: one(request.body, "topicId"),
        redirectConsent: one(request.body, "redirectConsent") === "yes",
      };
      const result = await bookSlot(ctx, principal, {
        slotId: request.params.id,
        ...values,
        language: request.locale,
      });
      if (result.kind === "ok")
        return reply.redirect(`/reception/bookings/${result.value.id}?done=booked`, 303);
      if (result.kind === "invalid")
        return showSlot(request, reply, request.params.id, { issues: result.issues, values }, 400);
      if (result.kind === "conflict")
        return showSlot(
          request,
          reply,
          request.params.id,
          {
            conflict: request.t(`receptions.conflict.${String(result.params?.reason ?? "state")}`),
            values,
          },
          409,
        );
      throw new HalyqError(result.kind === "forbidden" ? "FORBIDDEN" : "NOT_FOUND");
    },
  );

  app.get("/reception/mine", async (request, reply) => {
    const principal = requirePage(request, reply);
    if (!principal) return reply;
    const rows = await bookingsOfAccount(db, principal.accountId);
    const shown = [];
    for (const b of rows) {
      const d = await bookingDetails(ctx, b.id, request.locale);
      if (!d) continue;
      shown.push({
        booking: b,
        when: d.slot ? slotTime(d.slot, request.locale) : b.day,
        body: nameIn(d.agency, request.locale),
      });
    }
    return reply.page(
      request.t("receptions.mine.title"),
      <MyReceptionsPage t={request.t} locale={request.locale} rows={shown} />,
    );
  });

  const showBooking = async (
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    id: string,
    state: BookingPageState,
    status?: number,
  ) => {
    const d = ID.test(id) ? await bookingDetails(ctx, id, request.locale) : null;
    if (
      !d ||
      !ctx.policy.can(principal, "reception.own", {
        agencyId: d.booking.agency_id,
        accountId: d.booking.account_id,
      })
    )
      throw new HalyqError("NOT_FOUND");
    const now = ctx.clock.now().toISOString();
    const moveTo = (
      await agencySlots(db, d.booking.agency_id, { from: now, freeOnly: true, limit: 12 })
    ).filter((s) => s.id !== d.booking.slot_id);
    let appealDue: string | null = null;
    if (d.booking.appeal_id) {
      const dueOn = await appealDueOn(db, d.booking.appeal_id);
      if (dueOn) appealDue = formatDate(dueOn, request.locale, "long");
    }
    const failed = (state.issues?.length ?? 0) > 0 || state.conflict !== undefined;
    return reply.page(
      request.t("receptions.booking.title"),
      <BookingPage
        t={request.t}
        locale={request.locale}
        details={{ t: request.t, locale: request.locale, ...d }}
        appealDue={appealDue}
        moveTo={moveTo}
        future={!!d.booking.starts_at && d.booking.starts_at > now}
        csrf={reply.csrfToken()}
        state={state}
      />,
      { hasErrors: failed, ...(status ? { status } : {}) },
    );
  };

  app.get<IdParams & { Querystring: { done?: string } }>(
    "/reception/bookings/:id",
    async (request, reply) => {
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      const done = DONE.find((x) => x === request.query.done);
      return showBooking(request, reply, principal, request.params.id, { done });
    },
  );

  const after = async <T,>(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    id: string,
    result: Result<T>,
    done: (typeof DONE)[number],
    values: BookingPageState["values"],
  ) => {
    switch (result.kind) {
      case "ok":
        return reply.redirect(`/reception/bookings/${id}?done=${done}`, 303);
      case "invalid":
        return showBooking(request, reply, principal, id, { issues: result.issues, values }, 400);
      case "conflict":
        return showBooking(
          request,
          reply,
          principal,
          id,
          {
            conflict: request.t(`receptions.conflict.${String(result.params?.reason ?? "state")}`),
          },
          409,
        );
      case "forbidden":
        throw new HalyqError("FORBIDDEN");
      default:
        throw new HalyqError("NOT_FOUND");
    }
  };

  app.post<IdParams & { Body: FormBody }>(
    "/reception/bookings/:id/cancel",
    async (request, reply) => {
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      const id = request.params.id;
      return after(
        request,
        reply,
        principal,
        id,
        await cancelBooking(ctx, principal, id),
        "cancelled",
        {},
      );
    },
  );

  app.post<IdParams & { Body: FormBody }>(
    "/reception/bookings/:id/move",
    { config: { rateLimit: WRITE_LIMIT } },
    async (request, reply) => {
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      const id = request.params.id;
      const slotId = one(request.body, "slotId");
      return after(
        request,
        reply,
        principal,
        id,
        await moveBooking(ctx, principal, id, slotId),
        "moved",
        {
          slotId,
        },
      );
    },
  );

  app.post<IdParams & { Body: FormBody }>(
    "/reception/bookings/:id/answer",
    async (request, reply) => {
      const principal = requirePage(request, reply);
      if (!principal) return reply;
      const id = request.params.id;
      const answer = one(request.body, "answer");
      return after(
        request,
        reply,
        principal,
        id,
        await answerClarification(ctx, principal, id, answer),
        "answered",
        { answer },
      );
    },
  );
}

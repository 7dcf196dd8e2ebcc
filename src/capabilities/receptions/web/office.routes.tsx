import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { Principal } from "../../../kernel/permissions.js";
import type { Result } from "../../../kernel/result.js";
import { utcToLocal } from "../../../kernel/time/local-time.js";
import type { AppContext } from "../../../platform/manifest.js";
import { one } from "../../../web/components/form-fields.js";
import { formatDate } from "../../../web/format.js";
import { staffOnly } from "../../../web/guards.js";
import { accountNames } from "../../identity/index.js";
import {
  askClarification,
  handledBooking,
  issueTicket,
  recordOutcome,
  redirectBooking,
} from "../commands/office.js";
import { publishSchedule } from "../commands/schedule.js";
import {
  activeAgencies,
  agencyBookings,
  agencyById,
  agencyTopics,
  findSlots,
  officialsOf,
} from "../reception.repository.js";
import { type FormBody, many, nameIn, personName, slotTime } from "./common.js";
import {
  OfficeBookingPage,
  type OfficeBookingState,
  OfficePage,
  type OfficeState,
} from "./office-views.js";
import { bookingDetails } from "./public.routes.js";

type IdParams = { Params: { id: string } };
type AgencyQuery = { Querystring: { agency?: string; done?: string; ticket?: string } };
const DONE = ["scheduled", "ticket", "clarified", "redirected", "outcome"] as const;

/** The body the office page is for: the one asked for, else the first the person receives in. */
function agencyFor(ctx: AppContext, principal: Principal, asked: string | undefined): string {
  const ids = [
    ...new Set(
      principal.grants
        .filter((g) => g.agencyId !== null && (g.role === "head" || g.role === "registrar"))
        .map((g) => g.agencyId as string),
    ),
  ];
  const id = asked ?? ids[0];
  if (!id || !ctx.policy.can(principal, "reception.handle", { agencyId: id }))
    throw new HalyqError("FORBIDDEN");
  return id;
}

/** The body's reception desk: bookings, walk-in tickets, schedules; each booking's outcome. */
export async function officeReceptionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  const showOffice = async (
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    agencyId: string,
    state: OfficeState,
    status?: number,
  ) => {
    const agency = await agencyById(db, agencyId);
    if (!agency) throw new HalyqError("NOT_FOUND");
    const locale = request.locale;
    const today = utcToLocal(
      ctx.clock.now(),
      ctx.calendars.forJurisdiction(agency.jurisdiction).rules.timeZone,
    ).slice(0, 10);
    const [bookings, officials, topics] = await Promise.all([
      agencyBookings(db, agencyId, today),
      officialsOf(db, agencyId),
      agencyTopics(db, agencyId),
    ]);
    const names = new Map(officials.map((o) => [o.id, personName(o)]));
    const [people, slots] = await Promise.all([
      accountNames(
        db,
        bookings.flatMap((b) => (b.account_id ? [b.account_id] : [])),
      ),
      findSlots(
        db,
        bookings.flatMap((b) => (b.slot_id ? [b.slot_id] : [])),
      ),
    ]);
    const rows = [];
    for (const b of bookings) {
      const slot = b.slot_id ? slots.get(b.slot_id) : undefined;
      const account = b.account_id ? people.get(b.account_id) : undefined;
      rows.push({
        booking: b,
        when: slot
          ? slotTime(slot, locale)
          : `${formatDate(b.day, locale, "long")} — ${request.t("receptions.ticket")} ${String(b.ticket_no)}`,
        official: names.get(b.official_id) ?? "",
        person: (b.account_id ? account && personName(account) : b.visitor_name) ?? "",
      });
    }
    const failed = (state.issues?.length ?? 0) > 0 || state.conflict !== undefined;
    return reply.page(
      request.t("receptions.office.title"),
      <OfficePage
        t={request.t}
        locale={locale}
        agency={agency}
        canSchedule={ctx.policy.can(principal, "reception.schedule", { agencyId })}
        officials={officials.map((o) => ({ id: o.id, name: personName(o) }))}
        topics={topics.map((x) => ({ value: x.id, label: nameIn(x, locale) }))}
        rows={rows}
        csrf={reply.csrfToken()}
        state={state}
      />,
      { hasErrors: failed, ...(status ? { status } : {}) },
    );
  };

  app.get<AgencyQuery>("/office/reception", async (request, reply) => {
    const principal = staffOnly(request, reply);
    if (!principal) return reply;
    const agencyId = agencyFor(ctx, principal, request.query.agency);
    const done = DONE.find((d) => d === request.query.done);
    return showOffice(request, reply, principal, agencyId, {
      done,
      values: { ticket: request.query.ticket ?? "" },
    });
  });

  app.post<AgencyQuery & { Body: FormBody }>(
    "/office/reception/schedules",
    async (request, reply) => {
      const principal = staffOnly(request, reply);
      if (!principal) return reply;
      const agencyId = agencyFor(ctx, principal, request.query.agency);
      const b = request.body;
      const pad = (s: string) => (s.length === 1 ? `0${s}` : s);
      const [day, month, year] = ["firstDay-day", "firstDay-month", "firstDay-year"].map((k) =>
        one(b, k),
      ) as [string, string, string];
      const values = {
        "firstDay-day": day,
        "firstDay-month": month,
        "firstDay-year": year,
        weeks: one(b, "weeks"),
        startTime: one(b, "startTime"),
        endTime: one(b, "endTime"),
        slotMinutes: one(b, "slotMinutes"),
        place: one(b, "place"),
        onlineUrl: one(b, "onlineUrl"),
        topics: many(b, "topics[]"),
      };
      const result = await publishSchedule(ctx, principal, agencyId, {
        firstDay: `${year}-${pad(month)}-${pad(day)}`,
        weeks: values.weeks,
        startTime: pad(values.startTime),
        endTime: pad(values.endTime),
        slotMinutes: values.slotMinutes,
        place: values.place,
        onlineUrl: values.onlineUrl,
        topics: values.topics,
      });
      if (result.kind === "ok")
        return reply.redirect(
          `/office/reception?agency=${encodeURIComponent(agencyId)}&done=scheduled`,
          303,
        );
      if (result.kind === "invalid")
        return showOffice(
          request,
          reply,
          principal,
          agencyId,
          { form: "schedule", issues: result.issues, values },
          400,
        );
      throw new HalyqError(result.kind === "forbidden" ? "FORBIDDEN" : "NOT_FOUND");
    },
  );

  app.post<AgencyQuery & { Body: FormBody }>(
    "/office/reception/tickets",
    async (request, reply) => {
      const principal = staffOnly(request, reply);
      if (!principal) return reply;
      const agencyId = agencyFor(ctx, principal, request.query.agency);
      const values = {
        officialId: one(request.body, "officialId"),
        visitorName: one(request.body, "visitorName"),
        visitorContact: one(request.body, "visitorContact"),
        question: one(request.body, "question"),
      };
      const result = await issueTicket(ctx, principal, agencyId, {
        ...values,
        language: request.locale,
      });
      if (result.kind === "ok")
        return reply.redirect(
          `/office/reception/bookings/${encodeURIComponent(result.value.id)}/ticket?issued=1`,
          303,
        );
      if (result.kind === "invalid")
        return showOffice(
          request,
          reply,
          principal,
          agencyId,
          { form: "ticket", issues: result.issues, values },
          400,
        );
      throw new HalyqError(result.kind === "forbidden" ? "FORBIDDEN" : "NOT_FOUND");
    },
  );

  const showBooking = async (
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    id: string,
    state: OfficeBookingState,
    status?: number,
  ) => {
    const found = await handledBooking(ctx, principal, id);
    if (found.kind === "forbidden") throw new HalyqError("FORBIDDEN");
    if (found.kind !== "ok") throw new HalyqError("NOT_FOUND");
    const d = await bookingDetails(ctx, id, request.locale);
    if (!d) throw new HalyqError("NOT_FOUND");
    const person = d.booking.account_id
      ? (await accountNames(db, [d.booking.account_id])).get(d.booking.account_id)
      : undefined;
    const failed = (state.issues?.length ?? 0) > 0 || state.conflict !== undefined;
    return reply.page(
      request.t("receptions.office.booking_title"),
      <OfficeBookingPage
        t={request.t}
        locale={request.locale}
        details={{ t: request.t, locale: request.locale, ...d }}
        person={person ? personName(person) : (d.booking.visitor_name ?? "")}
        agencies={await activeAgencies(db)}
        csrf={reply.csrfToken()}
        state={state}
      />,
      { hasErrors: failed, ...(status ? { status } : {}) },
    );
  };

  app.get<IdParams & { Querystring: { done?: string } }>(
    "/office/reception/bookings/:id",
    async (request, reply) => {
      const principal = staffOnly(request, reply);
      if (!principal) return reply;
      const done = DONE.find((d) => d === request.query.done);
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
    values: Record<string, string>,
  ) => {
    switch (result.kind) {
      case "ok":
        return reply.redirect(`/office/reception/bookings/${id}?done=${done}`, 303);
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
            values,
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
    "/office/reception/bookings/:id/outcome",
    async (request, reply) => {
      const principal = staffOnly(request, reply);
      if (!principal) return reply;
      const id = request.params.id;
      const values = {
        outcome: one(request.body, "outcome"),
        appealKind: one(request.body, "appealKind"),
        refusalReason: one(request.body, "refusalReason"),
        note: one(request.body, "note"),
      };
      const result = await recordOutcome(ctx, principal, id, values);
      return after(request, reply, principal, id, result, "outcome", values);
    },
  );

  app.post<IdParams & { Body: FormBody }>(
    "/office/reception/bookings/:id/clarify",
    async (request, reply) => {
      const principal = staffOnly(request, reply);
      if (!principal) return reply;
      const id = request.params.id;
      const clarification = one(request.body, "clarification");
      const result = await askClarification(ctx, principal, id, clarification);
      return after(request, reply, principal, id, result, "clarified", { clarification });
    },
  );

  app.post<IdParams & { Body: FormBody }>(
    "/office/reception/bookings/:id/redirect",
    async (request, reply) => {
      const principal = staffOnly(request, reply);
      if (!principal) return reply;
      const id = request.params.id;
      const values = {
        redirectAgency: one(request.body, "redirectAgency"),
        redirectNote: one(request.body, "redirectNote"),
      };
      const result = await redirectBooking(ctx, principal, id, {
        agencyId: values.redirectAgency,
        note: values.redirectNote,
      });
      return after(request, reply, principal, id, result, "redirected", values);
    },
  );
}

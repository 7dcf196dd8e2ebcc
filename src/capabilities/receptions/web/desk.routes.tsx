import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { addDays } from "../../../kernel/calendar/plain-date.js";
import { HalyqError } from "../../../kernel/errors.js";
import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { Principal } from "../../../kernel/permissions.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { utcToLocal } from "../../../kernel/time/local-time.js";
import type { AppContext } from "../../../platform/manifest.js";
import { type DateParts, dateParts, isoDate } from "../../../web/components/form-fields.js";
import { formatDate, formatPeriod, formatTime } from "../../../web/format.js";
import { staffOnly } from "../../../web/guards.js";
import {
  attachment,
  CSV_TYPE,
  type SheetColumn,
  sheetCsv,
  XLSX_TYPE,
  xlsxWorkbook,
} from "../../../web/spreadsheet.js";
import { accountNames } from "../../identity/index.js";
import { handledBooking } from "../commands/office.js";
import type { BookingRow } from "../reception.repository.js";
import { agencyById, bookingsInPeriod, findSlots } from "../reception.repository.js";
import { nameIn, personName } from "./common.js";
import { type JournalEntry, JournalPage, TicketPage } from "./desk-views.js";

const QUERY = {
  type: "object",
  properties: {
    agency: { type: "string", maxLength: 100 },
    "from-day": { type: "string", maxLength: 4 },
    "from-month": { type: "string", maxLength: 4 },
    "from-year": { type: "string", maxLength: 6 },
    "to-day": { type: "string", maxLength: 4 },
    "to-month": { type: "string", maxLength: 4 },
    "to-year": { type: "string", maxLength: 6 },
  },
} as const;
type JournalQuery = { Querystring: Record<string, string | undefined> };

const partsOf = (iso: string): DateParts => ({
  year: iso.slice(0, 4),
  month: String(Number(iso.slice(5, 7))),
  day: String(Number(iso.slice(8, 10))),
});

/** The body whose desk this is: the one asked for, else the first the person receives in. */
function agencyFor(ctx: AppContext, principal: Principal, asked: string | undefined): string {
  const ids = principal.grants
    .filter((g) => g.agencyId !== null && (g.role === "head" || g.role === "registrar"))
    .map((g) => g.agencyId as string);
  const id = asked || ids[0];
  if (!id || !ctx.policy.can(principal, "reception.handle", { agencyId: id }))
    throw new HalyqError("FORBIDDEN");
  return id;
}

/**
 * The reception desk's printable ticket (GET /office/reception/bookings/:id/ticket) and the
 * journal of personal reception (GET /office/reception/journal, with its CSV and XLSX
 * exports), for a body's heads and registrars.
 */
export async function receptionDeskRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  async function entriesOf(
    rows: BookingRow[],
    t: Translate,
    locale: Locale,
    timeZone: string,
  ): Promise<JournalEntry[]> {
    const [slots, people] = await Promise.all([
      findSlots(
        db,
        rows.flatMap((b) => (b.slot_id ? [b.slot_id] : [])),
      ),
      accountNames(db, [
        ...new Set(
          rows.flatMap((b) => (b.account_id ? [b.account_id, b.official_id] : [b.official_id])),
        ),
      ]),
    ]);
    return rows.map((b) => {
      const slot = b.slot_id ? slots.get(b.slot_id) : undefined;
      const account = b.account_id ? people.get(b.account_id) : undefined;
      const official = people.get(b.official_id);
      const zone = slot?.time_zone ?? timeZone;
      return {
        id: b.id,
        day: formatDate(b.day, locale, "long"),
        time: slot
          ? `${formatTime(slot.starts_at, locale, zone)}–${formatTime(slot.ends_at, locale, zone)}`
          : b.starts_at
            ? formatTime(b.starts_at, locale, zone)
            : "",
        kind:
          b.kind === "walk_in"
            ? t("receptions.office_desk.journal.kind_walk_in", {
                ticket: String(b.ticket_no ?? ""),
              })
            : t("receptions.office_desk.journal.kind_booking"),
        visitor: (account ? personName(account) : b.visitor_name) ?? "",
        official: official ? personName(official) : "",
        question: b.question,
        status: b.status,
        outcome: t(`receptions.status.${b.status}`),
        appealNumber: b.appeal_number,
      };
    });
  }

  /** The period the journal asks for (a month back and forward by default), or what is wrong. */
  function periodOf(query: Record<string, string | undefined>, today: string) {
    const asked = Object.keys(query).some((k) => k.startsWith("from-") || k.startsWith("to-"));
    const from = asked ? dateParts(query, "from") : partsOf(addDays(today, -30));
    const to = asked ? dateParts(query, "to") : partsOf(addDays(today, 30));
    const issues: FieldIssue[] = [];
    const f = isoDate(from);
    const tIso = isoDate(to);
    if (!f) issues.push({ field: "from", key: "receptions.office_desk.journal.error.from" });
    if (!tIso) issues.push({ field: "to", key: "receptions.office_desk.journal.error.to" });
    if (f && tIso && tIso < f)
      issues.push({ field: "to", key: "receptions.office_desk.journal.error.order" });
    else if (f && tIso && tIso > addDays(f, 366))
      issues.push({ field: "to", key: "receptions.office_desk.journal.error.long" });
    return {
      from,
      to,
      issues,
      period: issues.length === 0 && f && tIso ? { from: f, to: tIso } : null,
    };
  }

  async function journal(request: FastifyRequest<JournalQuery>, reply: FastifyReply) {
    const principal = staffOnly(request, reply);
    if (!principal) return null;
    const agencyId = agencyFor(ctx, principal, request.query.agency);
    const agency = await agencyById(db, agencyId);
    if (!agency) throw new HalyqError("NOT_FOUND");
    const timeZone = ctx.calendars.forJurisdiction(agency.jurisdiction).rules.timeZone;
    const today = utcToLocal(ctx.clock.now(), timeZone).slice(0, 10);
    const chosen = periodOf(request.query, today);
    const rows = chosen.period ? await bookingsInPeriod(db, agencyId, chosen.period) : [];
    const entries = await entriesOf(rows, request.t, request.locale, timeZone);
    return { agency, agencyId, chosen, entries };
  }

  app.get<JournalQuery>(
    "/office/reception/journal",
    { schema: { querystring: QUERY } },
    async (request, reply) => {
      const j = await journal(request, reply);
      if (!j) return reply;
      const { chosen } = j;
      const exportQuery = chosen.period
        ? new URLSearchParams({
            agency: j.agencyId,
            "from-day": chosen.from.day,
            "from-month": chosen.from.month,
            "from-year": chosen.from.year,
            "to-day": chosen.to.day,
            "to-month": chosen.to.month,
            "to-year": chosen.to.year,
          }).toString()
        : null;
      return reply.page(
        request.t("receptions.office_desk.journal.title"),
        <JournalPage
          t={request.t}
          locale={request.locale}
          agencyId={j.agencyId}
          agencyName={nameIn(j.agency, request.locale)}
          from={chosen.from}
          to={chosen.to}
          period={chosen.period ? formatPeriod(chosen.period, request.locale) : null}
          issues={chosen.issues}
          entries={j.entries}
          exportQuery={exportQuery}
        />,
        chosen.issues.length > 0 ? { status: 400, hasErrors: true } : {},
      );
    },
  );

  const columns = (t: Translate): SheetColumn<JournalEntry>[] => [
    {
      header: t("receptions.office_desk.journal.day"),
      type: "text",
      value: (e) => e.day,
      width: 22,
    },
    {
      header: t("receptions.office_desk.journal.time"),
      type: "text",
      value: (e) => e.time,
      width: 14,
    },
    {
      header: t("receptions.office_desk.journal.kind"),
      type: "text",
      value: (e) => e.kind,
      width: 24,
    },
    {
      header: t("receptions.office_desk.journal.visitor"),
      type: "text",
      value: (e) => e.visitor,
      width: 30,
    },
    {
      header: t("receptions.office_desk.journal.official"),
      type: "text",
      value: (e) => e.official,
      width: 30,
    },
    {
      header: t("receptions.office_desk.journal.question"),
      type: "text",
      value: (e) => e.question,
      width: 50,
    },
    {
      header: t("receptions.office_desk.journal.outcome"),
      type: "text",
      value: (e) => e.outcome,
      width: 30,
    },
    {
      header: t("receptions.office_desk.journal.appeal"),
      type: "text",
      value: (e) => e.appealNumber,
      width: 18,
    },
  ];

  for (const format of ["csv", "xlsx"] as const) {
    app.get<JournalQuery>(
      `/office/reception/journal.${format}`,
      { schema: { querystring: QUERY } },
      async (request, reply) => {
        const j = await journal(request, reply);
        if (!j) return reply;
        if (!j.chosen.period) throw new HalyqError("BAD_REQUEST");
        const name = `reception-journal-${j.chosen.period.from}-${j.chosen.period.to}.${format}`;
        const sheet = {
          name: request.t("receptions.office_desk.journal.sheet"),
          columns: columns(request.t),
          rows: j.entries,
        };
        reply
          .header("content-disposition", attachment(name))
          .header("cache-control", "private, no-store")
          .header("x-content-type-options", "nosniff");
        if (format === "csv") return reply.type(CSV_TYPE).send(sheetCsv(sheet));
        return reply.type(XLSX_TYPE).send(await xlsxWorkbook([sheet]));
      },
    );
  }

  app.get<{ Params: { id: string }; Querystring: { issued?: string } }>(
    "/office/reception/bookings/:id/ticket",
    async (request, reply) => {
      const principal = staffOnly(request, reply);
      if (!principal) return reply;
      const found = await handledBooking(ctx, principal, request.params.id);
      if (found.kind === "forbidden") throw new HalyqError("FORBIDDEN");
      if (found.kind !== "ok") throw new HalyqError("NOT_FOUND");
      const b = found.value;
      const agency = await agencyById(db, b.agency_id);
      if (!agency) throw new HalyqError("NOT_FOUND");
      const timeZone = ctx.calendars.forJurisdiction(agency.jurisdiction).rules.timeZone;
      const [entry] = await entriesOf([b], request.t, request.locale, timeZone);
      const slot = b.slot_id ? (await findSlots(db, [b.slot_id])).get(b.slot_id) : undefined;
      const t = request.t;
      return reply.page(
        t("receptions.office_desk.ticket_title"),
        <TicketPage
          t={t}
          agencyName={nameIn(agency, request.locale)}
          number={b.ticket_no !== null ? String(b.ticket_no) : null}
          when={[entry?.day, entry?.time].filter(Boolean).join(", ")}
          official={entry?.official ?? ""}
          place={
            slot?.place ?? (slot?.online_url ? "" : t("receptions.office_desk.ticket_place_body"))
          }
          visitor={entry?.visitor ?? ""}
          issued={request.query.issued === "1"}
          bookingHref={`/office/reception/bookings/${encodeURIComponent(b.id)}`}
        />,
      );
    },
  );
}

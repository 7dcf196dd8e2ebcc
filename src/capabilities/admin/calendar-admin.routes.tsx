import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../kernel/errors.js";
import type { FieldIssue } from "../../kernel/result.js";
import type { AppContext } from "../../platform/manifest.js";
import { dateParts, isoDate } from "../../web/components/form-fields.js";
import { authorize } from "../../web/guards.js";
import { type EntryInput, removeCalendarEntry, saveCalendarEntry } from "./calendar-admin.js";
import { actorOf, type FormBody, FormBodySchema, one, principalOf } from "./form.js";
import { CalendarAdminPage, type CalendarAdminProps } from "./views/calendar-admin-views.js";

const YearParams = Type.Object({
  jurisdiction: Type.String({ pattern: "^[a-z]{2,8}$" }),
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
});
const Query = Type.Object({
  jurisdiction: Type.Optional(Type.String({ maxLength: 8 })),
  year: Type.Optional(Type.String({ maxLength: 4 })),
  notice: Type.Optional(Type.String({ maxLength: 20 })),
});
type YearRequest = { Params: { jurisdiction: string; year: number }; Body: FormBody };

const EMPTY: CalendarAdminProps["values"] = {
  kind: "",
  date: { day: "", month: "", year: "" },
  name_kk: "",
  name_ru: "",
  name_en: "",
  reason: "",
};

/**
 * Working-day calendars in the web (system administrators): a jurisdiction's year with its
 * holidays, transfers and swaps; a day added, changed or removed is stored as the CLI's
 * calendar-import stores a year, audited, and counted by terms computed from then on.
 */
export async function calendarAdminRoutes(app: FastifyInstance, ctx: AppContext) {
  const thisYear = () => Number(ctx.clock.now().toISOString().slice(0, 4));

  function page(
    request: FastifyRequest,
    reply: FastifyReply,
    jurisdiction: string,
    year: number,
    state: { issues?: FieldIssue[]; values?: CalendarAdminProps["values"]; notice?: string } = {},
  ) {
    const calendar = ctx.calendars.get(jurisdiction);
    if (!calendar) throw new HalyqError("NOT_FOUND");
    const now = thisYear();
    const years = [...new Set([now - 1, now, now + 1, now + 2, year])].sort();
    const issues = state.issues ?? [];
    return reply.page(
      request.t("admin.calendar.title"),
      <CalendarAdminPage
        t={request.t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        jurisdictions={ctx.calendars.codes()}
        year={calendar.yearData(year)}
        years={years}
        notice={state.notice ? request.t(`admin.calendar.notice.${state.notice}`) : undefined}
        issues={issues}
        values={state.values ?? EMPTY}
      />,
      issues.length > 0 ? { status: 400, hasErrors: true } : {},
    );
  }

  app.get<{ Querystring: { jurisdiction?: string; year?: string; notice?: string } }>(
    "/admin/calendars",
    { schema: { hide: true, querystring: Query } },
    async (request, reply) => {
      authorize(ctx.policy, principalOf(request), "calendar.manage");
      const q = request.query;
      const jurisdiction =
        q.jurisdiction && ctx.calendars.get(q.jurisdiction)
          ? q.jurisdiction
          : ctx.calendars.forJurisdiction().rules.code;
      const year = /^\d{4}$/.test(q.year ?? "") ? Number(q.year) : thisYear();
      if (year < 2000 || year > 2100) throw new HalyqError("NOT_FOUND");
      const notice = q.notice === "saved" || q.notice === "removed" ? q.notice : undefined;
      return page(request, reply, jurisdiction, year, notice ? { notice } : {});
    },
  );

  const back = (jurisdiction: string, year: number, notice: string) =>
    `/admin/calendars?jurisdiction=${jurisdiction}&year=${year}&notice=${notice}`;

  app.post<YearRequest>(
    "/admin/calendars/:jurisdiction/:year",
    { schema: { hide: true, params: YearParams, body: FormBodySchema } },
    async (request, reply) => {
      const p = principalOf(request);
      authorize(ctx.policy, p, "calendar.manage");
      const { jurisdiction, year } = request.params;
      const b = request.body;
      const parts = dateParts(b, "date");
      const values = {
        kind: one(b, "kind"),
        date: parts,
        name_kk: one(b, "name_kk"),
        name_ru: one(b, "name_ru"),
        name_en: one(b, "name_en"),
        reason: one(b, "reason"),
      };
      const input: EntryInput = { ...values, date: isoDate(parts) };
      const result = await saveCalendarEntry(ctx, actorOf(p), jurisdiction, year, input);
      if (result.kind === "not_found") throw new HalyqError("NOT_FOUND");
      if (result.kind === "invalid")
        return page(request, reply, jurisdiction, year, { issues: result.issues, values });
      return reply.redirect(back(jurisdiction, year, "saved"), 303);
    },
  );

  app.post<YearRequest>(
    "/admin/calendars/:jurisdiction/:year/remove",
    { schema: { hide: true, params: YearParams, body: FormBodySchema } },
    async (request, reply) => {
      const p = principalOf(request);
      authorize(ctx.policy, p, "calendar.manage");
      const { jurisdiction, year } = request.params;
      const result = await removeCalendarEntry(
        ctx,
        actorOf(p),
        jurisdiction,
        year,
        one(request.body, "date"),
      );
      if (result.kind !== "ok") throw new HalyqError("NOT_FOUND");
      return reply.redirect(back(jurisdiction, year, "removed"), 303);
    },
  );
}

import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { isPlainDate, toPlainDate, yearOf } from "../../kernel/calendar/index.js";
import { HalyqError } from "../../kernel/errors.js";
import type { FieldIssue } from "../../kernel/result.js";
import type { AppContext } from "../../platform/manifest.js";
import { ErrorBody } from "../../web/api-schemas.js";
import { describeYear } from "./calendar.js";
import { type CalculatorForm, CalendarPage } from "./views/calendar-page.js";

/** The most working days one request may count: ten years' worth. */
export const MAX_DAYS = 2600;

const AddQuery = Type.Object({
  from: Type.String({
    description: "Start date, YYYY-MM-DD; counting starts the day after",
    examples: ["2025-03-19"],
  }),
  days: Type.String({ description: `Number of working days, 0 to ${MAX_DAYS}`, examples: ["15"] }),
  jurisdiction: Type.Optional(
    Type.String({ description: "Jurisdiction code (kz, ru); the instance default when absent" }),
  ),
});
const AddResult = Type.Object({
  from: Type.String(),
  days: Type.Integer(),
  jurisdiction: Type.String(),
  date: Type.String({
    description: "The day reached: the end of a term of that many working days",
  }),
});
const YearParams = Type.Object({
  jurisdiction: Type.String({ pattern: "^[a-z]{2,3}$" }),
  year: Type.Integer({ minimum: 1990, maximum: 2100 }),
});
const YearResult = Type.Object({
  jurisdiction: Type.String(),
  year: Type.Integer(),
  official: Type.Boolean({
    description: "true when official data covers the year; false when computed from the rules",
  }),
  source: Type.String(),
  workingDays: Type.Integer(),
  nonWorkingWeekdays: Type.Array(
    Type.Object({
      date: Type.String(),
      holiday: Type.Optional(Type.String()),
      reason: Type.Optional(Type.String()),
    }),
  ),
  workingWeekendDays: Type.Array(Type.Object({ date: Type.String(), reason: Type.String() })),
});

function parseDays(raw: string): number | undefined {
  if (!/^\d{1,6}$/.test(raw.trim())) return undefined;
  const n = Number(raw.trim());
  return n <= MAX_DAYS ? n : undefined;
}

/**
 * The calendar a request names, or the default jurisdiction's when it names none. An unknown
 * one is the caller's mistake (400), never quietly replaced by the default.
 */
function calendarFor(ctx: AppContext, code: string | undefined) {
  const calendar = code ? ctx.calendars.get(code) : ctx.calendars.forJurisdiction();
  if (!calendar) throw new HalyqError("UNKNOWN_JURISDICTION", { jurisdiction: code ?? "" });
  return { jurisdiction: calendar.rules.code, calendar };
}

type FormQuery = Record<string, string | undefined>;

/** Validates the calculator form; every problem is reported at once, against its field. */
function readCalculatorForm(
  ctx: AppContext,
  q: FormQuery,
): { form: CalculatorForm; issues: FieldIssue[] } {
  const form: CalculatorForm = {
    day: (q.day ?? "").trim(),
    month: (q.month ?? "").trim(),
    year: (q.year ?? "").trim(),
    days: (q.days ?? "").trim(),
    jurisdiction: q.jurisdiction || ctx.config.defaultJurisdiction,
  };
  const issues: FieldIssue[] = [];
  const typed = `${form.year.padStart(4, "0")}-${form.month.padStart(2, "0")}-${form.day.padStart(2, "0")}`;
  const date =
    /^\d{4}-\d{2}-\d{2}$/.test(typed) &&
    isPlainDate(typed) &&
    Number(form.year) >= 1990 &&
    Number(form.year) <= 2100
      ? typed
      : undefined;
  if (!form.day && !form.month && !form.year)
    issues.push({ field: "from", key: "calendar.error_from_missing" });
  else if (!date || !isPlainDate(date))
    issues.push({ field: "from", key: "calendar.error_from_invalid" });
  else form.from = date;
  if (!form.days) issues.push({ field: "days", key: "calendar.error_days_missing" });
  else if (parseDays(form.days) === undefined)
    issues.push({ field: "days", key: "calendar.error_days_invalid", params: { max: MAX_DAYS } });
  if (!ctx.calendars.get(form.jurisdiction))
    issues.push({ field: "jurisdiction", key: "calendar.error_jurisdiction" });
  return { form, issues };
}

function submitted(request: FastifyRequest): boolean {
  const q = request.query as FormQuery;
  return ["day", "month", "year", "days"].some((k) => q[k] !== undefined);
}

/** The working-day calculator: a page anyone can use and the API behind every deadline. */
export async function calendarRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get<{ Querystring: FormQuery }>(
    "/calendar",
    { schema: { hide: true } },
    async (request, reply) => {
      const today = toPlainDate(ctx.clock.now(), ctx.calendars.forJurisdiction().rules.timeZone);
      const showYear = Number(request.query.show ?? "") || yearOf(today);
      const { form, issues } = submitted(request)
        ? readCalculatorForm(ctx, request.query)
        : {
            form: {
              day: "",
              month: "",
              year: "",
              days: "",
              jurisdiction: ctx.config.defaultJurisdiction,
            },
            issues: [],
          };
      let result: string | undefined;
      if (submitted(request) && issues.length === 0 && form.from) {
        result = calendarFor(ctx, form.jurisdiction).calendar.addWorkingDays(
          form.from,
          Number(form.days),
        );
      }
      const yearCalendar = ctx.calendars.forJurisdiction(form.jurisdiction);
      const year = showYear >= 1990 && showYear <= 2100 ? showYear : yearOf(today);
      return reply.page(
        request.t("calendar.title"),
        <CalendarPage
          t={request.t}
          locale={request.locale}
          form={form}
          issues={issues}
          result={result}
          jurisdictions={ctx.calendars.codes()}
          year={describeYear(yearCalendar, year)}
        />,
        { hasErrors: issues.length > 0, status: issues.length > 0 ? 400 : 200 },
      );
    },
  );

  app.get<{ Querystring: Static<typeof AddQuery> }>(
    "/api/v1/calendar/add-working-days",
    {
      schema: {
        operationId: "addWorkingDays",
        tags: ["calendar"],
        summary: "The day reached counting N working days from the day after a date",
        description:
          "Holidays, weekend transfers and Government swaps of the jurisdiction are applied. Bad input answers 400.",
        querystring: AddQuery,
        response: { 200: AddResult, 400: ErrorBody },
      },
    },
    async (request) => {
      const { from, days: rawDays } = request.query;
      if (!isPlainDate(from)) throw new HalyqError("INVALID_DATE", { value: from });
      const days = parseDays(rawDays);
      if (days === undefined) throw new HalyqError("INVALID_DAYS", { max: MAX_DAYS });
      const { jurisdiction, calendar } = calendarFor(ctx, request.query.jurisdiction);
      return { from, days, jurisdiction, date: calendar.addWorkingDays(from, days) };
    },
  );

  app.get<{ Params: Static<typeof YearParams> }>(
    "/api/v1/calendar/:jurisdiction/:year",
    {
      schema: {
        operationId: "getCalendarYear",
        tags: ["calendar"],
        summary: "A jurisdiction's working-day calendar for one year",
        params: YearParams,
        response: { 200: YearResult, 400: ErrorBody },
      },
    },
    async (request) => {
      const { calendar } = calendarFor(ctx, request.params.jurisdiction);
      const y = describeYear(calendar, request.params.year);
      return {
        jurisdiction: request.params.jurisdiction,
        year: y.year,
        official: y.official,
        source: y.source,
        workingDays: y.workingDays,
        nonWorkingWeekdays: y.nonWorkingWeekdays,
        workingWeekendDays: y.workingWeekendDays,
      };
    },
  );
}

import { type Actor, appendAudit } from "../../kernel/audit/audit.js";
import {
  type CalendarYear,
  dayOfWeek,
  isPlainDate,
  validateCalendarYear,
  yearOf,
} from "../../kernel/calendar/index.js";
import { importCalendarYear, loadImportedCalendarYears } from "../../kernel/calendar/store.js";
import { type FieldIssue, invalid, notFound, ok, type Result } from "../../kernel/result.js";
import type { AppContext } from "../../platform/manifest.js";

/** What a day in a year's calendar is: a holiday, a weekday off (transfer), a working weekend day (swap). */
export const ENTRY_KINDS = ["holiday", "day_off", "working_day"] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const TEXT_MAX = 300;

/** A day as the administrator's form gives it; the date is `YYYY-MM-DD` or null when not a date. */
export interface EntryInput {
  kind: string;
  date: string | null;
  name_kk: string;
  name_ru: string;
  name_en: string;
  reason: string;
}

const withoutDate = (y: CalendarYear, date: string): CalendarYear => ({
  ...y,
  holidays: y.holidays.filter((h) => h.date !== date),
  daysOff: y.daysOff.filter((d) => d.date !== date),
  workingDays: y.workingDays.filter((d) => d.date !== date),
});

const byDate = <T extends { date: string }>(list: T[]) =>
  [...list].sort((a, b) => a.date.localeCompare(b.date));

/** The problems with a day as typed, in the form's own words. */
export function entryIssues(
  input: EntryInput,
  year: number,
  weekend: readonly number[],
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (field: string, key: string, params?: Record<string, string | number>) =>
    issues.push(
      params
        ? { field, key: `admin.calendar.errors.${key}`, params }
        : { field, key: `admin.calendar.errors.${key}` },
    );
  if (!(ENTRY_KINDS as readonly string[]).includes(input.kind)) add("kind", "kind_missing");
  if (!input.date || !isPlainDate(input.date)) add("date", "date_missing");
  else if (yearOf(input.date) !== year) add("date", "date_year", { year });
  else if (input.kind === "day_off" && weekend.includes(dayOfWeek(input.date)))
    add("date", "day_off_weekend");
  else if (input.kind === "working_day" && !weekend.includes(dayOfWeek(input.date)))
    add("date", "working_day_weekday");
  if (input.kind === "holiday") {
    if (!input.name_kk) add("name_kk", "name_kk_missing");
    if (!input.name_ru) add("name_ru", "name_ru_missing");
  } else if (input.kind === "day_off" || input.kind === "working_day") {
    if (!input.reason) add("reason", "reason_missing");
  }
  for (const f of ["name_kk", "name_ru", "name_en", "reason"] as const)
    if (input[f].length > TEXT_MAX) add(f, "too_long", { max: TEXT_MAX });
  return issues;
}

/**
 * Puts a day into a jurisdiction's year (replacing whatever that date was), stores the year as
 * an imported one (as the CLI's calendar-import does), audits it in the same transaction and
 * reloads this process's calendars, so terms computed from then on count it.
 */
export async function saveCalendarEntry(
  ctx: AppContext,
  actor: Actor,
  jurisdiction: string,
  year: number,
  input: EntryInput,
): Promise<Result<void>> {
  const calendar = ctx.calendars.get(jurisdiction);
  if (!calendar) return notFound();
  const issues = entryIssues(input, year, calendar.rules.weekend);
  if (issues.length > 0) return invalid(issues);
  const date = input.date as string;
  const current = calendar.yearData(year);
  const base = withoutDate(current, date);
  const next: CalendarYear =
    input.kind === "holiday"
      ? {
          ...base,
          holidays: byDate([
            ...base.holidays,
            {
              date,
              name: { kk: input.name_kk, ru: input.name_ru, en: input.name_en || input.name_ru },
            },
          ]),
        }
      : input.kind === "day_off"
        ? { ...base, daysOff: byDate([...base.daysOff, { date, reason: input.reason }]) }
        : { ...base, workingDays: byDate([...base.workingDays, { date, reason: input.reason }]) };
  return store(ctx, actor, current, next, "calendar.day_saved", { date, kind: input.kind });
}

/** Takes a date out of a year's holidays, days off and working days, audited, as above. */
export async function removeCalendarEntry(
  ctx: AppContext,
  actor: Actor,
  jurisdiction: string,
  year: number,
  date: string,
): Promise<Result<void>> {
  const calendar = ctx.calendars.get(jurisdiction);
  if (!calendar) return notFound();
  if (!isPlainDate(date) || yearOf(date) !== year) return notFound();
  const current = calendar.yearData(year);
  const next = withoutDate(current, date);
  const removed =
    current.holidays.length +
    current.daysOff.length +
    current.workingDays.length -
    (next.holidays.length + next.daysOff.length + next.workingDays.length);
  if (removed === 0) return notFound();
  return store(ctx, actor, current, next, "calendar.day_removed", { date });
}

async function store(
  ctx: AppContext,
  actor: Actor,
  before: CalendarYear,
  after: CalendarYear,
  action: string,
  data: Record<string, unknown>,
): Promise<Result<void>> {
  const weekend = ctx.calendars.get(after.jurisdiction)?.rules.weekend;
  if (validateCalendarYear(after, weekend).length > 0)
    return invalid([{ field: "date", key: "admin.calendar.errors.invalid" }]);
  const problems = await ctx.db.kysely.transaction().execute(async (trx) => {
    const found = await importCalendarYear(trx, ctx.clock, after, weekend);
    if (found.length > 0) return found;
    await appendAudit(trx, ctx.clock, [
      {
        actor,
        action,
        subjectType: "calendar_year",
        subjectId: `${after.jurisdiction}-${after.year}`,
        data: {
          ...data,
          before: dayOf(before, String(data.date)),
          after: dayOf(after, String(data.date)),
        },
      },
    ]);
    return [];
  });
  if (problems.length > 0)
    return invalid([{ field: "date", key: "admin.calendar.errors.invalid" }]);
  ctx.calendars.reload(await loadImportedCalendarYears(ctx.db.kysely));
  ctx.pageCache.invalidate();
  return ok(undefined);
}

/** What a date was in a year's data, for the audit record. */
function dayOf(y: CalendarYear, date: string): unknown {
  return (
    y.holidays.find((h) => h.date === date) ??
    y.daysOff.find((d) => d.date === date) ??
    y.workingDays.find((d) => d.date === date) ??
    null
  );
}

import type { Kysely, Transaction } from "kysely";
import { type KernelTables, kernelDb } from "../audit/audit.table.js";
import type { Clock } from "../clock.js";
import { type CalendarYear, validateCalendarYear } from "./index.js";

/** Calendar years imported into the database; they override the built-in data at start. */
export async function loadImportedCalendarYears<DB extends KernelTables>(
  db: Kysely<DB> | Transaction<DB>,
): Promise<CalendarYear[]> {
  const rows = await kernelDb(db)
    .selectFrom("calendar_years")
    .select("data")
    .orderBy("year")
    .execute();
  return rows.map((r) => JSON.parse(r.data) as CalendarYear);
}

/** Validates and stores one year (replacing an earlier import); returns the problems found, if any. */
export async function importCalendarYear<DB extends KernelTables>(
  db: Kysely<DB> | Transaction<DB>,
  clock: Clock,
  candidate: unknown,
  weekend?: readonly number[],
): Promise<string[]> {
  const problems = validateCalendarYear(candidate, weekend);
  if (problems.length > 0) return problems;
  const year = candidate as CalendarYear;
  const data = JSON.stringify(year);
  const imported_at = clock.now().toISOString();
  await kernelDb(db)
    .insertInto("calendar_years")
    .values({ jurisdiction: year.jurisdiction, year: year.year, data, imported_at })
    .onConflict((oc) => oc.columns(["jurisdiction", "year"]).doUpdateSet({ data, imported_at }))
    .execute();
  return [];
}

/**
 * What the imported years look like, in one short string: it changes whenever a year is
 * imported or edited (`imported_at` moves on) or removed, so another process can tell that its
 * calendars are stale without reading every year.
 */
export async function importedCalendarStamp<DB extends KernelTables>(
  db: Kysely<DB> | Transaction<DB>,
): Promise<string> {
  const row = await kernelDb(db)
    .selectFrom("calendar_years")
    .select((eb) => [eb.fn.countAll<number | string>().as("n"), eb.fn.max("imported_at").as("at")])
    .executeTakeFirst();
  return `${Number(row?.n ?? 0)}|${row?.at ?? ""}`;
}

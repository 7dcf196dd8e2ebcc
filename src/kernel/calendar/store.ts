import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { Clock } from "../clock.js";
import { type CalendarYear, validateCalendarYear } from "./index.js";

/** Calendar years imported into the database; they override the built-in data at start. */
export async function loadImportedCalendarYears(db: Kysely<Database>): Promise<CalendarYear[]> {
  const rows = await db.selectFrom("calendar_years").select("data").orderBy("year").execute();
  return rows.map((r) => JSON.parse(r.data) as CalendarYear);
}

/** Validates and stores one year (replacing an earlier import); returns the problems found, if any. */
export async function importCalendarYear(
  db: Kysely<Database>,
  clock: Clock,
  candidate: unknown,
  weekend?: readonly number[],
): Promise<string[]> {
  const problems = validateCalendarYear(candidate, weekend);
  if (problems.length > 0) return problems;
  const year = candidate as CalendarYear;
  const data = JSON.stringify(year);
  const imported_at = clock.now().toISOString();
  await db
    .insertInto("calendar_years")
    .values({ jurisdiction: year.jurisdiction, year: year.year, data, imported_at })
    .onConflict((oc) => oc.columns(["jurisdiction", "year"]).doUpdateSet({ data, imported_at }))
    .execute();
  return [];
}

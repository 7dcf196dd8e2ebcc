import type { Kysely } from "kysely";
import { inTransaction } from "../../../db/database.js";
import type { Database } from "../../../db/schema.js";
import type { CalendarRegistry } from "../../../kernel/calendar/index.js";
import { agencyLevels } from "../../agencies/index.js";
import { factsOf } from "./facts.js";
import { accumulateOpenDue, addToOpenDue } from "./open-due.js";
import { accumulate, addToStats, calendarLookup } from "./record.js";
import { accumulateTotals, insertTotals, type TotalsDelta } from "./totals.js";

const PAGE = 5000;
/** Distinct rows held in memory before they are written out. */
const FLUSH_AT = 100_000;

/**
 * Recomputes the appeal statistics (with the country's and the levels' rows by period), the bodies' totals and the open appeals by due date from
 * the appeals themselves, in one transaction: empties them, then reads every appeal in pages (with the bodies it was sent from and complained
 * about) and writes the sums. Returns how many appeals were read and rows written.
 */
export async function rebuildAppealStats(
  db: Kysely<Database>,
  calendars: CalendarRegistry,
  progress: (read: number) => void = () => {},
): Promise<{ appeals: number; rows: number }> {
  const calendarOf = calendarLookup(calendars);
  return inTransaction(db, async (trx) => {
    await trx.deleteFrom("appeal_stats").execute();
    await trx.deleteFrom("appeal_body_totals").execute();
    await trx.deleteFrom("appeal_open_due").execute();
    await trx.deleteFrom("appeal_scope_sums").execute();
    // A few rows per body and day: held until the end, then written once.
    const totals = new Map<string, TotalsDelta>();
    const openDue = new Map<string, number>();
    const levels = await agencyLevels(trx);
    let deltas = new Map<string, number>();
    let read = 0;
    let after = "";
    for (;;) {
      const page = await trx
        .selectFrom("appeals as a")
        .leftJoin("appeals as s", "s.id", "a.source_appeal_id")
        .leftJoin("appeals as c", "c.id", "a.complaint_of_id")
        .selectAll("a")
        .select(["s.agency_id as source_agency_id", "c.agency_id as complaint_agency_id"])
        .where("a.id", ">", after)
        .orderBy("a.id")
        .limit(PAGE)
        .execute();
      if (page.length === 0) break;
      for (const row of page) {
        const facts = factsOf(
          row,
          {
            sourceAgencyId: row.source_agency_id ?? null,
            complaintOfAgencyId: row.complaint_agency_id ?? null,
          },
          calendarOf,
        );
        accumulate(deltas, facts, levels, 1);
        accumulateTotals(totals, facts, 1);
        accumulateOpenDue(openDue, row, 1);
      }
      read += page.length;
      after = (page.at(-1) as { id: string }).id;
      progress(read);
      if (deltas.size >= FLUSH_AT) {
        await addToStats(trx, deltas);
        deltas = new Map();
      }
    }
    await addToStats(trx, deltas);
    await insertTotals(trx, totals);
    await addToOpenDue(trx, openDue);
    const rows = await trx
      .selectFrom("appeal_stats")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow();
    return { appeals: read, rows: Number(rows.n) };
  });
}

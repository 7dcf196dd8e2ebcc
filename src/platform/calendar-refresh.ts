import { importedCalendarStamp, loadImportedCalendarYears } from "../kernel/calendar/store.js";
import type { AppContext } from "./manifest.js";
import type { Job } from "./scheduler.js";

/**
 * Keeps this process's calendars in step with the database. An administrator's edit reloads
 * the calendars of the process that served it at once; the other workers of a multi-process
 * start (and other instances) notice the change here, within `everyMs`, and reload too, so
 * every term is computed on the same days off. Reads one row when nothing changed. It changes
 * nothing in the database, so every process runs it, not only the one with the jobs.
 */
export function calendarRefreshJob(
  ctx: Pick<AppContext, "db" | "calendars">,
  everyMs = 30_000,
): Job {
  // Taken when the job is made, right after the context loaded the calendars.
  let seen: Promise<string | null> = importedCalendarStamp(ctx.db.kysely).catch(() => null);
  return {
    name: "calendars.refresh",
    everyMs,
    async run() {
      const before = await seen;
      const stamp = await importedCalendarStamp(ctx.db.kysely);
      if (stamp !== before) ctx.calendars.reload(await loadImportedCalendarYears(ctx.db.kysely));
      seen = Promise.resolve(stamp);
    },
  };
}

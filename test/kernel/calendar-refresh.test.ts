import { afterEach, describe, expect, it } from "vitest";
import { builtInCalendarYears } from "../../src/kernel/calendar/data/index.js";
import { createCalendarRegistry } from "../../src/kernel/calendar/index.js";
import { importCalendarYear, loadImportedCalendarYears } from "../../src/kernel/calendar/store.js";
import { FixedClock } from "../../src/kernel/clock.js";
import { calendarRefreshJob } from "../../src/platform/calendar-refresh.js";
import { migrateToLatest } from "../../src/platform/migrate.js";
import { createTestDatabase, testDialects } from "../support/databases.js";

/** Kazakhstan's 2026 as shipped, with one Wednesday more made a day off. */
function editedYear() {
  const shipped = builtInCalendarYears.find((y) => y.jurisdiction === "kz" && y.year === 2026);
  if (!shipped) throw new Error("no shipped 2026");
  return {
    ...shipped,
    daysOff: [...shipped.daysOff, { date: "2026-06-10", reason: "A day off by decree" }],
  };
}

describe.each(testDialects())("calendars kept in step across processes on %s", (dialect) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("reloads when another process edits a year, and only then", async () => {
    const database = await createTestDatabase(dialect);
    cleanups.push(() => database.drop());
    const db = database.open();
    cleanups.push(() => db.close());
    await migrateToLatest(db.kysely, []);
    const calendars = createCalendarRegistry(await loadImportedCalendarYears(db.kysely));
    const job = calendarRefreshJob({ db, calendars });
    const before = calendars.get("kz");
    expect(before?.isWorkingDay("2026-06-10")).toBe(true);

    await job.run();
    expect(calendars.get("kz")).toBe(before);

    // Another worker's administrator makes 10 June a day off: it reloads its own calendars;
    // this process learns of it at its next check.
    const clock = new FixedClock(new Date("2026-05-01T08:00:00Z"));
    expect(await importCalendarYear(db.kysely, clock, editedYear())).toEqual([]);
    expect(calendars.get("kz")?.isWorkingDay("2026-06-10")).toBe(true);
    await job.run();
    const after = calendars.get("kz");
    expect(after).not.toBe(before);
    expect(after?.isWorkingDay("2026-06-10")).toBe(false);

    await job.run();
    expect(calendars.get("kz")).toBe(after);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  type TestDatabase,
  testDialects,
} from "../../test/support/databases.js";
import { openDatabase } from "../db/database.js";
import { builtInCalendarYears } from "../kernel/calendar/data/index.js";
import { createCalendarRegistry } from "../kernel/calendar/index.js";
import { loadImportedCalendarYears } from "../kernel/calendar/store.js";
import { run } from "./halyq.js";

function capture() {
  const lines: string[] = [];
  return {
    lines,
    out: {
      log: (s: string) => lines.push(s),
      error: (s: string) => lines.push(s),
    } as unknown as Console,
  };
}

describe.each(testDialects())("command line on %s", (dialect) => {
  let database: TestDatabase;
  let dir: string;
  const saved = process.env.DATABASE_URL;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    process.env.DATABASE_URL = database.url;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-cli-"));
  });
  afterAll(async () => {
    process.env.DATABASE_URL = saved;
    if (saved === undefined) delete process.env.DATABASE_URL;
    fs.rmSync(dir, { recursive: true, force: true });
    await database.drop();
  });

  it("migrates, loads demo data once and verifies the audit chain", async () => {
    const c = capture();
    expect(await run(["migrate"], c.out)).toBe(0);
    expect(await run(["demo"], c.out)).toBe(0);
    expect(await run(["demo"], c.out)).toBe(1);
    expect(c.lines.join("\n")).toMatch(/not empty/);
    expect(await run(["audit-verify"], c.out)).toBe(0);
    const db = openDatabase(database.url);
    const count = await db.kysely
      .selectFrom("audit_events")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow();
    await db.close();
    expect(Number(count.n)).toBeGreaterThan(30);
    expect(c.lines.at(-1)).toBe(`Audit chain intact: ${Number(count.n)} record(s) verified`);
  });

  it("imports a new year's calendar, which then overrides the rules", async () => {
    const y2027 = {
      jurisdiction: "kz",
      year: 2027,
      source: "test decree",
      holidays: [{ date: "2027-01-01", name: { kk: "Жаңа жыл", ru: "Новый год", en: "New Year" } }],
      daysOff: [{ date: "2027-01-04", reason: "swap" }],
      workingDays: [{ date: "2027-01-09", reason: "swap" }],
    };
    const file = path.join(dir, "kz-2027.json");
    fs.writeFileSync(file, JSON.stringify(y2027));
    const c = capture();
    expect(await run(["calendar-import", file], c.out)).toBe(0);
    const db = openDatabase(database.url);
    const years = await loadImportedCalendarYears(db.kysely);
    await db.close();
    expect(years.map((y) => y.year)).toEqual([2027]);
    const calendar = createCalendarRegistry(years).get("kz");
    expect(calendar?.hasDataFor(2027)).toBe(true);
    expect(calendar?.isWorkingDay("2027-01-04")).toBe(false);
    expect(calendar?.isWorkingDay("2027-01-09")).toBe(true);
  });

  it("refuses an invalid calendar and names the problems", async () => {
    const bad = {
      ...builtInCalendarYears[0],
      year: 2028,
      workingDays: [{ date: "2028-01-05", reason: "a Wednesday" }],
    };
    const file = path.join(dir, "bad.json");
    fs.writeFileSync(file, JSON.stringify(bad));
    const c = capture();
    expect(await run(["calendar-import", file], c.out)).toBe(1);
    expect(c.lines.join("\n")).toMatch(/Not imported/);
    fs.writeFileSync(file, "{not json");
    expect(await run(["calendar-import", file], c.out)).toBe(1);
    fs.writeFileSync(file, JSON.stringify({ ...bad, jurisdiction: "zz" }));
    expect(await run(["calendar-import", file], c.out)).toBe(1);
    expect(c.lines.join("\n")).toMatch(/Unknown jurisdiction/);
  });
});

import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countRows, insertInSlices } from "../../bench/database.js";
import { writeCitizens } from "../../bench/sessions.js";
import { hashToken } from "../../src/capabilities/identity/auth/tokens.js";
import { capabilities } from "../../src/capabilities/index.js";
import type { Db } from "../../src/db/database.js";
import { migrateToLatest } from "../../src/platform/migrate.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";

// The benchmarks write their people and read their counts through the same code on SQLite and
// PostgreSQL; what they write must be what Halyq reads as a verified citizen's API session.
describe.each(testDialects())("bench setup and counting (%s)", (dialect) => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    db = database.open();
    await migrateToLatest(db.kysely, capabilities);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it("writes verified citizens with live API sessions, over several slices", async () => {
    const before = await countRows(db, sql`SELECT count(*) FROM accounts`);
    const people = Array.from({ length: 1_203 }, (_, i) => ({
      iin: `9${String(i).padStart(11, "0")}`,
      residence_code: "711410000",
    }));
    const tokens = await writeCitizens(db.kysely, people, 3);
    expect(tokens).toHaveLength(1_203);
    expect(new Set(tokens).size).toBe(1_203);
    expect(await countRows(db, sql`SELECT count(*) FROM accounts`)).toBe(before + 1_203);

    const last = tokens[1_202] as string;
    const row = await db.kysely
      .selectFrom("sessions")
      .innerJoin("accounts", "accounts.id", "sessions.account_id")
      .select([
        "accounts.iin",
        "accounts.kind",
        "accounts.identity_assurance",
        "sessions.kind as sk",
      ])
      .select(["sessions.expires_at", "accounts.residence_code"])
      .where("sessions.id_hash", "=", hashToken(last))
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      iin: "900000001202",
      kind: "citizen",
      identity_assurance: "eid",
      sk: "api",
      residence_code: "711410000",
    });
    expect(Date.parse(row.expires_at)).toBeGreaterThan(Date.now() + 2.9 * 3_600_000);
  });

  it("writes inside the caller's transaction, so a rollback leaves nobody", async () => {
    const before = await countRows(db, sql`SELECT count(*) FROM accounts`);
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await writeCitizens(trx, [{ iin: "950000000001", residence_code: null }], 1);
        expect(await countRows(trx, sql`SELECT count(*) FROM accounts`)).toBe(before + 1);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await countRows(db, sql`SELECT count(*) FROM accounts`)).toBe(before);
  });

  it("counts as a number on both databases, and sums too", async () => {
    const n = await countRows(db, sql`SELECT coalesce(sum(1), 0) FROM accounts WHERE 1 = 0`);
    expect(n).toBe(0);
    expect(typeof (await countRows(db, sql`SELECT count(*) FROM accounts`))).toBe("number");
  });

  it("slices rows so that no statement passes a database's limit of parameters", async () => {
    const slices: number[] = [];
    await insertInSlices(Array.from({ length: 1_001 }), async (s) => slices.push(s.length));
    expect(slices).toEqual([500, 500, 1]);
  });
});

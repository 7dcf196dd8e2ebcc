import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/database.js";
import {
  appendAudit,
  auditHead,
  auditTrail,
  GENESIS_HASH,
  verifyAuditChain,
} from "../../src/kernel/audit/audit.js";
import { FixedClock } from "../../src/kernel/clock.js";
import { migrateToLatest } from "../../src/platform/migrate.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";

describe.each(testDialects())("audit record on %s", (dialect) => {
  let database: TestDatabase;
  let db: Db;
  const clock = new FixedClock("2025-03-19T05:00:00Z");
  const actor = { id: "user-1", label: "Aigerim S." };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    db = database.open();
    await migrateToLatest(db.kysely, []);
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  it("starts from the genesis hash", async () => {
    expect(await auditHead(db.kysely)).toEqual({ seq: 0, hash: GENESIS_HASH });
  });

  it("links each record to the one before and keeps who, when, what and why", async () => {
    const [first] = await db.kysely.transaction().execute((trx) =>
      appendAudit(trx, clock, [
        {
          actor,
          action: "agency.created",
          subjectType: "agency",
          subjectId: "a1",
          data: { name: "X" },
        },
      ]),
    );
    clock.advance(60_000);
    const [second, third] = await db.kysely.transaction().execute((trx) =>
      appendAudit(trx, clock, [
        {
          actor,
          action: "agency.renamed",
          subjectType: "agency",
          subjectId: "a1",
          reason: "typo",
          data: { from: "X", to: "Y" },
        },
        { actor, action: "agency.created", subjectType: "agency", subjectId: "a2" },
      ]),
    );
    expect(first?.prevHash).toBe(GENESIS_HASH);
    expect(second?.prevHash).toBe(first?.hash);
    expect(third?.prevHash).toBe(second?.hash);
    const trail = await auditTrail(db.kysely, "agency", "a1");
    expect(trail.map((r) => [r.action, r.reason, r.actorLabel, r.occurredAt])).toEqual([
      ["agency.created", null, "Aigerim S.", "2025-03-19T05:00:00.000Z"],
      ["agency.renamed", "typo", "Aigerim S.", "2025-03-19T05:01:00.000Z"],
    ]);
    expect(trail[1]?.data).toEqual({ from: "X", to: "Y" });
    expect(await verifyAuditChain(db.kysely)).toEqual({ checked: 3, brokenAt: null });
    expect((await auditHead(db.kysely)).hash).toBe(third?.hash);
  });

  it("rolls back with the transaction it belongs to", async () => {
    const before = await auditHead(db.kysely);
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await appendAudit(trx, clock, [{ actor, action: "x", subjectType: "t", subjectId: "1" }]);
        throw new Error("command failed");
      }),
    ).rejects.toThrow("command failed");
    expect(await auditHead(db.kysely)).toEqual(before);
  });

  it("refuses updates and deletes at the database level", async () => {
    await expect(sql`UPDATE audit_events SET reason = 'forged'`.execute(db.kysely)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM audit_events`.execute(db.kysely)).rejects.toThrow(/append-only/);
  });

  it("keeps one chain under concurrent appends", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.kysely
          .transaction()
          .execute((trx) =>
            appendAudit(trx, clock, [
              { actor, action: "concurrent", subjectType: "t", subjectId: String(i) },
            ]),
          ),
      ),
    );
    const result = await verifyAuditChain(db.kysely, 7);
    expect(result).toEqual({ checked: 23, brokenAt: null });
  });

  it("detects a record rewritten behind the application's back", async () => {
    if (dialect === "postgres") {
      await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change`.execute(db.kysely);
      await sql`UPDATE audit_events SET actor_label = 'someone else' WHERE seq = 2`.execute(
        db.kysely,
      );
      await sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_change`.execute(db.kysely);
    } else {
      await sql`DROP TRIGGER audit_events_no_update`.execute(db.kysely);
      await sql`UPDATE audit_events SET actor_label = 'someone else' WHERE seq = 2`.execute(
        db.kysely,
      );
    }
    expect(await verifyAuditChain(db.kysely)).toEqual({ checked: 1, brokenAt: 2 });
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { signatureCount } from "../../src/capabilities/petitions/signatures/index.js";
import { openDatabase } from "../../src/db/database.js";
import { verifyAuditChain } from "../../src/kernel/audit/audit.js";
import { createTestDatabase, testDialects } from "../support/databases.js";
import { crashMidBurst } from "../support/process.js";
import { signOver, startServer } from "./signatures-process.js";
import { insertPetition, insertSigners, storedAndPublished } from "./signatures-support.js";

const BURST = 300;
const IN_FLIGHT = 30;
/** The server is killed once this many signatures have been acknowledged: mid-burst. */
const KILL_AFTER = 80;

/**
 * Each database with one process; SQLite also with the multi-process start (two workers
 * batching signatures into one file). PostgreSQL with several processes is raced in
 * signatures-two-instances.
 */
const starts = [
  ...testDialects().map((dialect) => ({ dialect, workers: 1 })),
  { dialect: "sqlite" as const, workers: 2 },
];

describe.each(starts)(
  "a crash during a burst of signatures on $dialect with $workers worker(s)",
  ({ dialect, workers }) => {
    const cleanups: (() => Promise<void> | void)[] = [];
    afterEach(async () => {
      for (const c of cleanups.splice(0).reverse()) await c();
    });

    it("loses no acknowledged signature and counts none twice after SIGKILL", async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-sign-crash-"));
      cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
      const env: Record<string, string> = {
        DATA_DIR: dataDir,
        LOG_LEVEL: "warn",
        HALYQ_WORKERS: String(workers),
      };
      let databaseUrl = `sqlite:${path.join(dataDir, "halyq.db")}`;
      if (dialect === "postgres") {
        const database = await createTestDatabase("postgres");
        cleanups.push(() => database.drop());
        databaseUrl = database.url;
      }
      env.DATABASE_URL = databaseUrl;

      const first = await startServer(env);
      cleanups.push(() => first.killAll("SIGKILL"));
      const db = openDatabase(databaseUrl, { poolSize: 2 });
      cleanups.push(() => db.close());
      const now = new Date();
      const petition = await insertPetition(db.kysely, { now: now.toISOString() });
      const signers = await insertSigners(db.kysely, BURST, now);

      const acknowledged = await crashMidBurst(first, {
        count: BURST,
        inFlight: IN_FLIGHT,
        killAfter: KILL_AFTER,
        send: (i) => signOver(first.url, petition.id, (signers[i] as { token: string }).token),
        acknowledge: async (res) => ((await res.json()) as { id: string }).id,
      });

      const second = await startServer(env);
      cleanups.push(() => second.killAll("SIGKILL"));
      cleanups.push(() => second.stop());

      // Every acknowledged signature is stored, under the id that was answered.
      const stored = await db.kysely
        .selectFrom("petition_signatures")
        .select(["id", "account_id", "invalidated_at"])
        .where("petition_id", "=", petition.id)
        .execute();
      const byAccount = new Map(stored.map((r) => [r.account_id, r.id]));
      for (const [i, id] of acknowledged) {
        const { accountId } = signers[i] as { accountId: string };
        expect(byAccount.get(accountId), accountId).toBe(id);
      }
      // Some unanswered ones may have committed just before the kill; none is counted twice.
      expect(new Set(stored.map((r) => r.account_id)).size).toBe(stored.length);
      const exact = await storedAndPublished(db.kysely, petition.id);
      expect(exact.published).toBe(exact.stored);
      expect(exact.stored).toBeGreaterThanOrEqual(acknowledged.size);

      // After the restart: those acknowledged get 409, the rest sign once, and the count is exact.
      const again = await Promise.all(
        signers.map(async (s) => ({
          s,
          status: (await signOver(second.url, petition.id, s.token)).status,
        })),
      );
      for (const { s, status } of again)
        expect(status, s.accountId).toBe(byAccount.has(s.accountId) ? 409 : 201);
      expect(await storedAndPublished(db.kysely, petition.id)).toEqual({
        stored: BURST,
        published: BURST,
      });
      expect(await signatureCount(db.kysely, petition.id)).toBe(BURST);
      expect((await verifyAuditChain(db.kysely)).brokenAt).toBeNull();
    }, 240_000);
  },
);

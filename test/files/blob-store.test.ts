import { randomBytes } from "node:crypto";
import fs from "node:fs";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capabilities } from "../../src/capabilities/index.js";
import type { Db, Dialect } from "../../src/db/database.js";
import type { Database } from "../../src/db/schema.js";
import { FixedClock } from "../../src/kernel/clock.js";
import {
  type BlobStore,
  type BlobStoreKind,
  sha256Of,
} from "../../src/platform/files/blob-store.js";
import { createBlobStore } from "../../src/platform/files/create-blob-store.js";
import { attachmentsDir, blobPath } from "../../src/platform/files/fs-blob-store.js";
import { migrateToLatest } from "../../src/platform/migrate.js";
import { tempDataDir } from "../appeals/citizen-support.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";

const PDF = Buffer.from("%PDF-1.4\n%%EOF\n");
const content = () => Buffer.concat([PDF, randomBytes(32)]);
const HOUR = 3_600_000;

/**
 * Each store on a real database: the file system's (the default, on either database) and
 * PostgreSQL's (`BLOB_STORE=postgres`, allowed only there). What the sweep asks of the
 * capabilities is given here as a set of referenced keys.
 */
type Case = { dialect: Dialect; kind: BlobStoreKind };
const cases = testDialects().flatMap((dialect): Case[] =>
  dialect === "postgres"
    ? [
        { dialect, kind: "fs" },
        { dialect, kind: "postgres" },
      ]
    : [{ dialect, kind: "fs" }],
);

describe.each(cases)("the $kind blob store ($dialect)", ({ dialect, kind }) => {
  let database: TestDatabase;
  let db: Db;
  let store: BlobStore;
  let dataDir: string;
  const clock = new FixedClock("2026-12-01T10:00:00.000Z");
  const kysely = (): Kysely<Database> => db.kysely;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    db = database.open();
    await migrateToLatest(db.kysely, capabilities);
    dataDir = tempDataDir();
    store = createBlobStore({ blobStore: kind, dataDir }, db.kysely, clock);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  /** Dates a stored content as last written at `at`. */
  async function writtenAt(key: string, at: Date) {
    if (kind === "fs") fs.utimesSync(blobPath(attachmentsDir(dataDir), key), at, at);
    else
      await kysely()
        .updateTable("blobs")
        .set({ touched_at: at.toISOString() })
        .where("key", "=", key)
        .execute();
  }
  /** How many copies of this content the store holds. */
  async function copies(key: string): Promise<number> {
    if (kind === "fs") return fs.existsSync(blobPath(attachmentsDir(dataDir), key)) ? 1 : 0;
    const rows = await kysely().selectFrom("blobs").select("key").where("key", "=", key).execute();
    return rows.length;
  }
  /** The moment the store's own clock stands at: real time on disk, the test's clock in the database. */
  const storeNow = () => (kind === "fs" ? new Date() : clock.now());

  it("stores content once under its SHA-256 and reads it back, checked", async () => {
    const bytes = content();
    const key = await store.write(bytes);
    expect(key).toBe(sha256Of(bytes));
    expect(await store.write(bytes)).toBe(key);
    expect(await copies(key)).toBe(1);
    expect(await store.exists(key)).toBe(true);
    expect(await store.read(key)).toEqual({ kind: "ok", buffer: bytes });
    const unknown = sha256Of(content());
    expect(await store.exists(unknown)).toBe(false);
    expect(await store.read(unknown)).toEqual({ kind: "missing" });
    // Where the contents are: on disk for the file system, nowhere on disk for PostgreSQL.
    expect(fs.existsSync(attachmentsDir(dataDir))).toBe(kind === "fs");
  });

  it("never serves content that no longer matches its key, and heals it when written again", async () => {
    const bytes = content();
    const key = await store.write(bytes);
    if (kind === "fs") fs.writeFileSync(blobPath(attachmentsDir(dataDir), key), "changed");
    else
      await kysely()
        .updateTable("blobs")
        .set({ bytes: Buffer.from("changed") })
        .where("key", "=", key)
        .execute();
    expect(await store.read(key)).toEqual({ kind: "corrupt" });
    if (kind === "fs") {
      await store.write(bytes);
      expect(await store.read(key)).toEqual({ kind: "ok", buffer: bytes });
    }
  });

  it("keeps one copy when the same content is stored by many uploads at once", async () => {
    const bytes = content();
    const keys = await Promise.all(Array.from({ length: 8 }, () => store.write(bytes)));
    expect(new Set(keys)).toEqual(new Set([sha256Of(bytes)]));
    expect(await copies(sha256Of(bytes))).toBe(1);
    expect(await store.read(sha256Of(bytes))).toEqual({ kind: "ok", buffer: bytes });
  });

  it("removes unreferenced contents older than the grace period, and nothing else", async () => {
    const longAgo = new Date(storeNow().getTime() - 48 * HOUR);
    const again = content();
    const orphan = await store.write(content());
    const used = await store.write(content());
    const young = await store.write(content());
    const reused = await store.write(again);
    for (const key of [orphan, used, reused]) await writtenAt(key, longAgo);
    // Written again (a new upload of the same content, its row still to come): fresh again.
    await store.write(again);
    const before = new Date(storeNow().getTime() - 24 * HOUR);
    const asked: string[][] = [];
    const referenced = async (keys: string[]) => {
      asked.push(keys);
      return new Set(keys.filter((k) => k === used));
    };
    const removed = await store.removeUnreferenced(
      [orphan, used, young, reused, orphan, "not-a-key"],
      referenced,
      before,
    );
    expect(removed).toBe(1);
    expect(asked.flat().sort()).toEqual([orphan, used].sort());
    expect(await copies(orphan)).toBe(0);
    for (const key of [used, young, reused]) expect(await copies(key)).toBe(1);
    expect(await store.read(orphan)).toEqual({ kind: "missing" });
    // Stored anew after its removal: back, readable.
    await store.write(PDF);
    expect(await store.read(sha256Of(PDF))).toMatchObject({ kind: "ok" });
  });

  it("sweeps the whole store, keeping what is referenced or young", async () => {
    const longAgo = new Date(storeNow().getTime() - 48 * HOUR);
    const stale = await Promise.all(
      Array.from({ length: 5 }, () => content()).map((b) => store.write(b)),
    );
    const kept = await store.write(content());
    const young = await store.write(content());
    for (const key of [...stale, kept]) await writtenAt(key, longAgo);
    const before = new Date(storeNow().getTime() - 24 * HOUR);
    const swept = await store.sweep(
      async (keys) => new Set(keys.filter((k) => k === kept)),
      before,
    );
    expect(swept.removed).toBeGreaterThanOrEqual(stale.length);
    for (const key of stale) expect(await copies(key)).toBe(0);
    expect(await copies(kept)).toBe(1);
    expect(await copies(young)).toBe(1);
    // A second sweep finds nothing more to remove.
    const again = await store.sweep(
      async (keys) => new Set(keys.filter((k) => k === kept)),
      before,
    );
    expect(again).toEqual({ removed: 0, leftovers: 0 });
  });
});

describe.each(testDialects().filter((d) => d === "postgres"))(
  "the PostgreSQL blob store in a transaction (%s)",
  (dialect) => {
    let database: TestDatabase;
    let db: Db;
    let store: BlobStore;
    const clock = new FixedClock("2026-12-01T10:00:00.000Z");
    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      db = database.open();
      await migrateToLatest(db.kysely, capabilities);
      store = createBlobStore({ blobStore: "postgres", dataDir: tempDataDir() }, db.kysely, clock);
    });
    afterAll(async () => {
      await db?.close();
      await database?.drop();
    });

    it("commits the content with the caller's transaction, or not at all", async () => {
      const kept = content();
      const lost = content();
      await db.kysely.transaction().execute(async (trx) => {
        await store.write(kept, trx);
      });
      await expect(
        db.kysely.transaction().execute(async (trx) => {
          await store.write(lost, trx);
          throw new Error("the row's step failed");
        }),
      ).rejects.toThrow("the row's step failed");
      expect(await store.read(sha256Of(kept))).toEqual({ kind: "ok", buffer: kept });
      expect(await store.exists(sha256Of(lost))).toBe(false);
    });

    it("keeps a content that an upload writes again while the sweep removes it", async () => {
      const bytes = content();
      const key = await store.write(bytes);
      await db.kysely
        .updateTable("blobs")
        .set({ touched_at: "2026-11-01T00:00:00.000Z" })
        .where("key", "=", key)
        .execute();
      const before = new Date("2026-11-20T00:00:00.000Z");
      // The upload holds the row (written again, its own row not yet committed) when the
      // sweep, having found the content unreferenced, deletes: the delete waits and finds it fresh.
      let removed: Promise<number> | undefined;
      await db.kysely.transaction().execute(async (trx) => {
        await store.write(bytes, trx);
        removed = store.removeUnreferenced([key], async () => new Set(), before);
        await new Promise((r) => setTimeout(r, 200));
      });
      expect(await removed).toBe(0);
      expect(await store.read(key)).toEqual({ kind: "ok", buffer: bytes });
    });
  },
);

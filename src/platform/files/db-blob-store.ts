import type { Kysely, Transaction } from "kysely";
import type { Clock } from "../../kernel/clock.js";
import type { BlobTables } from "./blob.table.js";
import { type BlobRead, type BlobStore, sha256Of } from "./blob-store.js";
import { isBlobKey, type ReferencedKeys, StaleRemoval } from "./blob-sweep.js";

const PAGE = 500;

/**
 * Attached files as rows of the `blobs` table (`BLOB_STORE=postgres`), so that every instance
 * on the database serves every file and a database backup holds them. A write is committed
 * before the row that refers to it: in the caller's transaction when it gives one (the content
 * then commits with that row, or neither does), else on its own. A content is read whole: the
 * upload limits bound its size (src/platform/files/settings.ts).
 */
export class DatabaseBlobStore extends StaleRemoval implements BlobStore {
  readonly kind = "postgres" as const;

  constructor(
    private readonly db: Kysely<BlobTables>,
    private readonly clock: Clock,
  ) {
    super();
  }

  /**
   * One statement, so two uploads of the same content at once settle on one row: the first
   * inserts it, the second (waiting for the first to commit) only refreshes its time, which is
   * what keeps the sweep's conditional delete off it.
   */
  async write<DB extends BlobTables>(
    buffer: Buffer,
    db?: Kysely<DB> | Transaction<DB>,
  ): Promise<string> {
    const key = sha256Of(buffer);
    const now = this.clock.now().toISOString();
    await ((db as unknown as Kysely<BlobTables> | undefined) ?? this.db)
      .insertInto("blobs")
      .values({ key, bytes: buffer, size: buffer.length, created_at: now, touched_at: now })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet({ touched_at: (eb) => eb.ref("excluded.touched_at") }),
      )
      .execute();
    return key;
  }

  async read(sha256: string): Promise<BlobRead> {
    if (!isBlobKey(sha256)) return { kind: "missing" };
    const row = await this.db
      .selectFrom("blobs")
      .select("bytes")
      .where("key", "=", sha256)
      .executeTakeFirst();
    if (!row) return { kind: "missing" };
    const buffer = Buffer.from(row.bytes);
    return sha256Of(buffer) === sha256 ? { kind: "ok", buffer } : { kind: "corrupt" };
  }

  async exists(sha256: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("blobs")
      .select("key")
      .where("key", "=", sha256)
      .executeTakeFirst();
    return row !== undefined;
  }

  async writtenBefore(keys: string[], before: Date): Promise<string[]> {
    if (keys.length === 0) return [];
    const rows = await this.db
      .selectFrom("blobs")
      .select("key")
      .where("key", "in", keys)
      .where("touched_at", "<", before.toISOString())
      .execute();
    return rows.map((r) => r.key);
  }

  /**
   * The time is checked again by the delete itself: a write of the same content that refreshed
   * it meanwhile (committed, or still holding the row) keeps the row; a write after the delete
   * inserts it anew.
   */
  async removeIfStale(sha256: string, before: Date): Promise<boolean> {
    const result = await this.db
      .deleteFrom("blobs")
      .where("key", "=", sha256)
      .where("touched_at", "<", before.toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Pages through the contents older than `before` in key order; a transaction leaves no leftovers. */
  async sweep(
    referenced: ReferencedKeys,
    before: Date,
  ): Promise<{ removed: number; leftovers: number }> {
    let removed = 0;
    let after = "";
    for (;;) {
      const page = await this.db
        .selectFrom("blobs")
        .select("key")
        .where("key", ">", after)
        .where("touched_at", "<", before.toISOString())
        .orderBy("key")
        .limit(PAGE)
        .execute();
      if (page.length === 0) break;
      const keys = page.map((r) => r.key);
      removed += await this.removeUnreferenced(keys, referenced, before);
      after = keys[keys.length - 1] ?? after;
      if (page.length < PAGE) break;
    }
    return { removed, leftovers: 0 };
  }
}

import { createHash } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { BlobTables } from "./blob.table.js";
import type { ReferencedKeys } from "./blob-sweep.js";

/** Where attached files live (`BLOB_STORE`): under the data directory, or in PostgreSQL. */
export const BLOB_STORES = ["fs", "postgres"] as const;
export type BlobStoreKind = (typeof BLOB_STORES)[number];

export function sha256Of(buffer: Buffer): string {
  return createHash("sha256").update(buffer).digest("hex");
}

/**
 * A stored content, checked against its key: "corrupt" when the stored bytes no longer match
 * (they are never served), "missing" when there is no such content.
 */
export type BlobRead = { kind: "ok"; buffer: Buffer } | { kind: "missing" } | { kind: "corrupt" };

/**
 * The shared, content-addressed store of attached files (appeals, answers, drafts' annexes,
 * budgets' photos, signed documents). Every capability reaches it through `ctx.blobStore` and
 * keeps only the key (SHA-256) in its rows. Files are bounded by the upload limits
 * (src/platform/files/settings.ts), so a content is written and read whole.
 */
export interface BlobStore {
  readonly kind: BlobStoreKind;
  /**
   * Stores content under its SHA-256 and returns the key, durably before it returns: the row
   * that refers to it is written after. The same content stored twice is kept once, and
   * storing it again refreshes it, so the sweep leaves it for the row to come. `db`, the
   * caller's transaction, is where a store that keeps contents in the database writes them
   * (the content then commits with its row); the file system ignores it.
   */
  write<DB extends BlobTables>(buffer: Buffer, db?: Kysely<DB> | Transaction<DB>): Promise<string>;
  read(sha256: string): Promise<BlobRead>;
  exists(sha256: string): Promise<boolean>;
  /** Removes the contents among these keys that no row references, once older than `before`. */
  removeUnreferenced(
    sha256s: Iterable<string>,
    referenced: ReferencedKeys,
    before: Date,
  ): Promise<number>;
  /**
   * Walks the whole store: removes every content no row references, once older than `before`,
   * and the leftovers of interrupted writes and removals where the store can have any.
   */
  sweep(referenced: ReferencedKeys, before: Date): Promise<{ removed: number; leftovers: number }>;
}

/**
 * One stored content in the database (`BLOB_STORE=postgres`), under its SHA-256; see
 * src/platform/files/db-blob-store.ts. The table exists on SQLite too (the schema is the same on
 * both), where it stays empty: there, contents live on the file system.
 */
export interface BlobsTable {
  /** The content's SHA-256 in lowercase hex. */
  key: string;
  bytes: Buffer;
  size: number;
  created_at: string;
  /**
   * When the content was last written or written again (ISO 8601 UTC): the sweep of unreferenced
   * contents leaves younger ones, whose rows may not be written yet.
   */
  touched_at: string;
}

/** The blob store's table, as Kysely sees it: the store accepts any schema that includes it. */
export interface BlobTables {
  blobs: BlobsTable;
}

import type { Kysely } from "kysely";
import type { Clock } from "../../kernel/clock.js";
import type { Config } from "../config.js";
import type { BlobTables } from "./blob.table.js";
import type { BlobStore } from "./blob-store.js";
import { DatabaseBlobStore } from "./db-blob-store.js";
import { attachmentsDir, FileSystemBlobStore } from "./fs-blob-store.js";

/** The store `BLOB_STORE` names: the data directory's (default) or the database's. */
export function createBlobStore<DB extends BlobTables>(
  config: Pick<Config, "blobStore" | "dataDir">,
  db: Kysely<DB>,
  clock: Clock,
): BlobStore {
  return config.blobStore === "postgres"
    ? new DatabaseBlobStore(db as unknown as Kysely<BlobTables>, clock)
    : new FileSystemBlobStore(attachmentsDir(config.dataDir));
}

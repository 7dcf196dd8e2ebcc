import type { Migration } from "kysely";
import * as m0003 from "./2026-11-28T0003-mail-outbox.js";
import * as m20261208 from "./2026-12-08T0010-blobs.js";

/** This module's migrations, by their recorded names (frozen: a change is a new migration). */
export const migrations: Record<string, Migration> = {
  "2026-11-28T0003-mail-outbox": m0003,
  "2026-12-08T0010-blobs": m20261208,
};

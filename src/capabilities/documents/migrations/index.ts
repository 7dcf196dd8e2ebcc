import type { Migration } from "kysely";
import * as m1800 from "./2026-12-07T1800-document-signatures.js";

/** This module's migrations, by their recorded names (frozen: a change is a new migration). */
export const migrations: Record<string, Migration> = {
  "2026-12-07T1800-document-signatures": m1800,
};

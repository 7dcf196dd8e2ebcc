import type { Migration } from "kysely";
import * as m0013 from "./2026-11-28T0013-petition-signatures.js";
import * as m0102 from "./2026-12-07T0102-signature-name-shown.js";

/** This module's migrations, by their recorded names (frozen: a change is a new migration). */
export const migrations: Record<string, Migration> = {
  "2026-11-28T0013-petition-signatures": m0013,
  "2026-12-07T0102-signature-name-shown": m0102,
};

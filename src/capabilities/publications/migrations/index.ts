import type { Migration } from "kysely";
import * as m0016 from "./2026-11-28T0016-publications.js";

/** This module's migrations, by their recorded names (frozen: a change is a new migration). */
export const migrations: Record<string, Migration> = {
  "2026-11-28T0016-publications": m0016,
};

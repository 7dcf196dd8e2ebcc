import type { Migration } from "kysely";
import * as m0018 from "./2026-11-28T0018-polls.js";

/** This module's migrations, by their recorded names (frozen: a change is a new migration). */
export const migrations: Record<string, Migration> = {
  "2026-11-28T0018-polls": m0018,
};

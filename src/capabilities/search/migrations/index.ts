import type { Migration } from "kysely";
import * as m1100 from "./2026-12-07T1100-search.js";

/** This module's migrations, by their recorded names (frozen: a change is a new migration). */
export const migrations: Record<string, Migration> = {
  "2026-12-07T1100-search": m1100,
};

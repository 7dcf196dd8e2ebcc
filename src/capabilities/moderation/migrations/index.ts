import type { Migration } from "kysely";
import * as m1900 from "./2026-12-07T1900-moderation.js";

/** This module's migrations, by their recorded names (frozen: a change is a new migration). */
export const migrations: Record<string, Migration> = {
  "2026-12-07T1900-moderation": m1900,
};

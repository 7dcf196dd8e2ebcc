import type { Migration } from "kysely";
import * as m0009 from "./2026-11-28T0009-dialogue.js";
import * as m1910 from "./2026-12-07T1910-question-appeal.js";

/** This module's migrations, by their recorded names (frozen: a change is a new migration). */
export const migrations: Record<string, Migration> = {
  "2026-11-28T0009-dialogue": m0009,
  "2026-12-07T1910-question-appeal": m1910,
};

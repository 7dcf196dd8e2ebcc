import type { Migration } from "kysely";
import * as m0002 from "./2026-11-28T0002-agencies.js";
import * as m1300 from "./2026-12-07T1300-agency-codes.js";
import * as m1600 from "./2026-12-07T1600-agency-hours-head.js";

/** This module's migrations, by their recorded names (frozen: a change is a new migration). */
export const migrations: Record<string, Migration> = {
  "2026-11-28T0002-agencies": m0002,
  "2026-12-07T1300-agency-codes": m1300,
  "2026-12-07T1600-agency-hours-head": m1600,
};

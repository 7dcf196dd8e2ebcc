import type { Migration } from "kysely";
import * as m0007 from "./2026-11-28T0007-consultations.js";
import * as m0010 from "./2026-11-28T0010-consultation-files.js";

/** This module's migrations, by their recorded names (frozen: a change is a new migration). */
export const migrations: Record<string, Migration> = {
  "2026-11-28T0007-consultations": m0007,
  "2026-11-28T0010-consultation-files": m0010,
};

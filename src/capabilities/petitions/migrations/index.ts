import type { Migration } from "kysely";
import * as m0012 from "./2026-11-28T0012-petitions.js";
import * as m0201 from "./2026-12-07T0201-co-initiator-person.js";

/** This module's migrations, by their recorded names (frozen: a change is a new migration). */
export const migrations: Record<string, Migration> = {
  "2026-11-28T0012-petitions": m0012,
  "2026-12-07T0201-co-initiator-person": m0201,
};

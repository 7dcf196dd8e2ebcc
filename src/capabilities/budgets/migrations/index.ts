import type { Migration } from "kysely";
import * as m2100 from "./2026-12-07T2100-budgets.js";

/** This module's migrations, by their recorded names (frozen: a change is a new migration). */
export const migrations: Record<string, Migration> = {
  "2026-12-07T2100-budgets": m2100,
};

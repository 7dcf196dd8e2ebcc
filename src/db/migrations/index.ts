import type { Migration } from "kysely";
import * as m0001 from "./2026-11-28T0001-kernel.js";
import * as m0002 from "./2026-11-28T0002-agencies.js";

/** Every migration in order, listed statically so the built app needs no directory scan. */
export const migrations: Record<string, Migration> = {
  "2026-11-28T0001-kernel": m0001,
  "2026-11-28T0002-agencies": m0002,
};

import type { Migration } from "kysely";
import * as m0004 from "./2026-11-28T0004-identity.js";
import * as m0011 from "./2026-11-28T0011-residence.js";
import * as m1207 from "./2026-12-07T0001-sign-in-throttle.js";
import * as m0101 from "./2026-12-07T0101-identity-assurance.js";
import * as m1845 from "./2026-12-07T1845-staff-directory.js";

/** This module's migrations, by their recorded names (frozen: a change is a new migration). */
export const migrations: Record<string, Migration> = {
  "2026-11-28T0004-identity": m0004,
  "2026-11-28T0011-residence": m0011,
  "2026-12-07T0001-sign-in-throttle": m1207,
  "2026-12-07T0101-identity-assurance": m0101,
  "2026-12-07T1845-staff-directory": m1845,
};

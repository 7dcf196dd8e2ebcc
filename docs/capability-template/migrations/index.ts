import type { Migration } from "kysely";
import * as m0001 from "./2027-01-01T0001-examples.js";

/** This capability's migrations, by their recorded names (frozen: a change is a new migration). */
export const migrations: Record<string, Migration> = {
  "2027-01-01T0001-examples": m0001,
};

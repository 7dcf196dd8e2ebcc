import type { Migration } from "kysely";
import * as m0001 from "./2026-11-28T0001-kernel.js";
import * as m0002 from "./2026-11-28T0002-agencies.js";
import * as m0003 from "./2026-11-28T0003-mail-outbox.js";
import * as m0004 from "./2026-11-28T0004-identity.js";
import * as m0005 from "./2026-11-28T0005-appeals.js";
import * as m0006 from "./2026-11-28T0006-appeal-search.js";
import * as m0007 from "./2026-11-28T0007-consultations.js";
import * as m0008 from "./2026-11-28T0008-meetings.js";
import * as m0009 from "./2026-11-28T0009-dialogue.js";
import * as m0010 from "./2026-11-28T0010-consultation-files.js";

/** Every migration in order, listed statically so the built app needs no directory scan. */
export const migrations: Record<string, Migration> = {
  "2026-11-28T0001-kernel": m0001,
  "2026-11-28T0002-agencies": m0002,
  "2026-11-28T0003-mail-outbox": m0003,
  "2026-11-28T0004-identity": m0004,
  "2026-11-28T0005-appeals": m0005,
  "2026-11-28T0006-appeal-search": m0006,
  "2026-11-28T0007-consultations": m0007,
  "2026-11-28T0008-meetings": m0008,
  "2026-11-28T0009-dialogue": m0009,
  "2026-11-28T0010-consultation-files": m0010,
};

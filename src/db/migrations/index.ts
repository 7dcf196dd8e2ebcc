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
import * as m0011 from "./2026-11-28T0011-residence.js";
import * as m0012 from "./2026-11-28T0012-petitions.js";
import * as m0013 from "./2026-11-28T0013-petition-signatures.js";
import * as m0014 from "./2026-11-28T0014-appeal-statistics.js";
import * as m0015 from "./2026-11-28T0015-open-data.js";
import * as m0016 from "./2026-11-28T0016-publications.js";
import * as m0017 from "./2026-11-28T0017-receptions.js";
import * as m0018 from "./2026-11-28T0018-polls.js";

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
  "2026-11-28T0011-residence": m0011,
  "2026-11-28T0012-petitions": m0012,
  "2026-11-28T0013-petition-signatures": m0013,
  "2026-11-28T0014-appeal-statistics": m0014,
  "2026-11-28T0015-open-data": m0015,
  "2026-11-28T0016-publications": m0016,
  "2026-11-28T0017-receptions": m0017,
  "2026-11-28T0018-polls": m0018,
};

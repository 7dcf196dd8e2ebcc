import type { Migration } from "kysely";
import * as m0005 from "./2026-11-28T0005-appeals.js";
import * as m0006 from "./2026-11-28T0006-appeal-search.js";
import * as m0014 from "./2026-11-28T0014-appeal-statistics.js";
import * as m1301 from "./2026-12-07T1301-short-numbers.js";
import * as m1810 from "./2026-12-07T1810-staff-tasks.js";
import * as m1820 from "./2026-12-07T1820-answer-drafts-and-templates.js";
import * as m1830 from "./2026-12-07T1830-registration-cards.js";
import * as m1840 from "./2026-12-07T1840-resolutions.js";
import * as m0020 from "./2026-12-08T0020-appeal-body-totals.js";
import * as m0030 from "./2026-12-08T0030-appeal-open-due.js";
import * as m0040 from "./2026-12-08T0040-appeal-scope-sums.js";
import * as m0050 from "./2026-12-08T0050-filing-indexes.js";

/** This module's migrations, by their recorded names (frozen: a change is a new migration). */
export const migrations: Record<string, Migration> = {
  "2026-11-28T0005-appeals": m0005,
  "2026-11-28T0006-appeal-search": m0006,
  "2026-11-28T0014-appeal-statistics": m0014,
  "2026-12-07T1301-short-numbers": m1301,
  "2026-12-07T1810-staff-tasks": m1810,
  "2026-12-07T1830-registration-cards": m1830,
  "2026-12-07T1840-resolutions": m1840,
  "2026-12-07T1820-answer-drafts-and-templates": m1820,
  "2026-12-08T0020-appeal-body-totals": m0020,
  "2026-12-08T0030-appeal-open-due": m0030,
  "2026-12-08T0040-appeal-scope-sums": m0040,
  "2026-12-08T0050-filing-indexes": m0050,
};

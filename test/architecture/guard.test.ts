import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ALLOW,
  type Allowance,
  check,
  format,
  readTree,
  type SourceFile,
} from "../../scripts/architecture-guard.mjs";

const root = path.resolve(import.meta.dirname, "../..");

/** A capability's manifest declaring the tables it owns. */
function manifest(name: string, tables: string[]): SourceFile {
  return {
    path: `src/capabilities/${name}/manifest.ts`,
    text: `export const m = { name: "${name}", tables: ${JSON.stringify(tables)} };\n`,
  };
}

/** Two capabilities, a sub-capability and their manifests: the ground every case stands on. */
const ground: SourceFile[] = [
  manifest("agencies", ["agencies", "categories"]),
  manifest("appeals", ["appeals", "appeal_drafts"]),
  manifest("petitions", ["petitions"]),
  manifest("petitions/signatures", ["petition_signatures"]),
  { path: "src/capabilities/agencies/index.ts", text: "export const findAgency = 1;\n" },
  { path: "src/capabilities/agencies/agency.repository.ts", text: "export const x = 1;\n" },
  { path: "src/capabilities/petitions/signatures/index.ts", text: "export const count = 1;\n" },
];

/** The violations of `files` on the ground, as [file:line, rule, target]. */
function run(files: SourceFile[], allow: Allowance[] = []) {
  return check([...ground, ...files], { allow }).map((v) => [
    `${v.file}:${v.line}`,
    v.rule,
    v.target,
  ]);
}

describe("architecture guard: imports", () => {
  it("refuses a deep import into another capability, however it is written", () => {
    const text = [
      'import { x } from "../../agencies/agency.repository.js";',
      'import type { Y } from "../../agencies/agency.table.js";',
      'export { z } from "../../agencies/agency.repository.js";',
      'const m = await import("../../agencies/pages/list.js");',
      'type T = typeof import("../../agencies/agency.repository.js");',
    ].join("\n");
    expect(run([{ path: "src/capabilities/appeals/commands/submit.ts", text }])).toEqual([
      [
        "src/capabilities/appeals/commands/submit.ts:1",
        "capability-import",
        "src/capabilities/agencies/agency.repository.ts",
      ],
      [
        "src/capabilities/appeals/commands/submit.ts:2",
        "capability-import",
        "src/capabilities/agencies/agency.table.ts",
      ],
      [
        "src/capabilities/appeals/commands/submit.ts:3",
        "capability-import",
        "src/capabilities/agencies/agency.repository.ts",
      ],
      [
        "src/capabilities/appeals/commands/submit.ts:4",
        "capability-import",
        "src/capabilities/agencies/pages/list.ts",
      ],
      [
        "src/capabilities/appeals/commands/submit.ts:5",
        "capability-import",
        "src/capabilities/agencies/agency.repository.ts",
      ],
    ]);
  });

  it("allows another capability's index.ts, and anything inside one's own capability", () => {
    const text = [
      'import { findAgency } from "../../agencies/index.js";',
      'import type { Appeal } from "../appeal.js";',
      'import { sql } from "kysely";',
      'import { clock } from "../../../kernel/clock.js";',
      'import { page } from "../../../web/layout.js";',
      'import type { AppContext } from "../../../platform/manifest.js";',
      'import type { Database } from "../../../db/schema.js";',
    ].join("\n");
    expect(run([{ path: "src/capabilities/appeals/web/page.tsx", text }])).toEqual([]);
  });

  it("holds a sub-capability and its parent to each other's index.ts", () => {
    const parent = [
      'import { count } from "./signatures/index.js";',
      'import { tally } from "./signatures/repository.js";',
    ].join("\n");
    const child = 'import { petitionJobs } from "../jobs.js";\n';
    expect(
      run([
        { path: "src/capabilities/petitions/web/page.tsx", text: parent.replace(/\.\//g, "../") },
        { path: "src/capabilities/petitions/signatures/service.ts", text: child },
      ]),
    ).toEqual([
      [
        "src/capabilities/petitions/signatures/service.ts:1",
        "capability-import",
        "src/capabilities/petitions/jobs.ts",
      ],
      [
        "src/capabilities/petitions/web/page.tsx:2",
        "capability-import",
        "src/capabilities/petitions/signatures/repository.ts",
      ],
    ]);
  });

  it("keeps the kernel below everything but db types and the compiled-query layer", () => {
    const text = [
      'import type { Config } from "../platform/config.js";',
      'import type { Database } from "../db/schema.js";',
      'import { openDatabase } from "../db/database.js";',
      'import type { Dialect } from "../db/database.js";',
      'import { page } from "../web/layout.js";',
      'import { appealsManifest } from "../capabilities/appeals/manifest.js";',
      'import { buildApp } from "../app.js";',
      'import type { Clock } from "./clock.js";',
      'import { compiled } from "../db/compiled.js";',
    ].join("\n");
    expect(run([{ path: "src/kernel/thing.ts", text }])).toEqual([
      ["src/kernel/thing.ts:1", "layer-import", "src/platform/config.ts"],
      ["src/kernel/thing.ts:2", "layer-import", "src/db/schema.ts"],
      ["src/kernel/thing.ts:3", "layer-import", "src/db/database.ts"],
      ["src/kernel/thing.ts:5", "layer-import", "src/web/layout.ts"],
      ["src/kernel/thing.ts:6", "layer-import", "src/capabilities/appeals/manifest.ts"],
      ["src/kernel/thing.ts:7", "layer-import", "src/app.ts"],
    ]);
  });

  it("keeps the platform off the web kit, capabilities and the composed schema", () => {
    const text = [
      'import { page } from "../web/layout.js";',
      'import { capabilities } from "../capabilities/index.js";',
      'import type { Database } from "../db/schema.js";',
      'import { openDatabase } from "../db/database.js";',
      'import { getSetting } from "../kernel/settings.js";',
    ].join("\n");
    expect(run([{ path: "src/platform/setup.ts", text }])).toEqual([
      ["src/platform/setup.ts:1", "layer-import", "src/web/layout.ts"],
      ["src/platform/setup.ts:2", "layer-import", "src/capabilities/index.ts"],
      ["src/platform/setup.ts:3", "layer-import", "src/db/schema.ts"],
    ]);
  });

  it("keeps the web kit off capabilities", () => {
    const text = 'import { findAgency } from "../../capabilities/agencies/index.js";\n';
    expect(run([{ path: "src/web/components/picker.tsx", text }])).toEqual([
      ["src/web/components/picker.tsx:1", "layer-import", "src/capabilities/agencies/index.ts"],
    ]);
  });

  it("lets src/db/schema.ts compose table types, and nothing else in src/db look up", () => {
    const schema = [
      'import type { AppealsTable } from "../capabilities/appeals/appeal.table.js";',
      'import type { KernelTables } from "../kernel/audit/audit.table.js";',
      'import { AgenciesTable } from "../capabilities/agencies/agency.table.js";',
    ].join("\n");
    const database = 'import { clock } from "../kernel/clock.js";\n';
    expect(
      run([
        { path: "src/db/schema.ts", text: schema },
        { path: "src/db/database.ts", text: database },
      ]),
    ).toEqual([
      ["src/db/database.ts:1", "layer-import", "src/kernel/clock.ts"],
      ["src/db/schema.ts:3", "layer-import", "src/capabilities/agencies/agency.table.ts"],
    ]);
  });

  it("lets a capability import nothing from the top level", () => {
    const text = 'import { capabilities } from "../index.js";\n';
    expect(run([{ path: "src/capabilities/agencies/demo.ts", text }])).toEqual([
      ["src/capabilities/agencies/demo.ts:1", "layer-import", "src/capabilities/index.ts"],
    ]);
  });

  it("lets the top level compose manifests and use index.ts, not capability internals", () => {
    const composition = 'import { m } from "./agencies/manifest.js";\n';
    const cli = [
      'import { findAgency } from "../capabilities/agencies/index.js";',
      'import { rebuild } from "../capabilities/appeals/stats/rebuild.js";',
    ].join("\n");
    expect(
      run([
        { path: "src/capabilities/index.ts", text: composition },
        { path: "src/cli/stats.ts", text: cli },
      ]),
    ).toEqual([
      ["src/cli/stats.ts:2", "capability-import", "src/capabilities/appeals/stats/rebuild.ts"],
    ]);
  });

  it("exempts tests from the import rules, but no production file may import test code", () => {
    const test = [
      'import { x } from "./agency.repository.js";',
      'import { tally } from "../petitions/signatures/repository.js";',
      'import { makeDb } from "../../../test/support/databases.js";',
    ].join("\n");
    const production = 'import { makeDb } from "../../../test/support/databases.js";\n';
    expect(
      run([
        { path: "src/capabilities/agencies/agency.test.ts", text: test },
        { path: "src/capabilities/agencies/demo-data.ts", text: production },
      ]),
    ).toEqual([
      ["src/capabilities/agencies/demo-data.ts:1", "test-import", "test/support/databases.ts"],
    ]);
  });

  it("keeps migrations frozen: they import no application code", () => {
    const text = [
      'import { type Kysely, sql } from "kysely";',
      'import { STATUSES } from "../appeal.js";',
    ].join("\n");
    expect(run([{ path: "src/capabilities/appeals/migrations/0001-appeals.ts", text }])).toEqual([
      [
        "src/capabilities/appeals/migrations/0001-appeals.ts:2",
        "migration-import",
        "src/capabilities/appeals/appeal.ts",
      ],
    ]);
  });
});

describe("architecture guard: tables", () => {
  it("refuses a query of another capability's table, aliased, joined or in a list", () => {
    const text = [
      "export async function f(db) {",
      '  await db.selectFrom("agencies as a").selectAll().execute();',
      '  await db.selectFrom("appeals").innerJoin("categories as c", "c.id", "appeals.category_id");',
      '  await db.selectFrom(["appeals", "agencies"]).selectAll().execute();',
      '  await db.updateTable("agencies").set({ name: "x" }).execute();',
      "}",
    ].join("\n");
    expect(run([{ path: "src/capabilities/appeals/queries/inbox.ts", text }])).toEqual([
      ["src/capabilities/appeals/queries/inbox.ts:2", "table-access", "agencies"],
      ["src/capabilities/appeals/queries/inbox.ts:3", "table-access", "categories"],
      ["src/capabilities/appeals/queries/inbox.ts:4", "table-access", "agencies"],
      ["src/capabilities/appeals/queries/inbox.ts:5", "table-access", "agencies"],
    ]);
  });

  it("refuses another capability's table in raw SQL", () => {
    const text = [
      'import { sql } from "kysely";',
      "export async function f(db, id) {",
      "  return sql`SELECT a.name",
      "    FROM appeals",
      "    JOIN agencies ON agencies.id = appeals.agency_id",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a tagged template
      "    WHERE appeals.id = ${id}`.execute(db);",
      "}",
      'export const g = (db) => sql.raw("delete from categories").execute(db);',
    ].join("\n");
    expect(run([{ path: "src/capabilities/appeals/stats/raw.ts", text }])).toEqual([
      ["src/capabilities/appeals/stats/raw.ts:5", "table-access", "agencies"],
      ["src/capabilities/appeals/stats/raw.ts:8", "table-access", "categories"],
    ]);
  });

  it("allows a capability its own tables, and unknown names (CTEs, columns) pass", () => {
    const text = [
      'import { sql } from "kysely";',
      "export async function f(db) {",
      '  await db.selectFrom("appeals as a").leftJoin("appeal_drafts", "x", "y").execute();',
      '  await db.with("recent", (q) => q.selectFrom("appeals")).selectFrom("recent").execute();',
      "  await sql`UPDATE appeals SET status = 'closed' WHERE id IN (SELECT id FROM recent)`.execute(db);",
      "}",
    ].join("\n");
    expect(run([{ path: "src/capabilities/appeals/repository.ts", text }])).toEqual([]);
  });

  it("holds a sub-capability and its parent to each other's tables", () => {
    const child = 'export const f = (db) => db.selectFrom("petitions").selectAll();\n';
    const parent = 'export const g = (db) => db.deleteFrom("petition_signatures");\n';
    expect(
      run([
        { path: "src/capabilities/petitions/signatures/batcher.ts", text: child },
        { path: "src/capabilities/petitions/repository.ts", text: parent },
      ]),
    ).toEqual([
      ["src/capabilities/petitions/repository.ts:1", "table-access", "petition_signatures"],
      ["src/capabilities/petitions/signatures/batcher.ts:1", "table-access", "petitions"],
    ]);
  });

  it("leaves the kernel's and the platform's tables to their functions", () => {
    const capability = [
      'export const a = (db) => db.selectFrom("audit_events").selectAll();',
      'export const b = (db) => db.insertInto("settings").values({});',
      'export const c = (db) => db.updateTable("mail_outbox").set({});',
    ].join("\n");
    const kernel = 'export const d = (db) => db.selectFrom("audit_events").selectAll();\n';
    const platform = [
      'export const e = (db) => db.updateTable("sms_outbox").set({});',
      'export const f = (db) => db.selectFrom("settings").selectAll();',
      'export const g = (db) => db.selectFrom("agencies").selectAll();',
    ].join("\n");
    expect(
      run([
        { path: "src/capabilities/appeals/versions.ts", text: capability },
        { path: "src/kernel/audit/audit.ts", text: kernel },
        { path: "src/platform/delivery/sms/outbox.ts", text: platform },
      ]),
    ).toEqual([
      ["src/capabilities/appeals/versions.ts:1", "table-access", "audit_events"],
      ["src/capabilities/appeals/versions.ts:2", "table-access", "settings"],
      ["src/capabilities/appeals/versions.ts:3", "table-access", "mail_outbox"],
      ["src/platform/delivery/sms/outbox.ts:2", "table-access", "settings"],
      ["src/platform/delivery/sms/outbox.ts:3", "table-access", "agencies"],
    ]);
  });

  it("holds tests to table ownership, and leaves the top level free", () => {
    const test = 'it("x", () => db.insertInto("agencies").values({}));\n';
    const cli = 'export const any = (db) => db.selectFrom("agencies").select("id");\n';
    expect(
      run([
        { path: "src/capabilities/appeals/appeal.test.ts", text: test },
        { path: "src/cli/halyq.ts", text: cli },
      ]),
    ).toEqual([["src/capabilities/appeals/appeal.test.ts:1", "table-access", "agencies"]]);
  });

  it("refuses a table claimed by two owners, or a list it cannot read", () => {
    const unreadable = {
      path: "src/capabilities/survey/manifest.ts",
      text: 'const TABLES = ["survey_answers"];\nexport const m = { name: "survey", tables: TABLES };\n',
    };
    expect(run([manifest("polls", ["polls", "appeals"]), unreadable])).toEqual([
      ["src/capabilities/polls/manifest.ts:1", "table-owner", "appeals"],
      ["src/capabilities/survey/manifest.ts:2", "table-owner", "tables"],
    ]);
  });
});

describe("architecture guard: the allow-list", () => {
  const text = 'export const f = (db) => db.selectFrom("agencies").selectAll();\n';
  const file = "src/capabilities/appeals/legacy.ts";

  it("drops a listed breach and reports an entry that matches nothing", () => {
    const allow: Allowance[] = [
      { file, rule: "table-access", target: "agencies", reason: "being moved" },
      { file, rule: "table-access", target: "categories", reason: "already moved" },
    ];
    expect(run([{ path: file, text }], allow)).toEqual([
      ["scripts/architecture-guard.mjs:0", "stale-allowance", "categories"],
    ]);
  });

  it("gives every entry a reason", () => {
    for (const entry of ALLOW) expect(entry.reason.length).toBeGreaterThan(10);
  });
});

describe("architecture guard: Halyq's own source", () => {
  // Parsing every file takes a second or two, more on a busy machine.
  it("finds no violation in src/", { timeout: 60_000 }, () => {
    const violations = check(readTree(root), { allow: ALLOW });
    expect(violations.map(format)).toEqual([]);
  });
});

import { CompiledQuery, type Kysely, type KyselyPlugin, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  findAppealByNumber,
  findDuplicate,
  listApplicantAppeals,
  similarOwnAppeals,
} from "../../src/capabilities/appeals/appeal.repository.js";
import type { Database } from "../../src/db/schema.js";
import { withCheckDigit } from "../../src/kernel/ids.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import type { SignedIn } from "../support/sessions.js";
import { api, BAIKONUR, citizen, file, staff, statement } from "./support.js";

/** The indexes of columns empty when an appeal is filed: they hold only rows with a value. */
const PARTIAL = [
  "appeals_legacy_number",
  "appeals_duplicate_iin",
  "appeals_duplicate",
  "appeals_applicant",
];
const IIN = withCheckDigit("90031540011") ?? "";

describe.each(testDialects())("the indexes a filing writes (%s)", (dialect) => {
  let t: TestApp;
  let me: SignedIn;
  let registrar: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    me = await citizen(t);
    registrar = await staff(t, "registrar");
  });
  afterAll(async () => {
    await t?.close();
  });

  const db = () => t.ctx.db.kysely;
  /** An appeal registered at the desk for a person with no account, known by their IIN. */
  const atDesk = (subject: string) =>
    api(t, registrar, "POST", `/api/v1/agencies/${BAIKONUR}/appeals`, {
      channel: "paper",
      kind: "statement",
      subject,
      text: "The street lights on Kenesary street are out.",
      applicant: { name: "Omarov Bauyrzhan", iin: IIN, phone: "+77011234567", language: "ru" },
    });

  /**
   * The plans of every statement `run` sends, with sequential scans turned off on PostgreSQL
   * (the test's tables are small, so it would rather read them whole): whether an index can
   * serve the query at all, which a partial index only can when the query implies its WHERE.
   */
  async function plansOf(run: (db: Kysely<Database>) => Promise<unknown>): Promise<string> {
    return db()
      .transaction()
      .execute(async (trx) => {
        const sent: CompiledQuery[] = [];
        const executor = trx.getExecutor();
        const capture: KyselyPlugin = {
          transformQuery: (args) => {
            sent.push(executor.compileQuery(args.node, args.queryId));
            return args.node;
          },
          transformResult: async (args) => args.result,
        };
        if (dialect === "postgres") await sql`SET LOCAL enable_seqscan = off`.execute(trx);
        await run(trx.withPlugin(capture));
        const plans: string[] = [];
        for (const q of sent) {
          const explain = dialect === "postgres" ? "EXPLAIN" : "EXPLAIN QUERY PLAN";
          const rows = (
            await trx.executeQuery(CompiledQuery.raw(`${explain} ${q.sql}`, [...q.parameters]))
          ).rows as Record<string, unknown>[];
          plans.push(rows.map((r) => String(r["QUERY PLAN"] ?? r.detail)).join("\n"));
        }
        return plans.join("\n");
      });
  }

  it("keeps the indexes of empty columns partial: a new appeal is not written into them", async () => {
    const definitions =
      dialect === "postgres"
        ? (
            await sql<{ name: string; definition: string }>`
              SELECT indexname AS name, indexdef AS definition FROM pg_indexes
              WHERE tablename = 'appeals'`.execute(db())
          ).rows
        : (
            await sql<{ name: string; definition: string }>`
              SELECT name, sql AS definition FROM sqlite_master
              WHERE type = 'index' AND tbl_name = 'appeals' AND sql IS NOT NULL`.execute(db())
          ).rows;
    const byName = new Map(definitions.map((d) => [d.name, d.definition]));
    for (const name of PARTIAL) {
      const column = name === "appeals_legacy_number" ? "legacy_number" : undefined;
      expect(byName.get(name), name).toMatch(/ where \(?"?(\w+)"? is not null\)?$/i);
      if (column) expect(byName.get(name)).toMatch(/unique/i);
    }
    // The inbox's narrowest index by body and the executor's stay whole (see the migration).
    for (const name of ["appeals_inbox_legacy_number", "appeals_executor"]) {
      expect(byName.get(name), name).not.toMatch(/ where /i);
    }
  });

  it("finds a duplicate by account and by IIN through the partial indexes", async () => {
    const same = statement();
    const first = await file(t, me, same);
    expect((await file(t, me, same)).status).toBe("attached");
    const subject = `Lights ${Math.random()}`;
    const desk = await atDesk(subject);
    expect(desk.json).toMatchObject({ status: "registered" });
    const again = await atDesk(subject);
    expect(again.json).toMatchObject({ status: "attached", duplicateOf: desk.json.number });

    const mine = await row(first.number);
    const byAccount = await plansOf((d) =>
      findDuplicate(d, {
        agencyId: BAIKONUR,
        accountId: me.accountId,
        iin: null,
        bodyHash: mine.body_hash,
      }),
    );
    expect(byAccount).toMatch(/appeals_(duplicate|applicant)\b/);
    const byIin = await plansOf((d) =>
      findDuplicate(d, { agencyId: BAIKONUR, accountId: null, iin: IIN, bodyHash: "x" }),
    );
    expect(byIin).toMatch(/appeals_duplicate_iin/);
  });

  it("lists a person's own appeals newest first through the partial index", async () => {
    const mine = await listApplicantAppeals(db(), me.accountId, []);
    expect(mine.length).toBeGreaterThan(0);
    const times = mine.map((r) => r.received_at);
    expect(times).toEqual([...times].sort().reverse());
    expect(await plansOf((d) => listApplicantAppeals(d, me.accountId, []))).toMatch(
      /appeals_applicant/,
    );
    expect(await plansOf((d) => similarOwnAppeals(d, me.accountId, "Streetlights broken"))).toMatch(
      /appeals_applicant/,
    );
  });

  it("keeps old numbers unique and found, while every new appeal has none", async () => {
    const a = await file(t, me, statement());
    const b = await file(t, me, statement());
    expect((await row(a.number)).legacy_number).toBeNull();
    expect((await row(b.number)).legacy_number).toBeNull();
    const old = `BAIKONUR-DISTRICT-AKIMAT-2024-${String(Date.now() % 1_000_000).padStart(6, "0")}`;
    await db()
      .updateTable("appeals")
      .set({ legacy_number: old })
      .where("number", "=", a.number)
      .execute();
    await expect(
      db()
        .updateTable("appeals")
        .set({ legacy_number: old })
        .where("number", "=", b.number)
        .execute(),
    ).rejects.toThrow(/unique/i);
    expect((await findAppealByNumber(db(), old))?.number).toBe(a.number);
    expect(await plansOf((d) => findAppealByNumber(d, old))).toMatch(/appeals_legacy_number/);
  });

  const row = (number: string) =>
    db().selectFrom("appeals").selectAll().where("number", "=", number).executeTakeFirstOrThrow();
});

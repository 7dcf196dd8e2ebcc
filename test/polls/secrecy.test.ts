import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Cast, writeBatch } from "../../src/capabilities/polls/ballot-box.js";
import { voterKey } from "../../src/capabilities/polls/commands/cast-ballot.js";
import { publishDuePolls } from "../../src/capabilities/polls/commands/publish.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { api, columnsOf, createPoll, person, staff, surveyForm, voteForm } from "./support.js";

/**
 * The list of who voted and the ballots must not be joinable: no shared column, no shared
 * time, no order, and nothing in any API or export that names a ballot next to a voter.
 */
describe.each(testDialects())("ballot secrecy on %s", (dialect) => {
  let t: TestApp;
  let pollId: string;
  const voters: { accountId: string; token: string }[] = [];
  const responses: string[] = [];
  beforeAll(async () => {
    t = await startTestApp(dialect);
    const head = await staff(t, "head");
    pollId = await createPoll(t, head, surveyForm({ closesAt: "2025-03-19T12:00" }));
    for (let i = 0; i < 6; i++) {
      const who = await person(t);
      voters.push({ accountId: who.accountId, token: who.token });
      const r = await api(t, who, "POST", `/api/v1/polls/${pollId}/ballots`, {
        answers: { "1": (i % 10) + 1, "2": ["b"], "3": `Idea number ${i}` },
      });
      expect(r.status).toBe(201);
      responses.push(JSON.stringify(r.json));
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it("keeps voters and ballots in tables that share only the poll, with no times or sequence", async () => {
    expect(await columnsOf(t, "poll_voters")).toEqual(["poll_id", "voted_on", "voter_key"]);
    expect(await columnsOf(t, "poll_ballots")).toEqual(["answers", "id", "poll_id"]);
    expect(await columnsOf(t, "poll_texts")).toEqual([
      "body",
      "id",
      "moderated_at",
      "moderated_by_id",
      "poll_id",
      "question_id",
      "status",
    ]);
    const v = await t.ctx.db.kysely
      .selectFrom("poll_voters")
      .selectAll()
      .where("poll_id", "=", pollId)
      .execute();
    // the day only, never the moment
    for (const row of v) expect(row.voted_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // voter keys are keyed hashes: no account id or IIN in them
    const accounts = await t.ctx.db.kysely.selectFrom("accounts").select(["id", "iin"]).execute();
    for (const row of v)
      for (const a of accounts) {
        expect(row.voter_key).not.toContain(a.id);
        if (a.iin) expect(row.voter_key).not.toContain(a.iin);
      }
    if (dialect === "sqlite") {
      // no rowid: rows are kept in key order, not insertion order
      const tables = await sql<{
        sql: string;
      }>`SELECT sql FROM sqlite_master WHERE name IN ('poll_voters', 'poll_ballots', 'poll_texts')`.execute(
        t.ctx.db.kysely,
      );
      for (const r of tables.rows) expect(r.sql).toMatch(/WITHOUT ROWID/);
    } else {
      const seqs = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM information_schema.columns
        WHERE table_name IN ('poll_voters', 'poll_ballots', 'poll_texts') AND column_default IS NOT NULL`.execute(
        t.ctx.db.kysely,
      );
      expect(seqs.rows[0]?.n).toBe(0);
    }
  });

  it("writes a batch in an order unrelated to the voters' order", async () => {
    const head = await staff(t, "head");
    const id = await createPoll(t, head, voteForm());
    const n = 40;
    const batch: Cast[] = Array.from({ length: n }, (_, i) => ({
      pollId: id,
      voterKey: `voter-${String(i).padStart(3, "0")}`,
      ballot: { answers: { "1": ["a", "b", "c"][i % 3] as string, marker: i }, texts: [] },
    }));
    const outcomes = await t.ctx.db.kysely
      .transaction()
      .execute((trx) => writeBatch(trx, batch, t.clock.now()));
    expect(outcomes.every((o) => o === "accepted")).toBe(true);
    // physical order as a reader without ORDER BY sees it (rowid-free key order, or heap order)
    const physical =
      dialect === "postgres"
        ? await sql<{
            answers: string;
          }>`SELECT answers FROM poll_ballots WHERE poll_id = ${id} ORDER BY ctid`.execute(
            t.ctx.db.kysely,
          )
        : await sql<{
            answers: string;
          }>`SELECT answers FROM poll_ballots WHERE poll_id = ${id}`.execute(t.ctx.db.kysely);
    const order = physical.rows.map((r) => JSON.parse(r.answers).marker as number);
    expect(order).toHaveLength(n);
    expect(order).not.toEqual([...order].sort((a, b) => a - b));
    // the same batch again: every one is a second ballot
    const again = await t.ctx.db.kysely
      .transaction()
      .execute((trx) => writeBatch(trx, batch.slice(0, 5), t.clock.now()));
    expect(again).toEqual(Array(5).fill("duplicate"));
  });

  it("shows nothing of a ballot next to a voter in any API answer or export", async () => {
    t.clock.set("2025-03-19T07:02:00Z");
    await publishDuePolls(t.ctx);
    t.clock.set("2025-03-19T05:00:00Z");
    const ballots = await t.ctx.db.kysely.selectFrom("poll_ballots").select("id").execute();
    const texts = await t.ctx.db.kysely.selectFrom("poll_texts").select("id").execute();
    const keys = (
      await t.ctx.db.kysely.selectFrom("poll_voters").select("voter_key").execute()
    ).map((r) => r.voter_key);
    const secrets = [
      ...ballots.map((b) => b.id),
      ...texts.map((x) => x.id),
      ...keys,
      ...voters.map((v) => v.accountId),
    ];
    const who = voters[0] as { accountId: string; token: string };
    const bodies: string[] = [...responses];
    for (const url of [
      "/api/v1/polls",
      `/api/v1/polls/${pollId}`,
      `/api/v1/polls/${pollId}/results`,
      `/polls/${pollId}/results.csv`,
      `/polls/${pollId}/results.json`,
      `/polls/${pollId}`,
      "/polls",
      "/api/openapi.json",
    ]) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      bodies.push(res.body);
      const mine = await t.app.inject({ url, headers: { authorization: `Bearer ${who.token}` } });
      bodies.push(mine.body);
    }
    for (const body of bodies) for (const s of secrets) expect(body).not.toContain(s);
    // no ballot is audited: the log names no voter for this poll
    const audit = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select(["actor_id", "data"])
      .where("subject_id", "=", pollId)
      .execute();
    for (const a of audit) {
      expect(voters.map((v) => v.accountId)).not.toContain(a.actor_id);
      for (const s of secrets.slice(0, ballots.length)) expect(String(a.data)).not.toContain(s);
    }
    // the schema of the API says the same: ballots and results carry no voter or ballot id
    const openapi = JSON.parse((await t.app.inject({ url: "/api/openapi.json" })).body);
    const results = JSON.stringify(openapi.paths["/api/v1/polls/{id}/results"]);
    expect(results).not.toMatch(/voterKey|accountId|ballotId|votedAt|castAt/);
  });

  it("keys a voter per poll: the same person has unrelated keys in two polls", () => {
    const a = voterKey(t.ctx, "poll-1", "acc", "900101300123");
    const b = voterKey(t.ctx, "poll-2", "acc", "900101300123");
    expect(a).not.toBe(b);
    expect(voterKey(t.ctx, "poll-1", "other-account", "900101300123")).toBe(a);
  });
});

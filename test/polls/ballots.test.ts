import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishDuePolls } from "../../src/capabilities/polls/commands/publish.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import {
  api,
  BAIKONUR_TERRITORY,
  count,
  createPoll,
  person,
  post,
  staff,
  surveyForm,
  voteForm,
  YESIL_TERRITORY,
} from "./support.js";

const ballot = (choice: string) => ({ answers: { "1": choice } });

describe.each(testDialects())("ballots on %s", (dialect) => {
  let t: TestApp;
  let voteId: string;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    const head = await staff(t, "head");
    voteId = await createPoll(t, head, voteForm());
  });
  afterAll(async () => {
    await t.close();
  });

  it("accepts a resident's ballot once (201), refuses the second (409)", async () => {
    const resident = await person(t);
    const first = await api(t, resident, "POST", `/api/v1/polls/${voteId}/ballots`, ballot("a"));
    expect(first.status).toBe(201);
    expect(first.json).toEqual({ status: "cast" });
    const second = await api(t, resident, "POST", `/api/v1/polls/${voteId}/ballots`, ballot("b"));
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe("ALREADY_VOTED");
    expect(second.json.error.message).toMatch(/already cast a ballot/);
  });

  it("refuses a non-resident, an unverified identity, a person without an address, and staff, each with its reason (403), and stores nothing", async () => {
    const before = await count(t, "poll_ballots", voteId);
    const cases = [
      [
        await person(t, { residence: YESIL_TERRITORY }),
        /registered address is elsewhere/,
        "NOT_ELIGIBLE",
      ],
      [await person(t, { iin: null }), /sign(ing)? in with e-ID/, "IDENTITY_NOT_VERIFIED"],
      [await person(t, { identity: "declared" }), /registrar/, "IDENTITY_NOT_VERIFIED"],
      [await person(t, { residence: null }), /no registered address/, "NOT_ELIGIBLE"],
      [await staff(t, "executor"), /Staff accounts/, "NOT_ELIGIBLE"],
    ] as const;
    for (const [who, reason, code] of cases) {
      const r = await api(t, who, "POST", `/api/v1/polls/${voteId}/ballots`, ballot("a"));
      expect(r.status).toBe(403);
      expect(r.json.error.code).toBe(code);
      expect(r.json.error.message).toMatch(reason);
    }
    const ru = await t.app.inject({
      method: "POST",
      url: `/api/v1/polls/${voteId}/ballots?lang=ru`,
      headers: {
        cookie: (cases[0][0] as { cookie: string }).cookie,
        "x-csrf-token": (cases[0][0] as { csrf: string }).csrf,
        "content-type": "application/json",
      },
      payload: JSON.stringify(ballot("a")),
    });
    expect(ru.statusCode).toBe(403);
    expect(ru.json().error.message).toMatch(/адрес регистрации/);
    expect(await count(t, "poll_ballots", voteId)).toBe(before);
    expect(await count(t, "poll_voters", voteId)).toBe(before);
  });

  it("gives one ballot for concurrent attempts by one person", async () => {
    const who = await person(t);
    const before = await count(t, "poll_ballots", voteId);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        api(t, who, "POST", `/api/v1/polls/${voteId}/ballots`, ballot(i % 2 ? "a" : "b")),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(11);
    expect(await count(t, "poll_ballots", voteId)).toBe(before + 1);
    expect(await count(t, "poll_voters", voteId)).toBe(before + 1);
  });

  it("refuses bad answers with a localised 400 and changes nothing", async () => {
    const who = await person(t);
    const before = await count(t, "poll_ballots", voteId);
    for (const body of [ballot("z"), { answers: { "2": "a" } }, { answers: {} }]) {
      const r = await api(t, who, "POST", `/api/v1/polls/${voteId}/ballots`, body);
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe("VALIDATION");
    }
    const schema = await api(t, who, "POST", `/api/v1/polls/${voteId}/ballots`, { vote: "a" });
    expect(schema.status).toBe(400);
    expect(await count(t, "poll_ballots", voteId)).toBe(before);
    // and the person may still vote afterwards
    expect((await api(t, who, "POST", `/api/v1/polls/${voteId}/ballots`, ballot("a"))).status).toBe(
      201,
    );
  });

  it("requires a session (401) and the CSRF token on forms (403)", async () => {
    const anon = await api(t, null, "POST", `/api/v1/polls/${voteId}/ballots`, ballot("a"));
    expect(anon.status).toBe(401);
    const who = await person(t);
    const res = await t.app.inject({
      method: "POST",
      url: `/polls/${voteId}/ballot`,
      headers: { cookie: who.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: "q-1=a",
    });
    expect(res.statusCode).toBe(403);
    const check = await post(t, who, `/polls/${voteId}/ballot`, { "q-1": "b" });
    expect(check.statusCode).toBe(200);
    const seal = (name: string) =>
      new RegExp(`name="${name}" value="([^"]+)"`).exec(check.body)?.[1] ?? "";
    const ok = await post(t, who, `/polls/${voteId}/cast`, {
      "q-1": "b",
      issued: seal("issued"),
      seal: seal("seal"),
      decision: "cast",
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toMatch(new RegExp(`^/polls/${voteId}/receipt\\?at=`));
    const again = await post(t, who, `/polls/${voteId}/ballot`, { "q-1": "b" });
    expect(again.statusCode).toBe(409);
    expect(again.body).toMatch(/already cast a ballot/);
  });

  it("refuses ballots before opening and after closing (409), and drafts are not found", async () => {
    const head = await staff(t, "head");
    const later = await createPoll(
      t,
      head,
      voteForm({ opensAt: "2025-04-01T09:00", closesAt: "2025-04-02T09:00" }),
    );
    const who = await person(t);
    const r = await api(t, who, "POST", `/api/v1/polls/${later}/ballots`, ballot("a"));
    expect(r.status).toBe(409);
    expect(r.json.error.code).toBe("POLL_NOT_OPEN");
    const draft = await createPoll(t, head, voteForm(), false);
    expect((await api(t, who, "POST", `/api/v1/polls/${draft}/ballots`, ballot("a"))).status).toBe(
      404,
    );
    expect((await api(t, null, "GET", `/api/v1/polls/${draft}`)).status).toBe(404);
  });

  it("publishes at closing exactly what a direct count of the ballots gives, with turnout", async () => {
    const head = await staff(t, "head");
    const id = await createPoll(t, head, voteForm({ eligibleCount: "40" }));
    const choices = ["a", "b", "c", "a", "a", "b", "c", "a", "b", "a", "c", "a", "b", "a"];
    const cast = await Promise.all(
      choices.map(async (c) => {
        const who = await person(t, { residence: "711410123" });
        return (await api(t, who, "POST", `/api/v1/polls/${id}/ballots`, ballot(c))).status;
      }),
    );
    expect(cast.every((s) => s === 201)).toBe(true);
    const before = await api(t, null, "GET", `/api/v1/polls/${id}/results`);
    expect(before.status).toBe(409);
    expect((await post(t, head, `/office/polls/${id}/close`, {})).statusCode).toBe(303);
    const late = await api(t, await person(t), "POST", `/api/v1/polls/${id}/ballots`, ballot("a"));
    expect(late.status).toBe(409);
    // not before the grace period has passed
    await publishDuePolls(t.ctx);
    expect((await api(t, null, "GET", `/api/v1/polls/${id}/results`)).status).toBe(409);
    t.clock.set(new Date(t.clock.now().getTime() + 61_000).toISOString());
    // two instances' jobs at once: one publishes
    const runs = await Promise.all([publishDuePolls(t.ctx), publishDuePolls(t.ctx)]);
    expect(runs.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    const logged = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", id)
      .where("action", "=", "poll.published")
      .execute();
    expect(logged).toHaveLength(1);

    const direct = await t.ctx.db.kysely
      .selectFrom("poll_ballots")
      .select("answers")
      .where("poll_id", "=", id)
      .execute();
    const expected: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (const b of direct) {
      const choice = JSON.parse(b.answers)["1"] as string;
      expected[choice] = (expected[choice] ?? 0) + 1;
    }
    const res = await api(t, null, "GET", `/api/v1/polls/${id}/results`);
    expect(res.status).toBe(200);
    const counts = Object.fromEntries(
      res.json.questions[0].options.map((o: { id: string; count: number }) => [o.id, o.count]),
    );
    expect(counts).toEqual(expected);
    expect(counts).toEqual({ a: 7, b: 4, c: 3 });
    expect(res.json.voters).toBe(choices.length);
    expect(res.json.ballots).toBe(choices.length);
    expect(res.json.eligible).toBe(40);
    expect(res.json.turnout).toBeCloseTo(choices.length / 40, 4);
    expect(res.json.final).toBe(true);
    const csv = await t.app.inject({ url: `/polls/${id}/results.csv?lang=en` });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain("1,What should be built?,single,a,Playground,7,14,14,40");
    const json = await t.app.inject({ url: `/polls/${id}/results.json` });
    expect(JSON.parse(json.body).questions[0].options[0].count).toBe(7);
    t.clock.set("2025-03-19T05:00:00Z");
  });

  it("moderates free text: nothing is published until approved, rejected never", async () => {
    const head = await staff(t, "head");
    const moderator = await staff(t, "moderator");
    const id = await createPoll(t, head, surveyForm({ closesAt: "2025-03-19T12:00" }));
    const texts = ["More buses at night", "Call me on +7 701 000 0000", "Heated stops"];
    for (const text of texts) {
      const who = await person(t, { iin: null, residence: null });
      const r = await api(t, who, "POST", `/api/v1/polls/${id}/ballots`, {
        answers: { "1": 7, "2": ["a", "c"], "3": text },
      });
      expect(r.status).toBe(201);
    }
    expect(await count(t, "poll_texts", id)).toBe(3);
    // a citizen and another body's moderator cannot moderate
    const rows = await t.ctx.db.kysely
      .selectFrom("poll_texts")
      .select(["id", "body"])
      .where("poll_id", "=", id)
      .execute();
    const idOf = (body: string) => rows.find((r) => r.body === body)?.id as string;
    const outsider = await staff(t, "moderator", "ag-yesil-akimat");
    const denied = await post(
      t,
      outsider,
      `/office/polls/${id}/texts/${idOf(texts[0] as string)}`,
      {
        decision: "approved",
      },
    );
    expect(denied.statusCode).toBe(404);
    const office = await t.app.inject({
      url: `/office/polls/${id}`,
      headers: { cookie: moderator.cookie },
    });
    expect(office.body).toContain("Heated stops");
    for (const [body, decision] of [
      [texts[0], "approved"],
      [texts[1], "rejected"],
    ] as const) {
      const r = await post(t, moderator, `/office/polls/${id}/texts/${idOf(body as string)}`, {
        decision,
      });
      expect(r.statusCode).toBe(303);
    }
    const twice = await post(
      t,
      moderator,
      `/office/polls/${id}/texts/${idOf(texts[1] as string)}`,
      {
        decision: "approved",
      },
    );
    expect(twice.statusCode).toBe(409);
    t.clock.set("2025-03-19T07:02:00Z");
    await publishDuePolls(t.ctx);
    const res = await api(t, null, "GET", `/api/v1/polls/${id}/results`);
    const free = res.json.questions[2];
    expect(free.texts).toEqual(["More buses at night"]);
    expect(free.answered).toBe(3);
    expect(res.json.questions[0].mean).toBe(7);
    expect(res.json.questions[1].options.map((o: { count: number }) => o.count)).toEqual([3, 0, 3]);
    const csv = await t.app.inject({ url: `/polls/${id}/results.csv` });
    expect(csv.body).toContain("More buses at night");
    expect(csv.body).not.toContain("+7 701");
    expect(csv.body).not.toContain("Heated stops");
    const audit = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "poll.created",
        "poll.scheduled",
        "poll.text_approved",
        "poll.text_rejected",
        "poll.published",
      ]),
    );
    t.clock.set("2025-03-19T05:00:00Z");
  });

  it("decides residence by KATO hierarchy: a territory contains the codes below it", async () => {
    const head = await staff(t, "head");
    const city = await createPoll(t, head, voteForm({ territoryCode: "710000000" }));
    const inDistrict = await person(t, { residence: BAIKONUR_TERRITORY });
    const otherDistrict = await person(t, { residence: YESIL_TERRITORY });
    const otherRegion = await person(t, { residence: "751710000" });
    expect(
      (await api(t, inDistrict, "POST", `/api/v1/polls/${city}/ballots`, ballot("a"))).status,
    ).toBe(201);
    expect(
      (await api(t, otherDistrict, "POST", `/api/v1/polls/${city}/ballots`, ballot("a"))).status,
    ).toBe(201);
    expect(
      (await api(t, otherRegion, "POST", `/api/v1/polls/${city}/ballots`, ballot("a"))).status,
    ).toBe(403);
  });
});

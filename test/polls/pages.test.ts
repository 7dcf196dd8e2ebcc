import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "../../src/capabilities/identity/session.repository.js";
import { pollsManifest } from "../../src/capabilities/polls/manifest.js";
import { inThisBuild, startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import { signInAs } from "../support/sessions.js";
import {
  api,
  createPoll,
  page,
  person,
  post,
  staff,
  surveyForm,
  voteForm,
  YESIL_TERRITORY,
} from "./support.js";

const LANGS = ["kk", "ru", "en"] as const;

async function valid(html: string, what: string) {
  expect(await htmlProblems(html), what).toEqual([]);
}

describe.each(testDialects())("poll pages on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it("loads the demo: open votes (Baikonur residents, everyone), an open survey, a closed vote with results", async () => {
    const list = await api(t, null, "GET", "/api/v1/polls");
    const items = list.json.items as {
      id: string;
      kind: string;
      phase: string;
      eligibility: string;
    }[];
    expect(items.map((i) => `${i.kind}:${i.phase}`).sort()).toEqual(
      ["referendum:published", "survey:open", "vote:open", "vote:open"].sort(),
    );
    const vote = items.find((i) => i.kind === "vote" && i.eligibility === "territory") as {
      id: string;
    };
    const forEveryone = items.find((i) => i.kind === "vote" && i.eligibility === "everyone") as {
      id: string;
    };
    const closed = items.find((i) => i.kind === "referendum") as { id: string };
    const accountOf = async (email: string) =>
      (
        await t.ctx.db.kysely
          .selectFrom("accounts")
          .select("id")
          .where("email", "=", email)
          .executeTakeFirstOrThrow()
      ).id;
    const bearer = async (email: string) => {
      const now = t.clock.now();
      const s = await createSession(t.ctx.db.kysely, {
        accountId: await accountOf(email),
        kind: "api",
        now: now.toISOString(),
        expiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
      });
      return s.token;
    };
    const cast = async (email: string, pollId = vote.id) =>
      t.app.inject({
        method: "POST",
        url: `/api/v1/polls/${pollId}/ballots?lang=en`,
        headers: {
          authorization: `Bearer ${await bearer(email)}`,
          "content-type": "application/json",
        },
        payload: JSON.stringify({ answers: { "1": "b" } }),
      });
    expect((await cast("citizen@demo.halyq.kz")).statusCode).toBe(201);
    const refused = await cast("citizen2@demo.halyq.kz");
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/registered address is elsewhere/);
    // The vote for everyone: verified demo citizens vote; citizen3@ only declared an IIN.
    expect((await cast("citizen2@demo.halyq.kz", forEveryone.id)).statusCode).toBe(201);
    const declared = await cast("citizen3@demo.halyq.kz", forEveryone.id);
    expect(declared.statusCode).toBe(403);
    expect(declared.json().error.code).toBe("IDENTITY_NOT_VERIFIED");
    const results = await api(t, null, "GET", `/api/v1/polls/${closed.id}/results`);
    expect(results.status).toBe(200);
    expect(results.json.voters).toBe(57);
    expect(results.json.eligible).toBe(1200);
    const direct = await t.ctx.db.kysely
      .selectFrom("poll_ballots")
      .select("answers")
      .where("poll_id", "=", closed.id)
      .execute();
    const yes = direct.filter((b) => JSON.parse(b.answers)["1"] === "yes").length;
    expect(results.json.questions[0].options[0].count).toBe(yes);
    const paths = await pollsManifest.publicPaths?.(t.ctx);
    expect(paths).toEqual(
      expect.arrayContaining(["/polls", `/polls/${vote.id}`, `/polls/${closed.id}`]),
    );
  });

  it("renders every public page as valid HTML in kk, ru and en, with charts and tables", async () => {
    const paths = (await pollsManifest.publicPaths?.(t.ctx)) ?? [];
    const survey = (await api(t, null, "GET", "/api/v1/polls?when=open")).json.items.find(
      (i: { kind: string }) => i.kind === "survey",
    );
    for (const lang of LANGS)
      for (const path of [...paths, `/polls/${survey.id}`]) {
        const res = await page(t, null, path, lang);
        expect(res.statusCode, path).toBe(200);
        await valid(res.body, `${path} ${lang}`);
      }
    const res = await page(t, null, paths[paths.length - 1] as string, "ru");
    expect(res.body).toMatch(/<svg[^>]*aria-hidden="true"/);
    expect(res.body).toContain("govuk-table");
  });

  it("shows the ballot form, a refusal, a confirmation, errors and 'voted' as valid pages", async () => {
    const head = await staff(t, "head");
    const id = await createPoll(
      t,
      head,
      surveyForm({ "q1-kind": "single", "q1-options-en": "Yes\nNo" }),
    );
    const vote = await createPoll(t, head, voteForm());
    const resident = await person(t);
    const outsider = await person(t, { residence: YESIL_TERRITORY });
    for (const lang of LANGS) {
      const form = await page(t, resident, `/polls/${id}`, lang);
      expect(form.body).toContain(`action="/polls/${id}/ballot"`);
      await valid(form.body, `ballot ${lang}`);
      const refused = await page(t, outsider, `/polls/${vote}`, lang);
      expect(refused.body).toContain('data-testid="not-eligible"');
      await valid(refused.body, `refusal ${lang}`);
      const bad = await post(t, resident, `/polls/${id}/ballot`, { "q-1": "zz" }, lang);
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain("govuk-error-summary");
      await valid(bad.body, `errors ${lang}`);
    }
    const ok = await post(t, resident, `/polls/${id}/ballot`, {
      "q-1": "a",
      "q-2[]": "a",
      "q-3": "Benches",
    });
    expect(ok.statusCode).toBe(303);
    const done = await page(t, resident, String(ok.headers.location));
    expect(done.body).toContain("govuk-panel--confirmation");
    // the portal survey's one question follows a cast ballot
    if (inThisBuild("survey")) expect(done.body).toContain('name="context" value="ballot_cast"');
    await valid(done.body, "confirmation");
    const voted = await page(t, resident, `/polls/${id}`);
    expect(voted.body).toContain('data-testid="voted"');
    const anon = await page(t, null, `/polls/${vote}`);
    expect(anon.body).toContain(`/login?next=${encodeURIComponent(`/polls/${vote}`)}`);
  });

  it("gives the body's staff valid office pages, and refuses others", async () => {
    const head = await staff(t, "head");
    const moderator = await staff(t, "moderator");
    const draft = await createPoll(t, head, voteForm(), false);
    const open = await createPoll(t, head, surveyForm());
    for (const lang of LANGS)
      for (const [who, url] of [
        [head, "/office/polls"],
        [head, "/office/polls/new"],
        [head, `/office/polls/${draft}`],
        [head, `/office/polls/${open}`],
        [moderator, `/office/polls/${open}`],
      ] as const) {
        const res = await page(t, who, url, lang);
        expect(res.statusCode, url).toBe(200);
        await valid(res.body, `${url} ${lang}`);
      }
    const bad = await post(
      t,
      head,
      "/office/polls",
      voteForm({ "title-kk": "", "title-ru": "", "title-en": "", closesAt: "2025-03-01T00:00" }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Enter a title in at least one language");
    expect(bad.body).toContain("The closing time must be after the opening time");
    await valid(bad.body, "draft errors");
    // edit the draft, then it is frozen once scheduled
    const edited = await post(
      t,
      head,
      `/office/polls/${draft}`,
      voteForm({ "title-en": "The square, again" }),
    );
    expect(edited.statusCode).toBe(303);
    expect((await post(t, head, `/office/polls/${draft}/schedule`, {})).statusCode).toBe(303);
    const frozen = await post(t, head, `/office/polls/${draft}`, voteForm());
    expect(frozen.statusCode).toBe(409);
    // a citizen sees no office; a moderator cannot schedule or close; another body's head cannot act
    const citizen = await signInAs(t, { kind: "citizen" });
    expect((await page(t, citizen, "/office/polls")).statusCode).toBe(404);
    expect((await post(t, moderator, `/office/polls/${open}/close`, {})).statusCode).toBe(404);
    const otherHead = await staff(t, "head", "ag-yesil-akimat");
    expect((await post(t, otherHead, `/office/polls/${open}/close`, {})).statusCode).toBe(404);
    expect((await page(t, otherHead, `/office/polls/${open}`)).statusCode).toBe(404);
    const foreign = await post(t, otherHead, "/office/polls", voteForm());
    expect(foreign.statusCode).toBe(403);
    const registrar = await staff(t, "registrar");
    expect((await post(t, registrar, "/office/polls", voteForm())).statusCode).toBe(403);
    const unchanged = await api(t, null, "GET", `/api/v1/polls/${open}`);
    expect(unchanged.json.phase).toBe("open");
  });
});

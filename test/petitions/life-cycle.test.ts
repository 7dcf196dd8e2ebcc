import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkThreshold, sweepPetitions } from "../../src/capabilities/petitions/jobs.js";
import { configurePetitions } from "../../src/capabilities/petitions/profiles.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import {
  api,
  countRows,
  createDraft,
  DRAFT,
  page,
  post,
  staff,
  verifiedCitizen,
} from "./support.js";

/** 10:00 in Astana on Wednesday 19 March 2025, just before Nauryz. */
const START = "2025-03-19T05:00:00Z";

async function row(t: TestApp, id: string) {
  return t.ctx.db.kysely
    .selectFrom("petitions")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

describe.each(testDialects())("the petition life cycle (%s)", (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect, { now: START });
    // A trial's numbers: two co-initiators and a district akimat's threshold of two signatures.
    await configurePetitions(t.ctx.db.kysely, t.clock, {
      coInitiators: { count: 2, workingDays: 20 },
      thresholds: [
        { kind: "*", level: "republic", fixed: 50000 },
        { kind: "akimat", level: "district", fixed: 2 },
      ],
    });
  });
  afterAll(async () => t?.close());

  it("goes from draft to published decision, with a timestamp at every milestone", async () => {
    t.clock.set(START);
    const author = await verifiedCitizen(t);
    const created = await createDraft(t, author);
    expect(created.status).toBe("draft");
    expect(created.number).toMatch(/^PET-2025-\d{6}$/);
    // A draft is the initiator's alone.
    expect((await api(t, null, "GET", `/api/v1/petitions/${created.id}`)).status).toBe(404);
    expect((await page(t, null, `/petitions/${created.number}`)).statusCode).toBe(404);
    expect((await page(t, author, `/petitions/${created.number}`)).statusCode).toBe(200);

    const gathering = await api(t, author, "POST", `/api/v1/petitions/${created.id}/gathering`);
    expect(gathering.status).toBe(200);
    expect(gathering.json.status).toBe("gathering");
    // 20 working days from Wednesday 19 March 2025, across Nauryz (21–25 March off).
    expect(gathering.json.milestones.gatheringDueOn).toBe("2025-04-21");
    const token = (await row(t, created.id)).share_token as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{20,}$/);

    // Too few co-initiators: refused, nothing changes.
    const early = await api(t, author, "POST", `/api/v1/petitions/${created.id}/submission`);
    expect(early.status).toBe(409);
    expect((await row(t, created.id)).status).toBe("gathering");

    // Co-initiators join by the link (the page, then the form).
    const co1 = await verifiedCitizen(t, "ru");
    const co2 = await verifiedCitizen(t, "kk");
    const joinPage = await page(t, co1, `/petitions/join?token=${token}`);
    expect(joinPage.statusCode).toBe(200);
    expect(joinPage.body).toContain(DRAFT.title);
    const joined = await post(t, co1, "/petitions/join", { token });
    expect(joined.statusCode).toBe(303);
    expect(joined.headers.location).toBe(`/petitions/${created.number}?done=joined`);
    const viaApi = await api(t, co2, "POST", `/api/v1/petitions/${created.id}/co-initiators`, {
      token,
    });
    expect(viaApi.status).toBe(200);
    // The page then says so instead of offering the form again; the initiator is not offered it.
    expect((await page(t, co1, `/petitions/join?token=${token}`)).body).toContain(
      "You have joined as a co-initiator: see the petition",
    );
    expect((await page(t, author, `/petitions/join?token=${token}`)).body).not.toContain(
      'action="/petitions/join"',
    );
    // Joining twice changes nothing.
    expect((await post(t, co1, "/petitions/join", { token })).statusCode).toBe(303);
    expect(
      Number(
        (
          await t.ctx.db.kysely
            .selectFrom("petition_co_initiators")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("petition_id", "=", created.id)
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(2);
    // Co-initiators see the petition; strangers do not.
    expect((await page(t, co1, `/petitions/${created.number}`)).statusCode).toBe(200);
    const stranger = await verifiedCitizen(t);
    expect((await page(t, stranger, `/petitions/${created.number}`)).statusCode).toBe(404);

    const mailBefore = await countRows(t, "mail_outbox");
    const submitted = await post(t, author, `/petitions/${created.number}/submit`);
    expect(submitted.statusCode).toBe(303);
    let p = await row(t, created.id);
    expect(p.status).toBe("admissibility");
    expect(p.share_token).toBeNull();
    expect(p.admissibility_due_on).toBe("2025-04-21");
    // The initiator and both co-initiators are told, each in their language.
    const mails = await t.ctx.db.kysely
      .selectFrom("mail_outbox")
      .select(["to_address", "subject"])
      .where("subject", "like", `%${created.number}%`)
      .execute();
    // Three to the initiators, two to the body's head and moderator (the demo accounts).
    expect(await countRows(t, "mail_outbox")).toBe(mailBefore + 5);
    expect(mails.map((m) => m.subject).sort()).toEqual(
      [
        `Petition ${created.number} sent to the body`,
        `Петиция ${created.number} направлена в орган`,
        `${created.number} петициясы органға жіберілді`,
        `${created.number} петициясы жол берілуі туралы шешімді күтуде`,
        `Петиция ${created.number} ждёт решения о допустимости`,
      ].sort(),
    );
    expect(mails.filter((m) => m.to_address.endsWith("@demo.halyq.kz")).length).toBe(2);

    // The body's queue shows it with its term; the head admits it.
    let head = await staff(t, "head");
    const queue = await page(t, head, "/office/petitions");
    expect(queue.body).toContain(created.number);
    const admitted = await post(t, head, `/office/petitions/${created.number}/admit`);
    expect(admitted.statusCode).toBe(303);
    p = await row(t, created.id);
    expect(p.status).toBe("collecting");
    expect(p.threshold).toBe(2);
    expect(p.territory_code).toBe("711410000");
    expect(p.published_at).toBe(new Date(START).toISOString());
    expect(p.signing_closes_at).toBe("2025-09-19T05:00:00.000Z");
    expect((await page(t, null, `/petitions/${created.number}`)).statusCode).toBe(200);

    // Two residents sign (the signing side's API), the second on the next day; the job moves
    // it on (the signing side may ask for the same check after its batch: one of them wins).
    for (const day of ["2025-03-19T05:00:00Z", "2025-03-20T05:00:00Z"]) {
      t.clock.set(day);
      const signer = await verifiedCitizen(t);
      const s = await api(t, signer, "POST", `/api/v1/petitions/${created.id}/signatures`, {});
      expect(s.status).toBe(201);
    }
    await sweepPetitions(t.ctx);
    p = await row(t, created.id);
    expect(p.status).toBe("consideration");
    expect(p.threshold_reached_at).toBe("2025-03-20T05:00:00.000Z");
    // Local body: 20 working days from Thursday 20 March, across Nauryz.
    expect(p.consideration_due_on).toBe("2025-04-22");
    // A second run (another instance) changes nothing.
    expect(await checkThreshold(t.ctx, created.id)).toBeNull();

    // The decision cannot come before the draft decision has been discussed.
    head = await staff(t, "head");
    const tooSoon = await api(t, head, "POST", `/api/v1/petitions/${created.id}/decision`, {
      text: "Decided.",
    });
    expect(tooSoon.status).toBe(409);
    const draft = await post(t, head, `/office/petitions/${created.number}/draft-decision`, {
      draftText: "The akimat will light the paths next spring.",
    });
    expect(draft.statusCode).toBe(303);

    // People comment; comments appear after moderation.
    const commenter = await verifiedCitizen(t);
    const said = await post(t, commenter, `/petitions/${created.number}/comments`, {
      comment: "Please also light the bridge.",
    });
    expect(said.statusCode).toBe(303);
    expect((await page(t, null, `/petitions/${created.number}`)).body).not.toContain(
      "Please also light the bridge.",
    );
    const comment = await t.ctx.db.kysely
      .selectFrom("petition_comments")
      .select("id")
      .where("petition_id", "=", created.id)
      .executeTakeFirstOrThrow();
    const moderator = await staff(t, "moderator");
    const shown = await post(
      t,
      moderator,
      `/office/petitions/${created.number}/comments/${comment.id}`,
      { decision: "approved" },
    );
    expect(shown.statusCode).toBe(303);
    expect((await page(t, null, `/petitions/${created.number}`)).body).toContain(
      "Please also light the bridge.",
    );

    t.clock.set("2025-04-02T05:00:00Z");
    head = await staff(t, "head");
    const decided = await post(t, head, `/office/petitions/${created.number}/decision`, {
      decisionText: "The paths will be lit by 1 May.",
    });
    expect(decided.statusCode).toBe(303);
    const final = await api(t, null, "GET", `/api/v1/petitions/${created.number}`);
    expect(final.status).toBe(200);
    expect(final.json).toMatchObject({
      status: "decided",
      signatureCount: 2,
      threshold: 2,
      decision: "The paths will be lit by 1 May.",
      milestones: {
        createdAt: "2025-03-19T05:00:00.000Z",
        gatheringStartedAt: "2025-03-19T05:00:00.000Z",
        submittedAt: "2025-03-19T05:00:00.000Z",
        admittedAt: "2025-03-19T05:00:00.000Z",
        publishedAt: "2025-03-19T05:00:00.000Z",
        thresholdReachedAt: "2025-03-20T05:00:00.000Z",
        draftDecisionPublishedAt: "2025-03-20T05:00:00.000Z",
        decisionPublishedAt: "2025-04-02T05:00:00.000Z",
      },
    });
    // Every change is in the audit trail.
    const audit = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", created.id)
      .orderBy("seq")
      .execute();
    // (The signatures keep their own records, `petition.signature.*`.)
    expect(audit.map((a) => a.action).filter((a) => !a.startsWith("petition.signature"))).toEqual([
      "petition.created",
      "petition.start_gathering",
      "petition.join",
      "petition.join",
      "petition.submit",
      "petition.admit",
      "petition.reach_threshold",
      "petition.publish_draft_decision",
      "petition.comment.added",
      "petition.comment.approved",
      "petition.decide",
    ]);
    // Decided: nothing more, not even withdrawal (the author's session is from the start).
    t.clock.set(START);
    const late = await api(t, author, "POST", `/api/v1/petitions/${created.id}/withdrawal`);
    expect(late.status).toBe(409);
  });

  it("refuses with a reason from the excluded topics, or other with its words", async () => {
    t.clock.set(START);
    const author = await verifiedCitizen(t);
    const p = await createDraft(t, author);
    await t.ctx.db.kysely
      .updateTable("petitions")
      .set({ status: "admissibility", submitted_at: START, admissibility_due_on: "2025-04-21" })
      .where("id", "=", p.id)
      .execute();
    const head = await staff(t, "head");
    const audit = await countRows(t, "audit_events");
    const none = await post(t, head, `/office/petitions/${p.number}/refuse`, {});
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain("Choose the reason for refusal");
    const bad = await api(t, head, "POST", `/api/v1/petitions/${p.id}/refusal`, { reason: "x" });
    expect(bad.status).toBe(400);
    const other = await post(t, head, `/office/petitions/${p.number}/refuse`, { reason: "other" });
    expect(other.statusCode).toBe(400);
    expect(other.body).toContain("Explain the other reason");
    expect((await row(t, p.id)).status).toBe("admissibility");
    expect(await countRows(t, "audit_events")).toBe(audit);

    const ok = await post(t, head, `/office/petitions/${p.number}/refuse`, { reason: "courts" });
    expect(ok.statusCode).toBe(303);
    const r = await row(t, p.id);
    expect(r.status).toBe("refused");
    expect(r.refusal_reason).toBe("courts");
    expect(r.refused_at).toBe(new Date(START).toISOString());
    // Not published: the initiator sees the reason, the public does not see the petition.
    const mine = await page(t, author, `/petitions/${p.number}`, "ru");
    expect(mine.body).toContain("Судебные акты и деятельность судов");
    expect((await page(t, null, `/petitions/${p.number}`)).statusCode).toBe(404);
  });

  it("lets only the initiator withdraw, before the decision", async () => {
    t.clock.set(START);
    const author = await verifiedCitizen(t);
    const p = await createDraft(t, author);
    const other = await verifiedCitizen(t);
    expect((await api(t, other, "POST", `/api/v1/petitions/${p.id}/withdrawal`)).status).toBe(404);
    const head = await staff(t, "head");
    expect((await api(t, head, "POST", `/api/v1/petitions/${p.id}/withdrawal`)).status).toBe(404);
    const res = await post(t, author, `/petitions/${p.number}/withdraw`);
    expect(res.statusCode).toBe(303);
    const r = await row(t, p.id);
    expect(r.status).toBe("withdrawn");
    expect(r.withdrawn_at).toBe(new Date(START).toISOString());
    expect((await post(t, author, `/petitions/${p.number}/withdraw`)).statusCode).toBe(409);
  });

  it("asks for a verified identity (not a declared IIN) to start or join, and refuses the initiator joining", async () => {
    t.clock.set(START);
    // An IIN typed at registration only: declared, not verified.
    const plain = await staff(t, "head").then(() => verifiedCitizen(t));
    await t.ctx.db.kysely
      .updateTable("accounts")
      .set({ identity_assurance: "declared" })
      .where("id", "=", plain.accountId)
      .execute();
    const before = await countRows(t, "petitions");
    const refused = await api(t, plain, "POST", "/api/v1/petitions", DRAFT);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("IDENTITY_NOT_VERIFIED");
    expect(refused.json.error.message).toMatch(/e-ID/);
    expect(await countRows(t, "petitions")).toBe(before);
    const newPage = await t.app.inject({
      method: "GET",
      url: "/petitions/new?lang=en",
      headers: { cookie: plain.cookie },
    });
    expect(newPage.statusCode).toBe(403);
    expect(newPage.body).toContain('data-testid="identity-not-verified"');
    expect(newPage.body).not.toContain('name="title"');

    const author = await verifiedCitizen(t);
    const p = await createDraft(t, author);
    await api(t, author, "POST", `/api/v1/petitions/${p.id}/gathering`);
    const token = (await row(t, p.id)).share_token as string;
    const joinPage = await t.app.inject({
      method: "GET",
      url: `/petitions/join?token=${token}&lang=en`,
      headers: { cookie: plain.cookie },
    });
    expect(joinPage.statusCode).toBe(200);
    expect(joinPage.body).toContain('data-testid="identity-not-verified"');
    expect(joinPage.body).not.toContain('action="/petitions/join"');
    const noIin = await post(t, plain, "/petitions/join", { token });
    expect(noIin.statusCode).toBe(403);
    expect(noIin.body).toContain("registrar");
    const apiJoin = await api(t, plain, "POST", `/api/v1/petitions/${p.id}/co-initiators`, {
      token,
    });
    expect(apiJoin.status).toBe(403);
    expect(apiJoin.json.error.code).toBe("IDENTITY_NOT_VERIFIED");
    const joined = await t.ctx.db.kysely
      .selectFrom("petition_co_initiators")
      .selectAll()
      .where("account_id", "=", plain.accountId)
      .execute();
    expect(joined).toEqual([]);
    const own = await api(t, author, "POST", `/api/v1/petitions/${p.id}/co-initiators`, { token });
    expect(own.status).toBe(403);
    const wrong = await api(
      t,
      await verifiedCitizen(t),
      "POST",
      `/api/v1/petitions/${p.id}/co-initiators`,
      {
        token: "not-the-token-at-all",
      },
    );
    expect(wrong.status).toBe(404);
    expect((await page(t, null, "/petitions/join?token=not-the-token-at-all")).statusCode).toBe(
      404,
    );
  });

  it("counts a co-initiator once per person, not per account", async () => {
    t.clock.set(START);
    const author = await verifiedCitizen(t);
    const p = await createDraft(t, author);
    await api(t, author, "POST", `/api/v1/petitions/${p.id}/gathering`);
    const token = (await row(t, p.id)).share_token as string;
    const first = await verifiedCitizen(t);
    const joinAs = (who: Awaited<ReturnType<typeof verifiedCitizen>>) =>
      api(t, who, "POST", `/api/v1/petitions/${p.id}/co-initiators`, { token });
    expect((await joinAs(first)).status).toBe(200);
    const setIin = async (accountId: string, iin: string | null, deleted = false) =>
      t.ctx.db.kysely
        .updateTable("accounts")
        .set({ iin, ...(deleted ? { deleted_at: START } : {}) })
        .where("id", "=", accountId)
        .execute();
    const iinOf = async (accountId: string) =>
      (
        await t.ctx.db.kysely
          .selectFrom("accounts")
          .select("iin")
          .where("id", "=", accountId)
          .executeTakeFirstOrThrow()
      ).iin as string;
    // The same person deletes the account and comes back verified under a new one.
    const firstIin = await iinOf(first.accountId);
    await setIin(first.accountId, null, true);
    const again = await verifiedCitizen(t);
    await setIin(again.accountId, firstIin);
    const twice = await joinAs(again);
    expect(twice.status).toBe(409);
    const rows = await t.ctx.db.kysely
      .selectFrom("petition_co_initiators")
      .select("account_id")
      .where("petition_id", "=", p.id)
      .execute();
    expect(rows).toEqual([{ account_id: first.accountId }]);
    const web = await post(t, again, "/petitions/join", { token });
    expect(web.statusCode).toBe(409);
    expect(web.body).toContain("already counted among this petition's co-initiators");
  });

  it("expires gathering past its term and collecting past its close below the threshold", async () => {
    t.clock.set(START);
    const author = await verifiedCitizen(t);
    const g = await createDraft(t, author);
    await api(t, author, "POST", `/api/v1/petitions/${g.id}/gathering`);
    const c = await createDraft(t, author);
    const d = await createDraft(t, author);
    await api(t, author, "POST", `/api/v1/petitions/${d.id}/gathering`);
    await t.ctx.db.kysely
      .updateTable("petitions")
      .set({
        status: "collecting",
        published_at: START,
        threshold: 2,
        signing_closes_at: "2025-04-01T00:00:00.000Z",
      })
      .where("id", "=", c.id)
      .execute();
    // The last day to gather is 21 April: on it nothing expires.
    t.clock.set("2025-04-21T12:00:00Z");
    await sweepPetitions(t.ctx);
    expect((await row(t, g.id)).status).toBe("gathering");
    expect((await row(t, c.id)).status).toBe("expired");
    t.clock.set("2025-04-22T05:00:00Z");
    expect(await checkThreshold(t.ctx, g.id)).toBe("expired");
    const r = await row(t, g.id);
    expect(r.expired_at).toBe("2025-04-22T05:00:00.000Z");
    expect(r.share_token).toBeNull();
    // Two instances at once: exactly one moves a petition.
    t.clock.set("2025-06-01T05:00:00Z");
    const audit = await countRows(t, "audit_events");
    const both = await Promise.all([checkThreshold(t.ctx, d.id), checkThreshold(t.ctx, d.id)]);
    expect(both.filter((x) => x === "expired")).toHaveLength(1);
    expect(await countRows(t, "audit_events")).toBe(audit + 1);
  });

  it("refuses every action from every state it does not allow, changing nothing", async () => {
    t.clock.set(START);
    const statuses = [
      "draft",
      "gathering",
      "admissibility",
      "refused",
      "collecting",
      "consideration",
      "decided",
      "expired",
      "withdrawn",
    ];
    const actions: [string, "author" | "head", unknown][] = [
      ["gathering", "author", undefined],
      ["submission", "author", undefined],
      ["withdrawal", "author", undefined],
      ["admission", "head", undefined],
      ["refusal", "head", { reason: "courts" }],
      ["draft-decision", "head", { text: "Draft." }],
      ["decision", "head", { text: "Decision." }],
    ];
    const allowed: Record<string, string[]> = {
      gathering: ["draft"],
      submission: ["gathering"],
      withdrawal: ["draft", "gathering", "admissibility", "collecting", "consideration"],
      admission: ["admissibility"],
      refusal: ["admissibility"],
      "draft-decision": ["consideration"],
      decision: ["consideration"],
    };
    for (const status of statuses) {
      const author = await verifiedCitizen(t);
      const head = await staff(t, "head");
      for (const [path, who, body] of actions) {
        const p = await createDraft(t, author);
        await t.ctx.db.kysely
          .updateTable("petitions")
          .set({
            status,
            submitted_at: status === "draft" || status === "gathering" ? null : START,
            published_at: [
              "collecting",
              "consideration",
              "decided",
              "expired",
              "withdrawn",
            ].includes(status)
              ? START
              : null,
            draft_decision_published_at: status === "consideration" ? START : null,
            draft_decision: status === "consideration" ? "Draft." : null,
          })
          .where("id", "=", p.id)
          .execute();
        if (status === "gathering")
          await t.ctx.db.kysely
            .insertInto("petition_co_initiators")
            .values([
              {
                petition_id: p.id,
                account_id: (await verifiedCitizen(t)).accountId,
                joined_at: START,
              },
              {
                petition_id: p.id,
                account_id: (await verifiedCitizen(t)).accountId,
                joined_at: START,
              },
            ])
            .execute();
        const before = await row(t, p.id);
        const res = await api(
          t,
          who === "author" ? author : head,
          "POST",
          `/api/v1/petitions/${p.id}/${path}`,
          body,
        );
        const ok = allowed[path]?.includes(status) ?? false;
        expect(res.status, `${path} from ${status}`).toBe(
          ok
            ? 200
            : status === "draft" || status === "gathering"
              ? who === "head"
                ? 404
                : 409
              : 409,
        );
        if (!ok) expect(await row(t, p.id), `${path} from ${status}`).toEqual(before);
      }
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import { signInAs } from "../support/sessions.js";
import { BAIKONUR, citizen, page, post, staffOf, writeItems, YESIL } from "./support.js";

describe.each(testDialects())("the moderation queue on %s", (dialect) => {
  let t: TestApp;
  let items: Awaited<ReturnType<typeof writeItems>>;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    items = await writeItems(t);
  });
  afterAll(async () => t?.close());

  const db = () => t.ctx.db.kysely;
  const footprint = async () => ({
    comment: await db()
      .selectFrom("consultation_comments")
      .select(["hidden_at", "hidden_reason"])
      .where("id", "=", items.comment)
      .executeTakeFirst(),
    questions: await db()
      .selectFrom("dialogue_questions")
      .select(["id", "status", "reject_reason"])
      .where("id", "in", [items.pending, items.published])
      .orderBy("id")
      .execute(),
    text: await db()
      .selectFrom("poll_texts")
      .select("status")
      .where("id", "=", items.pollTextId)
      .executeTakeFirst(),
    reviews: (await db().selectFrom("moderation_reviews").selectAll().execute()).length,
    reports: (await db().selectFrom("moderation_reports").selectAll().execute()).length,
    audit: (await db().selectFrom("audit_events").select("seq").execute()).length,
  });

  it("lists new items of every kind from the moderator's own body, and filters by kind", async () => {
    const res = await page(t, items.moderator, "/office/moderation");
    expect(res.status).toBe(200);
    for (const text of [
      items.commentText,
      items.pendingSubject,
      items.publishedSubject,
      items.pollText,
    ])
      expect(res.body).toContain(text);
    expect(res.body).toContain(`value="comment:${items.comment}"`);
    expect(res.body).toContain("Waiting to be published");
    const questions = await page(t, items.moderator, "/office/moderation?kind=question");
    expect(questions.body).toContain(items.pendingSubject);
    expect(questions.body).not.toContain(items.commentText);
    expect(questions.body).not.toContain(items.pollText);
    const ru = await page(t, items.moderator, "/office/moderation", "ru");
    expect(ru.body).toContain("Очередь модерации");
    expect(ru.body).toContain("Комментарий к проекту акта");
    const kk = await page(t, items.moderator, "/office/moderation", "kk");
    expect(kk.body).toContain("Модерация кезегі");
    // another body's moderator does not see Yesil's items
    const other = await staffOf(t, "moderator", BAIKONUR);
    const theirs = await page(t, other, "/office/moderation");
    expect(theirs.status).toBe(200);
    expect(theirs.body).not.toContain(items.commentText);
  });

  it("its pages are valid HTML in kk, ru and en, with and without errors", async () => {
    if (dialect !== "sqlite") return;
    for (const lang of ["kk", "ru", "en"]) {
      const queue = await page(t, items.moderator, "/office/moderation", lang);
      expect(await htmlProblems(queue.body), lang).toEqual([]);
      const refused = await post(
        t,
        items.moderator,
        "/office/moderation",
        { decision: "hide", note: "x".repeat(1001) },
        lang,
      );
      expect(refused.statusCode).toBe(400);
      expect(await htmlProblems(refused.body), lang).toEqual([]);
      const thanks = await page(t, items.alice, "/moderation/reported?return=/consultations", lang);
      expect(await htmlProblems(thanks.body), lang).toEqual([]);
    }
  });

  it("takes reports from signed-in people once each, and shows reported items first", async () => {
    const bob = await citizen(t);
    const carol = await citizen(t);
    for (const who of [bob, carol, bob]) {
      const r = await post(t, who, "/moderation/report", {
        kind: "comment",
        id: items.comment,
        return: `/consultations/${items.consultation}#c-${items.comment}`,
      });
      expect(r.statusCode).toBe(303);
      expect(r.headers.location).toMatch(/^\/moderation\/reported\?return=/);
    }
    const thanks = await page(
      t,
      bob,
      String(
        (
          await post(t, bob, "/moderation/report", {
            kind: "question",
            id: items.published,
            return: "/dialogue",
          })
        ).headers.location,
      ),
    );
    expect(thanks.status).toBe(200);
    expect(thanks.body).toContain("Thank you: the moderator will check this item.");
    const rows = await db().selectFrom("moderation_reports").selectAll().execute();
    expect(rows.filter((r) => r.item_id === items.comment)).toHaveLength(2);
    const audit = await db()
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", items.comment)
      .where("action", "=", "moderation.reported")
      .execute();
    expect(audit).toHaveLength(2);
    const queue = await page(t, items.moderator, "/office/moderation");
    expect(queue.body).toContain("Reports from people: 2");
    expect(queue.body.indexOf(items.commentText)).toBeLessThan(
      queue.body.indexOf(items.pendingSubject),
    );
    // the report button is on the draft's page for a reader who is not the author
    const draft = await page(t, bob, `/consultations/${items.consultation}`);
    expect(draft.body).toContain('action="/moderation/report"');
    const own = await page(t, items.alice, `/consultations/${items.consultation}`);
    expect(own.body).not.toContain('action="/moderation/report"');
  });

  it("refuses reports that are not allowed, changing nothing", async () => {
    const before = await footprint();
    const bob = await citizen(t);
    // a question not yet published cannot be reported; neither can what does not exist
    for (const [kind, id] of [
      ["question", items.pending],
      ["comment", "no-such-comment"],
      ["poll_text", items.pollTextId],
      ["nonsense", items.comment],
    ]) {
      const r = await post(t, bob, "/moderation/report", {
        kind: kind as string,
        id: id as string,
      });
      expect(r.statusCode).toBe(404);
    }
    // staff do not report; nobody reports without a session or without the form's token
    const head = await staffOf(t, "head");
    expect(
      (await post(t, head, "/moderation/report", { kind: "comment", id: items.comment }))
        .statusCode,
    ).toBe(403);
    const anonymous = await t.app.inject({
      method: "POST",
      url: "/moderation/report",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ kind: "comment", id: items.comment }).toString(),
    });
    expect([303, 403]).toContain(anonymous.statusCode);
    const noToken = await t.app.inject({
      method: "POST",
      url: "/moderation/report",
      headers: { cookie: bob.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ kind: "comment", id: items.comment }).toString(),
    });
    expect(noToken.statusCode).toBe(403);
    expect(await footprint()).toEqual(before);
  });

  it("a bad decision changes nothing and says what is wrong", async () => {
    const before = await footprint();
    const noReason = await post(t, items.moderator, "/office/moderation", {
      items: `comment:${items.comment}`,
      decision: "hide",
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain("Select a reason from the list");
    const nothing = await post(
      t,
      items.moderator,
      "/office/moderation",
      { decision: "hide", reason: "offensive" },
      "ru",
    );
    expect(nothing.statusCode).toBe(400);
    expect(nothing.body).toContain("Отметьте хотя бы один материал");
    const badDecision = await post(t, items.moderator, "/office/moderation", {
      items: `comment:${items.comment}`,
      decision: "delete",
      reason: "offensive",
    });
    expect(badDecision.statusCode).toBe(400);
    expect(await footprint()).toEqual(before);
  });

  it("staff who are not the body's moderator cannot act on its items", async () => {
    const before = await footprint();
    const fields = {
      items: [`comment:${items.comment}`, `question:${items.pending}`],
      decision: "hide",
      reason: "offensive",
    };
    const cases: [string, Awaited<ReturnType<typeof signInAs>>, number][] = [
      ["citizen", await citizen(t), 404],
      ["head of the body", await staffOf(t, "head"), 403],
      ["executor of the body", await staffOf(t, "executor"), 403],
      [
        "system administrator",
        await signInAs(t, { grants: [{ role: "admin", agencyId: null }] }),
        403,
      ],
      [
        "moderator without the second factor",
        await signInAs(t, {
          grants: [{ role: "moderator", agencyId: YESIL }],
          secondFactor: false,
        }),
        303,
      ],
      ["moderator of another body", await staffOf(t, "moderator", BAIKONUR), 303],
    ];
    for (const [name, who, status] of cases) {
      const view = await page(t, who, "/office/moderation");
      expect(view.status, name).toBe(name === "moderator of another body" ? 200 : status);
      const res = await t.app.inject({
        method: "POST",
        url: "/office/moderation",
        headers: {
          cookie: `${who.cookie}; halyq_lang=en`,
          "content-type": "application/x-www-form-urlencoded",
        },
        payload: `_csrf=${encodeURIComponent(who.csrf)}&items=${encodeURIComponent(fields.items[0] as string)}&items=${encodeURIComponent(fields.items[1] as string)}&decision=hide&reason=offensive`,
      });
      expect(res.statusCode, name).toBe(status);
      if (name === "moderator of another body")
        expect(res.headers.location).toBe("/office/moderation?done=0&refused=2");
      if (name === "moderator without the second factor")
        expect(res.headers.location).toBe("/login/second-factor");
    }
    expect(await footprint()).toEqual(before);
  });

  it("hides several items at once with a reason and a note, each by its owner, audited", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/office/moderation",
      headers: {
        cookie: `${items.moderator.cookie}; halyq_lang=en`,
        "content-type": "application/x-www-form-urlencoded",
      },
      payload: new URLSearchParams([
        ["_csrf", items.moderator.csrf],
        ["items", `comment:${items.comment}`],
        ["items", `question:${items.pending}`],
        ["items", `question:${items.published}`],
        ["decision", "hide"],
        ["reason", "offensive"],
        ["note", "Insults in both"],
      ]).toString(),
    });
    expect(res.statusCode).toBe(303);
    // a published question stays for its answer: the queue does not hide it
    expect(res.headers.location).toBe("/office/moderation?done=2&refused=1");
    const after = await footprint();
    expect(after.comment?.hidden_reason).toBe("offensive");
    expect(after.comment?.hidden_at).not.toBeNull();
    const pending = after.questions.find((q) => q.id === items.pending);
    expect(pending).toMatchObject({ status: "rejected", reject_reason: "offensive" });
    expect(after.questions.find((q) => q.id === items.published)?.status).toBe("published");
    const reviews = await db()
      .selectFrom("moderation_reviews")
      .selectAll()
      .orderBy("kind")
      .execute();
    expect(reviews.map((r) => [r.kind, r.item_id, r.decision, r.reason, r.note])).toEqual([
      ["comment", items.comment, "hidden", "offensive", "Insults in both"],
      ["question", items.pending, "hidden", "offensive", "Insults in both"],
    ]);
    const audit = await db()
      .selectFrom("audit_events")
      .select(["action", "subject_id", "reason"])
      .where("action", "in", [
        "moderation.hidden",
        "consultation.comment_hidden",
        "dialogue.question.rejected",
      ])
      .where("subject_id", "in", [items.comment, items.pending, items.published])
      .execute();
    expect(audit.map((a) => `${a.action} ${a.subject_id} ${a.reason}`).sort()).toEqual(
      [
        `consultation.comment_hidden ${items.comment} offensive`,
        `dialogue.question.rejected ${items.pending} offensive`,
        `moderation.hidden ${items.comment} offensive`,
        `moderation.hidden ${items.pending} offensive`,
      ].sort(),
    );
    const queue = await page(t, items.moderator, "/office/moderation?done=2&refused=1");
    expect(queue.body).toContain("Items processed: 2. Not processed: 1");
    expect(queue.body).not.toContain(items.commentText);
    expect(queue.body).not.toContain(items.pendingSubject);
    // the asker is told of the refusal through the outbox
    const mail = await db().selectFrom("mail_outbox").select("id").execute();
    expect(mail.length).toBeGreaterThan(0);
  });

  it("keeps an item (publishing a waiting poll answer); a later report brings a kept item back", async () => {
    const res = await post(t, items.moderator, "/office/moderation", {
      items: `poll_text:${items.pollTextId}`,
      decision: "approve",
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/office/moderation?done=1&refused=0");
    expect((await footprint()).text?.status).toBe("approved");
    const kept = await post(t, items.moderator, "/office/moderation", {
      items: `question:${items.published}`,
      decision: "approve",
    });
    expect(kept.headers.location).toBe("/office/moderation?done=1&refused=0");
    let queue = await page(t, items.moderator, "/office/moderation");
    expect(queue.body).not.toContain(items.publishedSubject);
    t.clock.set("2025-03-19T05:01:00Z");
    const dave = await citizen(t);
    await post(t, dave, "/moderation/report", { kind: "question", id: items.published });
    queue = await page(t, items.moderator, "/office/moderation");
    expect(queue.body).toContain(items.publishedSubject);
    expect(queue.body).toContain("Reports from people: 1");
  });
});

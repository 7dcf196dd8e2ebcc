import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import type { SignedIn } from "../support/sessions.js";
import { api, citizen, get, moveTo, post, publish, resume, staff } from "./support.js";

describe.each(testDialects())(
  "a draft's discussion from publication to report on %s",
  (dialect) => {
    let t: TestApp;
    let head: SignedIn;
    let moderator: SignedIn;
    let alice: SignedIn;
    let bob: SignedIn;
    let id: string;
    const comments: Record<string, string> = {};

    beforeAll(async () => {
      // Wednesday 19 March 2025: with Nauryz (21, 24 and 25 March off) the 10 working days end on 7 April.
      t = await startTestApp(dialect, { now: "2025-03-19T05:00:00Z" });
      head = await staff(t, "head");
      moderator = await staff(t, "moderator");
      alice = await citizen(t);
      bob = await citizen(t);
    });
    afterAll(async () => t.close());

    it("publishes a draft with numbered paragraphs and a window of working days", async () => {
      id = await publish(t, head);
      const res = await api(t, null, "GET", `/api/v1/consultations/${id}`);
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({
        status: "open",
        version: 1,
        window: { opensOn: "2025-03-19", closesOn: "2025-04-07" },
        comments: 0,
      });
      expect(res.json.paragraphs.map((p: { number: number }) => p.number)).toEqual([1, 2, 3]);
      expect(res.json.paragraphs[1].text).toEqual({
        kk: null,
        ru: "Заявление подаётся онлайн.",
        en: "The application is filed online.",
      });
      const page = await get(t, null, `/consultations/${id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("Paragraph 3");
      expect(page.body).toContain("The result is issued electronically.");
      const kk = await get(t, null, `/consultations/${id}`, "kk");
      expect(kk.body).toContain('lang="en"');
      const audit = await t.ctx.db.kysely
        .selectFrom("audit_events")
        .select("action")
        .where("subject_id", "=", id)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(["consultation.published"]);
    });

    it("takes comments on paragraphs and on the whole, through the form and the API", async () => {
      const form = await post(t, alice, `/consultations/${id}/comments`, {
        paragraph: "1",
        text: "Twenty days is too long; ten would do.",
      });
      expect(form.statusCode).toBe(303);
      expect(form.headers.location).toMatch(new RegExp(`^/consultations/${id}\\?done=comment#c-`));
      const viaApi = await api(t, bob, "POST", `/api/v1/consultations/${id}/comments`, {
        text: "Please also allow paper applications.",
      });
      expect(viaApi.status).toBe(201);
      expect(viaApi.json.paragraph).toBeNull();
      const spam = await api(t, bob, "POST", `/api/v1/consultations/${id}/comments`, {
        paragraph: 2,
        text: "Call +7 701 000 00 00 for cheap documents",
      });
      expect(spam.status).toBe(201);
      const rows = await t.ctx.db.kysely
        .selectFrom("consultation_comments")
        .select(["id", "paragraph_number", "body", "author_name"])
        .where("consultation_id", "=", id)
        .orderBy("created_at")
        .orderBy("paragraph_number")
        .execute();
      expect(rows).toHaveLength(3);
      expect(rows.find((r) => r.paragraph_number === 1)?.author_name).toBe("Citizen T.");
      comments.alice = rows.find((r) => r.paragraph_number === 1)?.id ?? "";
      comments.bob = viaApi.json.id;
      comments.spam = spam.json.id;

      const empty = await post(t, alice, `/consultations/${id}/comments`, {
        paragraph: "2",
        text: " ",
      });
      expect(empty.statusCode).toBe(400);
      expect(empty.body).toContain("govuk-error-summary");
      expect(empty.body).toContain('href="#comment-2"');
      const unknown = await api(t, alice, "POST", `/api/v1/consultations/${id}/comments`, {
        paragraph: 9,
        text: "No such paragraph",
      });
      expect(unknown.status).toBe(400);
      const count = await t.ctx.db.kysely
        .selectFrom("consultation_comments")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("consultation_id", "=", id)
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(3);
    });

    it("counts one changeable vote per person per comment, never on one's own", async () => {
      const vote = (who: SignedIn, value: string) =>
        post(t, who, `/consultations/${id}/comments/${comments.alice}/vote`, { value });
      expect((await vote(bob, "agree")).statusCode).toBe(303);
      expect((await vote(bob, "agree")).statusCode).toBe(303);
      expect((await vote(bob, "disagree")).statusCode).toBe(303);
      expect((await vote(head, "agree")).statusCode).toBe(303);
      expect((await vote(alice, "agree")).statusCode).toBe(403);
      const votes = await t.ctx.db.kysely
        .selectFrom("consultation_votes")
        .select(["account_id", "value"])
        .where("comment_id", "=", comments.alice ?? "")
        .execute();
      expect(votes.map((v) => [v.account_id, Number(v.value)]).sort()).toEqual(
        [
          [bob.accountId, -1],
          [head.accountId, 1],
        ].sort(),
      );
      const page = await get(t, bob, `/consultations/${id}`);
      expect(page.body).toContain("Agree: 1 · Disagree: 1");
      expect(page.body).toContain("Take back my disagreement");
      expect((await vote(head, "none")).statusCode).toBe(303);
    });

    it("hides a comment for a listed reason, keeping its text in the database and the audit record", async () => {
      const bad = await post(
        t,
        moderator,
        `/office/consultations/${id}/comments/${comments.spam}/hide`,
        {
          reason: "because",
        },
      );
      expect(bad.statusCode).toBe(400);
      const res = await post(
        t,
        moderator,
        `/office/consultations/${id}/comments/${comments.spam}/hide`,
        {
          reason: "advertising",
        },
      );
      expect(res.statusCode).toBe(303);
      const row = await t.ctx.db.kysely
        .selectFrom("consultation_comments")
        .selectAll()
        .where("id", "=", comments.spam ?? "")
        .executeTakeFirstOrThrow();
      expect(row.body).toBe("Call +7 701 000 00 00 for cheap documents");
      expect(row.hidden_reason).toBe("advertising");
      const audit = await t.ctx.db.kysely
        .selectFrom("audit_events")
        .select(["reason", "data"])
        .where("subject_id", "=", comments.spam ?? "")
        .where("action", "=", "consultation.comment_hidden")
        .executeTakeFirstOrThrow();
      expect(audit.reason).toBe("advertising");
      expect(JSON.stringify(audit.data)).toContain("Call +7 701 000 00 00 for cheap documents");
      const page = await get(t, null, `/consultations/${id}`);
      expect(page.body).toContain("Hidden by the moderator: advertising or spam");
      expect(page.body).not.toContain("cheap documents");
      const again = await post(
        t,
        moderator,
        `/office/consultations/${id}/comments/${comments.spam}/hide`,
        {
          reason: "advertising",
        },
      );
      expect(again.statusCode).toBe(409);
    });

    it("refuses the report while the window is open", async () => {
      const res = await post(t, head, `/office/consultations/${id}/report`, {});
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain("The discussion is still open");
    });

    it("refuses a comment after the window closes, with a clear message, and hides the form", async () => {
      moveTo(t, "2025-04-07");
      alice = await resume(t, alice);
      bob = await resume(t, bob);
      expect((await get(t, alice, `/consultations/${id}`)).body).toContain(
        "Comment on paragraph 1",
      );
      moveTo(t, "2025-04-08");
      alice = await resume(t, alice);
      bob = await resume(t, bob);
      head = await resume(t, head);
      const form = await post(t, alice, `/consultations/${id}/comments`, {
        paragraph: "1",
        text: "One more thought",
      });
      expect(form.statusCode).toBe(409);
      expect(form.body).toContain(
        "The discussion of this draft closed on 7 April 2025. Comments and votes are no longer accepted.",
      );
      const ru = await post(t, alice, `/consultations/${id}/comments`, { text: "Ещё" }, "ru");
      expect(ru.body).toContain("Обсуждение этого проекта завершилось 7 апреля 2025");
      const viaApi = await api(t, bob, "POST", `/api/v1/consultations/${id}/comments`, {
        text: "Late",
      });
      expect(viaApi.status).toBe(409);
      expect(viaApi.json.error.message).toContain("closed on 7 April 2025");
      const page = await get(t, alice, `/consultations/${id}`);
      expect(page.body).not.toContain('name="text"');
      expect(page.body).toContain("The discussion closed on 7 April 2025");
      expect((await api(t, null, "GET", `/api/v1/consultations/${id}`)).json.status).toBe("closed");
    });

    it("publishes the report only once every visible comment is answered", async () => {
      const early = await post(t, head, `/office/consultations/${id}/report`, {});
      expect(early.statusCode).toBe(409);
      expect(early.body).toContain("2 comments still have no answer");
      const noReason = await post(
        t,
        head,
        `/office/consultations/${id}/comments/${comments.alice}/answer`,
        {
          answer: "accepted",
          reason: "",
        },
      );
      expect(noReason.statusCode).toBe(400);
      expect(noReason.body).toContain("Give the reasons for the answer");
      const hidden = await post(
        t,
        head,
        `/office/consultations/${id}/comments/${comments.spam}/answer`,
        {
          answer: "rejected",
          reason: "Spam",
        },
      );
      expect(hidden.statusCode).toBe(409);
      for (const [c, answer, reason] of [
        [comments.alice, "partly_accepted", "The term is cut to 15 days."],
        [comments.bob, "rejected", "Paper applications stay at the public service centre."],
      ] as const) {
        const res = await post(t, head, `/office/consultations/${id}/comments/${c}/answer`, {
          answer,
          reason,
        });
        expect(res.statusCode).toBe(303);
      }
      expect((await api(t, null, "GET", `/api/v1/consultations/${id}/report`)).status).toBe(404);
      const done = await post(t, head, `/office/consultations/${id}/report`, {});
      expect(done.statusCode).toBe(303);
      const changeAfter = await post(
        t,
        head,
        `/office/consultations/${id}/comments/${comments.bob}/answer`,
        {
          answer: "accepted",
          reason: "Changed my mind",
        },
      );
      expect(changeAfter.statusCode).toBe(409);
    });

    it("the report lists every comment, hidden ones marked, with its paragraph, answer and reasons", async () => {
      const res = await api(t, null, "GET", `/api/v1/consultations/${id}/report`);
      expect(res.status).toBe(200);
      const [v1] = res.json.versions;
      expect(v1.counts).toEqual({
        comments: 3,
        hidden: 1,
        accepted: 0,
        partly_accepted: 1,
        rejected: 1,
      });
      expect(v1.comments).toHaveLength(3);
      const byId = new Map(v1.comments.map((c: { id: string }) => [c.id, c]));
      expect(byId.get(comments.alice)).toMatchObject({
        paragraph: 1,
        text: "Twenty days is too long; ten would do.",
        answer: { decision: "partly_accepted", reason: "The term is cut to 15 days." },
        agree: 0,
        disagree: 1,
      });
      expect(byId.get(comments.bob)).toMatchObject({
        paragraph: null,
        answer: { decision: "rejected" },
      });
      expect(byId.get(comments.spam)).toMatchObject({
        paragraph: 2,
        text: null,
        hidden: { reason: "advertising" },
        answer: null,
      });
      const page = await get(t, null, `/consultations/${id}/report`);
      expect(page.statusCode).toBe(200);
      for (const text of [
        "Twenty days is too long; ten would do.",
        "The term is cut to 15 days.",
        "Paper applications stay at the public service centre.",
        "Hidden by the moderator: advertising or spam",
        "Partly accepted",
        "Whole draft",
      ])
        expect(page.body).toContain(text);
      expect(page.body).not.toContain("cheap documents");
      expect((await get(t, null, "/consultations?status=reported")).body).toContain(
        "Standard of a state service",
      );
    });

    it("downloads the report as UTF-8 CSV with a byte-order mark and a header", async () => {
      const res = await t.app.inject({
        url: `/consultations/${id}/report.csv`,
        headers: { cookie: "halyq_lang=ru" },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
      expect(res.headers["content-disposition"]).toContain("attachment");
      const raw = res.rawPayload;
      expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = raw.toString("utf8").slice(1).trimEnd().split("\r\n");
      expect(lines[0]).toBe(
        '"Редакция","Пункт","Дата","Автор","Комментарий","Согласны","Не согласны","Модерация","Ответ","Обоснование"',
      );
      expect(lines).toHaveLength(4);
      expect(lines.find((l) => l.includes("Twenty days"))).toBe(
        '"1","1","2025-03-19","Citizen T.","Twenty days is too long; ten would do.","0","1","","Принято частично","The term is cut to 15 days."',
      );
      expect(lines.find((l) => l.includes("Скрыт модератором"))).toContain('"2","2025-03-19"');
      expect(raw.toString("utf8")).not.toContain("cheap documents");
    });
  },
);

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import type { SignedIn } from "../support/sessions.js";
import { ask, BAIKONUR, castFor, citizen, form, page, published, YESIL } from "./support.js";

/** A question outside the body's competence goes to the competent body, and the asker is told. */
describe.each(testDialects())("redirecting a question by competence on %s", (dialect) => {
  let t: TestApp;
  let yesil: Awaited<ReturnType<typeof castFor>>;
  let baikonur: Awaited<ReturnType<typeof castFor>>;
  let asker: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    yesil = await castFor(t, YESIL);
    baikonur = await castFor(t, BAIKONUR);
    asker = await citizen(t);
  });
  afterAll(async () => t?.close());

  const footprint = async (id: string) => ({
    row: await t.ctx.db.kysely
      .selectFrom("dialogue_questions")
      .select(["agency_id", "status"])
      .where("id", "=", id)
      .executeTakeFirst(),
    audit: (await t.ctx.db.kysely.selectFrom("audit_events").select("seq").execute()).length,
    mail: (await t.ctx.db.kysely.selectFrom("mail_outbox").select("id").execute()).length,
  });

  it("the moderator moves a waiting question to another body that takes questions", async () => {
    const id = await ask(t, asker, YESIL);
    const staffPage = await page(t, yesil.moderator, `/office/dialogue/questions/${id}`);
    expect(staffPage.body).toContain(`/office/dialogue/questions/${id}/redirect`);
    for (const lang of ["kk", "ru", "en"]) {
      const form0 = await page(
        t,
        yesil.moderator,
        `/office/dialogue/questions/${id}/redirect`,
        lang,
      );
      expect(form0.status, lang).toBe(200);
      expect(await htmlProblems(form0.body), lang).toEqual([]);
    }
    const ru = await page(t, yesil.moderator, `/office/dialogue/questions/${id}/redirect`, "ru");
    expect(ru.body).toContain("Направление вопроса по компетенции");
    expect(ru.body).toContain(`value="${BAIKONUR}"`);
    expect(ru.body).not.toContain(`value="${YESIL}"`);

    const before = await footprint(id);
    const res = await form(t, yesil.moderator, `/office/dialogue/questions/${id}/redirect`, {
      agency: BAIKONUR,
    });
    expect(res.status).toBe(303);
    const after = await footprint(id);
    expect(after.row).toEqual({ agency_id: BAIKONUR, status: "pending" });
    expect(after.audit).toBe(before.audit + 1);
    const audit = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select(["action", "data"])
      .where("subject_id", "=", id)
      .orderBy("seq", "desc")
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe("dialogue.question.redirected");
    expect(JSON.parse(audit.data)).toEqual({ from: YESIL, to: BAIKONUR });
    // it waits in the competent body's queue, no longer in the first body's
    const theirs = await page(t, baikonur.moderator, `/office/dialogue/${BAIKONUR}/moderation`);
    expect(theirs.body).toContain(id);
    const ours = await page(t, yesil.moderator, `/office/dialogue/${YESIL}/moderation`);
    expect(ours.body).not.toContain(id);
  });

  it("refuses a missing or unknown body, another body's staff and a published question, changing nothing", async () => {
    const id = await ask(t, asker, YESIL);
    const before = await footprint(id);
    for (const agency of ["", "ag-no-such-body", YESIL]) {
      const res = await form(t, yesil.moderator, `/office/dialogue/questions/${id}/redirect`, {
        agency,
      });
      expect(res.status, agency).toBe(400);
      expect(res.body).toContain("Choose a body that takes questions to its head");
    }
    for (const who of [baikonur.moderator, yesil.head, asker]) {
      const res = await form(t, who, `/office/dialogue/questions/${id}/redirect`, {
        agency: BAIKONUR,
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect((await page(t, who, `/office/dialogue/questions/${id}/redirect`)).status).toBe(404);
    }
    expect(await footprint(id)).toEqual(before);
    const open = await published(t, asker, yesil.moderator, YESIL);
    const beforeOpen = await footprint(open);
    const late = await form(t, yesil.moderator, `/office/dialogue/questions/${open}/redirect`, {
      agency: BAIKONUR,
    });
    expect(late.status).toBe(409);
    expect(await footprint(open)).toEqual(beforeOpen);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { api, ask, castFor, citizen, form, page, step, YESIL, YESIL_SLUG } from "./support.js";

const outboxTo = async (t: TestApp, accountId: string) => {
  const db = t.ctx.db.kysely;
  const { email } = await db
    .selectFrom("accounts")
    .select("email")
    .where("id", "=", accountId)
    .executeTakeFirstOrThrow();
  return db
    .selectFrom("mail_outbox")
    .select(["subject", "body_text"])
    .where("to_address", "=", email ?? "")
    .orderBy("created_at")
    .execute();
};

describe.each(testDialects())("open dialogue moderation on %s", (dialect) => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof castFor>>;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    cast = await castFor(t);
  });
  afterAll(async () => t?.close());

  it("keeps a new question from the public and other people; the asker sees it waiting", async () => {
    const asker = await citizen(t);
    const other = await citizen(t);
    const id = await ask(t, asker);
    const questionUrl = `/dialogue/${YESIL_SLUG}/questions/${id}`;

    const list = await api(t, null, "GET", `/api/v1/dialogue/${YESIL}/questions`);
    expect(list.status).toBe(200);
    expect(list.json.items.map((q: { id: string }) => q.id)).not.toContain(id);
    expect((await page(t, null, questionUrl)).status).toBe(404);
    expect((await page(t, other, questionUrl)).status).toBe(404);
    expect((await page(t, null, `/dialogue/${YESIL_SLUG}`)).body).not.toContain(id);
    expect((await page(t, other, `/dialogue/${YESIL_SLUG}`)).body).not.toContain(id);

    const own = await page(t, asker, questionUrl);
    expect(own.status).toBe(200);
    expect(own.body).toContain("Awaiting moderation");
    expect(own.body).toContain("Only you can see it");
    expect((await page(t, asker, `/dialogue/${YESIL_SLUG}`)).body).toContain(questionUrl);
    expect((await page(t, asker, "/dialogue/mine")).body).toContain(questionUrl);

    expect(
      (await api(t, other, "GET", `/api/v1/dialogue/${YESIL}/questions?status=pending`)).status,
    ).toBe(403);
    expect(
      (await api(t, null, "GET", `/api/v1/dialogue/${YESIL}/questions?status=pending`)).status,
    ).toBe(401);
    const queue = await api(
      t,
      cast.moderator,
      "GET",
      `/api/v1/dialogue/${YESIL}/questions?status=pending`,
    );
    expect(queue.json.items.map((q: { id: string }) => q.id)).toContain(id);
    expect((await page(t, cast.moderator, `/office/dialogue/${YESIL}/moderation`)).body).toContain(
      id,
    );
  });

  it("publishes on approval, with the moderator's wording when edited, keeping the original; the asker is told", async () => {
    const asker = await citizen(t);
    const id = await ask(t, asker);
    await step(t, cast.moderator, id, "moderation", {
      decision: "approve",
      text: "When will the street lamps be repaired?",
    });
    const list = await api(t, null, "GET", `/api/v1/dialogue/${YESIL}/questions`);
    const q = list.json.items.find((x: { id: string }) => x.id === id);
    expect(q.status).toBe("published");
    expect(q.text).toBe("When will the street lamps be repaired?");
    const row = await t.ctx.db.kysely
      .selectFrom("dialogue_questions")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.body).toBe("When will the street lamps on Kenesary street be repaired?");
    expect(row.moderated_by_id).toBe(cast.moderator.accountId);
    const mail = await outboxTo(t, asker.accountId);
    expect(mail.at(-1)?.subject).toBe("Your question to the head has been published");
    expect(mail.at(-1)?.body_text).toContain(`/dialogue/${YESIL_SLUG}/questions/${id}`);
    const public_ = await page(t, null, `/dialogue/${YESIL_SLUG}/questions/${id}`);
    expect(public_.status).toBe(200);
    expect(public_.body).toContain("When will the street lamps be repaired?");
    expect(public_.body).not.toContain("Kenesary street be repaired");
    const audit = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "dialogue.question.asked",
      "dialogue.question.approved",
    ]);
    const again = await api(
      t,
      cast.moderator,
      "POST",
      `/api/v1/dialogue/questions/${id}/moderation`,
      {
        decision: "reject",
        reason: "duplicate",
      },
    );
    expect(again.status).toBe(409);
  });

  it("rejects only with a reason from the list; the text stays the asker's, who is told why", async () => {
    const asker = await citizen(t);
    const id = await ask(t, asker);
    const bad = await api(
      t,
      cast.moderator,
      "POST",
      `/api/v1/dialogue/questions/${id}/moderation`,
      {
        decision: "reject",
        reason: "i do not like it",
      },
    );
    expect(bad.status).toBe(400);
    const pageForm = await form(t, cast.moderator, `/office/dialogue/questions/${id}/reject`, {});
    expect(pageForm.status).toBe(400);
    expect(pageForm.body).toContain("govuk-error-summary");
    expect(pageForm.body).toContain('href="#reject-reason"');
    expect(pageForm.body).toContain("Select why the question is not published");
    const still = await t.ctx.db.kysely
      .selectFrom("dialogue_questions")
      .select("status")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(still.status).toBe("pending");

    const ok = await form(t, cast.moderator, `/office/dialogue/questions/${id}/reject`, {
      reason: "personal_data",
    });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe(`/office/dialogue/questions/${id}?done=reject`);
    const row = await t.ctx.db.kysely
      .selectFrom("dialogue_questions")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("rejected");
    expect(row.reject_reason).toBe("personal_data");
    expect(row.body).toBe("When will the street lamps on Kenesary street be repaired?");
    expect(row.published_body).toBeNull();
    const mail = await outboxTo(t, asker.accountId);
    expect(mail.at(-1)?.body_text).toContain("It discloses other people's personal data");
    expect((await page(t, null, `/dialogue/${YESIL_SLUG}/questions/${id}`)).status).toBe(404);
    const own = await page(t, asker, `/dialogue/${YESIL_SLUG}/questions/${id}`);
    expect(own.body).toContain("It discloses other people's personal data");
  });

  it("refuses an empty question with field errors and stores nothing", async () => {
    const asker = await citizen(t);
    const before = await t.ctx.db.kysely
      .selectFrom("dialogue_questions")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow();
    const res = await form(t, asker, `/dialogue/${YESIL_SLUG}/ask`, { subject: " ", text: "" });
    expect(res.status).toBe(400);
    expect(res.body).toContain('href="#question-subject"');
    expect(res.body).toContain('href="#question-text"');
    const api400 = await api(t, asker, "POST", `/api/v1/dialogue/${YESIL}/questions`, {
      subject: "x".repeat(201),
      text: "Why?",
    });
    expect(api400.status).toBe(400);
    expect(api400.json.error.code).toBe("VALIDATION");
    const after = await t.ctx.db.kysely
      .selectFrom("dialogue_questions")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const good = await form(t, asker, `/dialogue/${YESIL_SLUG}/ask`, {
      subject: "Bus stop",
      text: "Will there be a bus stop by the new school?",
    });
    expect(good.status).toBe(303);
    expect(good.location).toMatch(
      new RegExp(`^/dialogue/${YESIL_SLUG}/questions/[0-9a-f-]{36}\\?done=asked$`),
    );
  });

  it("takes no question for a body without a head", async () => {
    const asker = await citizen(t);
    const res = await api(t, asker, "POST", "/api/v1/dialogue/ag-nura-akimat/questions", {
      subject: "Bus stop",
      text: "Will there be a bus stop?",
    });
    expect(res.status).toBe(404);
    expect((await page(t, asker, "/dialogue/nura-district-akimat/ask")).status).toBe(404);
  });
});

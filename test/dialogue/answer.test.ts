import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { api, ask, castFor, citizen, form, page, published, YESIL, YESIL_SLUG } from "./support.js";

describe.each(testDialects())("open dialogue answers on %s", (dialect) => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof castFor>>;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    cast = await castFor(t);
  });
  afterAll(async () => t?.close());

  it("the head answers in public: the answer and its date appear under the question, the asker is told", async () => {
    const asker = await citizen(t);
    const id = await published(t, asker, cast.moderator);
    const empty = await form(t, cast.head, `/office/dialogue/questions/${id}/answer`, {
      text: "  ",
    });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('href="#answer-text"');
    expect(empty.body).toContain("Enter the answer");

    const done = await form(t, cast.head, `/office/dialogue/questions/${id}/answer`, {
      text: "The lamps will be replaced by the end of April.",
    });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/office/dialogue/questions/${id}?done=answer`);

    const shown = await page(t, null, `/dialogue/${YESIL_SLUG}/questions/${id}`);
    expect(shown.body).toContain("The lamps will be replaced by the end of April.");
    expect(shown.body).toContain("Answered on 19 March 2025, after 0 working days");
    const list = await api(t, null, "GET", `/api/v1/dialogue/${YESIL}/questions?status=answered`);
    const q = list.json.items.find((x: { id: string }) => x.id === id);
    expect(q.answer).toEqual({
      text: "The lamps will be replaced by the end of April.",
      answeredOn: "2025-03-19",
      workingDays: 0,
    });
    expect(q.waitingWorkingDays).toBeNull();
    const body = await page(t, null, `/dialogue/${YESIL_SLUG}`);
    expect(body.body).toContain(`/dialogue/${YESIL_SLUG}/questions/${id}`);
    expect(body.body).toContain("Answered on 19 March 2025");

    const { email } = await t.ctx.db.kysely
      .selectFrom("accounts")
      .select("email")
      .where("id", "=", asker.accountId)
      .executeTakeFirstOrThrow();
    const mail = await t.ctx.db.kysely
      .selectFrom("mail_outbox")
      .select("subject")
      .where("to_address", "=", email ?? "")
      .execute();
    expect(mail.map((m) => m.subject)).toContain("Your question to the head has been answered");

    const again = await api(t, cast.head, "POST", `/api/v1/dialogue/questions/${id}/answer`, {
      text: "Another answer",
    });
    expect(again.status).toBe(409);
  });

  it("an executor of the body answers too; a question not yet published cannot be answered", async () => {
    const asker = await citizen(t);
    const id = await published(t, asker, cast.moderator);
    const res = await api(t, cast.executor, "POST", `/api/v1/dialogue/questions/${id}/answer`, {
      text: "Our office is on it.",
    });
    expect(res.status).toBe(200);
    expect(res.json.status).toBe("answered");
    const row = await t.ctx.db.kysely
      .selectFrom("dialogue_questions")
      .select(["answered_by_id", "answered_on"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ answered_by_id: cast.executor.accountId, answered_on: "2025-03-19" });

    const pending = await ask(t, asker);
    const early = await api(t, cast.head, "POST", `/api/v1/dialogue/questions/${pending}/answer`, {
      text: "Too early",
    });
    expect(early.status).toBe(409);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import type { SignedIn } from "../support/sessions.js";
import { api, citizen, get, moveTo, post, publish, resume, staff } from "./support.js";

describe.each(testDialects())("versions and subscriptions on %s", (dialect) => {
  let t: TestApp;
  let head: SignedIn;
  let alice: SignedIn;
  let bob: SignedIn;
  let id: string;
  const mailTo = async (accountId: string) => {
    const account = await t.ctx.db.kysely
      .selectFrom("accounts")
      .select("email")
      .where("id", "=", accountId)
      .executeTakeFirstOrThrow();
    return t.ctx.db.kysely
      .selectFrom("mail_outbox")
      .select(["subject", "body_text"])
      .where("to_address", "=", account.email ?? "")
      .orderBy("created_at")
      .execute();
  };

  beforeAll(async () => {
    t = await startTestApp(dialect, { now: "2025-03-19T05:00:00Z" });
    head = await staff(t, "head");
    alice = await citizen(t);
    bob = await citizen(t);
    id = await publish(t, head);
  });
  afterAll(async () => t.close());

  it("subscribes and unsubscribes a signed-in person, once however often they ask", async () => {
    for (const who of [alice, alice, bob]) {
      const res = await post(t, who, `/consultations/${id}/subscription`, {});
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/consultations/${id}?done=subscribed`);
    }
    expect((await get(t, alice, `/consultations/${id}`)).body).toContain(
      "You are subscribed to this draft.",
    );
    expect((await post(t, bob, `/consultations/${id}/subscription/delete`, {})).statusCode).toBe(
      303,
    );
    const rows = await t.ctx.db.kysely
      .selectFrom("consultation_subscriptions")
      .select("account_id")
      .where("consultation_id", "=", id)
      .execute();
    expect(rows.map((r) => r.account_id)).toEqual([alice.accountId]);
  });

  it("a new version waits for the report on the last one, then opens a new window", async () => {
    const early = await post(t, head, `/office/consultations/${id}/versions`, {
      text_en: "New text",
    });
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain("Publish the report on the current version before");
    moveTo(t, "2025-04-08");
    head = await resume(t, head);
    expect((await post(t, head, `/office/consultations/${id}/report`, {})).statusCode).toBe(303);
    const report = await mailTo(alice.accountId);
    expect(report).toHaveLength(1);
    expect(report[0]?.subject).toBe("Report published: Standard of a state service");
    expect(report[0]?.body_text).toContain(`http://localhost:3000/consultations/${id}/report`);
    expect(await mailTo(bob.accountId)).toHaveLength(0);

    const form = await get(t, head, `/office/consultations/${id}/versions/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("The application is filed online.");
    const mismatch = await post(t, head, `/office/consultations/${id}/versions`, {
      text_en: "One.\n\nTwo.",
      text_ru: "Один.",
    });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain("each language must have the same paragraphs");
    const res = await post(t, head, `/office/consultations/${id}/versions`, {
      text_en:
        "The term is 15 days.\n\nThe application is filed online.\n\nA paper copy is given on request.",
      note: "Terms shortened after the discussion.",
    });
    expect(res.statusCode).toBe(303);
    const draft = await api(t, null, "GET", `/api/v1/consultations/${id}`);
    expect(draft.json).toMatchObject({
      status: "open",
      version: 2,
      window: { opensOn: "2025-04-08" },
      comments: 0,
    });
    const mail = await mailTo(alice.accountId);
    expect(mail).toHaveLength(2);
    expect(mail.map((m) => m.subject).sort()).toEqual([
      "New version for discussion: Standard of a state service",
      "Report published: Standard of a state service",
    ]);
  });

  it("shows what changed: paragraphs added, removed and changed, words marked", async () => {
    const page = await get(t, null, `/consultations/${id}/changes/2`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Paragraphs added: 0, removed: 0, changed: 2.");
    expect(page.body).toMatch(
      /<del><span class="govuk-visually-hidden">\[deleted\] <\/span>20<\/del>/,
    );
    expect(page.body).toMatch(
      /<ins><span class="govuk-visually-hidden">\[inserted\] <\/span>15<\/ins>/,
    );
    expect(page.body).toContain("Terms shortened after the discussion.");
    expect((await get(t, null, `/consultations/${id}`)).body).toContain(
      `href="/consultations/${id}/changes/2"`,
    );
    expect((await get(t, null, `/consultations/${id}/changes/1`)).statusCode).toBe(404);
    expect((await get(t, null, `/consultations/${id}/changes/3`)).statusCode).toBe(404);
  });

  it("keeps the first version's report and comments apart from the new window's", async () => {
    alice = await resume(t, alice);
    const res = await api(t, alice, "POST", `/api/v1/consultations/${id}/comments`, {
      paragraph: 3,
      text: "Paper copies should be free.",
    });
    expect(res.status).toBe(201);
    const report = await api(t, null, "GET", `/api/v1/consultations/${id}/report`);
    expect(report.json.versions.map((v: { version: number }) => v.version)).toEqual([1]);
  });
});

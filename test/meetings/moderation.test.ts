import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meetingMeasures } from "../../src/capabilities/meetings/measures.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import type { SignedIn } from "../support/sessions.js";
import { announce, api, citizen, countRows, page, post, staff } from "./support.js";

describe.each(testDialects())("questions and their moderation on %s", (dialect) => {
  let t: TestApp;
  let head: SignedIn;
  let moderator: SignedIn;
  let id: string;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    head = await staff(t, "head");
    moderator = await staff(t, "moderator");
    id = await announce(t, head);
  });
  afterAll(async () => t?.close());

  const ask = (who: SignedIn, text: string, questionKind = "question") =>
    post(t, who, `/meetings/${id}/questions`, { questionKind, questionText: text });
  const questionId = async (text: string) =>
    (
      await t.ctx.db.kysely
        .selectFrom("meeting_questions")
        .select("id")
        .where("text", "=", text)
        .executeTakeFirstOrThrow()
    ).id;

  it("keeps a question out of public view until the moderator approves it", async () => {
    const person = await citizen(t);
    const res = await ask(person, "Will the old poplars stay?");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/meetings/${id}?done=asked`);
    expect((await page(t, null, `/meetings/${id}`)).body).not.toContain(
      "Will the old poplars stay?",
    );
    expect((await api(t, null, "GET", `/api/v1/meetings/${id}`)).json.questions).toEqual([]);
    const qid = await questionId("Will the old poplars stay?");
    const office = await page(t, moderator, `/office/meetings/${id}`);
    expect(office.body).toContain("Will the old poplars stay?");
    expect(office.body).toContain(`/office/meetings/${id}/questions/${qid}/moderate`);
    const done = await post(t, moderator, `/office/meetings/${id}/questions/${qid}/moderate`, {
      decision: "approve",
      reason: "",
    });
    expect(done.headers.location).toBe(`/office/meetings/${id}?done=moderated`);
    expect((await page(t, null, `/meetings/${id}`)).body).toContain("Will the old poplars stay?");
    // The head answers it in public.
    const answered = await post(t, head, `/office/meetings/${id}/questions/${qid}/answer`, {
      answer: "Yes, all of them.",
    });
    expect(answered.headers.location).toBe(`/office/meetings/${id}?done=answered`);
    expect((await api(t, null, "GET", `/api/v1/meetings/${id}`)).json.questions).toEqual([
      { kind: "question", text: "Will the old poplars stay?", answer: "Yes, all of them." },
    ]);
    // Moderated once only.
    const twice = await post(t, moderator, `/office/meetings/${id}/questions/${qid}/moderate`, {
      decision: "reject",
      reason: "Changed my mind",
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain("already been moderated");
  });

  it("needs a reason to reject, keeps it out of public view, and refuses everyone but the moderator", async () => {
    const person = await citizen(t);
    await ask(person, "Rude text", "position");
    const qid = await questionId("Rude text");
    const url = `/office/meetings/${id}/questions/${qid}/moderate`;
    const audit = await countRows(t, "audit_events");
    const noReason = await post(t, moderator, url, { decision: "reject", reason: "" });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain("govuk-error-summary");
    expect(noReason.body).toContain(`href="#reason-${qid}"`);
    expect(await countRows(t, "audit_events")).toBe(audit);
    for (const who of [
      head,
      await staff(t, "executor"),
      await staff(t, "moderator", "ag-yesil-akimat"),
    ]) {
      const r = await post(t, who, url, { decision: "approve", reason: "" });
      expect([403, 404]).toContain(r.statusCode);
    }
    const citizenTry = await post(t, person, url, { decision: "approve", reason: "" });
    expect(citizenTry.statusCode).toBe(404);
    const rejected = await post(t, moderator, url, { decision: "reject", reason: "Insulting" });
    expect(rejected.statusCode).toBe(303);
    const row = await t.ctx.db.kysely
      .selectFrom("meeting_questions")
      .select(["status", "moderation_reason", "moderated_by_id"])
      .where("id", "=", qid)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      status: "rejected",
      moderation_reason: "Insulting",
      moderated_by_id: moderator.accountId,
    });
    expect((await page(t, null, `/meetings/${id}`)).body).not.toContain("Rude text");
    const answer = await post(t, head, `/office/meetings/${id}/questions/${qid}/answer`, {
      answer: "No.",
    });
    expect(answer.statusCode).toBe(409);
  });

  it("checks what is sent and takes nothing once the meeting has started", async () => {
    const person = await citizen(t);
    const before = await countRows(t, "meeting_questions");
    const empty = await ask(person, "");
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#questionText"');
    const long = await ask(person, "x".repeat(2001));
    expect(long.statusCode).toBe(400);
    const kind = await ask(person, "Fine text", "rant");
    expect(kind.body).toContain('href="#questionKind"');
    const staffTry = await ask(head, "From the office");
    expect(staffTry.statusCode).toBe(403);
    expect(await countRows(t, "meeting_questions")).toBe(before);
    const saved = t.clock.now();
    try {
      t.clock.set("2025-04-01T10:00:00Z");
      const fresh = await citizen(t);
      const late = await ask(fresh, "Too late?");
      expect(late.statusCode).toBe(409);
      expect(late.body).toContain("Questions are no longer taken");
    } finally {
      t.clock.set(saved);
    }
    expect(await countRows(t, "meeting_questions")).toBe(before);
  });

  it("counts questions submitted and answered among the body's measures", async () => {
    const measures = await meetingMeasures(t.ctx, "ag-baikonur-akimat", {
      from: "2025-03-01",
      to: "2025-03-31",
    });
    const value = (n: string) => measures.find((m) => m.name === n)?.value;
    expect(value("meetings.questions_submitted")).toBeGreaterThanOrEqual(2);
    expect(value("meetings.questions_answered")).toBeGreaterThanOrEqual(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/kernel/audit/audit.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { api, BAIKONUR, CITY, citizen, file, staff, statement, YESIL } from "./support.js";

describe.each(testDialects())("appeal life cycle (%s)", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("registers an appeal of 19 March 2025 with the answer due on 14 April 2025", async () => {
    const me = await citizen(t);
    const res = await api(t, me, "POST", "/api/v1/appeals", statement());
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      status: "registered",
      agencyId: BAIKONUR,
      registeredOn: "2025-03-19",
      dueDate: "2025-04-14",
    });
    expect(res.json.number).toMatch(/^BKA-2025-\d{4}$/);
  });

  it("goes from filing through answer to rating and a complaint to the higher body", async () => {
    const me = await citizen(t);
    const head = await staff(t, "head");
    const executor = await staff(t, "executor");
    const { number } = await file(t, me);
    const step = (who: typeof me, action: string, body: unknown = {}) =>
      api(t, who, "POST", `/api/v1/appeals/${number}/${action}`, body);

    expect((await step(head, "assign", { executorId: executor.accountId })).json.status).toBe(
      "in_progress",
    );
    expect(
      (await step(executor, "answer", { outcome: "refused", text: "No budget this year." })).status,
    ).toBe(200);
    // The applicant does not see a draft.
    expect((await api(t, me, "GET", `/api/v1/appeals/${number}`)).json.answer).toBeNull();
    expect((await step(head, "approve")).json.status).toBe("answered");
    const seen = await api(t, me, "GET", `/api/v1/appeals/${number}`);
    expect(seen.json.answer).toMatchObject({ outcome: "refused", text: "No budget this year." });
    expect(
      (await step(me, "rate", { score: 2, resolved: "no", comment: "Not helpful" })).status,
    ).toBe(200);
    expect((await step(me, "rate", { score: 5, resolved: "yes" })).status).toBe(409);

    const complaint = await step(me, "complain", { text: "The refusal gives no reasons." });
    expect(complaint.status).toBe(200);
    const filed = complaint.json.created;
    expect(filed.agencyId).toBe(BAIKONUR);
    // The body that acted forwards it to the higher body, where the 20-working-day term runs.
    const forward = await api(t, head, "POST", `/api/v1/appeals/${filed.number}/forward`, {
      position: "The answer was lawful.",
    });
    expect(forward.status).toBe(200);
    expect(forward.json.created.agencyId).toBe(CITY);
    expect(forward.json.created.dueOn).toBe("2025-04-21");
    const cityHead = await staff(t, "head", CITY);
    const there = await api(t, cityHead, "GET", `/api/v1/appeals/${forward.json.created.number}`);
    expect(there.json).toMatchObject({
      kind: "complaint",
      procedure: "complaint_review",
      complaintAbout: number,
    });
    // No extension for a complaint under review.
    const extend = await api(
      t,
      cityHead,
      "POST",
      `/api/v1/appeals/${forward.json.created.number}/extend`,
      {
        until: "2025-05-10",
        reason: "More time",
      },
    );
    expect(extend.status).toBe(409);
    expect((await verifyAuditChain(t.ctx.db.kysely)).brokenAt).toBeNull();
  });

  it("redirects to the competent district, where a new term starts", async () => {
    const me = await citizen(t);
    const head = await staff(t, "head");
    const { number } = await file(t, me);
    const res = await api(t, head, "POST", `/api/v1/appeals/${number}/redirect`, {
      agencyId: YESIL,
      reason: "The street is in Yesil district",
    });
    expect(res.status).toBe(200);
    expect(res.json.status).toBe("redirected");
    expect(res.json.created.number).toMatch(/^YSA-2025-/);
    const mine = await api(t, me, "GET", "/api/v1/appeals");
    expect(mine.json.items.map((i: { number: string }) => i.number)).toContain(
      res.json.created.number,
    );
  });

  it("refuses steps not allowed in the current state with 409", async () => {
    const me = await citizen(t);
    const head = await staff(t, "head");
    const { number } = await file(t, me);
    expect((await api(t, head, "POST", `/api/v1/appeals/${number}/approve`, {})).status).toBe(409);
    expect(
      (await api(t, me, "POST", `/api/v1/appeals/${number}/rate`, { score: 5, resolved: "yes" }))
        .status,
    ).toBe(409);
    expect((await api(t, me, "POST", `/api/v1/appeals/${number}/withdraw`, {})).json.status).toBe(
      "withdrawn",
    );
    expect((await api(t, me, "POST", `/api/v1/appeals/${number}/withdraw`, {})).status).toBe(409);
  });

  it("hides an appeal from another citizen and from another body's staff", async () => {
    const me = await citizen(t);
    const other = await citizen(t);
    const otherHead = await staff(t, "head", YESIL);
    const { number } = await file(t, me);
    expect((await api(t, other, "GET", `/api/v1/appeals/${number}`)).status).toBe(404);
    expect((await api(t, otherHead, "GET", `/api/v1/appeals/${number}`)).status).toBe(404);
    expect(
      (
        await api(t, otherHead, "POST", `/api/v1/appeals/${number}/assign`, {
          executorId: otherHead.accountId,
        })
      ).status,
    ).toBe(404);
    expect((await api(t, otherHead, "GET", `/api/v1/agencies/${BAIKONUR}/appeals`)).status).toBe(
      403,
    );
  });
});

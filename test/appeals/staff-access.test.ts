import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAppealByNumber } from "../../src/capabilities/appeals/appeal.repository.js";
import { STAFF_ACTIONS } from "../../src/capabilities/appeals/web/staff/case-actions.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { signInAs } from "../support/sessions.js";
import { getPage, postForm } from "./staff-support.js";
import { api, BAIKONUR, citizen, file, staff, YESIL } from "./support.js";

const formFor = (number: string, action: string) => `action="/office/appeals/${number}/${action}"`;

describe.each(testDialects())("who may use the staff appeal pages (%s)", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("sends someone not signed in to sign in, and staff without the second factor to it", async () => {
    const { number } = await file(t, await citizen(t));
    for (const url of ["/office/appeals", `/office/appeals/${number}`, "/office/appeals/new"]) {
      const anonymous = await getPage(t, null, url);
      expect(anonymous.status, url).toBe(303);
      expect(anonymous.location).toBe(`/login?next=${encodeURIComponent(url)}`);
      const halfway = await signInAs(t, {
        grants: [{ role: "head", agencyId: BAIKONUR }],
        secondFactor: false,
      });
      const res = await getPage(t, halfway, url);
      expect(res.status, url).toBe(303);
      expect(res.location).toBe("/login/second-factor");
    }
  });

  it("refuses a citizen, even on their own appeal", async () => {
    const me = await citizen(t);
    const { number } = await file(t, me);
    expect((await getPage(t, me, "/office/appeals")).status).toBe(403);
    expect((await getPage(t, me, `/office/appeals?agency=${BAIKONUR}`)).status).toBe(403);
    expect((await getPage(t, me, "/office/appeals/new")).status).toBe(403);
    expect((await getPage(t, me, `/office/appeals/${number}`)).status).toBe(404);
    expect((await getPage(t, me, `/office/appeals/${number}/slip`)).status).toBe(404);
    for (const action of STAFF_ACTIONS) {
      const res = await postForm(t, me, `/office/appeals/${number}/${action}`, {});
      expect(res.status, action).toBe(404);
    }
    const desk = await postForm(t, me, "/office/appeals/new", { channel: "paper" });
    expect(desk.status).toBe(403);
    expect((await findAppealByNumber(t.ctx.db.kysely, number))?.status).toBe("registered");
  });

  it("hides one body's appeals from the staff of another, and refuses its inbox and desk", async () => {
    const { number } = await file(t, await citizen(t));
    const before = await findAppealByNumber(t.ctx.db.kysely, number);
    const other = await staff(t, "head", YESIL);
    expect((await getPage(t, other, `/office/appeals/${number}`)).status).toBe(404);
    expect((await getPage(t, other, `/office/appeals/${number}/slip`)).status).toBe(404);
    expect((await getPage(t, other, `/office/appeals?agency=${BAIKONUR}`)).status).toBe(403);
    expect((await getPage(t, other, `/office/appeals/new?agency=${BAIKONUR}`)).status).toBe(403);
    const own = await getPage(t, other, "/office/appeals");
    expect(own.status).toBe(200);
    expect(own.body).not.toContain(number);
    for (const action of STAFF_ACTIONS) {
      const res = await postForm(t, other, `/office/appeals/${number}/${action}`, {
        executorId: other.accountId,
        reason: "obscene",
        note: "x",
        text: "x",
        outcome: "explained",
        agencyId: YESIL,
      });
      expect(res.status, action).toBe(404);
    }
    const desk = await postForm(t, other, "/office/appeals/new", {
      agency: BAIKONUR,
      channel: "paper",
    });
    expect(desk.status).toBe(403);
    const after = await findAppealByNumber(t.ctx.db.kysely, number);
    expect(after?.version).toBe(before?.version);
  });

  it("offers a registrar no step on a case and refuses each one posted", async () => {
    const { number } = await file(t, await citizen(t));
    const registrar = await staff(t, "registrar");
    const page = await getPage(t, registrar, `/office/appeals/${number}`);
    expect(page.status).toBe(200);
    for (const action of STAFF_ACTIONS) expect(page.body).not.toContain(formFor(number, action));
    const assign = await postForm(t, registrar, `/office/appeals/${number}/assign`, {
      executorId: registrar.accountId,
    });
    expect(assign.status).toBe(403);
    for (const action of STAFF_ACTIONS) {
      expect((await postForm(t, registrar, `/office/appeals/${number}/${action}`, {})).status).toBe(
        403,
      );
    }
    expect((await findAppealByNumber(t.ctx.db.kysely, number))?.status).toBe("registered");
  });

  it("lets only the head approve: the executor may draft but not approve", async () => {
    const { number } = await file(t, await citizen(t));
    const head = await staff(t, "head");
    const executor = await staff(t, "executor");
    await api(t, head, "POST", `/api/v1/appeals/${number}/assign`, {
      executorId: executor.accountId,
    });
    const drafting = await getPage(t, executor, `/office/appeals/${number}`);
    expect(drafting.body).toContain(formFor(number, "answer"));
    expect(drafting.body).not.toContain(formFor(number, "assign"));
    const drafted = await postForm(t, executor, `/office/appeals/${number}/answer`, {
      outcome: "explained",
      text: "The lamps will be repaired this week.",
      language: "kk",
    });
    expect(drafted.status).toBe(303);
    const waiting = await getPage(t, executor, `/office/appeals/${number}`);
    expect(waiting.body).not.toContain(formFor(number, "approve"));
    expect(waiting.body).not.toContain(formFor(number, "send-back"));
    expect((await postForm(t, executor, `/office/appeals/${number}/approve`, {})).status).toBe(403);
    expect(
      (await postForm(t, executor, `/office/appeals/${number}/send-back`, { reason: "x" })).status,
    ).toBe(403);
    expect((await findAppealByNumber(t.ctx.db.kysely, number))?.status).toBe("awaiting_approval");
    const headPage = await getPage(t, head, `/office/appeals/${number}`);
    expect(headPage.body).toContain(formFor(number, "approve"));
    expect(headPage.body).toContain(formFor(number, "send-back"));
  });

  it("shows an executor the draft form only on appeals assigned to them", async () => {
    const { number } = await file(t, await citizen(t));
    const head = await staff(t, "head");
    const mine = await staff(t, "executor");
    const colleague = await staff(t, "executor");
    await api(t, head, "POST", `/api/v1/appeals/${number}/assign`, { executorId: mine.accountId });
    const page = await getPage(t, colleague, `/office/appeals/${number}`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain(formFor(number, "answer"));
    const res = await postForm(t, colleague, `/office/appeals/${number}/answer`, {
      outcome: "explained",
      text: "Not mine to answer.",
      language: "kk",
    });
    expect(res.status).toBe(403);
  });

  it("lets an analyst read the inbox and cases but take no step and register nothing", async () => {
    const { number } = await file(t, await citizen(t));
    const analyst = await staff(t, "analyst");
    const inbox = await getPage(t, analyst, "/office/appeals");
    expect(inbox.status).toBe(200);
    expect(inbox.body).toContain(number);
    expect(inbox.body).not.toContain('href="/office/appeals/new"');
    const page = await getPage(t, analyst, `/office/appeals/${number}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("There is nothing you can do on this appeal");
    expect((await getPage(t, analyst, "/office/appeals/new")).status).toBe(403);
  });

  it("answers an unknown step with 404 and a form without its token with 403", async () => {
    const { number } = await file(t, await citizen(t));
    const head = await staff(t, "head");
    expect((await postForm(t, head, `/office/appeals/${number}/withdraw`, {})).status).toBe(404);
    expect((await postForm(t, head, `/office/appeals/${number}/explode`, {})).status).toBe(404);
    expect((await getPage(t, head, "/office/appeals/NO-SUCH-APPEAL")).status).toBe(404);
    const forged = await t.app.inject({
      method: "POST",
      url: `/office/appeals/${number}/assign`,
      headers: { cookie: head.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: `executorId=${head.accountId}`,
    });
    expect(forged.statusCode).toBe(403);
    expect((await findAppealByNumber(t.ctx.db.kysely, number))?.status).toBe("registered");
  });

  it("marks the staff pages as not to be cached", async () => {
    const head = await staff(t, "head");
    const res = await t.app.inject({ url: "/office/appeals", headers: { cookie: head.cookie } });
    expect(res.headers["cache-control"]).toBe("no-store");
  });
});

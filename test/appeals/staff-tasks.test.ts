import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditTrail } from "../../src/kernel/audit/audit.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import { type SignedIn, signInAs } from "../support/sessions.js";
import { getPage, inboxNumbers, postForm } from "./staff-support.js";
import { api, citizen, file } from "./support.js";

const NURA = "ag-nura-akimat";

/** "My tasks": the counters per body, the menu's count, the inbox they lead to, and who sees them. */
describe.each(testDialects())("my tasks (%s)", (dialect) => {
  let t: TestApp;
  let head: SignedIn;
  let executor: SignedIn;
  let other: SignedIn;
  const numbers: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(dialect);
    head = await signInAs(t, { grants: [{ role: "head", agencyId: NURA }] });
    executor = await signInAs(t, { grants: [{ role: "executor", agencyId: NURA }] });
    other = await signInAs(t, { grants: [{ role: "head", agencyId: "ag-yesil-akimat" }] });
    const person = await citizen(t);
    for (let i = 0; i < 5; i++) numbers.push((await file(t, person, { agencyId: NURA })).number);
    const act = async (who: SignedIn, n: string, action: string, body: object) =>
      expect((await api(t, who, "POST", `/api/v1/appeals/${n}/${action}`, body)).status).toBe(200);
    const [a, b, c, d] = numbers as [string, string, string, string];
    for (const n of [a, b, c, d]) await act(head, n, "assign", { executorId: executor.accountId });
    await act(executor, c, "answer", { outcome: "explained", text: "Done." });
    await act(executor, d, "answer", { outcome: "explained", text: "Done." });
    await act(head, d, "send-back", { reason: "Say when." });
  });
  afterAll(async () => {
    await t?.close();
  });

  const counters = (html: string) => {
    const { document } = parseHTML(html);
    return Object.fromEntries(
      Array.from(document.querySelectorAll("a[data-counter]")).map((a) => [
        a.getAttribute("data-counter"),
        {
          n: Number(a.querySelector(".halyq-task-count")?.textContent),
          href: a.getAttribute("href"),
        },
      ]),
    );
  };

  it("counts the executor's work and leads to exactly those appeals", async () => {
    const page = await getPage(t, executor, "/office/tasks");
    expect(page.status).toBe(200);
    const c = counters(page.body);
    expect(Object.keys(c)).toEqual(["to_answer", "sent_back", "due_soon", "overdue"]);
    expect(c.to_answer?.n).toBe(2);
    expect(c.sent_back?.n).toBe(1);
    const inbox = await getPage(t, executor, c.to_answer?.href as string);
    expect(inboxNumbers(inbox.body).sort()).toEqual([numbers[0], numbers[1]].sort());
    const back = await getPage(t, executor, c.sent_back?.href as string);
    expect(inboxNumbers(back.body)).toEqual([numbers[3]]);
    // The menu carries the count, with words for a screen reader.
    expect(page.body).toContain('<span class="halyq-menu-count" aria-hidden="true">3</span>');
    expect(page.body).toContain('<span class="govuk-visually-hidden">, 3 tasks</span>');
    const ru = await getPage(t, executor, "/office/tasks", "ru");
    expect(ru.body).toContain(", 3 задачи</span>");
    expect(ru.body).toContain("На исполнении");
    expect(await htmlProblems(page.body)).toEqual([]);
  });

  it("counts the head's work: to assign, to approve; the executor's default inbox is their own open work", async () => {
    const c = counters((await getPage(t, head, "/office/tasks")).body);
    expect(c.to_assign?.n).toBe(1);
    expect(c.to_approve?.n).toBe(1);
    expect(c.complaints?.n).toBe(0);
    const toApprove = await getPage(t, head, c.to_approve?.href as string);
    expect(inboxNumbers(toApprove.body)).toEqual([numbers[2]]);
    const fresh = await getPage(t, head, c.to_assign?.href as string);
    expect(inboxNumbers(fresh.body)).toContain(numbers[4]);
    const mine = await getPage(t, executor, "/office/appeals");
    expect(inboxNumbers(mine.body).sort()).toEqual(numbers.slice(0, 4).sort());
    expect(mine.body).toContain('aria-current="page"><strong>Open</strong>');
  });

  it("shows another body's head none of these counts, and a citizen no tasks page", async () => {
    const page = await getPage(t, other, "/office/tasks");
    expect(page.status).toBe(200);
    expect(page.body).not.toContain(NURA);
    // Its own body's demo appeal waits for an executor: that is all it counts.
    expect(counters(page.body).to_assign?.n).toBe(1);
    expect(page.body).toContain('<span class="govuk-visually-hidden">, 1 task</span>');
    const theirs = `/office/appeals?agency=${NURA}&scope=all&stage=new`;
    expect((await getPage(t, other, theirs)).status).toBe(403);
    expect((await getPage(t, await citizen(t), "/office/tasks")).status).toBe(404);
    const landing = await getPage(t, executor, "/office");
    expect(landing.location).toBe("/office/tasks");
  });

  it("saves, lists and deletes a person's own filters, audited, refusing bad input", async () => {
    const save = (who: SignedIn, fields: Record<string, string>, lang = "en") =>
      postForm(t, who, "/office/appeals/views", { agency: NURA, ...fields }, lang);
    const ok = await save(executor, { name: "Urgent", query: "due=soon&sort=number&evil=1" });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe(`/office/appeals?agency=${NURA}&due=soon&sort=number`);
    const inbox = await getPage(t, executor, "/office/appeals");
    expect(inbox.body).toContain(
      `href="/office/appeals?agency=${NURA}&amp;due=soon&amp;sort=number">Urgent</a>`,
    );
    expect(await htmlProblems(inbox.body)).toEqual([]);
    const count = async () =>
      (await t.ctx.db.kysely.selectFrom("appeal_saved_views").select("id").execute()).length;
    const before = await count();
    const empty = await save(executor, { name: "  ", query: "" }, "ru");
    expect(empty.status).toBe(400);
    expect(empty.body).toContain("Введите название фильтра");
    const twice = await save(executor, { name: "urgent", query: "" });
    expect(twice.status).toBe(400);
    expect(twice.body).toContain("A filter with this name is already saved");
    const long = await save(executor, { name: "x".repeat(81), query: "" });
    expect(long.status).toBe(400);
    const elsewhere = await save(other, { name: "Mine", query: "" });
    expect(elsewhere.status).toBe(403);
    expect(await count()).toBe(before);
    // Nobody else sees or deletes it.
    expect((await getPage(t, head, "/office/appeals")).body).not.toContain(">Urgent</a>");
    const view = await t.ctx.db.kysely
      .selectFrom("appeal_saved_views")
      .select("id")
      .where("account_id", "=", executor.accountId)
      .executeTakeFirstOrThrow();
    expect((await postForm(t, head, `/office/appeals/views/${view.id}/delete`, {})).status).toBe(
      404,
    );
    expect(await count()).toBe(before);
    const gone = await postForm(t, executor, `/office/appeals/views/${view.id}/delete`, {});
    expect(gone.status).toBe(303);
    expect(await count()).toBe(before - 1);
    const trail = await auditTrail(t.ctx.db.kysely, "appeal_saved_view", view.id);
    expect(trail.map((e) => e.action)).toEqual(["appeal.view_saved", "appeal.view_deleted"]);
  });

  it("authorizes by role: tasks, notice choices and saved filters (role × action)", async () => {
    const roles = ["registrar", "executor", "head", "analyst", "moderator", "admin"] as const;
    const expected: Record<string, [number, number, number, number]> = {
      // counters shown, GET tasks, POST notices, POST a saved filter for the body
      registrar: [2, 200, 303, 303],
      executor: [4, 200, 303, 303],
      head: [7, 200, 303, 303],
      analyst: [0, 200, 403, 303],
      moderator: [0, 200, 403, 403],
      admin: [0, 200, 403, 403],
      "head of another body": [7, 200, 303, 403],
      citizen: [0, 404, 404, 404],
    };
    for (const [who, want] of Object.entries(expected)) {
      const person =
        who === "citizen"
          ? await citizen(t)
          : who === "head of another body"
            ? await signInAs(t, { grants: [{ role: "head", agencyId: "ag-yesil-akimat" }] })
            : await signInAs(t, {
                grants: [{ role: who as (typeof roles)[number], agencyId: NURA }],
              });
      const page = await getPage(t, person, "/office/tasks");
      const views = () => t.ctx.db.kysely.selectFrom("appeal_saved_views").select("id").execute();
      const before = (await views()).length;
      const got = [
        page.status === 200 ? Object.keys(counters(page.body)).length : 0,
        page.status,
        (await postForm(t, person, "/office/tasks/notices", { mode: "digest" })).status,
        (await postForm(t, person, "/office/appeals/views", { agency: NURA, name: `v ${who}` }))
          .status,
      ];
      expect(got, who).toEqual(want);
      expect((await views()).length, who).toBe(before + (want[3] === 303 ? 1 : 0));
    }
  });
});

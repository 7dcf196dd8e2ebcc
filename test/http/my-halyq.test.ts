import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAccountRow } from "../../src/capabilities/identity/account.repository.js";
import { currentTotp } from "../../src/capabilities/identity/auth/totp.js";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../../src/capabilities/identity/demo-accounts.js";
import { createPoll, person, api as pollApi, staff, voteForm } from "../polls/support.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { FormClient } from "../support/forms.js";
import { htmlProblems } from "../support/html.js";
import { api } from "../support/http.js";
import { signInAs } from "../support/sessions.js";

const BODY = "ag-baikonur-akimat";
const OPEN = ["registered", "in_progress", "awaiting_correction", "awaiting_approval"];

function doc(html: string) {
  return parseHTML(html).document;
}
function hrefs(html: string, selector = "a"): string[] {
  return Array.from(doc(html).querySelectorAll(selector)).map((a) => a.getAttribute("href") ?? "");
}

describe.each(testDialects())("the home page, My Halyq and where people land (%s)", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t.close());

  const accountId = async (email: string) =>
    (await findAccountRow(t.ctx.db.kysely, { email }))?.id as string;

  /** A demo staff member signed in through the pages, password then code; returns where they land. */
  async function staffSignIn(email: string, next?: string) {
    t.clock.advance(30_000);
    const client = new FormClient(t);
    const login = next ? `/login?next=${encodeURIComponent(next)}` : "/login";
    const first = await client.submit(login, login, { email, password: DEMO_PASSWORD });
    expect(first.statusCode).toBe(303);
    const step = first.headers.location as string;
    expect(step.startsWith("/login/second-factor")).toBe(true);
    const done = await client.submit(step, step, {
      code: currentTotp(DEMO_TOTP_SECRET, t.clock.now()),
    });
    expect(done.statusCode).toBe(303);
    return { client, location: done.headers.location as string };
  }

  it("leads a visitor's home page with Send an appeal, then petitions, participation, search and what is open now, with no staff links", async () => {
    const res = await t.app.inject({ url: "/", headers: { cookie: "halyq_lang=en" } });
    expect(res.statusCode).toBe(200);
    const d = doc(res.body);
    const start = d.querySelector("main a.govuk-button--start");
    expect(start?.getAttribute("href")).toBe("/appeals/new");
    expect(start?.textContent?.trim()).toBe("Send an appeal");
    const main = hrefs(res.body, "main a");
    expect(main.indexOf("/appeals/new")).toBeLessThan(main.indexOf("/petitions"));
    expect(main).toEqual(expect.arrayContaining(["/petitions", "/participation"]));
    // The search box: a GET form to /search with a labelled field named q.
    const search = d.querySelector("main form[action='/search']");
    expect(search?.getAttribute("method")).toBe("get");
    const q = search?.querySelector("input[name=q]");
    expect(d.querySelector(`label[for='${q?.getAttribute("id")}']`)).not.toBeNull();
    // Open now: petitions collecting, drafts under discussion, meetings ahead, polls open.
    expect(d.querySelector("#open-now")?.textContent).toBe("Open now");
    for (const key of ["petitions", "consultations", "meetings", "polls"]) {
      const section = d.querySelector(`#open-now-${key}`)?.closest("section");
      expect(section, key).not.toBeNull();
      const items = section?.querySelectorAll("li") ?? [];
      expect(items.length, key).toBeGreaterThan(0);
      expect(items.length, key).toBeLessThanOrEqual(3);
      for (const li of Array.from(items)) expect(li.textContent, key).toMatch(/\d{4}/);
    }
    expect(main.some((h) => /^\/petitions\/PET-/.test(h))).toBe(true);
    expect(main).toEqual(
      expect.arrayContaining([
        "/petitions?status=collecting",
        "/consultations",
        "/meetings",
        "/polls",
      ]),
    );
    const all = hrefs(res.body);
    expect(all.filter((h) => h.startsWith("/office") || h.startsWith("/admin"))).toEqual([]);
    expect(all).not.toContain("/my");
    expect(await htmlProblems(res.body)).toEqual([]);
  });

  it("sends a visitor asking for My Halyq to sign in, and back there afterwards", async () => {
    const res = await t.app.inject({ url: "/my" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/login?next=%2Fmy");
    const client = new FormClient(t);
    const login = await client.submit("/login?next=%2Fmy", "/login?next=%2Fmy", {
      email: "citizen2@demo.halyq.kz",
      password: DEMO_PASSWORD,
    });
    expect(login.headers.location).toBe("/my");
  });

  it("lists the demo citizen's appeals and petitions in My Halyq, with a requested correction first", async () => {
    const citizen = await accountId("citizen@demo.halyq.kz");
    const appeals = await t.ctx.db.kysely
      .selectFrom("appeals")
      .select(["number", "status", "agency_id"])
      .where("applicant_account_id", "=", citizen)
      .execute();
    expect(appeals.length).toBeGreaterThan(0);
    const working = appeals.find((a) => a.status === "registered" || a.status === "in_progress");
    if (!working) throw new Error("the demo citizen has no appeal in work");
    const head = await signInAs(t, { grants: [{ role: "head", agencyId: working.agency_id }] });
    const asked = await api(
      t,
      head,
      "POST",
      `/api/v1/appeals/${working.number}/request-correction`,
      {
        note: "Please add the house number.",
      },
    );
    expect(asked.status).toBe(200);

    // Signing in with the password lands the citizen on My Halyq.
    const client = new FormClient(t);
    const login = await client.submit("/login", "/login", {
      email: "citizen@demo.halyq.kz",
      password: DEMO_PASSWORD,
    });
    expect(login.headers.location).toBe("/my");
    const page = await client.get("/my");
    expect(page.statusCode).toBe(200);
    const d = doc(page.body);
    expect(d.querySelector("h1")?.textContent).toBe("My Halyq");
    const action = d.querySelector("#needs-action")?.closest("section");
    const correction = Array.from(action?.querySelectorAll("a") ?? []).find(
      (a) => a.getAttribute("href") === `/appeals/${encodeURIComponent(working.number)}`,
    );
    expect(correction?.textContent).toContain(`Correct appeal ${working.number}`);
    // Needs-action comes before the lists.
    const headings = Array.from(d.querySelectorAll("main h2")).map((h) => h.id);
    expect(headings[0]).toBe("needs-action");
    expect(headings).toEqual(expect.arrayContaining(["my-appeals", "my-petitions"]));
    const appealsSection = d.querySelector("#my-appeals")?.closest("section")?.textContent ?? "";
    for (const a of appeals.slice(0, 10)) expect(appealsSection).toContain(a.number);
    expect(appealsSection).toContain("Waiting for your correction");
    const petitions = await t.ctx.db.kysely
      .selectFrom("petitions")
      .select(["number"])
      .where("initiator_account_id", "=", citizen)
      .execute();
    expect(petitions.length).toBeGreaterThan(0);
    const petitionLinks = hrefs(page.body, "main a");
    for (const p of petitions) expect(petitionLinks).toContain(`/petitions/${p.number}`);
    // The header offers My Halyq in the account area.
    expect(hrefs(page.body, ".halyq-header__account a")).toEqual(["/my", "/account"]);
    expect(await htmlProblems(page.body)).toEqual([]);
  });

  it("lists a poll a citizen voted in, saying only that they voted, never how", async () => {
    const head = await staff(t, "head");
    const pollId = await createPoll(t, head, voteForm());
    const voter = await person(t);
    const cast = await pollApi(t, voter, "POST", `/api/v1/polls/${pollId}/ballots`, {
      answers: { "1": "a" },
    });
    expect(cast.status).toBe(201);
    const page = await t.app.inject({
      url: "/my",
      headers: { cookie: `${voter.cookie}; halyq_lang=en` },
    });
    const votes = doc(page.body).querySelector("#my-polls")?.closest("section");
    const item = Array.from(votes?.querySelectorAll("li") ?? []).find(
      (li) => li.querySelector("a")?.getAttribute("href") === `/polls/${pollId}`,
    );
    expect(item?.textContent).toContain("The square");
    expect(item?.textContent).toContain("You voted");
    expect(page.body).not.toContain("Playground");
    // Someone who did not vote sees no such poll.
    const other = await person(t);
    const theirs = await t.app.inject({ url: "/my", headers: { cookie: other.cookie } });
    expect(theirs.body).not.toContain(`/polls/${pollId}`);
  });

  it("tells a citizen with nothing pending so, in their language", async () => {
    const citizen = await signInAs(t, { kind: "citizen" });
    const page = await t.app.inject({
      url: "/my",
      headers: { cookie: `${citizen.cookie}; halyq_lang=ru` },
    });
    expect(page.statusCode).toBe(200);
    expect(doc(page.body).querySelector("h1")?.textContent).toBe("Мой Halyq");
    expect(page.body).toContain("Сейчас ничего не требует вашего действия.");
    expect(await htmlProblems(page.body)).toEqual([]);
  });

  it("lands staff on their tasks and an administrator on Administration; a safe next survives the second factor", async () => {
    const executor = await staffSignIn("executor@demo.halyq.kz");
    expect(executor.location).toBe("/my");
    const landing = await executor.client.get("/my");
    expect(landing.statusCode).toBe(303);
    expect(landing.headers.location).toBe("/office/tasks");
    const head = await staffSignIn("head@demo.halyq.kz", "/office/petitions");
    expect(head.location).toBe("/office/petitions");
    const admin = await signInAs(t, { grants: [{ role: "admin", agencyId: null }] });
    const adminLanding = await t.app.inject({ url: "/my", headers: { cookie: admin.cookie } });
    expect(adminLanding.headers.location).toBe("/admin");
    // Staff are not offered My Halyq.
    const inbox = await executor.client.get("/office/appeals");
    expect(hrefs(inbox.body, ".halyq-header__account a")).toEqual(["/account"]);
  });

  it("keeps a sign-in's return path on this site", async () => {
    for (const [next, to] of [
      ["/petitions/new", "/petitions/new"],
      ["//evil.example/x", "/my"],
      ["/\\evil.example", "/my"],
      ["https://evil.example/", "/my"],
      ["/login", "/my"],
    ]) {
      const client = new FormClient(t);
      const url = `/login?next=${encodeURIComponent(next as string)}`;
      const form = await client.get(url);
      const action = doc(form.body).querySelector("main form")?.getAttribute("action");
      expect(action, next).toBe(to === "/my" ? "/login" : url);
      const res = await client.submit(url, url, {
        email: "citizen3@demo.halyq.kz",
        password: DEMO_PASSWORD,
      });
      expect(res.headers.location, next).toBe(to);
    }
  });

  it("opens an executor's inbox on the appeals assigned to them, nearest term first, one link away from the body's", async () => {
    const db = t.ctx.db.kysely;
    const executorId = await accountId("executor@demo.halyq.kz");
    // One more appeal of the body for someone else, so that "mine" and "all" differ.
    const someone = await signInAs(t, { grants: [{ role: "executor", agencyId: BODY }] });
    const head = await signInAs(t, { grants: [{ role: "head", agencyId: BODY }] });
    const other = await db
      .selectFrom("appeals")
      .select(["number"])
      .where("agency_id", "=", BODY)
      .where("status", "=", "registered")
      .executeTakeFirst();
    if (other) {
      const assigned = await api(t, head, "POST", `/api/v1/appeals/${other.number}/assign`, {
        executorId: someone.accountId,
      });
      expect(assigned.status).toBe(200);
    }
    const rows = await db
      .selectFrom("appeals")
      .select(["number", "status", "due_on", "received_at", "id", "executor_id"])
      .where("agency_id", "=", BODY)
      .execute();
    // Closed appeals are one tab away: the inbox opens on the open ones.
    const open = rows.filter((r) => OPEN.includes(r.status));
    const mine = open
      .filter((r) => r.executor_id === executorId)
      .sort(
        (a, b) =>
          Number(!OPEN.includes(a.status)) - Number(!OPEN.includes(b.status)) ||
          a.due_on.localeCompare(b.due_on) ||
          a.received_at.localeCompare(b.received_at) ||
          a.id.localeCompare(b.id),
      )
      .map((r) => r.number);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(open.length);

    const { client } = await staffSignIn("executor@demo.halyq.kz");
    const inbox = await client.get("/office/appeals");
    expect(inbox.statusCode).toBe(200);
    const listed = (html: string) =>
      hrefs(html, "main table a")
        .filter((h) => /^\/office\/appeals\/[^/]+$/.test(h))
        .map((h) => decodeURIComponent(h.slice("/office/appeals/".length)));
    expect(listed(inbox.body)).toEqual(mine.slice(0, 25));
    const d = doc(inbox.body);
    const scope = d.querySelector(".halyq-inbox-scope");
    expect(scope?.querySelector("[aria-current=page]")?.textContent).toBe("Assigned to me");
    const allLink = Array.from(scope?.querySelectorAll("a") ?? []).find(
      (a) => a.textContent === "All appeals of the body",
    );
    expect(allLink?.getAttribute("href")).toBe("/office/appeals?scope=all");
    const everything = await client.get("/office/appeals?scope=all");
    expect(listed(everything.body).length).toBe(Math.min(25, open.length));
    expect(await htmlProblems(inbox.body)).toEqual([]);

    // A head keeps the body's view.
    const headInbox = await t.app.inject({
      url: "/office/appeals",
      headers: { cookie: `${head.cookie}; halyq_lang=en` },
    });
    expect(listed(headInbox.body).length).toBe(Math.min(25, open.length));
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inboxDates } from "../../src/capabilities/appeals/api.routes.js";
import type { AppealRow } from "../../src/capabilities/appeals/appeal.repository.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import type { SignedIn } from "../support/sessions.js";
import { signInAs } from "../support/sessions.js";
import { getPage, inboxNumbers } from "./staff-support.js";
import { api, BAIKONUR, citizen, staff } from "./support.js";

const NURA = "ag-nura-akimat";
const KINDS = ["statement", "report", "information_request"];
const COUNT = 36;

describe.each(testDialects())("the staff inbox (%s)", (dialect) => {
  let t: TestApp;
  let head: SignedIn;
  let executor: SignedIn;
  let rows: AppealRow[];
  let today: string;
  let soon: string;

  beforeAll(async () => {
    // "Due soon" looks three working days ahead here, so the seeded appeals fall on both sides.
    t = await startTestApp(dialect, { env: { STAFF_TASKS_DUE_DAYS: "3" } });
    head = await staff(t, "head", NURA);
    executor = await staff(t, "executor", NURA);
    const registrar = await staff(t, "registrar", NURA);
    const person = await citizen(t);
    const start = Date.parse("2025-02-03T05:00:00Z");
    for (let i = 0; i < COUNT; i++) {
      t.clock.set(new Date(start + i * 86_400_000));
      const kind = KINDS[i % KINDS.length];
      let number: string;
      if (i % 3 === 0) {
        const res = await api(t, registrar, "POST", `/api/v1/agencies/${NURA}/appeals`, {
          channel: i % 2 === 0 ? "paper" : "phone",
          kind,
          subject: `Road repair ${i}`,
          text: `The road by house ${i} is broken.`,
          applicant: {
            name: `Omarov Bolat ${i}`,
            postalAddress: `Astana, Kenesary ${i}`,
            language: "ru",
          },
        });
        number = res.json.number;
      } else {
        const res = await api(t, person, "POST", "/api/v1/appeals", {
          kind,
          agencyId: NURA,
          subject: `Lamp post ${i}`,
          text: `The lamp by house ${i} does not work.`,
        });
        number = res.json.number;
      }
      if (!number) throw new Error(`filing ${i} failed`);
      if (i % 4 === 1) {
        await api(t, head, "POST", `/api/v1/appeals/${number}/assign`, {
          executorId: executor.accountId,
        });
      }
    }
    t.clock.set("2025-03-19T05:00:00Z");
    rows = await t.ctx.db.kysely
      .selectFrom("appeals")
      .selectAll()
      .where("agency_id", "=", NURA)
      .execute();
    ({ today, soon } = await inboxDates(t.ctx, NURA));
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Every number the inbox lists for a query, following its pages. */
  async function listed(query: string, who = head): Promise<string[]> {
    const all: string[] = [];
    for (let page = 1; page < 10; page++) {
      const sep = query ? "&" : "";
      const res = await getPage(t, who, `/office/appeals?${query}${sep}page=${page}`);
      expect(res.status).toBe(200);
      const numbers = inboxNumbers(res.body);
      all.push(...numbers);
      if (numbers.length < 25) break;
    }
    return all;
  }
  const numbers = (list: AppealRow[]) => list.map((r) => r.number).sort();
  const open = (r: AppealRow) =>
    ["registered", "in_progress", "awaiting_correction", "awaiting_approval"].includes(r.status);
  /** The nearest term: the answer's, or while nobody took it into work the 3-day redirect term. */
  const nearest = (r: AppealRow) => {
    if (r.status !== "registered") return r.due_on;
    const redirect = t.ctx.calendars.forJurisdiction("kz").addWorkingDays(r.registered_on, 3);
    return [redirect, r.due_on].sort()[0] as string;
  };

  it("lists the body's appeals 25 to a page, by due date, with the counts", async () => {
    expect(rows).toHaveLength(COUNT);
    const first = await getPage(t, head, "/office/appeals");
    expect(first.body).toContain(`Appeals found: ${COUNT}.`);
    const overdue = rows.filter((r) => open(r) && nearest(r) < today).length;
    expect(overdue).toBeGreaterThan(0);
    expect(first.body).toContain(`Overdue: ${overdue}`);
    const byDue = [...rows].sort(
      (a, b) =>
        a.due_on.localeCompare(b.due_on) ||
        a.received_at.localeCompare(b.received_at) ||
        a.id.localeCompare(b.id),
    );
    const page1 = inboxNumbers(first.body);
    expect(page1).toEqual(byDue.slice(0, 25).map((r) => r.number));
    expect(first.body).toContain('class="govuk-pagination"');
    expect(first.body).toContain('href="/office/appeals?page=2" rel="next"');
    const second = await getPage(t, head, "/office/appeals?page=2");
    expect(inboxNumbers(second.body)).toEqual(byDue.slice(25).map((r) => r.number));
    expect(second.body).toContain('href="/office/appeals" rel="prev"');
    expect(second.body).toContain("Appeals, page 2 of 2");
  });

  it("filters by status, kind, channel and executor", async () => {
    expect((await listed("status=in_progress")).sort()).toEqual(
      numbers(rows.filter((r) => r.status === "in_progress")),
    );
    expect((await listed("kind=report")).sort()).toEqual(
      numbers(rows.filter((r) => r.kind === "report")),
    );
    expect((await listed("channel=phone")).sort()).toEqual(
      numbers(rows.filter((r) => r.channel === "phone")),
    );
    const mine = await listed(`executor=${executor.accountId}`);
    expect(mine.sort()).toEqual(numbers(rows.filter((r) => r.executor_id === executor.accountId)));
    expect(mine.length).toBeGreaterThan(0);
    const combined = await listed("kind=statement&channel=paper");
    expect(combined.sort()).toEqual(
      numbers(rows.filter((r) => r.kind === "statement" && r.channel === "paper")),
    );
  });

  it("filters what is overdue and what is due soon", async () => {
    const overdue = rows.filter((r) => open(r) && nearest(r) < today);
    const dueSoon = rows.filter((r) => open(r) && nearest(r) >= today && nearest(r) <= soon);
    expect(dueSoon.length).toBeGreaterThan(0);
    const shownOverdue = await getPage(t, head, "/office/appeals?due=overdue");
    expect(shownOverdue.body).toContain(">Overdue</strong>");
    expect((await listed("due=overdue")).sort()).toEqual(numbers(overdue));
    const shownSoon = await getPage(t, head, "/office/appeals?due=soon");
    expect(shownSoon.body).toContain(">Due soon</strong>");
    expect((await listed("due=soon")).sort()).toEqual(numbers(dueSoon));
  });

  it("searches the number, the subject and the applicant's name", async () => {
    expect(await listed("q=omarov+bolat+12")).toEqual(
      numbers(rows.filter((r) => r.applicant_name === "Omarov Bolat 12")),
    );
    expect((await listed("q=ROAD+REPAIR")).sort()).toEqual(
      numbers(rows.filter((r) => r.subject.startsWith("Road repair"))),
    );
    const one = rows[7] as AppealRow;
    // The sequence, as a person reads it out, finds the appeal in its body's inbox.
    expect(await listed(`q=${one.number.split("-")[2]}`)).toEqual([one.number]);
    expect(await listed("q=%25")).toEqual([]);
    const none = await getPage(t, head, "/office/appeals?q=nothing+like+this");
    expect(none.body).toContain("No appeals match these filters.");
    expect(none.body).toContain('value="nothing like this"');
  });

  it("sorts by number and by date received", async () => {
    expect(await listed("sort=number")).toEqual(rows.map((r) => r.number).sort());
    const received = [...rows].sort((a, b) => a.received_at.localeCompare(b.received_at));
    expect(await listed("sort=received")).toEqual(received.map((r) => r.number));
    expect(await listed("sort=received_desc")).toEqual(received.reverse().map((r) => r.number));
    // The chosen filters survive in the page links.
    const page = await getPage(t, head, "/office/appeals?sort=number&kind=report");
    expect(page.body).toContain('<option value="number" selected>');
    expect(page.body).toContain('<option value="report" selected>');
  });

  it("ignores values not in the lists", async () => {
    const res = await getPage(t, head, "/office/appeals?status=bogus&page=abc&sort=evil");
    expect(res.status).toBe(200);
    expect(res.body).toContain(`Appeals found: ${COUNT}.`);
  });

  it("shows each appeal's applicant, executor and tags", async () => {
    const res = await getPage(t, head, "/office/appeals?sort=number");
    expect(res.body).toContain("Omarov Bolat 0");
    expect(res.body).toContain("Test Staff");
    expect(res.body).toContain("Paper");
    expect(res.body).toContain("Information request");
  });

  it("lets a person with roles in two bodies pick the body", async () => {
    const both = await signInAs(t, {
      grants: [
        { role: "analyst", agencyId: NURA },
        { role: "executor", agencyId: BAIKONUR },
      ],
    });
    const page = await getPage(t, both, "/office/appeals");
    expect(page.body).toContain('<select class="govuk-select" id="agency" name="agency">');
    expect(page.body).toContain(`value="${NURA}"`);
    expect(page.body).toContain(`value="${BAIKONUR}"`);
    const nura = await listed(`agency=${NURA}`, both);
    expect(nura.sort()).toEqual(numbers(rows));
    // Only an executor there: the body's whole list is one switch away from their own.
    const baikonur = await listed(`agency=${BAIKONUR}&scope=all`, both);
    expect(baikonur.length).toBeGreaterThan(0);
    expect(baikonur.every((n) => n.startsWith("BKA-"))).toBe(true);
    const other = await getPage(t, both, "/office/appeals?agency=ag-yesil-akimat");
    expect(other.status).toBe(403);
  });
});

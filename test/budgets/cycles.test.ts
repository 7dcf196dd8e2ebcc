import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import {
  addExpert,
  BAIKONUR,
  BAIKONUR_TERRITORY,
  makeCycle,
  page,
  post,
  staffMember,
  YESIL_AKIMAT,
  YESIL_TERRITORY,
} from "./support.js";

const DAY = 86_400_000;

/** A complete, valid new-cycle form for the budget year 2026 (the clock is in March 2025). */
function cycleForm(extra: Record<string, string> = {}): Record<string, string> {
  return {
    agencyId: BAIKONUR,
    year: "2026",
    "title-kk": "Байқоңыр ауданының халық қатысатын бюджеті — 2026",
    "title-ru": "Бюджет народного участия — новый цикл",
    "title-en": "",
    "rules-kk": "Ережелер",
    "rules-ru": "Правила",
    "rules-en": "",
    rule: "knapsack",
    minVotes: "0",
    supportRequired: "10",
    "categories[]": "greening",
    "territories[]": BAIKONUR_TERRITORY,
    [`amount-${BAIKONUR_TERRITORY}`]: "50 000 000",
    "date-announcement": "2025-04-01",
    "date-proposals": "2025-04-05",
    "date-review": "2025-05-01",
    "date-voting": "2025-06-01",
    "date-results": "2025-07-01",
    "date-implementation": "2026-01-01",
    "date-closed": "2027-01-01",
    ...extra,
  };
}

/** Posts a form whose fields may repeat (checkboxes). */
function postMany(
  t: TestApp,
  who: { cookie: string; csrf: string },
  url: string,
  fields: [string, string][],
  lang = "en",
) {
  return t.app.inject({
    method: "POST",
    url,
    headers: {
      cookie: `${who.cookie}; halyq_lang=${lang}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    payload: new URLSearchParams([["_csrf", who.csrf], ...fields]).toString(),
  });
}

describe.each(testDialects())("budget cycles on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  const cycleCount = async () =>
    Number(
      (
        await t.ctx.db.kysely
          .selectFrom("budget_cycles")
          .select((eb) => eb.fn.countAll<string | number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("a body's head opens a cycle: stored as a draft with its territories, dates at 00:00 Astana time, audited", async () => {
    const head = await staffMember(t, "head");
    const form = await page(t, head, "/office/budgets/new");
    expect(form.statusCode).toBe(200);
    expect(await htmlProblems(form.body)).toEqual([]);
    // The profile's defaults: all categories ticked, the year after the clock's.
    expect(form.body).toContain('value="2026"');
    expect(form.body).toContain('value="2025-01-20"');
    const before = await cycleCount();
    const fields = Object.entries(cycleForm());
    fields.push(["territories[]", YESIL_TERRITORY], [`amount-${YESIL_TERRITORY}`, "40000000"]);
    fields.push(["categories[]", "lighting"]);
    const r = await postMany(t, head, "/office/budgets", fields);
    expect(r.statusCode, r.body).toBe(303);
    expect(r.headers.location).toBe("/office/budgets?done=created");
    expect(await cycleCount()).toBe(before + 1);
    const c = await t.ctx.db.kysely
      .selectFrom("budget_cycles")
      .selectAll()
      .where("title_ru", "=", "Бюджет народного участия — новый цикл")
      .executeTakeFirstOrThrow();
    expect(c.phase).toBe("draft");
    expect(c.agency_id).toBe(BAIKONUR);
    expect(JSON.parse(c.categories)).toEqual(["greening", "lighting"]);
    // 00:00 in Astana (UTC+5) is 19:00 UTC the day before.
    expect(c.proposals_at).toBe("2025-04-04T19:00:00.000Z");
    const territories = await t.ctx.db.kysely
      .selectFrom("budget_territories")
      .selectAll()
      .where("cycle_id", "=", c.id)
      .orderBy("code")
      .execute();
    expect(territories.map((x) => [x.code, Number(x.amount), x.name_ru])).toEqual([
      [YESIL_TERRITORY, 40_000_000, "район Есиль"],
      [BAIKONUR_TERRITORY, 50_000_000, "район Байконур"],
    ]);
    const audit = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .selectAll()
      .where("subject_id", "=", c.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["budget.cycle_created"]);
    const list = await page(t, head, "/office/budgets?done=created");
    expect(list.body).toContain("Бюджет народного участия — новый цикл");
    expect(list.body).toContain(`/office/budgets/${c.id}/edit`);
  });

  it("refuses bad input with localised errors next to the fields, storing nothing", async () => {
    const head = await staffMember(t, "head");
    const before = await cycleCount();
    const r = await post(
      t,
      head,
      "/office/budgets",
      cycleForm({
        "title-kk": "",
        [`amount-${BAIKONUR_TERRITORY}`]: "пять",
        "date-review": "2025-03-01",
      }),
      "ru",
    );
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain("Укажите название на казахском языке");
    expect(r.body).toContain("Этапы должны идти по порядку");
    expect(r.body).toContain('href="#amount-711410000"');
    expect(r.body).toContain("govuk-error-summary");
    expect(await htmlProblems(r.body)).toEqual([]);
    expect(await cycleCount()).toBe(before);
    const kk = await post(t, head, "/office/budgets", cycleForm({ "territories[]": "" }), "kk");
    expect(kk.statusCode).toBe(400);
    expect(kk.body).toContain("Кемінде бір аумақты белгілеңіз");
    expect(await cycleCount()).toBe(before);
  });

  it("only the body's head or administrator opens a cycle there", async () => {
    const before = await cycleCount();
    const otherHead = await staffMember(t, "head", YESIL_AKIMAT);
    const r = await post(t, otherHead, "/office/budgets", cycleForm());
    expect(r.statusCode).toBe(403);
    const executor = await staffMember(t, "executor");
    expect((await page(t, executor, "/office/budgets")).statusCode).toBe(200);
    expect((await page(t, executor, "/office/budgets/new")).statusCode).toBe(403);
    expect((await post(t, executor, "/office/budgets", cycleForm())).statusCode).toBe(403);
    const admin = await staffMember(t, "admin");
    expect((await post(t, admin, "/office/budgets", cycleForm())).statusCode).toBe(303);
    expect(await cycleCount()).toBe(before + 1);
    const id = await makeCycle(t, { phase: "proposals" });
    expect((await page(t, otherHead, `/office/budgets/${id}/edit`)).statusCode).toBe(404);
    expect((await post(t, otherHead, `/office/budgets/${id}/edit`, cycleForm())).statusCode).toBe(
      404,
    );
  });

  it("before voting everything may change; once voting opens, territories, amounts, rule and categories are fixed, and begun phases keep their dates", async () => {
    const head = await staffMember(t, "head");
    const id = await makeCycle(t, { phase: "proposals" });
    const edit = await page(t, head, `/office/budgets/${id}/edit`);
    expect(edit.statusCode).toBe(200);
    expect(await htmlProblems(edit.body)).toEqual([]);
    const c0 = await t.ctx.db.kysely
      .selectFrom("budget_cycles")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    // Announcement and proposals have begun: their dates cannot move.
    const moved = await post(
      t,
      head,
      `/office/budgets/${id}/edit`,
      cycleForm({ "date-proposals": "2025-03-01" }),
    );
    expect(moved.statusCode).toBe(400);
    expect(moved.body).toContain("This phase has already begun");
    // Not giving begun dates keeps them; a later phase's date and the amount may change.
    const ok = await post(
      t,
      head,
      `/office/budgets/${id}/edit`,
      cycleForm({
        "date-announcement": "",
        "date-proposals": "",
        "date-review": "2025-04-20",
        "date-voting": "2025-05-20",
        "date-results": "2025-06-20",
        [`amount-${BAIKONUR_TERRITORY}`]: "70000000",
      }),
    );
    expect(ok.statusCode, ok.body).toBe(303);
    const c1 = await t.ctx.db.kysely
      .selectFrom("budget_cycles")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(c1.proposals_at).toBe(c0.proposals_at);
    expect(c1.review_at).toBe("2025-04-19T19:00:00.000Z");
    const amounts = await t.ctx.db.kysely
      .selectFrom("budget_territories")
      .select(["code", "amount"])
      .where("cycle_id", "=", id)
      .execute();
    expect(amounts.map((a) => [a.code, Number(a.amount)])).toEqual([
      [BAIKONUR_TERRITORY, 70_000_000],
    ]);
    const audits = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", id)
      .execute();
    expect(audits.map((a) => a.action)).toEqual(["budget.cycle_updated"]);

    const voting = await makeCycle(t, { phase: "voting" });
    const page2 = await page(t, head, `/office/budgets/${voting}/edit`);
    expect(page2.body).toContain("Voting has opened");
    expect(page2.body).not.toContain(`id="amount-${BAIKONUR_TERRITORY}"`);
    const locked = await post(
      t,
      head,
      `/office/budgets/${voting}/edit`,
      cycleForm({
        "date-announcement": "",
        "date-proposals": "",
        "date-review": "",
        "date-voting": "",
        "date-results": "2025-05-01",
        [`amount-${BAIKONUR_TERRITORY}`]: "1000000000",
      }),
    );
    expect(locked.statusCode).toBe(400);
    expect(locked.body).toContain(
      "the territories, amounts, voting rule and categories cannot change",
    );
    const still = await t.ctx.db.kysely
      .selectFrom("budget_territories")
      .select(["code", "amount"])
      .where("cycle_id", "=", voting)
      .orderBy("code")
      .execute();
    expect(still.map((a) => Number(a.amount))).toEqual([80_000_000, 100_000_000]);
  });

  it("a council member sees the council's link; other staff of the body see the list read-only", async () => {
    const id = await makeCycle(t, { phase: "review" });
    const analyst = await staffMember(t, "analyst");
    expect((await page(t, analyst, "/office/budgets")).statusCode).toBe(403);
    await addExpert(t, id, analyst.accountId);
    const list = await page(t, analyst, "/office/budgets");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/office/budgets/${id}/council`);
    expect(list.body).not.toContain(`/office/budgets/${id}/edit`);
    expect(list.body).not.toContain('href="/office/budgets/new"');
    const executor = await staffMember(t, "executor");
    const readOnly = await page(t, executor, "/office/budgets");
    expect(readOnly.body).toContain(`href="/budgets/${id}"`);
    expect(readOnly.body).not.toContain(`/office/budgets/${id}/edit`);
    expect(readOnly.body).not.toContain(`/office/budgets/${id}/council`);
    expect(await htmlProblems(readOnly.body)).toEqual([]);
  });

  it("the public list hides drafts and filters by phase; a draft's page is 404 except to its body's staff", async () => {
    const draft = await makeCycle(t, { phase: "draft" });
    const list = await page(t, null, "/budgets");
    expect(list.statusCode).toBe(200);
    expect(await htmlProblems(list.body)).toEqual([]);
    expect(list.body).not.toContain(draft);
    expect(list.body).toContain("Participatory budget of the Baikonur district");
    expect((await page(t, null, `/budgets/${draft}`)).statusCode).toBe(404);
    const otherHead = await staffMember(t, "head", YESIL_AKIMAT);
    expect((await page(t, otherHead, `/budgets/${draft}`)).statusCode).toBe(404);
    const executor = await staffMember(t, "executor");
    const preview = await page(t, executor, `/budgets/${draft}`);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("not announced yet");
    const voting = await page(t, null, "/budgets?phase=voting");
    const ids = [...voting.body.matchAll(/href="\/budgets\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const c = await t.ctx.db.kysely
        .selectFrom("budget_cycles")
        .select("voting_at")
        .where("id", "=", id as string)
        .executeTakeFirstOrThrow();
      expect(c.voting_at <= t.clock.now().toISOString()).toBe(true);
    }
  });

  it("the cycle page shows the phase by the clock, not the stored column", async () => {
    const id = await makeCycle(t, { phase: "proposals" });
    for (const lang of ["kk", "ru", "en"] as const) {
      const r = await page(t, null, `/budgets/${id}`, lang);
      expect(r.statusCode).toBe(200);
      expect(await htmlProblems(r.body)).toEqual([]);
    }
    const before = await page(t, null, `/budgets/${id}`);
    expect(before.body).toContain(`/budgets/${id}/proposals/new`);
    expect(before.body).toMatch(/aria-current="step"[^>]*>\s*<strong>Accepting proposals/);
    expect(before.body).toContain("100,000,000 ₸");
    // The review begins 10 days after now: move the clock past it.
    t.clock.set(new Date(t.clock.now().getTime() + 11 * DAY).toISOString());
    try {
      const after = await page(t, null, `/budgets/${id}`);
      expect(after.body).not.toContain(`/budgets/${id}/proposals/new`);
      expect(after.body).toMatch(/aria-current="step"[^>]*>\s*<strong>Expert review/);
    } finally {
      t.clock.set(new Date(t.clock.now().getTime() - 11 * DAY).toISOString());
    }
  });
});

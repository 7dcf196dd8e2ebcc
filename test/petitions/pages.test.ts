import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import {
  api,
  BAIKONUR,
  countRows,
  createDraft,
  DRAFT,
  page,
  post,
  staff,
  verifiedCitizen,
} from "./support.js";

const START = "2025-03-19T05:00:00Z";
const LANGS = ["kk", "ru", "en"] as const;

describe.each(testDialects())("petition pages and API (%s)", (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect, { now: START });
  });
  afterAll(async () => t?.close());

  it("has demo petitions in every stage, the collecting one fixed for signing", async () => {
    const rows = await t.ctx.db.kysely
      .selectFrom("petitions")
      .select(["id", "number", "status", "agency_id", "signing_closes_at", "threshold"])
      .execute();
    expect(new Set(rows.map((r) => r.status))).toEqual(
      new Set([
        "draft",
        "gathering",
        "admissibility",
        "refused",
        "collecting",
        "consideration",
        "decided",
        "expired",
        "withdrawn",
      ]),
    );
    const open = rows.find((r) => r.id === "pet-demo-collecting");
    expect(open).toMatchObject({
      number: "PET-2025-000001",
      status: "collecting",
      agency_id: BAIKONUR,
      threshold: 2500,
    });
    expect(String(open?.signing_closes_at) > t.clock.now().toISOString()).toBe(true);
  });

  it("serves every public and personal page as valid HTML in kk, ru and en", async () => {
    const citizen = await verifiedCitizen(t);
    const p = await createDraft(t, citizen);
    await api(t, citizen, "POST", `/api/v1/petitions/${p.id}/gathering`);
    const head = await staff(t, "head");
    const urls: [string, Awaited<ReturnType<typeof verifiedCitizen>> | null][] = [
      ["/petitions", null],
      ["/petitions?status=consideration", null],
      ["/petitions/PET-2025-000001", null],
      ["/petitions/PET-2025-000006", null],
      ["/petitions/PET-2025-000007", null],
      ["/petitions/PET-2025-000008", null],
      ["/petitions/join?token=demo-gathering-link-0001", null],
      ["/petitions/join?token=demo-gathering-link-0001", citizen],
      ["/petitions/new", citizen],
      [`/petitions/${p.number}`, citizen],
      ["/petitions/mine", citizen],
      ["/petitions/PET-2025-000006", citizen],
      ["/office/petitions", head],
      ["/office/petitions/PET-2025-000004", head],
      ["/office/petitions/PET-2025-000006", head],
    ];
    for (const lang of LANGS) {
      for (const [url, who] of urls) {
        const res = await page(t, who, url, lang);
        expect(res.statusCode, `${lang} ${url}`).toBe(200);
        expect(res.headers["content-language"], url).toBe(lang);
        expect(await htmlProblems(res.body), `${lang} ${url}`).toEqual([]);
      }
    }
  });

  it("filters by status and pages the list, and publishes a notice when the queue is late", async () => {
    const all = await page(t, null, "/petitions");
    expect(all.body).toContain("PET-2025-000001");
    expect(all.body).not.toContain("PET-2025-000002"); // a draft
    expect(all.body).not.toContain("PET-2025-000004"); // waiting for admissibility
    expect(all.body).not.toContain("Admissibility checks are running late");
    const decided = await page(t, null, "/petitions?status=decided");
    expect(decided.body).toContain("PET-2025-000007");
    expect(decided.body).not.toContain("PET-2025-000001");
    // Paging: 25 more published petitions make two pages of 20.
    const author = await verifiedCitizen(t);
    for (let i = 0; i < 25; i++) {
      const d = await createDraft(t, author, { ...DRAFT, title: `Bench number ${i} in the park` });
      await t.ctx.db.kysely
        .updateTable("petitions")
        .set({
          status: "collecting",
          published_at: `2025-03-19T06:${String(i).padStart(2, "0")}:00.000Z`,
        })
        .where("id", "=", d.id)
        .execute();
    }
    const first = await page(t, null, "/petitions?status=collecting");
    expect(first.body).toContain("Bench number 24 in the park");
    expect(first.body).toContain('href="/petitions?status=collecting&amp;page=2"');
    const second = await page(t, null, "/petitions?status=collecting&page=2");
    expect(second.body).toContain("PET-2025-000001");
    expect(second.body).not.toContain("Bench number 24 in the park");
    const listed = await api(t, null, "GET", "/api/v1/petitions?status=collecting&pageSize=5");
    expect(listed.status).toBe(200);
    expect(listed.json.total).toBe(26);
    expect(listed.json.items).toHaveLength(5);
    expect((await api(t, null, "GET", "/api/v1/petitions?status=draft")).status).toBe(400);
    // The demo admissibility check is due 20 working days after submission: late after that.
    const due = (
      await t.ctx.db.kysely
        .selectFrom("petitions")
        .select("admissibility_due_on")
        .where("id", "=", "pet-demo-admissibility")
        .executeTakeFirstOrThrow()
    ).admissibility_due_on as string;
    const saved = t.clock.now();
    try {
      t.clock.set(`${due}T12:00:00Z`);
      t.ctx.pageCache.invalidate();
      expect((await page(t, null, "/petitions")).body).not.toContain("running late");
      const next = new Date(`${due}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      t.clock.set(`${next.toISOString().slice(0, 10)}T12:00:00Z`);
      t.ctx.pageCache.invalidate();
      const late = await page(t, null, "/petitions");
      expect(late.body).toContain("Admissibility checks are running late: 1 petition has waited");
      const fresh = await staff(t, "head");
      expect((await page(t, fresh, "/office/petitions")).body).toContain("govuk-tag--red");
    } finally {
      t.clock.set(saved);
      t.ctx.pageCache.invalidate();
    }
  });

  it("shows similar published petitions before a draft is made, then makes it", async () => {
    const who = await verifiedCitizen(t, "ru");
    const fields = {
      agencyId: BAIKONUR,
      title: "Крытая спортивная площадка во дворах Кенесары",
      summary: "Построить крытую спортивную площадку для занятий спортом зимой.",
      proposal: "Просим построить площадку.",
    };
    const before = await countRows(t, "petitions");
    const check = await post(t, who, "/petitions/new/check", fields, "ru");
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain("PET-2025-000001");
    expect(await countRows(t, "petitions")).toBe(before);
    const made = await post(t, who, "/petitions", fields, "ru");
    expect(made.statusCode).toBe(303);
    expect(String(made.headers.location)).toMatch(/^\/petitions\/PET-2025-\d{6}\?done=created$/);
    expect(await countRows(t, "petitions")).toBe(before + 1);
    const unrelated = await post(t, who, "/petitions/new/check", {
      ...fields,
      title: "Библиотека по воскресеньям",
      summary: "Открыть библиотеку по воскресеньям.",
    });
    expect(unrelated.body).not.toContain("PET-2025-000001");
  });

  it("refuses bad input with localised errors and changes nothing", async () => {
    const who = await verifiedCitizen(t);
    const before = await countRows(t, "petitions");
    for (const lang of LANGS) {
      const res = await post(
        t,
        who,
        "/petitions",
        { agencyId: "", title: "", summary: "", proposal: "" },
        lang,
      );
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain("govuk-error-summary");
      expect(await htmlProblems(res.body)).toEqual([]);
    }
    const ru = await post(t, who, "/petitions", { ...DRAFT, agencyId: "ag-nowhere" }, "ru");
    expect(ru.body).toContain("Выберите орган, которому адресована петиция");
    const long = await api(t, who, "POST", "/api/v1/petitions", {
      ...DRAFT,
      title: "x".repeat(201),
    });
    expect(long.status).toBe(400);
    expect(long.json.error.code).toBe("VALIDATION");
    const empty = await api(t, who, "POST", "/api/v1/petitions", { ...DRAFT, title: " " });
    expect(empty.status).toBe(400);
    expect(empty.json.error.details[0].field).toBe("title");
    // No CSRF token: refused.
    const forged = await t.app.inject({
      method: "POST",
      url: "/petitions",
      headers: { cookie: who.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams(DRAFT).toString(),
    });
    expect(forged.statusCode).toBe(403);
    // Staff do not start petitions; nobody anonymous does.
    const head = await staff(t, "head");
    expect((await api(t, head, "POST", "/api/v1/petitions", DRAFT)).status).toBe(403);
    expect((await api(t, null, "POST", "/api/v1/petitions", DRAFT)).status).toBe(401);
    expect(await countRows(t, "petitions")).toBe(before);
  });

  it("limits writes per account", async () => {
    const who = await verifiedCitizen(t);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push((await post(t, who, "/petitions/new/check", { ...DRAFT })).statusCode);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
    // Another person is not held back.
    expect(
      (await post(t, await verifiedCitizen(t), "/petitions/new/check", DRAFT)).statusCode,
    ).toBe(200);
  });

  it("lets only the addressed body's staff act, each role its part", async () => {
    const yesilHead = await staff(t, "head", "ag-yesil-akimat");
    expect((await page(t, yesilHead, "/office/petitions/PET-2025-000004")).statusCode).toBe(404);
    expect(
      (await api(t, yesilHead, "POST", "/api/v1/petitions/pet-demo-admissibility/admission"))
        .status,
    ).toBe(404);
    const analyst = await staff(t, "analyst");
    expect((await page(t, analyst, "/office/petitions/PET-2025-000004")).statusCode).toBe(200);
    expect(
      (await api(t, analyst, "POST", "/api/v1/petitions/pet-demo-admissibility/admission")).status,
    ).toBe(403);
    const moderator = await staff(t, "moderator");
    expect(
      (
        await api(t, moderator, "POST", "/api/v1/petitions/pet-demo-consideration/decision", {
          text: "No.",
        })
      ).status,
    ).toBe(403);
    const executor = await staff(t, "executor");
    const comment = await t.ctx.db.kysely
      .selectFrom("petition_comments")
      .select("id")
      .where("petition_id", "=", "pet-demo-consideration")
      .where("status", "=", "pending")
      .executeTakeFirstOrThrow();
    const res = await post(
      t,
      executor,
      `/office/petitions/PET-2025-000006/comments/${comment.id}`,
      {
        decision: "approved",
      },
    );
    expect(res.statusCode).toBe(403);
    const citizen = await verifiedCitizen(t);
    expect((await page(t, citizen, "/office/petitions")).statusCode).toBe(404);
    expect((await api(t, null, "GET", "/api/v1/petitions/pet-demo-admissibility")).status).toBe(
      404,
    );
    expect((await api(t, executor, "GET", "/api/v1/petitions/pet-demo-admissibility")).status).toBe(
      200,
    );
  });

  it("describes petitions in the API and the OpenAPI file, and in an Atom feed", async () => {
    const one = await api(t, null, "GET", "/api/v1/petitions/pet-demo-collecting");
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({
      number: "PET-2025-000001",
      status: "collecting",
      signatureCount: expect.any(Number),
      territoryCode: "711410000",
    });
    expect(one.json.milestones.publishedAt).toMatch(/Z$/);
    expect((await api(t, null, "GET", "/api/v1/petitions/PET-2025-000001")).json.id).toBe(
      "pet-demo-collecting",
    );
    expect((await api(t, null, "GET", "/api/v1/petitions/nothing")).status).toBe(404);
    const docs = await t.app.inject({ url: "/api/openapi.json" });
    const paths = Object.keys(JSON.parse(docs.body).paths ?? {});
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/v1/petitions",
        "/api/v1/petitions/{id}",
        "/api/v1/petitions/{id}/admission",
        "/api/v1/petitions/{id}/refusal",
        "/api/v1/petitions/{id}/decision",
        "/api/v1/petitions/{id}/co-initiators",
      ]),
    );
    const feed = await page(t, null, "/petitions.atom", "ru");
    expect(feed.headers["content-type"]).toContain("application/atom+xml");
    const xml = new XMLParser({ ignoreAttributes: false }).parse(feed.body);
    const entries = [xml.feed.entry].flat();
    expect(entries.map((e: { title: { "#text": string } }) => e.title["#text"])).toEqual(
      expect.arrayContaining([expect.stringContaining("PET-2025-000001")]),
    );
    expect(feed.body).not.toContain("PET-2025-000002");
  });
});

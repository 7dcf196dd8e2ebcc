import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAgency } from "../../src/capabilities/agencies/agency.repository.js";
import en from "../../src/capabilities/appeals/locales/en.json" with { type: "json" };
import kk from "../../src/capabilities/appeals/locales/kk.json" with { type: "json" };
import ru from "../../src/capabilities/appeals/locales/ru.json" with { type: "json" };
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import type { SignedIn } from "../support/sessions.js";
import { signInAs } from "../support/sessions.js";
import {
  api,
  BAIKONUR,
  CITY,
  citizen,
  file,
  footprint,
  organisation,
  resume,
  staff,
  statement,
  YESIL,
} from "./support.js";

const CATALOGUES = { kk, ru, en } as const;
const LANGUAGES = ["kk", "ru", "en"] as const;
const errorText = (lang: (typeof LANGUAGES)[number], key: keyof typeof en.appeals.error) =>
  CATALOGUES[lang].appeals.error[key];

const YESIL_CODE = "711310000";
const BAIKONUR_CODE = "711410000";

describe.each(testDialects())("filing rules (%s)", (dialect) => {
  let t: TestApp;
  let me: SignedIn;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    me = await citizen(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A filing with an Accept-Language header, as a browser in that language sends it. */
  async function fileIn(lang: string, body: unknown, who: SignedIn = me) {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/appeals",
      headers: {
        cookie: who.cookie,
        "x-csrf-token": who.csrf,
        "content-type": "application/json",
        "accept-language": lang,
      },
      payload: JSON.stringify(body),
    });
    return {
      status: res.statusCode,
      json: JSON.parse(res.body),
      language: res.headers["content-language"],
    };
  }

  /** Everything a filing could leave behind, to prove a refused one left nothing. */
  async function everything() {
    const db = t.ctx.db.kysely;
    const counters = await db
      .selectFrom("appeal_counters")
      .selectAll()
      .orderBy("agency_id")
      .orderBy("year")
      .execute();
    const { row: _row, ...counts } = await footprint(t, "-");
    return { counters, ...counts };
  }

  describe("validation", () => {
    it.each(LANGUAGES)("answers in %s, field by field, and stores nothing", async (lang) => {
      const before = await everything();
      const res = await fileIn(lang, {
        kind: "statement",
        agencyId: BAIKONUR,
        subject: "  ",
        text: "",
      });
      expect(res.status).toBe(400);
      expect(res.language).toBe(lang);
      expect(res.json.error.code).toBe("VALIDATION");
      expect(res.json.error.details).toEqual([
        { field: "subject", message: errorText(lang, "subject_required") },
        { field: "text", message: errorText(lang, "text_required") },
      ]);
      expect(await everything()).toEqual(before);
    });

    it("gives different messages in Kazakh, Russian and English", async () => {
      const messages = new Set<string>();
      for (const lang of LANGUAGES) {
        const res = await fileIn(lang, {
          kind: "statement",
          agencyId: "ag-nowhere",
          subject: "S",
          text: "T",
        });
        expect(res.status).toBe(400);
        expect(res.json.error.details).toEqual([
          { field: "agencyId", message: errorText(lang, "agency_unknown") },
        ]);
        messages.add(res.json.error.details[0].message);
        messages.add(res.json.error.message);
      }
      expect(messages.size).toBe(6);
    });

    it("localises a request that fails the schema too, and stores nothing", async () => {
      const before = await everything();
      const seen = new Set<string>();
      for (const lang of LANGUAGES) {
        const res = await fileIn(lang, {
          kind: "petition",
          agencyId: BAIKONUR,
          subject: "S",
          text: "T",
        });
        expect(res.status).toBe(400);
        expect(res.language).toBe(lang);
        seen.add(res.json.error.message);
      }
      expect(seen.size).toBe(3);
      expect(await everything()).toEqual(before);
    });
  });

  describe("the competent body", () => {
    const propose = (extra: Record<string, unknown>) =>
      fileIn("en", {
        kind: "statement",
        subject: `Lamp ${Math.random()}`,
        text: "Broken.",
        ...extra,
      });

    it("is the district akimat of the address for a district matter", async () => {
      const yesil = await propose({ categoryId: "cat-roads-lighting", districtCode: YESIL_CODE });
      expect(yesil.status).toBe(201);
      expect(yesil.json.agencyId).toBe(YESIL);
      expect(yesil.json.number).toMatch(/^YSA-2025-/);
      const baikonur = await propose({
        categoryId: "cat-roads-lighting",
        districtCode: BAIKONUR_CODE,
      });
      expect(baikonur.json.agencyId).toBe(BAIKONUR);
    });

    it("is the city or the ministry for a city or republic matter, wherever the address", async () => {
      expect(
        (await propose({ categoryId: "cat-public-transport", districtCode: YESIL_CODE })).json
          .agencyId,
      ).toBe(CITY);
      expect((await propose({ categoryId: "cat-healthcare" })).json.agencyId).toBe(
        "ag-ministry-health",
      );
    });

    it("needs the district for a district matter, and says when nobody handles it there", async () => {
      const before = await everything();
      const noDistrict = await propose({ categoryId: "cat-roads-lighting" });
      expect(noDistrict.status).toBe(400);
      expect(noDistrict.json.error.details).toEqual([
        { field: "districtCode", message: errorText("en", "district_required") },
      ]);
      const nobody = await propose({ categoryId: "cat-roads-lighting", districtCode: "719999999" });
      expect(nobody.json.error.details).toEqual([
        { field: "categoryId", message: errorText("en", "no_competent_body") },
      ]);
      const unknown = await propose({ categoryId: "cat-nothing" });
      expect(unknown.json.error.details[0].field).toBe("categoryId");
      const neither = await propose({});
      expect(neither.json.error.details).toEqual([
        { field: "agencyId", message: errorText("en", "agency_required") },
      ]);
      expect(await everything()).toEqual(before);
    });

    it("is the body named, when one is named", async () => {
      const res = await propose({
        agencyId: BAIKONUR,
        categoryId: "cat-roads-lighting",
        districtCode: YESIL_CODE,
      });
      expect(res.json.agencyId).toBe(BAIKONUR);
    });
  });

  describe("duplicates", () => {
    it("attaches the same text filed again to the earlier case, which is not answered twice", async () => {
      const same = statement();
      const first = await file(t, me, same);
      const again = await api(t, me, "POST", "/api/v1/appeals", {
        ...same,
        subject: `  ${same.subject.toUpperCase()} `,
        text: same.text.replace(/ /g, "   "),
      });
      expect(again.status).toBe(201);
      expect(again.json).toMatchObject({ status: "attached", duplicateOf: first.number });
      expect(again.json.number).not.toBe(first.number);
      const seen = await api(t, me, "GET", `/api/v1/appeals/${again.json.number}`);
      expect(seen.json).toMatchObject({
        status: "attached",
        duplicateOf: first.number,
        answer: null,
        closed: { reason: "duplicate" },
      });
      const head = await staff(t, "head");
      const before = await footprint(t, again.json.number);
      for (const action of ["assign", "answer", "terminate"]) {
        const res = await api(t, head, "POST", `/api/v1/appeals/${again.json.number}/${action}`, {
          executorId: head.accountId,
          outcome: "explained",
          text: "Answer",
          reason: "already_decided",
        });
        expect(res.status).toBe(409);
      }
      expect(await footprint(t, again.json.number)).toEqual(before);
      expect((await footprint(t, first.number)).row?.status).toBe("registered");
    });

    it("does not take another person's identical text, or a repeat of a withdrawn appeal, as a duplicate", async () => {
      const same = statement();
      const first = await file(t, me, same);
      const other = await citizen(t);
      expect((await file(t, other, same)).status).toBe("registered");
      expect(
        (await api(t, me, "POST", `/api/v1/appeals/${first.number}/withdraw`, {})).status,
      ).toBe(200);
      expect((await file(t, me, same)).status).toBe("registered");
    });
  });

  describe("anonymous and crime reports registered at the desk", () => {
    const desk = (who: SignedIn, body: Record<string, unknown>, agencyId = BAIKONUR) =>
      api(t, who, "POST", `/api/v1/agencies/${agencyId}/appeals`, {
        channel: "paper",
        subject: `Desk ${Math.random()}`,
        text: "Someone dumps rubbish by the river at night.",
        applicant: { anonymous: true, name: "", language: "ru" },
        ...body,
      });

    it("terminates an anonymous appeal of the simplified procedure", async () => {
      const registrar = await staff(t, "registrar");
      const res = await desk(registrar, { kind: "report" });
      expect(res.status).toBe(201);
      expect(res.json.status).toBe("terminated");
      const head = await staff(t, "head");
      const seen = await api(t, head, "GET", `/api/v1/appeals/${res.json.number}`);
      expect(seen.json).toMatchObject({
        channel: "paper",
        closed: { reason: "anonymous" },
        applicant: { type: "anonymous", name: null },
      });
    });

    it("registers an anonymous statement (full procedure) for the defect route instead", async () => {
      const registrar = await staff(t, "registrar");
      const res = await desk(registrar, { kind: "statement" });
      expect(res.json.status).toBe("registered");
    });

    it("never terminates a crime report as anonymous, and never returns one (409, nothing changes)", async () => {
      const registrar = await staff(t, "registrar");
      const head = await staff(t, "head");
      const res = await desk(registrar, { kind: "report", crimeReport: true });
      expect(res.status).toBe(201);
      expect(res.json.status).toBe("registered");
      const number = res.json.number;
      const before = await footprint(t, number);
      for (const reason of ["obscene", "repeat_no_new_arguments"]) {
        const refused = await api(t, head, "POST", `/api/v1/appeals/${number}/return`, { reason });
        expect(refused.status).toBe(409);
      }
      const anonymous = await api(t, head, "POST", `/api/v1/appeals/${number}/terminate`, {
        reason: "anonymous",
      });
      expect(anonymous.status).toBe(409);
      expect(await footprint(t, number)).toEqual(before);

      // Nor one that a named person filed online.
      const named = await file(t, me, { kind: "report", crimeReport: true });
      const returned = await api(t, head, "POST", `/api/v1/appeals/${named.number}/return`, {
        reason: "obscene",
      });
      expect(returned.status).toBe(409);
    });

    it("tells the body's heads of a crime report the moment it is registered", async () => {
      const head = await signInAs(t, {
        grants: [{ role: "head", agencyId: BAIKONUR }],
        email: `head-${Math.random().toString(36).slice(2)}@test.invalid`,
      });
      const headEmail = (
        await t.ctx.db.kysely
          .selectFrom("accounts")
          .select("email")
          .where("id", "=", head.accountId)
          .executeTakeFirstOrThrow()
      ).email as string;
      const mailTo = async () =>
        (
          await t.ctx.db.kysely
            .selectFrom("mail_outbox")
            .select("subject")
            .where("to_address", "=", headEmail)
            .execute()
        ).map((m) => m.subject);
      await file(t, me, { kind: "report" });
      expect(await mailTo()).toEqual([]);
      const crime = await file(t, me, { kind: "report", crimeReport: true });
      const subjects = await mailTo();
      expect(subjects).toHaveLength(1);
      expect(subjects[0]).toContain(crime.number);
    });

    it("lets only a registrar or head of the body register at the desk", async () => {
      const before = await everything();
      expect((await desk(await staff(t, "executor"), { kind: "report" })).status).toBe(403);
      expect((await desk(await staff(t, "registrar", YESIL), { kind: "report" })).status).toBe(403);
      expect((await desk(me, { kind: "report" })).status).toBe(403);
      expect(await everything()).toEqual(before);
      expect((await desk(await staff(t, "head"), { kind: "statement" })).status).toBe(201);
    });
  });

  describe("organisations", () => {
    it("a representative files for the organisation, and another representative sees it", async () => {
      const first = await citizen(t);
      const second = await citizen(t);
      const outsider = await citizen(t);
      const org = await organisation(t, [first, second]);
      const filed = await file(t, first, { organisationId: org });
      const seen = await api(t, second, "GET", `/api/v1/appeals/${filed.number}`);
      expect(seen.status).toBe(200);
      const theirs = await api(t, second, "GET", "/api/v1/appeals");
      expect(theirs.json.items.map((i: { number: string }) => i.number)).toContain(filed.number);
      expect((await api(t, outsider, "GET", `/api/v1/appeals/${filed.number}`)).status).toBe(404);
      const head = await staff(t, "head");
      const staffView = await api(t, head, "GET", `/api/v1/appeals/${filed.number}`);
      expect(staffView.json.applicant).toMatchObject({ type: "organisation" });
      expect(staffView.json.applicant.name).toMatch(/^ТОО «Дала» \(/);
      expect(staffView.json.applicant.bin).toMatch(/^\d{12}$/);
      // The other representative acts for the organisation too.
      expect(
        (await api(t, second, "POST", `/api/v1/appeals/${filed.number}/withdraw`, {})).status,
      ).toBe(200);
    });

    it("refuses to file for an organisation the person does not represent, and stores nothing", async () => {
      const member = await citizen(t);
      const outsider = await citizen(t);
      const org = await organisation(t, [member]);
      const before = await everything();
      const res = await fileIn("ru", statement({ organisationId: org }), outsider);
      expect(res.status).toBe(400);
      expect(res.json.error.details).toEqual([
        { field: "organisationId", message: errorText("ru", "not_representative") },
      ]);
      expect(await everything()).toEqual(before);
    });
  });

  describe("registration numbers", () => {
    const body = (id: string, slug: string) => ({
      id,
      slug,
      parentId: null,
      higherBodyId: null,
      kind: "other" as const,
      level: "district" as const,
      jurisdiction: "kz",
      territoryCode: null,
      names: { kk: slug, ru: slug, en: slug },
      address: null,
      phone: null,
      email: null,
      website: null,
    });

    it("are unique and sequential per body and year, even filed at once, and restart in a new year", async () => {
      const db = t.ctx.db.kysely;
      await insertAgency(db, body("ag-numbers-a", "numbers-a"), t.clock.now().toISOString());
      await insertAgency(db, body("ag-numbers-b", "numbers-b"), t.clock.now().toISOString());
      const to = (agencyId: string) => statement({ agencyId });

      const one = await file(t, me, to("ag-numbers-a"));
      const two = await file(t, me, to("ag-numbers-a"));
      expect([one.number, two.number]).toEqual(["NA-2025-0001", "NA-2025-0002"]);
      // A refused filing takes no number.
      expect(
        (await api(t, me, "POST", "/api/v1/appeals", { ...to("ag-numbers-a"), text: "" })).status,
      ).toBe(400);
      // Another body counts on its own.
      expect((await file(t, me, to("ag-numbers-b"))).number).toBe("NB-2025-0001");

      const burst = await Promise.all(
        Array.from({ length: 12 }, () => api(t, me, "POST", "/api/v1/appeals", to("ag-numbers-a"))),
      );
      expect(burst.map((r) => r.status)).toEqual(Array(12).fill(201));
      const numbers = burst.map((r) => r.json.number as string).sort();
      expect(numbers).toEqual(
        Array.from({ length: 12 }, (_, i) => `NA-2025-${String(i + 3).padStart(4, "0")}`),
      );

      // 19:00 on 31 December: registered on the next working day, in the new year's series.
      t.clock.set("2025-12-31T14:00:00Z");
      let who = await resume(t, me);
      const eve = await api(t, who, "POST", "/api/v1/appeals", to("ag-numbers-a"));
      expect(eve.json).toMatchObject({
        registeredOn: "2026-01-05",
        number: "NA-2026-0001",
      });
      t.clock.set("2026-01-05T05:00:00Z");
      who = await resume(t, me);
      expect((await file(t, who, to("ag-numbers-a"))).number).toBe("NA-2026-0002");
      expect((await file(t, who, to("ag-numbers-b"))).number).toBe("NB-2026-0001");
      t.clock.set("2025-03-19T05:00:00Z");

      const all = await db.selectFrom("appeals").select("number").execute();
      expect(new Set(all.map((r) => r.number)).size).toBe(all.length);
    });
  });
});

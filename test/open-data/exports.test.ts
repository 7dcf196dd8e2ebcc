import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileAppeal } from "../../src/capabilities/appeals/writes.js";
import {
  type AppealRecord,
  appealRecordPages,
} from "../../src/capabilities/open-data/appeal-records.js";
import { loadLookups } from "../../src/capabilities/open-data/lookups.js";
import { checkDigit } from "../../src/kernel/ids.js";
import type { Principal } from "../../src/kernel/permissions.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { signInAs } from "../support/sessions.js";
import { personalData } from "./pii.js";
import { BAIKONUR, BAIKONUR_TERRITORY, get311, post311, pothole } from "./support.js";

/** A valid IIN (a man born 15 March 1990), computed, not copied from anywhere. */
function makeIin(): string {
  for (let serial = 1000; ; serial++) {
    const first = `9003153${serial}`;
    const c = checkDigit(first);
    if (c !== null) return `${first}${c}`;
  }
}
const IIN = makeIin();
const PHONE = "+7 (701) 555-12-34";
const EMAIL = "asel.private@mail.example.kz";

/** RFC 4180 parsing, written out here so the test does not trust Halyq's writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else if (c === "\n") throw new Error(`bare LF at ${i}`);
    else field += c;
  }
  if (field !== "" || row.length > 0) throw new Error("last record not ended by CRLF");
  return rows;
}

describe.each(testDialects())("open data exports on %s", (dialect) => {
  let t: TestApp;
  const numbers: Record<string, string> = {};
  /** Bodies of the Open311 filings made above (their answers are scanned too). */
  const answers: string[] = [];
  let token = "";

  beforeAll(async () => {
    t = await startTestApp(dialect);
    // Appeals full of personal data, by every route: the counter, the web, Open311.
    const registrar = await signInAs(t, { grants: [{ role: "registrar", agencyId: BAIKONUR }] });
    const principal: Principal = {
      accountId: registrar.accountId,
      kind: "staff",
      grants: [{ role: "registrar", agencyId: BAIKONUR }],
      secondFactor: true,
    };
    const desk = await fileAppeal(
      t.ctx,
      {
        channel: "paper",
        principal,
        agencyId: BAIKONUR,
        applicant: {
          name: "Serikova Asel Bolatovna",
          iin: IIN,
          email: EMAIL,
          phone: PHONE,
          postalAddress: "Astana, Kenesary 40, flat 12",
          language: "ru",
        },
      },
      {
        kind: "statement",
        categoryId: "cat-housing-utilities",
        districtCode: BAIKONUR_TERRITORY,
        subject: `Serikova Asel, IIN ${IIN}`,
        text: `My IIN is ${IIN}, call me at ${PHONE} or 87015551234, write to ${EMAIL}.`,
        address: "Kenesary 40, flat 12",
      },
    );
    if (desk.kind !== "ok") throw new Error(JSON.stringify(desk));
    numbers.desk = desk.value.number;
    const person = await signInAs(t, { kind: "citizen", email: "public.person@example.kz" });
    const web = await fileAppeal(
      t.ctx,
      {
        channel: "online",
        principal: {
          accountId: person.accountId,
          kind: "citizen",
          grants: [],
          secondFactor: false,
        },
      },
      {
        kind: "proposal",
        categoryId: "cat-landscaping",
        districtCode: BAIKONUR_TERRITORY,
        subject: '=HYPERLINK("http://evil.example","Plant trees")',
        text: `Plant trees in the park, "please"; reach me on ${PHONE}, ${EMAIL} or IIN ${IIN}.\nThank you, Asel`,
        public: true,
      },
    );
    if (web.kind !== "ok") throw new Error(JSON.stringify(web));
    numbers.web = web.value.number;
    const filed = await post311(
      t,
      "requests.json",
      pothole({ description: `Pothole, call ${PHONE}, IIN ${IIN}` }),
    );
    numbers.open311 = filed.data[0].service_request_id;
    answers.push(filed.body);
    token = filed.data[0].token;
    // A rating comment is personal whatever it says; this one says a lot.
    await t.ctx.db.kysely
      .updateTable("appeals")
      .set({ rating_comment: `Thanks! ${PHONE} ${EMAIL} ${IIN}` })
      .where("rating_score", "is not", null)
      .execute();
  });
  afterAll(async () => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });

  it("the planted personal data is really in the database (so the scan below can fail)", async () => {
    const rows = await t.ctx.db.kysely.selectFrom("appeals").selectAll().execute();
    const found = personalData(JSON.stringify(rows));
    expect(found).toEqual(
      expect.arrayContaining([`IIN/BIN ${IIN}`, `e-mail ${EMAIL}`, `phone ${PHONE}`]),
    );
    expect(found.some((f) => f.startsWith("phone 8701"))).toBe(true);
  });

  it("no export and no Open311 answer holds an IIN, an e-mail address or a phone number", async () => {
    const urls = [
      "/open-data/appeals.csv",
      "/open-data/appeals.json",
      "/open-data/appeals-2025.csv",
      "/open-data/appeals-2025.json",
      "/open-data/statistics.csv",
      "/open-data/statistics.json",
      "/open311/v2/requests.json",
      "/open311/v2/requests.xml",
      "/open311/v2/services.json",
      "/open311/v2/services.xml",
      "/open311/v2/services/roads-lighting.xml",
      "/open311/v2/discovery.xml",
      "/open311/v2/discovery.json",
      `/open311/v2/tokens/${token}.json`,
      `/open311/v2/tokens/${token}.xml`,
      "/open-data",
      ...Object.values(numbers).flatMap((n) => [
        `/open311/v2/requests/${n}.json`,
        `/open311/v2/requests/${n}.xml`,
      ]),
    ];
    const list = await get311(t, "requests.json");
    for (const r of list.data)
      urls.push(`/open311/v2/requests.xml?service_request_id=${r.service_request_id}`);
    for (const body of answers) expect(personalData(body), "a filing's answer").toEqual([]);
    for (const url of urls) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(personalData(res.body), url).toEqual([]);
      for (const word of ["Serikova", "Nurlanova", "Kenesary 40", "Thanks!"]) {
        expect(res.body, `${url}: ${word}`).not.toContain(word);
      }
    }
  });

  it("writes CSV as RFC 4180 says: header, CRLF, quoting, UTF-8, formulas defused", async () => {
    const res = await get("/open-data/appeals.csv");
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8; header=present");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="halyq-appeals.csv"');
    const rows = parseCsv(res.body);
    const [header, ...records] = rows as [string[], ...string[][]];
    expect(header[0]).toBe("number");
    expect(header).toContain("on_time");
    expect(records.every((r) => r.length === header.length)).toBe(true);
    const col = (name: string) => header.indexOf(name);
    const web = records.find((r) => r[col("number")] === numbers.web) as string[];
    expect(web[col("public")]).toBe("yes");
    expect(web[col("subject")]).toBe('\'=HYPERLINK("http://evil.example","Plant trees")');
    expect(web[col("text")]).toBe(
      'Plant trees in the park, "please"; reach me on […], […] or IIN […].\nThank you, Asel',
    );
    expect(web[col("district_code")]).toBe(BAIKONUR_TERRITORY);
    const desk = records.find((r) => r[col("number")] === numbers.desk) as string[];
    expect(desk[col("public")]).toBe("no");
    expect(desk[col("subject")]).toBe("");
    expect(desk[col("text")]).toBe("");
    expect(desk[col("channel")]).toBe("paper");
    expect(desk[col("body_name_kk")]).toMatch(/[\u0400-\u04ff]/);
    const answered = records.filter((r) => r[col("status")] === "answered");
    expect(answered.length).toBeGreaterThan(0);
    for (const r of answered) {
      expect(r[col("answered_date")]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Number(r[col("working_days_to_answer")])).toBeGreaterThanOrEqual(0);
      const onTime = String(r[col("answered_date")]) <= String(r[col("due_date")]);
      expect(r[col("on_time")]).toBe(onTime ? "yes" : "no");
    }
    const count = await t.ctx.db.kysely
      .selectFrom("appeals")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(records).toHaveLength(Number(count.n));
  });

  it("writes JSON with the licence, the fields and one object per appeal; a year holds only its own", async () => {
    const all = JSON.parse((await get("/open-data/appeals.json")).body);
    expect(all).toMatchObject({ dataset: "appeals", licence: "CC-BY-4.0" });
    expect(Object.keys(all.records[0])).toEqual(all.fields);
    const web = all.records.find((r: AppealRecord) => r.number === numbers.web);
    expect(web).toMatchObject({ public: true, district_code: BAIKONUR_TERRITORY, rating: null });
    const years = new Set(
      all.records.map((r: AppealRecord) => String(r.registered_date).slice(0, 4)),
    );
    for (const year of years) {
      const one = JSON.parse((await get(`/open-data/appeals-${year}.json`)).body);
      expect(one.records.length).toBe(
        all.records.filter((r: AppealRecord) => String(r.registered_date).startsWith(String(year)))
          .length,
      );
    }
    const empty = await get("/open-data/appeals-2001.csv");
    expect(parseCsv(empty.body)).toHaveLength(1);
    expect((await get("/open-data/appeals-20x5.csv")).statusCode).toBe(404);
    expect((await get("/open-data/statistics-2025.csv")).statusCode).toBe(404);
  });

  it("reads in keyset pages: every appeal once, in order of number", async () => {
    const lookups = await loadLookups(t.ctx.db.kysely);
    const paged: string[] = [];
    let pages = 0;
    for await (const page of appealRecordPages(t.ctx, lookups, {}, 3)) {
      pages++;
      expect(page.length).toBeLessThanOrEqual(3);
      paged.push(...page.map((r) => String(r.number)));
    }
    const rows = await t.ctx.db.kysely.selectFrom("appeals").select("number").execute();
    expect(pages).toBeGreaterThan(2);
    expect(paged).toEqual(rows.map((r) => r.number).sort());
  });

  it("the figures per body (from the statistics aggregates) agree with the appeals dataset", async () => {
    const appeals = JSON.parse((await get("/open-data/appeals.json")).body)
      .records as AppealRecord[];
    const stats = JSON.parse((await get("/open-data/statistics.json")).body);
    expect(stats.licence).toBe("CC-BY-4.0");
    const csv = parseCsv((await get("/open-data/statistics.csv")).body);
    expect(csv[0]).toEqual(stats.fields);
    expect(csv.length - 1).toBe(stats.records.length);
    expect(stats.records.length).toBeGreaterThan(0);
    for (const s of stats.records) {
      const year = String(s.year);
      const mine = appeals.filter((a) => a.body === s.body);
      const received = mine.filter((a) => String(a.registered_date).startsWith(year));
      const answered = mine.filter((a) => String(a.answered_date ?? "").startsWith(year));
      const where = `${s.body} ${year}`;
      expect(s.received, where).toBe(received.length);
      expect(s.kind_statement, where).toBe(received.filter((a) => a.kind === "statement").length);
      expect(s.kind_report, where).toBe(received.filter((a) => a.kind === "report").length);
      expect(s.channel_paper, where).toBe(received.filter((a) => a.channel === "paper").length);
      expect(s.channel_api, where).toBe(received.filter((a) => a.channel === "api").length);
      expect(s.answered, where).toBe(answered.length);
      const onTime = answered.filter((a) => a.on_time === true).length;
      expect(s.share_answered_on_time, where).toBe(
        answered.length ? Math.round((onTime / answered.length) * 10_000) / 10_000 : null,
      );
    }
    const total = (f: string) =>
      stats.records.reduce((x: number, s: Record<string, number>) => x + Number(s[f]), 0);
    expect(total("received")).toBe(appeals.length);
    expect(total("ratings")).toBe(appeals.filter((a) => typeof a.rating === "number").length);
  });

  it("answers 304 to a client whose copy is current, and a new version after any change", async () => {
    const first = await get("/open-data/appeals.csv");
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers["last-modified"]).toBeTruthy();
    expect(first.headers["cache-control"]).toBe("public, max-age=300");
    expect(first.headers["access-control-allow-origin"]).toBe("*");
    const again = await get("/open-data/appeals.csv", { "if-none-match": etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    const since = await get("/open-data/appeals.csv", {
      "if-modified-since": String(first.headers["last-modified"]),
    });
    expect(since.statusCode).toBe(304);
    await post311(t, "requests.json", pothole());
    const changed = await get("/open-data/appeals.csv", { "if-none-match": etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect((await get("/open-data/statistics.json", { "if-none-match": etag })).statusCode).toBe(
      200,
    );
  });
});

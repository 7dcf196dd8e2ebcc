import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withCheckDigit } from "../../src/kernel/ids.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { agency } from "../support/factories.js";
import type { SignedIn } from "../support/sessions.js";
import { getPage, postForm } from "./staff-support.js";
import { api, citizen, file, staff, YESIL } from "./support.js";

const IIN = withCheckDigit("90031540011") ?? "";
const NAME = "Omarov Bauyrzhan Serikovich";
const PHONE = "+7 701 234 56 78";
const PHONE_STORED = "+77012345678";
const ADDRESS = "Astana, Taraz street 3, flat 5";

/** The cells of a workbook's first sheet, row by row, as text (dates as YYYY-MM-DD). */
async function sheetRows(bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error("no sheet");
  const rows: string[][] = [];
  ws.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push(
      values.map((v) =>
        v instanceof Date
          ? v.toISOString().slice(0, 10)
          : v === null || v === undefined
            ? ""
            : String(v),
      ),
    );
  });
  return rows;
}

describe.each(testDialects())("the register export (%s)", (dialect) => {
  let t: TestApp;
  let head: SignedIn;
  let analyst: SignedIn;
  let registrar: SignedIn;
  let paperNumber: string;
  let onlineNumbers: string[];

  let body: string;

  beforeAll(async () => {
    // "Due soon" looks three working days ahead here, as far as the redirect term reaches.
    t = await startTestApp(dialect, { env: { STAFF_TASKS_DUE_DAYS: "3" } });
    // A body of its own: the demo data's appeals stay out of the counts.
    body = (await agency(t)).id;
    head = await staff(t, "head", body);
    analyst = await staff(t, "analyst", body);
    registrar = await staff(t, "registrar", body);
    const executor = await staff(t, "executor", body);
    const res = await postForm(t, registrar, "/office/appeals/new", {
      channel: "paper",
      kind: "statement",
      subject: "Leaking roof",
      text: "The roof of house 3 on Taraz street leaks after every rain.",
      language: "ru",
      applicantName: NAME,
      applicantIin: IIN,
      applicantAddress: ADDRESS,
      applicantPhone: PHONE,
      applicantLanguage: "ru",
    });
    paperNumber = /\/office\/appeals\/([A-Z0-9-]+)\/slip/.exec(res.location ?? "")?.[1] ?? "";
    expect(paperNumber).not.toBe("");
    const person = await citizen(t);
    onlineNumbers = [
      (await file(t, person, { agencyId: body })).number,
      (await file(t, person, { agencyId: body })).number,
    ];
    await api(t, head, "POST", `/api/v1/appeals/${onlineNumbers[0]}/assign`, {
      executorId: executor.accountId,
    });
    await file(t, person, { agencyId: YESIL });
  });
  afterAll(async () => {
    await t?.close();
  });

  const download = (who: SignedIn | null, url: string, lang = "en") =>
    t.app.inject({
      url,
      headers: { ...(who ? { cookie: who.cookie } : {}), "accept-language": lang },
    });

  it("gives the head the current view as an XLSX journal with the applicants' data", async () => {
    const res = await download(head, "/office/appeals/register.xlsx?channel=paper");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers["content-disposition"]).toContain(
      encodeURIComponent("Appeals registration journal"),
    );
    const rows = await sheetRows(res.rawPayload);
    const [header, ...lines] = rows;
    expect(header).toEqual([
      "Number",
      "Registered on",
      "Channel",
      "Kind",
      "Applicant",
      "IIN / BIN",
      "Contacts",
      "Postal address",
      "Topic",
      "Subject",
      "Executor",
      "Status",
      "Nearest term",
      "Kind of nearest term",
      "Term missed",
      "Sent",
      "Outcome",
    ]);
    // Only the filtered view: the one paper appeal, not the online ones nor another body's.
    expect(lines.map((l) => l[0])).toEqual([paperNumber]);
    const line = lines[0] ?? [];
    expect(line.slice(2, 8)).toEqual(["Paper", "Statement", NAME, IIN, PHONE_STORED, ADDRESS]);
    expect(line[1]).toBe("2025-03-19");
    // Registered, not yet assigned: the 3-working-day redirect term is the nearest (Nauryz,
    // 21–25 March 2025, is not counted).
    expect(line[12]).toBe("2025-03-27");
    expect(line[13]).toBe("Redirect by competence");
  });

  it("gives the analyst the same rows without any personal data", async () => {
    const head_ = await sheetRows(
      (await download(head, "/office/appeals/register.xlsx")).rawPayload,
    );
    const res = await download(analyst, "/office/appeals/register.xlsx");
    expect(res.statusCode).toBe(200);
    const rows = await sheetRows(res.rawPayload);
    expect(rows.map((r) => r[0]).sort()).toEqual(head_.map((r) => r[0]).sort());
    expect(rows).toHaveLength(4);
    expect(rows[0]).not.toContain("IIN / BIN");
    expect(rows[0]).toContain("Type of applicant");
    const text = rows.flat().join("|");
    for (const secret of [NAME, IIN, PHONE_STORED, ADDRESS, "Omarov"])
      expect(text).not.toContain(secret);
    const csv = await download(analyst, "/office/appeals/register.csv?kind=statement");
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body.startsWith("\uFEFFNumber,Registered on,")).toBe(true);
    expect(csv.body.split("\r\n").filter(Boolean)).toHaveLength(4);
    for (const secret of [NAME, IIN, PHONE_STORED, ADDRESS]) expect(csv.body).not.toContain(secret);
  });

  it("records every download in the audit log, saying whether personal data went out", async () => {
    await download(registrar, "/office/appeals/register.csv?status=registered");
    const events = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "appeal.register_exported")
      .orderBy("seq")
      .execute();
    const data = events.map((e) => ({ actor: e.actor_id, ...JSON.parse(String(e.data)) }));
    expect(data).toContainEqual(
      expect.objectContaining({ actor: analyst.accountId, personalData: false, format: "csv" }),
    );
    expect(data.at(-1)).toMatchObject({
      actor: registrar.accountId,
      personalData: true,
      format: "csv",
      query: "status=registered",
      rows: 2,
    });
  });

  it("refuses citizens, other bodies and roles without the right, and asks strangers to sign in", async () => {
    const outsiders = [
      await citizen(t),
      await staff(t, "moderator", body),
      await staff(t, "admin", body),
      await staff(t, "head", YESIL),
    ];
    for (const who of outsiders) {
      for (const format of ["xlsx", "csv"]) {
        const res = await download(who, `/office/appeals/register.${format}?agency=${body}`);
        expect(res.statusCode, `${format}`).toBe(403);
        expect(res.body).not.toContain(paperNumber);
      }
    }
    const anonymous = await download(null, "/office/appeals/register.xlsx");
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/login/);
  });

  it("shows the inbox and the case page to the analyst without the applicant's data", async () => {
    const inbox = await getPage(t, analyst, "/office/appeals");
    expect(inbox.status).toBe(200);
    expect(inbox.body).toContain(paperNumber);
    expect(inbox.body).toContain("(hidden)");
    expect(inbox.body).toContain("Number or subject");
    expect(inbox.body).not.toContain("Omarov");
    expect(inbox.body).toContain("/office/appeals/register.xlsx");
    // Searching by the applicant's name tells the analyst nothing about who wrote.
    const search = await getPage(t, analyst, "/office/appeals?q=Omarov");
    expect(search.body).not.toContain(paperNumber);
    const found = await getPage(t, head, "/office/appeals?q=Omarov");
    expect(found.body).toContain(paperNumber);
    for (const url of [`/office/appeals/${paperNumber}`, `/office/appeals/${paperNumber}/slip`]) {
      const page = await getPage(t, analyst, url);
      expect(page.status, url).toBe(200);
      for (const secret of [NAME, IIN, PHONE_STORED, ADDRESS])
        expect(page.body, url).not.toContain(secret);
      const headPage = await getPage(t, head, url);
      expect(headPage.body, url).toContain(NAME);
    }
    const json = await api(t, analyst, "GET", `/api/v1/appeals/${paperNumber}`);
    expect(json.status).toBe(200);
    for (const secret of [NAME, IIN, PHONE_STORED, ADDRESS])
      expect(JSON.stringify(json.json)).not.toContain(secret);
    const headJson = await api(t, head, "GET", `/api/v1/appeals/${paperNumber}`);
    expect(JSON.stringify(headJson.json)).toContain(IIN);
  });

  it("labels the nearest term in the inbox and filters on it, the redirect term included", async () => {
    const inbox = await getPage(t, head, "/office/appeals");
    expect(inbox.body).toContain("Nearest term");
    expect(inbox.body).toContain("Redirect by competence by 27 March 2025");
    expect(inbox.body).toMatch(/Answer by \d+ April 2025/);
    const soon = await getPage(t, head, "/office/appeals?due=soon");
    expect(soon.body).toContain(paperNumber);
    expect(soon.body).not.toContain(onlineNumbers[0]);
    t.clock.set("2025-03-28T05:00:00Z");
    const later = await getPage(t, await staff(t, "head", body), "/office/appeals?due=overdue");
    expect(later.body).toContain(paperNumber);
    expect(later.body).toContain(onlineNumbers[1]);
    expect(later.body).not.toContain(onlineNumbers[0]);
  });
});

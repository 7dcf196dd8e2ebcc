import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachmentSettings } from "../../src/platform/files/settings.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import { signInAs } from "../support/sessions.js";
import {
  clientFor,
  csrfOf,
  fileThroughPages,
  JPEG,
  PDF,
  PNG,
  postMultipart,
  tempDataDir,
} from "./citizen-support.js";
import { BAIKONUR, staff } from "./support.js";

describe.each(testDialects())("filing an appeal through the pages (%s)", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect, { env: { DATA_DIR: tempDataDir() } });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A new draft with kind, body and details filled in; returns its address. */
  async function draftReady(client: ReturnType<typeof clientFor>): Promise<string> {
    const start = await client.submit("/appeals/new", "/appeals/new", { kind: "report" });
    const draft = String(start.headers.location).replace(/\/where$/, "");
    await client.submit(`${draft}/where`, `${draft}/where`, { agencyId: BAIKONUR });
    await client.submit(`${draft}/details`, `${draft}/details`, {
      subject: "Rubbish not collected",
      text: "Nobody has collected the rubbish for two weeks.",
      language: "ru",
    });
    return draft;
  }

  async function upload(
    client: ReturnType<typeof clientFor>,
    draft: string,
    file: { name: string; type: string; content: Buffer },
  ) {
    const page = await client.get(`${draft}/files`);
    return postMultipart(t, client, `${draft}/files`, { _csrf: csrfOf(page.body) }, file);
  }

  it("files a statement with an attachment, lands on the slip and forgets the draft", async () => {
    const me = await signInAs(t);
    const client = clientFor(t, me);
    const { number, draftPath } = await fileThroughPages(t, client, {
      files: [{ name: "photo.jpg", type: "image/jpeg", content: JPEG }],
    });
    const db = t.ctx.db.kysely;
    const row = await db
      .selectFrom("appeals")
      .selectAll()
      .where("number", "=", number)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      applicant_account_id: me.accountId,
      agency_id: BAIKONUR,
      channel: "online",
      kind: "statement",
      language: "en",
      address: "Park by the river",
      registered_on: "2025-03-19",
      due_on: "2025-04-14",
    });
    const files = await db
      .selectFrom("appeal_attachments")
      .selectAll()
      .where("appeal_id", "=", row.id)
      .execute();
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({
      file_name: "photo.jpg",
      media_type: "image/jpeg",
      draft_id: null,
      purpose: "appeal",
    });
    const drafts = await db
      .selectFrom("appeal_drafts")
      .select("id")
      .where("account_id", "=", me.accountId)
      .execute();
    expect(drafts).toEqual([]);
    expect((await client.get(`${draftPath}/check`)).statusCode).toBe(404);

    const slip = await client.get(`/appeals/${number}/slip`);
    expect(slip.statusCode).toBe(200);
    expect(slip.body).toContain(number);
    expect(slip.body).toContain("Registered automatically by Halyq");
    expect(slip.body).toContain("19 March 2025 at 10:00");
    expect(slip.body).toContain("14 April 2025");
    expect(slip.body).toContain(row.registration_hash);

    const mine = await client.get("/appeals");
    expect(mine.body).toContain(number);
    expect(mine.body).toContain("Akimat of Baikonur District, Astana");
  });

  it("proposes the competent body from a topic and a district, and asks for the district", async () => {
    const client = clientFor(t, await signInAs(t));
    const start = await client.submit("/appeals/new", "/appeals/new", { kind: "report" });
    const draft = String(start.headers.location).replace(/\/where$/, "");
    const noDistrict = await client.submit(`${draft}/where`, `${draft}/where`, {
      categoryId: "cat-landscaping",
    });
    expect(noDistrict.statusCode).toBe(400);
    expect(noDistrict.body).toContain("There is a problem");
    expect(noDistrict.body).toContain("Choose the district the matter concerns");
    expect(noDistrict.body).toContain('href="#districtCode"');
    const ok = await client.submit(`${draft}/where`, `${draft}/where`, {
      categoryId: "cat-landscaping",
      districtCode: "711410000",
    });
    expect(ok.statusCode).toBe(303);
    const details = await client.get(`${draft}/details`);
    expect(details.body).toContain(
      "Halyq proposes to send it to: Akimat of Baikonur District, Astana",
    );
    await client.submit(`${draft}/details`, `${draft}/details`, {
      subject: "Trees to be planted in the yard",
      text: "Please plant trees in the yard of house 5.",
      language: "kk",
    });
    const sent = await client.submit(`${draft}/check`, `${draft}/check`, {});
    expect(sent.statusCode).toBe(303);
    const number = decodeURIComponent(String(sent.headers.location).split("/")[2] ?? "");
    const row = await t.ctx.db.kysely
      .selectFrom("appeals")
      .select(["agency_id", "category_id", "district_code", "kind"])
      .where("number", "=", number)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      agency_id: BAIKONUR,
      category_id: "cat-landscaping",
      district_code: "711410000",
      kind: "report",
    });
  });

  it("opens from a body's page with that body chosen, and ignores a body it does not know", async () => {
    const client = clientFor(t, await signInAs(t));
    const slug = "baikonur-district-akimat";
    const form = await client.get(`/appeals/new?body=${slug}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`action="/appeals/new?body=${slug}"`);
    const start = await client.submit(`/appeals/new?body=${slug}`, `/appeals/new?body=${slug}`, {
      kind: "proposal",
    });
    expect(start.statusCode).toBe(303);
    const where = await client.get(String(start.headers.location));
    expect(where.body).toMatch(new RegExp(`<option value="${BAIKONUR}" selected`));
    // The person may still choose another body or a topic: the choice is only made in advance.
    expect(where.body).toContain('name="categoryId"');

    for (const body of ["no-such-body", "<script>", "x".repeat(101)]) {
      const plain = await client.get(`/appeals/new?body=${encodeURIComponent(body)}`);
      expect(plain.statusCode).toBe(200);
      expect(plain.body).toContain('action="/appeals/new"');
      const other = await client.submit(
        "/appeals/new",
        `/appeals/new?body=${encodeURIComponent(body)}`,
        {
          kind: "proposal",
        },
      );
      expect(other.statusCode).toBe(303);
      const page = await client.get(String(other.headers.location));
      expect(page.body).not.toMatch(/<option value="[^"]+" selected/);
    }
  });

  it("refuses details without a subject and keeps the draft as it was", async () => {
    const client = clientFor(t, await signInAs(t));
    const draft = await draftReady(client);
    const res = await client.submit(`${draft}/details`, `${draft}/details`, {
      subject: "",
      text: "Changed text",
      language: "en",
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("<title>Error: Your appeal — Halyq</title>");
    expect(res.body).toContain('href="#subject"');
    expect(res.body).toContain("Enter the subject of your appeal");
    const check = await client.get(`${draft}/check`);
    expect(check.body).toContain("Rubbish not collected");
    expect(check.body).not.toContain("Changed text");
  });

  it("shows the person's own similar appeals before the files step", async () => {
    const me = await signInAs(t);
    const client = clientFor(t, me);
    const first = await fileThroughPages(t, client, { subject: "Playground swings broken" });
    const start = await client.submit("/appeals/new", "/appeals/new", { kind: "statement" });
    const draft = String(start.headers.location).replace(/\/where$/, "");
    await client.submit(`${draft}/where`, `${draft}/where`, { agencyId: BAIKONUR });
    const res = await client.submit(`${draft}/details`, `${draft}/details`, {
      subject: "Swings on the playground",
      text: "Still broken.",
      language: "en",
    });
    expect(res.headers.location).toBe(`${draft}/similar`);
    const similar = await client.get(`${draft}/similar`);
    expect(similar.body).toContain(`/appeals/${first.number}`);
    expect(similar.body).toContain(`${draft}/files`);
    expect(await htmlProblems(similar.body)).toEqual([]);
  });

  it("takes a file by its content: a PNG named .pdf is a PNG, a text file named .pdf is refused", async () => {
    const client = clientFor(t, await signInAs(t));
    const draft = await draftReady(client);
    const png = await upload(client, draft, {
      name: "scan.pdf",
      type: "application/pdf",
      content: PNG,
    });
    expect(png.statusCode).toBe(303);
    const text = await upload(client, draft, {
      name: "letter.pdf",
      type: "application/pdf",
      content: Buffer.from("Just some text, not a PDF at all.\n"),
    });
    expect(text.statusCode).toBe(400);
    expect(text.body).toContain("The file must be a PDF, JPEG or PNG");
    expect(text.body).toContain('href="#file"');
    const rows = await t.ctx.db.kysely
      .selectFrom("appeal_attachments")
      .select(["file_name", "media_type"])
      .where("draft_id", "=", draft.split("/").pop() ?? "")
      .execute();
    expect(rows).toEqual([{ file_name: "scan.pdf", media_type: "image/png" }]);
    const page = await client.get(`${draft}/files`);
    expect(page.body).toContain("scan.pdf");
    expect(page.body).toContain("PNG");
  });

  it("refuses a file over the size limit with a message, and keeps nothing of it", async () => {
    const client = clientFor(t, await signInAs(t));
    const draft = await draftReady(client);
    const big = Buffer.concat([PDF, Buffer.alloc(attachmentSettings.maxBytes)]);
    const res = await upload(client, draft, {
      name: "big.pdf",
      type: "application/pdf",
      content: big,
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("The file must be smaller than 10 MB");
    const count = await t.ctx.db.kysely
      .selectFrom("appeal_attachments")
      .select("id")
      .where("draft_id", "=", draft.split("/").pop() ?? "")
      .execute();
    expect(count).toEqual([]);
  });

  it("refuses a sixth file and lets a file be removed", async () => {
    const client = clientFor(t, await signInAs(t));
    const draft = await draftReady(client);
    for (let i = 0; i < attachmentSettings.maxFiles; i++) {
      const res = await upload(client, draft, {
        name: `p${i}.pdf`,
        type: "application/pdf",
        content: PDF,
      });
      expect(res.statusCode).toBe(303);
    }
    const full = await client.get(`${draft}/files`);
    expect(full.body).toContain("You have attached the maximum of 5 files");
    expect(full.body).not.toContain('type="file"');
    const sixth = await postMultipart(
      t,
      client,
      `${draft}/files`,
      { _csrf: csrfOf(full.body) },
      { name: "p6.pdf", type: "application/pdf", content: PDF },
    );
    expect(sixth.statusCode).toBe(400);
    expect(sixth.body).toContain("You can attach up to 5 files");
    const removeAction = /action="([^"]+\/remove)"/.exec(full.body)?.[1] ?? "";
    const removed = await client.submit(`${draft}/files`, removeAction, {});
    expect(removed.statusCode).toBe(303);
    expect((await client.get(`${draft}/files`)).body).toContain('type="file"');
  });

  it("checks the CSRF token of a multipart form", async () => {
    const client = clientFor(t, await signInAs(t));
    const draft = await draftReady(client);
    const res = await postMultipart(
      t,
      client,
      `${draft}/files`,
      { _csrf: "forged" },
      { name: "a.pdf", type: "application/pdf", content: PDF },
    );
    expect(res.statusCode).toBe(403);
    const none = await postMultipart(
      t,
      client,
      `${draft}/files`,
      {},
      {
        name: "a.pdf",
        type: "application/pdf",
        content: PDF,
      },
    );
    expect(none.statusCode).toBe(403);
  });

  it("keeps each person's draft to themselves and keeps staff out of filing", async () => {
    const owner = clientFor(t, await signInAs(t));
    const draft = await draftReady(owner);
    const other = clientFor(t, await signInAs(t));
    expect((await other.get(`${draft}/check`)).statusCode).toBe(404);
    const head = clientFor(t, await staff(t, "head"));
    expect((await head.get("/appeals/new")).statusCode).toBe(403);
    const anonymous = await t.app.inject({ url: "/appeals/new" });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe("/login?next=%2Fappeals%2Fnew");
  });

  it("renders every filing step as valid HTML in Kazakh, Russian and English", async () => {
    const me = await signInAs(t);
    const setup = clientFor(t, me);
    const draft = await draftReady(setup);
    await upload(setup, draft, { name: "a.pdf", type: "application/pdf", content: PDF });
    const problems: string[] = [];
    for (const lang of ["kk", "ru", "en"]) {
      const client = clientFor(t, me, lang);
      for (const path of [
        "/appeals/new",
        `${draft}/kind`,
        `${draft}/where`,
        `${draft}/details`,
        `${draft}/files`,
        `${draft}/check`,
      ]) {
        const res = await client.get(`${path}${path.includes("?") ? "&" : "?"}lang=${lang}`);
        expect(res.statusCode, `${lang} ${path}`).toBe(200);
        expect(res.body, `${lang} ${path}`).not.toMatch(/appeals\.(citizen|attachments)\./);
        for (const p of await htmlProblems(res.body)) problems.push(`${lang} ${path}: ${p}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachAnswerFile } from "../../src/capabilities/appeals/attachments/attachments.js";
import { publicAppealPaths } from "../../src/capabilities/appeals/web/citizen.routes.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import { type SignedIn, signInAs } from "../support/sessions.js";
import { clientFor, fileThroughPages, PDF, PNG, tempDataDir } from "./citizen-support.js";
import { api, citizen, file, staff, YESIL } from "./support.js";

describe.each(testDialects())("the applicant's appeal pages (%s)", (dialect) => {
  let t: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = tempDataDir();
    t = await startTestApp(dialect, { env: { DATA_DIR: dataDir } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const step = (who: SignedIn, number: string, action: string, body: unknown = {}) =>
    api(t, who, "POST", `/api/v1/appeals/${number}/${action}`, body);

  /** An appeal filed by `me` and answered by the body. */
  async function answered(me: SignedIn, extra: Record<string, unknown> = {}) {
    const head = await staff(t, "head");
    const executor = await staff(t, "executor");
    const { number } = await file(t, me, extra);
    await step(head, number, "assign", { executorId: executor.accountId });
    await step(executor, number, "answer", {
      outcome: "partly_satisfied",
      text: "The lamps will be repaired in April.",
      basis: "Law on local government, art. 31",
    });
    expect((await step(head, number, "approve")).status).toBe(200);
    return { number, head, executor };
  }

  it("serves a file only to those who may see the appeal, as a download of its checked type", async () => {
    const me = await signInAs(t);
    const client = clientFor(t, me);
    const { number } = await fileThroughPages(t, client, {
      files: [{ name: "Жалоба №1.pdf", type: "application/pdf", content: PDF }],
    });
    const page = await client.get(`/appeals/${number}`);
    const href = /href="(\/appeals\/[^"]+\/attachments\/[^"]+)"/.exec(page.body)?.[1] ?? "";
    expect(href).not.toBe("");
    const mine = await client.get(href);
    expect(mine.statusCode).toBe(200);
    expect(mine.headers["content-type"]).toBe("application/pdf");
    expect(mine.headers["x-content-type-options"]).toBe("nosniff");
    expect(String(mine.headers["content-disposition"])).toMatch(/^attachment; /);
    expect(String(mine.headers["content-disposition"])).toContain(
      `filename*=UTF-8''${encodeURIComponent("Жалоба №1.pdf")}`,
    );
    expect(mine.rawPayload.equals(PDF)).toBe(true);

    const other = clientFor(t, await citizen(t));
    expect((await other.get(href)).statusCode).toBe(404);
    expect((await t.app.inject({ url: href })).statusCode).toBe(404);
    expect((await clientFor(t, await staff(t, "executor")).get(href)).statusCode).toBe(200);
    expect((await clientFor(t, await staff(t, "head", YESIL)).get(href)).statusCode).toBe(404);
    expect((await client.get(`/appeals/${number}/attachments/no-such-id`)).statusCode).toBe(404);
  });

  it("never serves bytes that no longer match their checksum", async () => {
    const me = await signInAs(t);
    const client = clientFor(t, me);
    const content = Buffer.concat([PNG, Buffer.from("unique-content-for-corruption")]);
    const { number } = await fileThroughPages(t, client, {
      files: [{ name: "x.png", type: "image/png", content }],
    });
    const row = await t.ctx.db.kysely
      .selectFrom("appeal_attachments")
      .innerJoin("appeals", "appeals.id", "appeal_attachments.appeal_id")
      .select(["appeal_attachments.id", "appeal_attachments.sha256"])
      .where("appeals.number", "=", number)
      .executeTakeFirstOrThrow();
    const stored = path.join(
      dataDir,
      "attachments",
      row.sha256.slice(0, 2),
      row.sha256.slice(2, 4),
      row.sha256,
    );
    fs.writeFileSync(stored, Buffer.concat([PNG, Buffer.from("tampered")]));
    const res = await client.get(`/appeals/${number}/attachments/${row.id}`);
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain("tampered");
  });

  it("shows the body's answer files to the applicant only once the answer is sent", async () => {
    const me = await citizen(t);
    const head = await staff(t, "head");
    const executor = await staff(t, "executor");
    const { number } = await file(t, me);
    await step(head, number, "assign", { executorId: executor.accountId });
    const principal = { kind: "staff" as const, accountId: executor.accountId };
    const refused = await attachAnswerFile(
      t.ctx,
      { ...principal, secondFactor: true, grants: [{ role: "executor", agencyId: YESIL }] },
      number,
      { buffer: PDF, fileName: "answer.pdf" },
    );
    expect(refused.kind).toBe("not_found");
    const added = await attachAnswerFile(
      t.ctx,
      {
        ...principal,
        secondFactor: true,
        grants: [{ role: "executor", agencyId: "ag-baikonur-akimat" }],
      },
      number,
      { buffer: PDF, fileName: "answer.pdf" },
    );
    if (added.kind !== "ok") throw new Error(added.kind);
    const href = `/appeals/${number}/attachments/${added.value.id}`;
    const client = clientFor(t, me);
    expect((await client.get(href)).statusCode).toBe(404);
    await step(executor, number, "answer", { outcome: "explained", text: "Explained." });
    await step(head, number, "approve");
    expect((await client.get(href)).statusCode).toBe(200);
    const page = await client.get(`/appeals/${number}`);
    expect(page.body).toContain("Files with the answer");
    expect(page.body).toContain(href);
  });

  it("rates an answer through the form, once", async () => {
    const me = await citizen(t);
    const { number } = await answered(me);
    const client = clientFor(t, me);
    const page = await client.get(`/appeals/${number}`);
    expect(page.body).toContain("The lamps will be repaired in April.");
    expect(page.body).toContain("Partly satisfied");
    expect(page.body).toContain("Law on local government, art. 31");
    const bad = await client.submit(`/appeals/${number}`, `/appeals/${number}/rate`, {
      resolved: "yes",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#rate-score"');
    expect(bad.body).toContain("Choose a rating from 1 to 5");
    const good = await client.submit(`/appeals/${number}`, `/appeals/${number}/rate`, {
      score: "4",
      resolved: "partly",
      comment: "Waiting for April",
    });
    expect(good.statusCode).toBe(303);
    expect(good.headers.location).toBe(`/appeals/${number}?done=rate`);
    const after = await client.get(String(good.headers.location));
    expect(after.body).toContain("your rating was saved");
    expect(after.body).toContain("You rated the answer 4 out of 5");
    expect(after.body).not.toContain(`action="/appeals/${number}/rate"`);
    const again = await client.submit(`/appeals/${number}`, `/appeals/${number}/rate`, {
      score: "5",
      resolved: "yes",
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("You have already rated this answer.");
    const row = await t.ctx.db.kysely
      .selectFrom("appeals")
      .select(["rating_score", "rating_resolved", "rating_comment"])
      .where("number", "=", number)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      rating_score: 4,
      rating_resolved: "partly",
      rating_comment: "Waiting for April",
    });
  });

  it("files a complaint against the answer through the form, and refuses one against silence too early", async () => {
    const me = await citizen(t);
    const { number } = await answered(me);
    const client = clientFor(t, me);
    const res = await client.submit(`/appeals/${number}`, `/appeals/${number}/complain`, {
      text: "April is too late: children walk there in the dark.",
    });
    expect(res.statusCode).toBe(303);
    const row = await t.ctx.db.kysely
      .selectFrom("appeals")
      .select(["id", "complained_at"])
      .where("number", "=", number)
      .executeTakeFirstOrThrow();
    expect(row.complained_at).not.toBeNull();
    const complaint = await t.ctx.db.kysely
      .selectFrom("appeals")
      .select(["number", "kind", "body"])
      .where("complaint_of_id", "=", row.id)
      .executeTakeFirstOrThrow();
    expect(complaint.kind).toBe("complaint");
    expect(complaint.body).toContain("children walk there in the dark");
    const page = await client.get(`/appeals/${number}?done=complain`);
    expect(page.body).toContain("Your complaint");
    expect(page.body).toContain(complaint.number);
    expect(page.body).toContain("Complaint filed as");

    const { number: fresh } = await file(t, me);
    const freshPage = await client.get(`/appeals/${fresh}`);
    expect(freshPage.body).not.toContain(`action="/appeals/${fresh}/complain"`);
    const early = await client.submit(`/appeals/${fresh}`, `/appeals/${fresh}/complain`, {
      text: "No answer yet",
    });
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain("You can complain about inaction only after the term has passed.");
  });

  it("withdraws after a warning, and then says withdrawal is no longer possible", async () => {
    const me = await citizen(t);
    const { number } = await file(t, me);
    const client = clientFor(t, me);
    const confirm = await client.get(`/appeals/${number}/withdraw`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain("you cannot undo this");
    expect(await htmlProblems(confirm.body)).toEqual([]);
    const res = await client.submit(`/appeals/${number}/withdraw`, `/appeals/${number}/withdraw`, {
      reason: "Solved on its own",
    });
    expect(res.statusCode).toBe(303);
    const page = await client.get(String(res.headers.location));
    expect(page.body).toContain("The appeal was withdrawn.");
    expect(page.body).toContain("Withdrawn");
    const again = await client.submit(`/appeals/${number}`, `/appeals/${number}/withdraw`, {});
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("This cannot be done now: the appeal's status is “Withdrawn”.");
  });

  it("sends a correction the body asked for", async () => {
    const me = await citizen(t);
    const { number } = await file(t, me);
    const head = await staff(t, "head");
    await step(head, number, "request-correction", { note: "Give the house number" });
    const client = clientFor(t, me);
    const page = await client.get(`/appeals/${number}`);
    expect(page.body).toContain("Give the house number");
    expect(page.body).toContain(`action="/appeals/${number}/correct"`);
    const empty = await client.submit(`/appeals/${number}`, `/appeals/${number}/correct`, {
      text: "",
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#correct-text"');
    const res = await client.submit(`/appeals/${number}`, `/appeals/${number}/correct`, {
      text: "House 12",
    });
    expect(res.statusCode).toBe(303);
    const row = await t.ctx.db.kysely
      .selectFrom("appeals")
      .select(["status", "body"])
      .where("number", "=", number)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("registered");
    expect(row.body).toContain("House 12");
  });

  it("keeps the timeline free of staff internals", async () => {
    const me = await citizen(t);
    const head = await staff(t, "head");
    const executor = await staff(t, "executor");
    const { number } = await file(t, me);
    await step(head, number, "assign", { executorId: executor.accountId });
    await step(executor, number, "answer", { outcome: "refused", text: "Draft wording 7731" });
    await step(head, number, "send-back", { reason: "Internal remark 4410" });
    await step(head, number, "extend", { until: "2025-05-05", reason: "Expert opinion needed" });
    const page = await clientFor(t, me).get(`/appeals/${number}`);
    expect(page.body).toContain("Given to an executor");
    expect(page.body).toContain("Term extended to 2025-05-05");
    expect(page.body).toContain("Expert opinion needed");
    expect(page.body).not.toContain("Draft wording 7731");
    expect(page.body).not.toContain("Internal remark 4410");
    expect(page.body).not.toContain(executor.accountId);
  });

  it("shows nobody else's appeal: another citizen and another body get 404", async () => {
    const me = await citizen(t);
    const { number } = await file(t, me);
    for (const who of [await citizen(t), await staff(t, "head", YESIL)]) {
      const c = clientFor(t, who);
      expect((await c.get(`/appeals/${number}`)).statusCode).toBe(404);
      expect((await c.get(`/appeals/${number}/slip`)).statusCode).toBe(404);
      expect(
        (await c.submit("/appeals", `/appeals/${number}/rate`, { score: "5", resolved: "yes" }))
          .statusCode,
      ).toBe(404);
    }
    expect(
      (await clientFor(t, await staff(t, "registrar")).get(`/appeals/${number}`)).statusCode,
    ).toBe(200);
  });

  it("makes an appeal public without any personal data, and private again", async () => {
    const me = await signInAs(t);
    const client = clientFor(t, me);
    const { number } = await fileThroughPages(t, client, {
      subject: "Bus stop shelter missing",
      files: [{ name: "stop.pdf", type: "application/pdf", content: PDF }],
    });
    expect((await t.app.inject({ url: `/appeals/public/${number}` })).statusCode).toBe(404);
    const res = await client.submit(`/appeals/${number}`, `/appeals/${number}/publish`, {
      public: "yes",
    });
    expect(res.statusCode).toBe(303);
    const list = await t.app.inject({ url: "/appeals/public?lang=en" });
    expect(list.body).toContain(`/appeals/public/${number}`);
    const page = await t.app.inject({ url: `/appeals/public/${number}?lang=en` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Bus stop shelter missing");
    expect(page.body).toContain("The bench in the park by the river");
    const row = await t.ctx.db.kysely
      .selectFrom("appeals")
      .select(["applicant_name", "applicant_email", "address"])
      .where("number", "=", number)
      .executeTakeFirstOrThrow();
    for (const secret of [
      row.applicant_name,
      row.applicant_email,
      row.address,
      "stop.pdf",
      "/attachments/",
    ]) {
      expect(secret).toBeTruthy();
      expect(page.body).not.toContain(String(secret));
    }
    const back = await client.submit(`/appeals/${number}`, `/appeals/${number}/publish`, {
      public: "no",
    });
    expect(back.headers.location).toBe(`/appeals/${number}?done=unpublish`);
    t.ctx.pageCache.invalidate();
    expect((await t.app.inject({ url: `/appeals/public/${number}` })).statusCode).toBe(404);
  });

  it("lists a sample of public pages that every visitor can open", async () => {
    const paths = await publicAppealPaths(t.ctx);
    expect(paths).toContain("/appeals");
    expect(paths).toContain("/appeals/public");
    expect(paths.some((p) => p.startsWith("/appeals/public/"))).toBe(true);
    for (const p of paths) expect((await t.app.inject({ url: p })).statusCode, p).toBe(200);
  });

  it("explains appeals to visitors who are not signed in, with nothing personal", async () => {
    const res = await t.app.inject({ url: "/appeals?lang=en" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Appeals to state bodies");
    expect(res.body).toContain('href="/login?next=%2Fappeals%2Fnew"');
    expect(res.body).toContain('href="/register"');
  });

  it("renders every page of an appeal as valid HTML in Kazakh, Russian and English", async () => {
    const me = await signInAs(t);
    const filer = clientFor(t, me);
    const { number } = await fileThroughPages(t, filer, {
      files: [{ name: "a.pdf", type: "application/pdf", content: PDF }],
    });
    await filer.submit(`/appeals/${number}`, `/appeals/${number}/publish`, { public: "yes" });
    const head = await staff(t, "head");
    const executor = await staff(t, "executor");
    await step(head, number, "assign", { executorId: executor.accountId });
    await step(executor, number, "answer", { outcome: "satisfied", text: "Done.\n\nThank you." });
    await step(head, number, "approve");
    const { number: open } = await file(t, me);
    const empty = await signInAs(t);
    const problems: string[] = [];
    for (const lang of ["kk", "ru", "en"]) {
      const c = clientFor(t, me, lang);
      const pages: [ReturnType<typeof clientFor> | null, string][] = [
        [c, "/appeals"],
        [c, `/appeals/${number}`],
        [c, `/appeals/${number}/slip`],
        [c, `/appeals/${number}/slip?new=1`],
        [c, `/appeals/${open}`],
        [c, `/appeals/${open}/withdraw`],
        [clientFor(t, empty, lang), "/appeals"],
        [null, "/appeals"],
        [null, "/appeals/public"],
        [null, `/appeals/public/${number}`],
      ];
      for (const [client, url] of pages) {
        const full = `${url}${url.includes("?") ? "&" : "?"}lang=${lang}`;
        const res = client ? await client.get(full) : await t.app.inject({ url: full });
        expect(res.statusCode, `${lang} ${url}`).toBe(200);
        expect(res.body, `${lang} ${url}`).not.toMatch(/appeals\.(citizen|attachments)\./);
        for (const p of await htmlProblems(res.body)) problems.push(`${lang} ${url}: ${p}`);
      }
      const bad = await c.submit(`/appeals/${number}?lang=${lang}`, `/appeals/${number}/rate`, {});
      expect(bad.statusCode).toBe(400);
      for (const p of await htmlProblems(bad.body)) problems.push(`${lang} rate error: ${p}`);
    }
    expect(problems).toEqual([]);
  });
});

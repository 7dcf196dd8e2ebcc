import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashKey } from "../../src/capabilities/open-data/open311/api-keys.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { htmlProblems } from "../support/html.js";
import { type SignedIn, signInAs } from "../support/sessions.js";
import { BAIKONUR, post311, pothole } from "./support.js";

const LANGS = ["kk", "ru", "en"] as const;

describe.each(testDialects())("open data pages on %s", (dialect) => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = await signInAs(t, { grants: [{ role: "admin", agencyId: null }] });
  });
  afterAll(async () => t?.close());

  const page = (who: SignedIn | null, url: string, lang = "en") =>
    t.app.inject({
      url,
      headers: { cookie: who ? `${who.cookie}; halyq_lang=${lang}` : `halyq_lang=${lang}` },
    });
  const post = (who: SignedIn, url: string, fields: Record<string, string>, csrf = who.csrf) =>
    t.app.inject({
      method: "POST",
      url,
      headers: {
        cookie: `${who.cookie}; halyq_lang=en`,
        "content-type": "application/x-www-form-urlencoded",
      },
      payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    });
  const keyCount = async () =>
    Number(
      (
        await t.ctx.db.kysely
          .selectFrom("open311_api_keys")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("the open data page is valid HTML in kk, ru and en, with every dataset, field and the licence", async () => {
    for (const lang of LANGS) {
      const res = await page(null, "/open-data", lang);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`<html lang="${lang}"`);
      expect(await htmlProblems(res.body), lang).toEqual([]);
      expect(res.body, lang).not.toMatch(/>\s*(open_data|budgets)\.[a-z_.]+\s*</);
      for (const href of [
        "/open-data/appeals.csv",
        "/open-data/appeals.json",
        "/open-data/appeals-2025.csv",
        "/open-data/statistics.csv",
        "/open-data/statistics.json",
        "https://creativecommons.org/licenses/by/4.0/",
        "/open311/v2/discovery.xml",
        // Datasets other capabilities publish, listed through the manifest.
        "/open-data/budgets/projects.csv",
        "/open-data/budgets/cycles.json",
      ]) {
        expect(res.body, `${lang} ${href}`).toContain(`href="${href}"`);
      }
      for (const field of ["working_days_to_answer", "on_time", "median_working_days_to_answer"]) {
        expect(res.body).toContain(`<code class="halyq-code">${field}</code>`);
      }
      expect(res.body).toContain("demo-open311-key");
    }
  });

  it("lists /open-data among the public paths", async () => {
    const { openDataManifest } = await import("../../src/capabilities/open-data/manifest.js");
    expect(await openDataManifest.publicPaths?.(t.ctx)).toEqual(["/open-data"]);
  });

  it("an administrator issues a key, sees it once, and it files requests; only its hash is kept", async () => {
    const form = await page(admin, "/admin/open311-keys");
    expect(form.statusCode).toBe(200);
    expect(form.headers["cache-control"]).toBe("no-store");
    expect(await htmlProblems(form.body)).toEqual([]);
    expect(form.body).toContain("Halyq демо");

    const res = await post(admin, "/admin/open311-keys", {
      name: "City app",
      organisation: "Astana Innovations",
      contact: "apps@astana.example",
    });
    expect(res.statusCode).toBe(201);
    expect(await htmlProblems(res.body)).toEqual([]);
    const key = /<code class="halyq-code" id="issued-key">([^<]+)<\/code>/.exec(res.body)?.[1];
    expect(key).toMatch(/^o311_[A-Za-z0-9_-]{32}$/);
    const row = await t.ctx.db.kysely
      .selectFrom("open311_api_keys")
      .selectAll()
      .where("name", "=", "City app")
      .executeTakeFirstOrThrow();
    expect(row.key_hash).toBe(hashKey(key as string));
    expect(JSON.stringify(row)).not.toContain(key);
    expect((await page(admin, "/admin/open311-keys")).body).not.toContain(key);
    const audit = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select(["action", "actor_id"])
      .where("subject_id", "=", row.id)
      .execute();
    expect(audit).toEqual([{ action: "open311.key_issued", actor_id: admin.accountId }]);

    const filed = await post311(t, "requests.json", pothole({ api_key: key as string }));
    expect(filed.status).toBe(200);
    const link = await t.ctx.db.kysely
      .selectFrom("open311_requests")
      .select("api_key_id")
      .where("token", "=", filed.data[0].token)
      .executeTakeFirstOrThrow();
    expect(link.api_key_id).toBe(row.id);

    // revoking asks for confirmation and a reason; without one nothing changes
    const confirm = await page(admin, `/admin/open311-keys/${row.id}/revoke`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain("Requests with this key are refused at once.");
    expect(await htmlProblems(confirm.body)).toEqual([]);
    const bare = await post(admin, `/admin/open311-keys/${row.id}/revoke`, {});
    expect(bare.statusCode).toBe(400);
    expect(bare.body).toContain("Enter the reason");
    expect(await htmlProblems(bare.body)).toEqual([]);
    expect((await post311(t, "requests.json", pothole({ api_key: key as string }))).status).toBe(
      200,
    );
    const revoked = await post(admin, `/admin/open311-keys/${row.id}/revoke`, {
      reason: "The key was published by mistake",
    });
    expect(revoked.statusCode).toBe(303);
    expect(revoked.headers.location).toBe("/admin/open311-keys?notice=revoked");
    const after = await page(admin, "/admin/open311-keys?notice=revoked");
    expect(after.body).toContain("The key was revoked.");
    expect(after.body).toContain("Reason: The key was published by mistake");
    expect(await htmlProblems(after.body)).toEqual([]);
    const refused = await post311(t, "requests.json", pothole({ api_key: key as string }));
    expect(refused.status).toBe(403);
    const again = await post(admin, `/admin/open311-keys/${row.id}/revoke`, {});
    expect(again.headers.location).toBe("/admin/open311-keys?notice=already_revoked");
    const actions = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", row.id)
      .orderBy("seq")
      .execute();
    expect(actions.map((a) => a.action)).toEqual(["open311.key_issued", "open311.key_revoked"]);
    const reason = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select("reason")
      .where("subject_id", "=", row.id)
      .where("action", "=", "open311.key_revoked")
      .executeTakeFirstOrThrow();
    expect(reason.reason).toBe("The key was published by mistake");
  });

  it("refuses an incomplete key with localised errors and issues nothing", async () => {
    const before = await keyCount();
    for (const lang of LANGS) {
      const res = await t.app.inject({
        method: "POST",
        url: "/admin/open311-keys",
        headers: {
          cookie: `${admin.cookie}; halyq_lang=${lang}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        payload: new URLSearchParams({
          _csrf: admin.csrf,
          name: "App",
          organisation: "",
          contact: "",
        }).toString(),
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain("govuk-error-summary");
      expect(await htmlProblems(res.body)).toEqual([]);
    }
    expect(await keyCount()).toBe(before);
  });

  it("only system administrators manage keys; a form without its CSRF token changes nothing", async () => {
    const before = await keyCount();
    const fields = { name: "X", organisation: "Y", contact: "Z" };
    const bodyAdmin = await signInAs(t, { grants: [{ role: "admin", agencyId: BAIKONUR }] });
    for (const who of [
      bodyAdmin,
      await signInAs(t, { grants: [{ role: "head", agencyId: BAIKONUR }] }),
      await signInAs(t, { kind: "citizen" }),
      await signInAs(t, { grants: [{ role: "admin", agencyId: null }], secondFactor: false }),
    ]) {
      expect((await page(who, "/admin/open311-keys")).statusCode).not.toBe(200);
      expect((await post(who, "/admin/open311-keys", fields)).statusCode).toBe(403);
      expect(
        (
          await post(who, "/admin/open311-keys/00000000-0000-4000-8000-000000000311/revoke", {
            reason: "x",
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (await page(who, "/admin/open311-keys/00000000-0000-4000-8000-000000000311/revoke"))
          .statusCode,
      ).not.toBe(200);
    }
    const anonymous = await t.app.inject({ url: "/admin/open311-keys" });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe("/login?next=%2Fadmin%2Fopen311-keys");
    expect((await post(admin, "/admin/open311-keys", fields, "forged")).statusCode).toBe(403);
    expect(await keyCount()).toBe(before);
    const demo = await t.ctx.db.kysely
      .selectFrom("open311_api_keys")
      .select("revoked_at")
      .where("name", "=", "Демо-интегратор")
      .executeTakeFirstOrThrow();
    expect(demo.revoked_at).toBeNull();
  });
});

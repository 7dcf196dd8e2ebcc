import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { agency, citizen, staff } from "../support/factories.js";
import { api } from "../support/http.js";

describe.each(testDialects())("test factories without demo data (%s)", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect, { env: { DEMO_DATA: "off" } });
  });
  afterAll(async () => t?.close());

  it("start from an empty directory", async () => {
    const list = await api(t, null, "GET", "/api/v1/agencies");
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.json)).not.toContain("baikonur");
  });

  it("make a body through the agencies' command, with its audit record", async () => {
    const made = await agency(t, { level: "region" });
    const res = await api(t, null, "GET", `/api/v1/agencies/${made.slug}`);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(JSON.stringify(res.json)).toContain(made.names.en);
    const audit = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", made.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["agency.created"]);
  });

  it("sign in a citizen and a member of staff of that body", async () => {
    const body = await agency(t);
    const head = await staff(t, "head", body.id);
    const person = await citizen(t);
    const inbox = await t.app.inject({
      method: "GET",
      url: `/office/appeals?agency=${body.id}`,
      headers: { cookie: head.cookie },
    });
    expect(inbox.statusCode).toBe(200);
    const refused = await t.app.inject({
      method: "GET",
      url: `/office/appeals?agency=${body.id}`,
      headers: { cookie: person.cookie },
    });
    expect(refused.statusCode).toBe(403);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/capabilities/identity/demo-accounts.js";
import { withCheckDigit } from "../../src/kernel/ids.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { FormClient } from "../support/forms.js";
import { signInAs } from "../support/sessions.js";

function bin(prefix: string): string {
  for (let d = 0; d <= 9; d++) {
    const v = withCheckDigit(`${prefix}${d}`);
    if (v) return v;
  }
  throw new Error("no BIN");
}

describe.each(testDialects())("the account page on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t.close());

  it("saves contacts, language and notification choices, and refuses a text-message choice without a phone", async () => {
    const c = new FormClient(t);
    await c.submit("/login", "/login", {
      email: "citizen2@demo.halyq.kz",
      password: DEMO_PASSWORD,
    });
    const bad = await c.submit("/account", "/account", {
      phone: "",
      language: "en",
      notifySms: "yes",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#phone"');
    const ok = await c.submit("/account", "/account", {
      phone: "+7 701 234 56 78",
      language: "en",
      notifyEmail: "yes",
      notifySms: "yes",
    });
    expect(ok.statusCode).toBe(303);
    const row = await t.ctx.db.kysely
      .selectFrom("accounts")
      .selectAll()
      .where("email", "=", "citizen2@demo.halyq.kz")
      .executeTakeFirstOrThrow();
    expect([row.phone, row.language, Number(row.notify_sms)]).toEqual([
      "+7 701 234 56 78",
      "en",
      1,
    ]);
  });

  it("adds an organisation by a valid BIN only", async () => {
    const c = new FormClient(t);
    await c.submit("/login", "/login", {
      email: "citizen2@demo.halyq.kz",
      password: DEMO_PASSWORD,
    });
    const good = bin("1504400001");
    const wrong = `${good.slice(0, 11)}${(Number(good[11]) + 1) % 10}`;
    const refused = await c.submit("/account", "/account/organisations", {
      orgName: "ТОО «Дала»",
      bin: wrong,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#bin"');
    expect(
      await t.ctx.db.kysely.selectFrom("organisations").select("id").executeTakeFirst(),
    ).toBeUndefined();
    expect(
      (await c.submit("/account", "/account/organisations", { orgName: "ТОО «Дала»", bin: good }))
        .statusCode,
    ).toBe(303);
    expect((await c.get("/account")).body).toContain("ТОО «Дала»");
    const other = new FormClient(t);
    await other.submit("/login", "/login", {
      email: "citizen@demo.halyq.kz",
      password: DEMO_PASSWORD,
    });
    expect(
      (await other.submit("/account", "/account/organisations", { orgName: "Другое", bin: good }))
        .statusCode,
    ).toBe(400);
  });

  it("deletes an account after the password: personal data erased, sessions ended, the audit record kept", async () => {
    const c = new FormClient(t);
    await c.submit("/login", "/login", { email: "citizen@demo.halyq.kz", password: DEMO_PASSWORD });
    const row = await t.ctx.db.kysely
      .selectFrom("accounts")
      .select("id")
      .where("email", "=", "citizen@demo.halyq.kz")
      .executeTakeFirstOrThrow();
    expect(
      (await c.submit("/account", "/account/delete", { password: "not-my-password" })).statusCode,
    ).toBe(400);
    const done = await c.submit("/account", "/account/delete", { password: DEMO_PASSWORD });
    expect(done.statusCode).toBe(200);
    const after = await t.ctx.db.kysely
      .selectFrom("accounts")
      .selectAll()
      .where("id", "=", row.id)
      .executeTakeFirstOrThrow();
    expect([after.email, after.iin, after.password_hash, after.surname]).toEqual([
      null,
      null,
      null,
      "—",
    ]);
    expect(after.deleted_at).not.toBeNull();
    expect((await c.get("/account")).headers.location).toMatch(/^\/login/);
    const audit = await t.ctx.db.kysely
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", row.id)
      .execute();
    expect(audit.map((a) => a.action)).toContain("account.deleted");
  });

  it("ends every session twelve hours after sign-in, however active", async () => {
    const c = new FormClient(t);
    await c.submit("/login", "/login", {
      email: "citizen2@demo.halyq.kz",
      password: DEMO_PASSWORD,
    });
    for (let i = 0; i < 24; i++) {
      t.clock.advance(29 * 60_000);
      expect((await c.get("/account")).statusCode).toBe(200);
    }
    t.clock.advance(29 * 60_000);
    expect((await c.get("/account")).headers.location).toMatch(/^\/login/);
  });
});

describe("rate limits on sign-in", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp("sqlite", { env: { AUTH_RATE_LIMIT: "3" } });
  });
  afterAll(async () => t.close());

  it("answers 429 with a localised page after the limit, from the same address", async () => {
    const c = new FormClient(t, "ru");
    const codes: number[] = [];
    for (let i = 0; i < 4; i++)
      codes.push(
        (await c.submit("/login", "/login", { email: "x@example.kz", password: `wrong-${i}` }))
          .statusCode,
      );
    expect(codes).toEqual([401, 401, 401, 429]);
    const last = await c.submit("/login", "/login", { email: "x@example.kz", password: "again" });
    expect(last.body).toContain("RATE_LIMITED");
    expect(last.body).toContain('<html lang="ru"');
    const api = await t.app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { email: "x@example.kz", password: "y" },
    });
    expect(api.statusCode).toBe(401);
  });
});

describe.each(testDialects())("organisation representatives on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t.close());

  it("a representative adds another person by e-mail; nobody else can", async () => {
    const rep = new FormClient(t);
    await rep.submit("/login", "/login", {
      email: "citizen@demo.halyq.kz",
      password: DEMO_PASSWORD,
    });
    await rep.submit("/account", "/account/organisations", {
      orgName: "ТОО «Жол»",
      bin: bin("1812400002"),
    });
    const org = await t.ctx.db.kysely
      .selectFrom("organisations")
      .select("id")
      .executeTakeFirstOrThrow();
    const unknown = await rep.submit(
      "/account",
      `/account/organisations/${org.id}/representatives`,
      { repEmail: "nobody@example.kz" },
    );
    const added = await rep.submit("/account", `/account/organisations/${org.id}/representatives`, {
      repEmail: "citizen2@demo.halyq.kz",
    });
    expect([unknown.statusCode, unknown.headers.location]).toEqual([
      303,
      "/account?representative=1",
    ]);
    expect([added.statusCode, added.headers.location]).toEqual([303, "/account?representative=1"]);
    const told = await t.ctx.db.kysely
      .selectFrom("mail_outbox")
      .select("subject")
      .where("to_address", "=", "citizen2@demo.halyq.kz")
      .execute();
    expect(told.map((m) => m.subject).join()).toContain("ТОО «Жол»");
    const second = new FormClient(t);
    await second.submit("/login", "/login", {
      email: "citizen2@demo.halyq.kz",
      password: DEMO_PASSWORD,
    });
    expect((await second.get("/account")).body).toContain("ТОО «Жол»");
    const members = async () =>
      (
        await t.ctx.db.kysely
          .selectFrom("organisation_members")
          .select("account_id")
          .where("organisation_id", "=", org.id)
          .execute()
      ).length;
    expect(await members()).toBe(2);
    const notMember = await signInAs(t);
    const refused = await t.app.inject({
      method: "POST",
      url: `/account/organisations/${org.id}/representatives`,
      headers: { cookie: notMember.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({
        _csrf: notMember.csrf,
        repEmail: "citizen2@demo.halyq.kz",
      }).toString(),
    });
    expect(refused.statusCode).toBe(400);
    expect(await members()).toBe(2);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentTotp } from "../../src/capabilities/identity/auth/totp.js";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../../src/capabilities/identity/demo-accounts.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { FormClient, linkFromOutbox } from "../support/forms.js";

const CITIZEN = "citizen@demo.halyq.kz";
const HEAD = "head@demo.halyq.kz";

describe.each(testDialects())("sign-in and sessions on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t.close());

  const sessions = async (email: string) =>
    Number(
      (
        await t.ctx.db.kysely
          .selectFrom("sessions")
          .innerJoin("accounts", "accounts.id", "sessions.account_id")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("accounts.email", "=", email)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("refuses a form without its CSRF token, or with someone else's, and changes nothing", async () => {
    const client = new FormClient(t);
    const none = await client.post("/login", { email: CITIZEN, password: DEMO_PASSWORD });
    expect(none.statusCode).toBe(403);
    expect(none.body).toContain("CSRF_FAILED");
    const forged = await client.submit(
      "/login",
      "/login",
      { email: CITIZEN, password: DEMO_PASSWORD },
      "forged-token-value-xxxxxxxxxxxx",
    );
    expect(forged.statusCode).toBe(403);
    expect(await sessions(CITIZEN)).toBe(0);
  });

  it("rotates the session at sign-in: a cookie planted before sign-in is not the one that works after", async () => {
    const client = new FormClient(t);
    client.jar.set("halyq_session", "planted-by-an-attacker-000000000000000000");
    const res = await client.submit("/login", "/login", {
      email: CITIZEN,
      password: DEMO_PASSWORD,
    });
    expect(res.statusCode).toBe(303);
    expect(client.jar.get("halyq_session")).not.toBe("planted-by-an-attacker-000000000000000000");
    expect((await client.get("/account")).statusCode).toBe(200);
  });

  it("says the same for an unknown e-mail and a wrong password, and pauses guessing from this client after five wrong passwords", async () => {
    const client = new FormClient(t);
    const unknown = await client.submit("/login", "/login", {
      email: "nobody@example.kz",
      password: "whatever-password",
    });
    const wrong = await client.submit("/login", "/login", {
      email: "citizen2@demo.halyq.kz",
      password: "wrong-password-1",
    });
    const text = (b: string) => /govuk-error-summary__list">(.*?)<\/ul>/s.exec(b)?.[1];
    expect(unknown.statusCode).toBe(401);
    expect(text(unknown.body)).toBe(text(wrong.body));
    for (let i = 0; i < 4; i++)
      await client.submit("/login", "/login", {
        email: "citizen2@demo.halyq.kz",
        password: `wrong-${i}`,
      });
    const paused = await client.submit("/login", "/login", {
      email: "citizen2@demo.halyq.kz",
      password: DEMO_PASSWORD,
    });
    expect(paused.statusCode).toBe(429);
    expect(paused.headers["retry-after"]).toBe("60");
    expect(text(paused.body)).toContain("Sign-in from this device is paused");
    expect(text(paused.body)).toContain("Try again in 1 min.");
    // An address without an account is paused the same way: the pause reveals nobody.
    for (let i = 0; i < 4; i++)
      await client.submit("/login", "/login", { email: "nobody@example.kz", password: `w-${i}` });
    const nobody = await client.submit("/login", "/login", {
      email: "nobody@example.kz",
      password: "whatever-password",
    });
    expect(nobody.statusCode).toBe(429);
    expect(text(nobody.body)).toBe(text(paused.body));
    const mail = await t.ctx.db.kysely
      .selectFrom("mail_outbox")
      .select("subject")
      .where("to_address", "=", "citizen2@demo.halyq.kz")
      .execute();
    expect(mail.map((m) => m.subject).join()).toMatch(/әрекеттеніп|пытается|trying to sign in/i);
    t.clock.advance(61_000);
    const after = await client.submit("/login", "/login", {
      email: "citizen2@demo.halyq.kz",
      password: DEMO_PASSWORD,
    });
    expect(after.statusCode).toBe(303);
  });

  it("ends a session after 30 idle minutes, and everywhere on request", async () => {
    const a = new FormClient(t);
    const b = new FormClient(t);
    await a.submit("/login", "/login", { email: CITIZEN, password: DEMO_PASSWORD });
    await b.submit("/login", "/login", { email: CITIZEN, password: DEMO_PASSWORD });
    t.clock.advance(29 * 60_000);
    expect((await a.get("/account")).statusCode).toBe(200);
    t.clock.advance(29 * 60_000);
    expect((await b.get("/account")).headers.location).toMatch(/^\/login/);
    expect((await a.get("/account")).statusCode).toBe(200);
    const out = await a.submit("/account", "/logout/everywhere", {});
    expect(out.statusCode).toBe(303);
    expect(await sessions(CITIZEN)).toBe(0);
    expect((await a.get("/account")).headers.location).toMatch(/^\/login/);
  });

  it("a staff member reaches nothing before the second factor; a code works once; then the session rotates", async () => {
    const client = new FormClient(t);
    const res = await client.submit("/login", "/login", { email: HEAD, password: DEMO_PASSWORD });
    expect(res.headers.location).toBe("/login/second-factor");
    const halfway = client.jar.get("halyq_session");
    expect((await client.get("/account")).headers.location).toBe("/login/second-factor");
    const me = await t.app.inject({ url: "/api/v1/me", headers: { cookie: client.cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe("SECOND_FACTOR_REQUIRED");
    const wrong = await client.submit("/login/second-factor", "/login/second-factor", {
      code: "000000",
    });
    expect(wrong.statusCode).toBe(401);
    const code = currentTotp(DEMO_TOTP_SECRET, t.clock.now());
    const ok = await client.submit("/login/second-factor", "/login/second-factor", { code });
    expect(ok.headers.location).toBe("/my");
    expect(client.jar.get("halyq_session")).not.toBe(halfway);
    const stale = await t.app.inject({
      url: "/account",
      headers: { cookie: `halyq_session=${halfway}` },
    });
    expect(stale.headers.location).toMatch(/^\/login/);
    expect((await client.get("/account")).statusCode).toBe(200);

    const again = new FormClient(t);
    await again.submit("/login", "/login", { email: HEAD, password: DEMO_PASSWORD });
    const replay = await again.submit("/login/second-factor", "/login/second-factor", { code });
    expect(replay.statusCode).toBe(401);
  });

  it("API: bearer tokens; staff need their TOTP code; /me says who you are; 401 without credentials", async () => {
    expect((await t.app.inject({ url: "/api/v1/me" })).statusCode).toBe(401);
    const citizen = await t.app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { email: CITIZEN, password: DEMO_PASSWORD },
    });
    expect(citizen.statusCode).toBe(200);
    const { token, expiresAt } = citizen.json();
    expect(Date.parse(expiresAt)).toBeGreaterThan(t.clock.now().getTime());
    const me = await t.app.inject({
      url: "/api/v1/me",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.json()).toMatchObject({ email: CITIZEN, roles: [], agencyId: null });
    const noTotp = await t.app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { email: HEAD, password: DEMO_PASSWORD },
    });
    expect(noTotp.statusCode).toBe(401);
    expect(noTotp.json().error.code).toBe("SECOND_FACTOR_REQUIRED");
    t.clock.advance(60_000);
    const staff = await t.app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: {
        email: HEAD,
        password: DEMO_PASSWORD,
        totp: currentTotp(DEMO_TOTP_SECRET, t.clock.now()),
      },
    });
    expect(staff.statusCode).toBe(200);
    const staffMe = await t.app.inject({
      url: "/api/v1/me",
      headers: { authorization: `Bearer ${staff.json().token}` },
    });
    expect(staffMe.json()).toMatchObject({
      roles: [{ role: "head", agencyId: "ag-baikonur-akimat" }],
      agencyId: "ag-baikonur-akimat",
    });
    const bad = await t.app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { email: CITIZEN, password: "nope-nope-nope" },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe("INVALID_CREDENTIALS");
    const out = await t.app.inject({
      method: "DELETE",
      url: "/api/v1/session",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(out.statusCode).toBe(204);
    expect(
      (await t.app.inject({ url: "/api/v1/me", headers: { authorization: `Bearer ${token}` } }))
        .statusCode,
    ).toBe(401);
    const cookieApi = new FormClient(t);
    await cookieApi.submit("/login", "/login", { email: CITIZEN, password: DEMO_PASSWORD });
    const noHeader = await t.app.inject({
      method: "DELETE",
      url: "/api/v1/session",
      headers: { cookie: cookieApi.cookie },
    });
    expect(noHeader.statusCode).toBe(403);
  });

  it("password reset: same answer for unknown addresses, the link works once, every session ends", async () => {
    const signedIn = new FormClient(t);
    await signedIn.submit("/login", "/login", { email: CITIZEN, password: DEMO_PASSWORD });
    const client = new FormClient(t);
    const unknown = await client.submit("/password/forgot", "/password/forgot", {
      email: "nobody@example.kz",
    });
    const known = await client.submit("/password/forgot", "/password/forgot", { email: CITIZEN });
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body.replace(/nobody@example\.kz/g, "X")).toBe(
      known.body.replace(/citizen@demo\.halyq\.kz/g, "X").replace(/value="[^"]+"/g, ""),
    );
    const link = await linkFromOutbox(t, CITIZEN, "/password/reset?token=");
    const token = new URLSearchParams(link.split("?")[1]).get("token") ?? "";
    const weak = await client.submit(link, "/password/reset", { token, password: "short" });
    expect(weak.statusCode).toBe(400);
    const done = await client.submit(link, "/password/reset", {
      token,
      password: "a brand new long password",
    });
    expect(done.statusCode).toBe(200);
    expect((await signedIn.get("/account")).headers.location).toMatch(/^\/login/);
    const reuse = await client.submit(link, "/password/reset", {
      token,
      password: "another brand new password",
    });
    expect(reuse.statusCode).toBe(400);
    const login = await client.submit("/login", "/login", {
      email: CITIZEN,
      password: "a brand new long password",
    });
    expect(login.statusCode).toBe(303);
  });
});

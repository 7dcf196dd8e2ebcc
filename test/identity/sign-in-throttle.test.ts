import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_IDENTITY_SETTINGS } from "../../src/capabilities/identity/account.js";
import {
  findAccountRow,
  insertAccount,
} from "../../src/capabilities/identity/account.repository.js";
import { hashPassword } from "../../src/capabilities/identity/auth/passwords.js";
import { currentTotp } from "../../src/capabilities/identity/auth/totp.js";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../../src/capabilities/identity/demo-accounts.js";
import { forgetQuietCounters } from "../../src/capabilities/identity/sign-in-throttle.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { FormClient, linkFromOutbox } from "../support/forms.js";

const errorText = (body: string) => /govuk-error-summary__list">(.*?)<\/ul>/s.exec(body)?.[1];

describe.each(testDialects())("guessing passwords never locks the owner out, on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t.close());

  const sessionsOf = async (email: string) =>
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

  async function guess(client: FormClient, email: string, password: string) {
    return (await client.submit("/login", "/login", { email, password })).statusCode;
  }

  /** Signs the owner out of this client (its device cookie stays) and in again. */
  async function signOutAndIn(client: FormClient, email: string) {
    await client.submit("/account", "/logout", {});
    return client.submit("/login", "/login", { email, password: DEMO_PASSWORD });
  }

  it("web: five, then fifty wrong passwords from other clients leave the owner signed in and able to sign in again", async () => {
    const email = "citizen@demo.halyq.kz";
    const owner = new FormClient(t, "en", "10.0.0.5");
    expect(
      (await owner.submit("/login", "/login", { email, password: DEMO_PASSWORD })).statusCode,
    ).toBe(303);
    expect(owner.jar.get("halyq_device")).toBeTruthy();

    // One attacker, fifty tries: five are checked, then the client waits.
    const attacker = new FormClient(t, "en", "203.0.113.5");
    const single: number[] = [];
    for (let i = 0; i < 50; i++) single.push(await guess(attacker, email, `wrong guess ${i}`));
    expect(single.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(single.slice(5))).toEqual(new Set([429]));
    expect((await owner.get("/account")).statusCode).toBe(200);

    // Fifty more from ten addresses: 15 more are checked before every untrusted client waits.
    const spread: number[] = [];
    for (let a = 0; a < 10; a++) {
      const c = new FormClient(t, "en", `198.51.100.${a + 10}`);
      for (let i = 0; i < 5; i++) spread.push(await guess(c, email, `spread ${a}-${i}`));
    }
    expect(spread.filter((s) => s === 401)).toHaveLength(15);
    expect(spread.filter((s) => s === 429)).toHaveLength(35);
    expect(spread).not.toContain(303);

    expect(await sessionsOf(email)).toBe(1);
    expect((await owner.get("/account")).statusCode).toBe(200);
    const back = await signOutAndIn(owner, email);
    expect(back.statusCode).toBe(303);
    expect((await owner.get("/account")).statusCode).toBe(200);

    // A device that never signed in is one of the untrusted clients: it waits with them,
    // told when to come back, until the owner resets the password.
    const newPhone = new FormClient(t, "ru", "10.0.0.99");
    const waiting = await newPhone.submit("/login", "/login", { email, password: DEMO_PASSWORD });
    expect(waiting.statusCode).toBe(429);
    expect(errorText(waiting.body)).toContain("Вход с этого устройства приостановлен");
    await newPhone.submit("/password/forgot", "/password/forgot", { email });
    const link = await linkFromOutbox(t, email, "/password/reset?token=");
    const token = new URLSearchParams(link.split("?")[1]).get("token") ?? "";
    await newPhone.submit(link, "/password/reset", {
      token,
      password: "a brand new long password",
    });
    const afterReset = await newPhone.submit("/login", "/login", {
      email,
      password: "a brand new long password",
    });
    expect(afterReset.statusCode).toBe(303);
  });

  it("API: wrong passwords from another client get 429 with Retry-After; the owner's token and device token still work", async () => {
    const email = "citizen2@demo.halyq.kz";
    const signIn = (remoteAddress: string, password: string, headers = {}) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/session",
        remoteAddress,
        headers: { "accept-language": "ru", ...headers },
        payload: { email, password },
      });
    const first = await signIn("10.0.0.6", DEMO_PASSWORD);
    expect(first.statusCode).toBe(200);
    const { token, deviceToken } = first.json();
    expect(deviceToken).toMatch(/^[^.]+\.[^.]+\.[^.]+\.[^.]+$/);

    const codes: number[] = [];
    let last = first;
    for (let i = 0; i < 50; i++) {
      last = await signIn("203.0.113.6", `wrong ${i}`);
      codes.push(last.statusCode);
    }
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(codes.slice(5))).toEqual(new Set([429]));
    expect(last.headers["retry-after"]).toBe("60");
    expect(last.json().error.code).toBe("SIGN_IN_PAUSED");
    expect(last.json().error.message).toContain("через 1 мин");

    const me = await t.app.inject({
      url: "/api/v1/me",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.statusCode).toBe(200);
    // From the very address the attacker used: the device token is what counts.
    const again = await signIn("203.0.113.6", DEMO_PASSWORD, { "x-device-token": deviceToken });
    expect(again.statusCode).toBe(200);
    const forged = await signIn("203.0.113.6", DEMO_PASSWORD, {
      "x-device-token": `${deviceToken.slice(0, -2)}xx`,
    });
    expect(forged.statusCode).toBe(429);
  });

  it("staff: guessed passwords and second-factor codes pause the guessing client, not the head at work", async () => {
    const email = "head@demo.halyq.kz";
    const head = new FormClient(t, "en", "10.0.0.7");
    const password = await head.submit("/login", "/login", { email, password: DEMO_PASSWORD });
    expect(password.headers.location).toBe("/login/second-factor");
    // Halfway is not a sign-in: no device token before the second factor.
    expect(head.jar.get("halyq_device")).toBeUndefined();
    const code = currentTotp(DEMO_TOTP_SECRET, t.clock.now());
    const done = await head.submit("/login/second-factor", "/login/second-factor", { code });
    expect(done.headers.location).toBe("/my");
    expect(head.jar.get("halyq_device")).toBeTruthy();

    const attacker = new FormClient(t, "en", "203.0.113.7");
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) codes.push(await guess(attacker, email, `wrong ${i}`));
    expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect((await head.get("/account")).statusCode).toBe(200);

    // Someone who has the password guesses codes from elsewhere.
    const thief = new FormClient(t, "en", "203.0.113.8");
    const stolen = await thief.submit("/login", "/login", { email, password: DEMO_PASSWORD });
    expect(stolen.headers.location).toBe("/login/second-factor");
    const tries: number[] = [];
    for (const c of ["000000", "111111", "222222", "333333", "444444", "555555"])
      tries.push(
        (await thief.submit("/login/second-factor", "/login/second-factor", { code: c }))
          .statusCode,
      );
    expect(tries).toEqual([401, 401, 401, 401, 401, 429]);

    expect(await sessionsOf(email)).toBeGreaterThanOrEqual(1);
    expect((await head.get("/account")).statusCode).toBe(200);
    t.clock.advance(30_000);
    const back = await signOutAndIn(head, email);
    expect(back.headers.location).toBe("/login/second-factor");
    const fresh = currentTotp(DEMO_TOTP_SECRET, t.clock.now());
    const inAgain = await head.submit("/login/second-factor", "/login/second-factor", {
      code: fresh,
    });
    expect(inAgain.headers.location).toBe("/my");
  });

  it("staff on the API: guesses at the password and the code from elsewhere never pause the program that holds a device token", async () => {
    const email = "executor@demo.halyq.kz";
    const signIn = (remoteAddress: string, body: Record<string, string>, headers = {}) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/session",
        remoteAddress,
        headers,
        payload: { email, ...body },
      });
    const totp = () => currentTotp(DEMO_TOTP_SECRET, t.clock.now());
    const first = await signIn("10.0.0.8", { password: DEMO_PASSWORD, totp: totp() });
    expect(first.statusCode).toBe(200);
    const { token, deviceToken } = first.json();

    const codes: number[] = [];
    for (let i = 0; i < 3; i++)
      codes.push((await signIn("203.0.113.10", { password: `wrong ${i}` })).statusCode);
    for (const code of ["000000", "111111", "222222"])
      codes.push(
        (await signIn("203.0.113.10", { password: DEMO_PASSWORD, totp: code })).statusCode,
      );
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    // A right password without a code is not a guess, but a paused client still waits.
    expect((await signIn("203.0.113.10", { password: DEMO_PASSWORD })).statusCode).toBe(429);

    const me = await t.app.inject({
      url: "/api/v1/me",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.statusCode).toBe(200);
    t.clock.advance(30_000);
    const again = await signIn(
      "203.0.113.10",
      { password: DEMO_PASSWORD, totp: totp() },
      { "x-device-token": deviceToken },
    );
    expect(again.statusCode).toBe(200);
  });

  it("the password asked before deleting an account is counted: a stolen session cannot guess at it", async () => {
    const now = t.clock.now().toISOString();
    const email = "leaving@example.kz";
    const id = await insertAccount(
      t.ctx.db.kysely,
      {
        kind: "citizen",
        email,
        passwordHash: await hashPassword("my own long password"),
        surname: "Leaving",
        givenName: "Person",
        patronymic: null,
        iin: null,
        phone: null,
        language: "en",
        emailConfirmedAt: now,
      },
      now,
    );
    const owner = new FormClient(t, "en", "10.0.0.9");
    await owner.submit("/login", "/login", { email, password: "my own long password" });
    const thief = new FormClient(t, "en", "203.0.113.9");
    for (const [k, v] of owner.jar) if (k !== "halyq_device") thief.jar.set(k, v);
    const codes: number[] = [];
    let last = "";
    for (let i = 0; i < 7; i++) {
      const res = await thief.submit("/account", "/account/delete", { password: `guess ${i}` });
      codes.push(res.statusCode);
      last = res.body;
    }
    expect(codes).toEqual([400, 400, 400, 400, 400, 429, 429]);
    expect(errorText(last)).toContain("Sign-in from this device is paused");
    expect((await findAccountRow(t.ctx.db.kysely, { id }))?.email).toBe(email);
    expect((await owner.get("/account")).statusCode).toBe(200);
    const gone = await owner.submit("/account", "/account/delete", {
      password: "my own long password",
    });
    expect(gone.statusCode).toBe(200);
    expect(await findAccountRow(t.ctx.db.kysely, { id })).toBeUndefined();
  });

  it("device tokens gathered with a password stop counting apart once the password is reset", async () => {
    const now = t.clock.now().toISOString();
    const email = "was-stolen@example.kz";
    await insertAccount(
      t.ctx.db.kysely,
      {
        kind: "citizen",
        email,
        passwordHash: await hashPassword("the old long password"),
        surname: "Stolen",
        givenName: "Once",
        patronymic: null,
        iin: null,
        phone: null,
        language: "en",
        emailConfirmedAt: now,
      },
      now,
    );
    const api = (password: string, deviceToken?: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/session",
        remoteAddress: "203.0.113.66",
        headers: {
          "content-type": "application/json",
          ...(deviceToken ? { "x-device-token": deviceToken } : {}),
        },
        payload: { email, password },
      });
    // Someone who learnt the old password signs in again and again, keeping each device token.
    const tokens: string[] = [];
    for (let i = 0; i < 3; i++)
      tokens.push((await api("the old long password")).json().deviceToken);
    expect(new Set(tokens).size).toBe(3);

    const owner = new FormClient(t, "en", "10.0.0.77");
    await owner.submit("/password/forgot", "/password/forgot", { email });
    const link = await linkFromOutbox(t, email, "/password/reset?token=");
    const token = new URLSearchParams(link.split("?")[1]).get("token") ?? "";
    await owner.submit(link, "/password/reset", { token, password: "the new long password" });

    // Each old token would have been a device with five guesses of its own; now they are any
    // other client from that address: five guesses in all, then a wait.
    const statuses: number[] = [];
    for (const [n, dt] of tokens.entries())
      for (let i = 0; i < 5; i++) statuses.push((await api(`guess ${n}-${i}`, dt)).statusCode);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual(Array(10).fill(429));

    // The owner signs in with the new password, and that device counts on its own again.
    const back = await owner.submit("/login", "/login", {
      email,
      password: "the new long password",
    });
    expect(back.statusCode).toBe(303);
  });

  it("forgets counters after a quiet day, so guesses at made-up addresses do not pile up", async () => {
    const c = new FormClient(t, "en", "192.0.2.200");
    await guess(c, "made-up-1@example.kz", "whatever password");
    await guess(c, "made-up-2@example.kz", "whatever password");
    const count = async () =>
      Number(
        (
          await t.ctx.db.kysely
            .selectFrom("sign_in_throttle")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    expect(await forgetQuietCounters(t.ctx, DEFAULT_IDENTITY_SETTINGS)).toBe(0);
    t.clock.advance(24 * 3_600_000);
    expect(await forgetQuietCounters(t.ctx, DEFAULT_IDENTITY_SETTINGS)).toBe(before);
    expect(await count()).toBe(0);
  });
});

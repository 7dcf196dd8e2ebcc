import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_IDENTITY_SETTINGS } from "../../src/capabilities/identity/account.js";
import {
  findAccountRow,
  insertAccount,
} from "../../src/capabilities/identity/account.repository.js";
import { hashPassword } from "../../src/capabilities/identity/auth/passwords.js";
import { signInWithEid } from "../../src/capabilities/identity/commands/eid-sign-in.js";
import { signIn } from "../../src/capabilities/identity/commands/sign-in.js";
import { DEMO_PASSWORD } from "../../src/capabilities/identity/demo-accounts.js";
import { createSession } from "../../src/capabilities/identity/session.repository.js";
import { withCheckDigit } from "../../src/kernel/ids.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { FormClient } from "../support/forms.js";

function iin(prefix: string): string {
  for (let d = 0; d <= 9; d++) {
    const v = withCheckDigit(`${prefix}${d}`);
    if (v) return v;
  }
  throw new Error("no IIN");
}

describe.each(testDialects())("identity defences on %s", (dialect) => {
  let t: TestApp;
  const deps = () => ({
    ctx: t.ctx,
    settings: DEFAULT_IDENTITY_SETTINGS,
    catalogues: t.ctx.catalogues,
  });
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t.close());

  async function passwordAccount(email: string, accountIin: string) {
    const now = t.clock.now().toISOString();
    return insertAccount(
      t.ctx.db.kysely,
      {
        kind: "citizen",
        email,
        passwordHash: await hashPassword("attacker password 1"),
        surname: "A",
        givenName: "B",
        patronymic: null,
        iin: accountIin,
        phone: null,
        language: "en",
        emailConfirmedAt: now,
      },
      now,
    );
  }

  it("an account registered with someone else's IIN cannot capture that person's e-ID sign-in", async () => {
    const victimIin = iin("8804154007");
    const attacker = await passwordAccount("attacker@example.kz", victimIin);
    await createSession(t.ctx.db.kysely, {
      accountId: attacker,
      kind: "browser",
      now: t.clock.now().toISOString(),
      expiresAt: "2999-01-01T00:00:00.000Z",
    });
    const outcome = await signInWithEid(
      deps(),
      {
        subject: "victim-sub",
        iin: victimIin,
        email: "victim@example.kz",
        surname: "Жертва",
        givenName: "Дана",
        patronymic: null,
      },
      "test",
    );
    expect(outcome.kind).toBe("ok");
    if (outcome.kind !== "ok") return;
    expect(outcome.accountId).not.toBe(attacker);
    expect(outcome.created).toBe(true);
    const attackerRow = await findAccountRow(t.ctx.db.kysely, { id: attacker });
    expect(attackerRow?.iin).toBeNull();
    const attackerSessions = await t.ctx.db.kysely
      .selectFrom("sessions")
      .select("id_hash")
      .where("account_id", "=", attacker)
      .execute();
    expect(attackerSessions).toHaveLength(0);
    expect((await findAccountRow(t.ctx.db.kysely, { iin: victimIin }))?.id).toBe(outcome.accountId);
  });

  it("links the e-ID to an account by IIN when its holder is signed in to it, and never to a second subject", async () => {
    const ownIin = iin("7911034008");
    const owner = await passwordAccount("owner@example.kz", ownIin);
    const linked = await signInWithEid(
      deps(),
      {
        subject: "owner-sub",
        iin: ownIin,
        email: null,
        surname: "A",
        givenName: "B",
        patronymic: null,
      },
      "test",
      owner,
    );
    expect(linked.kind === "ok" && linked.accountId).toBe(owner);
    const other = await signInWithEid(
      deps(),
      {
        subject: "someone-else",
        iin: ownIin,
        email: null,
        surname: "A",
        givenName: "B",
        patronymic: null,
      },
      "test",
    );
    expect(other.kind).toBe("no_iin");
  });

  it("parallel wrong passwords are all counted: five are checked, the rest wait; the owner's device is not paused", async () => {
    const owner = await signIn(deps(), {
      email: "moderator@demo.halyq.kz",
      password: DEMO_PASSWORD,
      kind: "api",
      client: { ip: "10.1.1.1", deviceTokens: [] },
    });
    expect(owner.kind).toBe("second_factor_required");
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        signIn(deps(), {
          email: "moderator@demo.halyq.kz",
          password: `wrong ${i} guess`,
          kind: "browser",
          client: { ip: "203.0.113.9", deviceTokens: [] },
        }),
      ),
    );
    const kinds = outcomes.map((o) => o.kind).sort();
    expect(kinds.filter((k) => k === "invalid_credentials")).toHaveLength(5);
    expect(kinds.filter((k) => k === "paused")).toHaveLength(3);
    const right = await signIn(deps(), {
      email: "moderator@demo.halyq.kz",
      password: DEMO_PASSWORD,
      kind: "browser",
      client: { ip: "203.0.113.9", deviceTokens: [] },
    });
    expect(right.kind).toBe("paused");
    const elsewhere = await signIn(deps(), {
      email: "moderator@demo.halyq.kz",
      password: DEMO_PASSWORD,
      kind: "browser",
      client: { ip: "198.51.100.7", deviceTokens: [] },
    });
    expect(elsewhere.kind).toBe("ok");
  });

  it("wrong second-factor codes count too, and signing in again with the password does not reset them", async () => {
    const codes: number[] = [];
    for (let round = 0; round < 3; round++) {
      const c = new FormClient(t, "en", "192.0.2.44");
      await c.submit("/login", "/login", {
        email: "registrar@demo.halyq.kz",
        password: DEMO_PASSWORD,
      });
      for (const code of ["000000", "111111"])
        codes.push(
          (await c.submit("/login/second-factor", "/login/second-factor", { code })).statusCode,
        );
    }
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    const again = new FormClient(t, "en", "192.0.2.44");
    const paused = await again.submit("/login", "/login", {
      email: "registrar@demo.halyq.kz",
      password: DEMO_PASSWORD,
    });
    expect(paused.statusCode).toBe(429);
  });

  it("personal pages are not kept in the browser's cache; redirects never leave the site", async () => {
    const c = new FormClient(t);
    await c.submit("/login", "/login", {
      email: "citizen2@demo.halyq.kz",
      password: DEMO_PASSWORD,
    });
    expect((await c.get("/account")).headers["cache-control"]).toBe("no-store");
    expect((await t.app.inject({ url: "/password/reset?token=x" })).headers["cache-control"]).toBe(
      "no-store",
    );
    for (const next of [
      "/%09/evil.example",
      "/%0d%0aLocation:%20https://evil.example",
      "%2F%2Fevil.example",
      "/\\evil.example",
    ]) {
      const res = await t.app.inject({ url: `/language/en?next=${next}` });
      expect(res.statusCode, next).toBe(303);
      expect(res.headers.location, next).toBe("/");
    }
  });
});

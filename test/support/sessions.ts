import { createHmac, randomBytes } from "node:crypto";
import { insertAccount, setGrants } from "../../src/capabilities/identity/account.repository.js";
import { createSession } from "../../src/capabilities/identity/session.repository.js";
import type { RoleGrant } from "../../src/kernel/permissions.js";
import type { TestApp } from "./app.js";

export interface SignedIn {
  accountId: string;
  /** Cookie header carrying the session and the CSRF cookie. */
  cookie: string;
  /** The form token that matches the cookie and session (`_csrf` field or X-CSRF-Token header). */
  csrf: string;
  token: string;
}

/**
 * An account with the given roles and a live browser session, made directly in the database
 * (the sign-in journeys themselves are tested through the pages).
 */
export async function signInAs(
  t: TestApp,
  options: {
    kind?: "citizen" | "staff";
    grants?: RoleGrant[];
    secondFactor?: boolean;
    email?: string;
  } = {},
): Promise<SignedIn> {
  const db = t.ctx.db.kysely;
  const now = t.clock.now().toISOString();
  const kind = options.kind ?? (options.grants?.length ? "staff" : "citizen");
  const accountId = await insertAccount(
    db,
    {
      kind,
      email: options.email ?? `${randomBytes(5).toString("hex")}@test.invalid`,
      passwordHash: null,
      surname: "Test",
      givenName: kind === "staff" ? "Staff" : "Citizen",
      patronymic: null,
      iin: null,
      phone: null,
      language: "en",
      emailConfirmedAt: now,
    },
    now,
  );
  if (options.grants) await setGrants(db, accountId, options.grants, now);
  return sessionFor(t, accountId, kind, options.secondFactor);
}

/** A live browser session for an existing account, e.g. one of the demo accounts by e-mail. */
export async function signInAsExisting(t: TestApp, email: string): Promise<SignedIn> {
  const account = await t.ctx.db.kysely
    .selectFrom("accounts")
    .select(["id", "kind"])
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
  return sessionFor(t, account.id, account.kind as "citizen" | "staff");
}

async function sessionFor(
  t: TestApp,
  accountId: string,
  kind: "citizen" | "staff",
  secondFactor?: boolean,
): Promise<SignedIn> {
  const db = t.ctx.db.kysely;
  const now = t.clock.now().toISOString();
  const session = await createSession(db, {
    accountId,
    kind: "browser",
    now,
    expiresAt: new Date(t.clock.now().getTime() + 3_600_000).toISOString(),
    secondFactorAt: secondFactor === false ? null : kind === "staff" ? now : null,
  });
  const csrfCookie = randomBytes(24).toString("base64url");
  const csrf = createHmac("sha256", t.ctx.secret)
    .update(`${csrfCookie}|${session.idHash}`)
    .digest("base64url");
  return {
    accountId,
    cookie: `halyq_session=${session.token}; halyq_csrf=${csrfCookie}`,
    csrf,
    token: session.token,
  };
}

/** POSTs a form (with its CSRF token) as the signed-in person, as a browser without JavaScript would. */
export function postAs(
  t: TestApp,
  who: SignedIn,
  url: string,
  fields: Record<string, string> = {},
) {
  return t.app.inject({
    method: "POST",
    url,
    headers: { cookie: who.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
  });
}

import { randomUUID } from "node:crypto";
import type { Insertable } from "kysely";
import { hashToken, newToken } from "../src/capabilities/identity/auth/tokens.js";
import { currentTotp } from "../src/capabilities/identity/auth/totp.js";
import type { AccountsTable, SessionsTable } from "../src/capabilities/identity/identity.table.js";
import { type Executor, inTransaction } from "../src/db/database.js";
import { insertInSlices } from "./database.js";

/** The demo accounts' password and the demo staff's TOTP secret (README). */
const DEMO_PASSWORD = "demo-password";
const DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP";

/** A bearer token for a demo account, through the API as any program would get one. */
export async function bearerToken(url: string, email: string, staff = false): Promise<string> {
  const res = await fetch(`${url}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      email,
      password: DEMO_PASSWORD,
      ...(staff ? { totp: currentTotp(DEMO_TOTP_SECRET, new Date()) } : {}),
    }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** What differs between the people a benchmark writes (everything else is a verified citizen). */
export type Citizen = Pick<Insertable<AccountsTable>, "iin" | "residence_code"> &
  Partial<Pick<Insertable<AccountsTable>, "email" | "email_confirmed_at" | "surname">>;

/**
 * Verified citizens (e-ID assurance), each with an API session made a moment ago (as if they had
 * just signed in), written straight into the database through `db` (a transaction of the
 * caller's, or one of its own) in slices small enough for either database. Their bearer tokens.
 */
export async function writeCitizens(
  db: Executor,
  people: Citizen[],
  sessionHours: number,
): Promise<string[]> {
  const now = new Date().toISOString();
  const expires = new Date(Date.now() + sessionHours * 3_600_000).toISOString();
  const tokens: string[] = [];
  const accounts: Insertable<AccountsTable>[] = [];
  const sessions: Insertable<SessionsTable>[] = [];
  for (const person of people) {
    const id = randomUUID();
    const token = newToken();
    accounts.push({
      surname: "Voter",
      given_name: "Bench",
      ...person,
      id,
      kind: "citizen",
      language: "ru",
      identity_assurance: "eid",
      created_at: now,
      updated_at: now,
    });
    sessions.push({
      id_hash: hashToken(token),
      account_id: id,
      kind: "api",
      created_at: now,
      last_seen_at: now,
      expires_at: expires,
    });
    tokens.push(token);
  }
  await inTransaction(db, async (trx) => {
    await insertInSlices(accounts, (slice) => trx.insertInto("accounts").values(slice).execute());
    await insertInSlices(sessions, (slice) => trx.insertInto("sessions").values(slice).execute());
  });
  return tokens;
}

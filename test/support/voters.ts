import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../src/db/schema.js";

/**
 * `n` residents of Baikonur district, each with an eID-verified account, the IIN `iinOf(i)` and
 * an API session, written straight to the database a hundred at a time: the voters of a burst.
 */
export async function insertVoters(
  db: Kysely<Database>,
  n: number,
  iinOf: (i: number) => string,
): Promise<{ token: string; iin: string; accountId: string }[]> {
  const now = new Date().toISOString();
  const later = new Date(Date.now() + 3_600_000).toISOString();
  const voters = Array.from({ length: n }, (_, i) => ({
    token: randomBytes(32).toString("base64url"),
    iin: iinOf(i),
    accountId: randomUUID(),
  }));
  for (let i = 0; i < n; i += 100) {
    const chunk = voters.slice(i, i + 100);
    await db
      .insertInto("accounts")
      .values(
        chunk.map((v) => ({
          id: v.accountId,
          kind: "citizen",
          email: null,
          email_confirmed_at: null,
          password_hash: null,
          surname: "Voter",
          given_name: "Burst",
          patronymic: null,
          iin: v.iin,
          residence_code: "711410000",
          phone: null,
          language: "ru",
          totp_secret: null,
          totp_enabled_at: null,
          totp_last_step: null,
          oidc_subject: null,
          identity_assurance: "eid",
          created_at: now,
          updated_at: now,
          deleted_at: null,
        })),
      )
      .execute();
    await db
      .insertInto("sessions")
      .values(
        chunk.map((v) => ({
          id_hash: createHash("sha256").update(v.token, "utf8").digest("hex"),
          account_id: v.accountId,
          kind: "api",
          created_at: now,
          last_seen_at: now,
          expires_at: later,
          second_factor_at: null,
          user_agent: null,
        })),
      )
      .execute();
  }
  return voters;
}

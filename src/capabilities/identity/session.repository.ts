import type { Kysely } from "kysely";
import { compiled, type Params } from "../../db/compiled.js";
import type { Database } from "../../db/schema.js";
import { hashToken, newToken } from "./auth/tokens.js";

type Db = Kysely<Database>;

export type SessionKind = "browser" | "api";

export interface SessionRecord {
  idHash: string;
  accountId: string;
  kind: SessionKind;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  secondFactorAt: string | null;
}

/** Creates a session; the raw token goes to the client only, the database keeps its hash. */
export async function createSession(
  db: Db,
  s: {
    accountId: string;
    kind: SessionKind;
    now: string;
    expiresAt: string;
    secondFactorAt?: string | null;
    userAgent?: string | null;
  },
): Promise<{ token: string; idHash: string }> {
  const token = newToken();
  const idHash = hashToken(token);
  await db
    .insertInto("sessions")
    .values({
      id_hash: idHash,
      account_id: s.accountId,
      kind: s.kind,
      created_at: s.now,
      last_seen_at: s.now,
      expires_at: s.expiresAt,
      second_factor_at: s.secondFactorAt ?? null,
      user_agent: s.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, idHash };
}

export async function findSession(db: Db, token: string): Promise<SessionRecord | undefined> {
  const r = await db
    .selectFrom("sessions")
    .selectAll()
    .where("id_hash", "=", hashToken(token))
    .executeTakeFirst();
  return r
    ? {
        idHash: r.id_hash,
        accountId: r.account_id,
        kind: r.kind as SessionKind,
        createdAt: r.created_at,
        lastSeenAt: r.last_seen_at,
        expiresAt: r.expires_at,
        secondFactorAt: r.second_factor_at,
      }
    : undefined;
}

/** What each request needs to know of its session's holder: one query, not one per table. */
export interface SessionHolder {
  kind: string;
  active: boolean;
  /** The identity's assurance level as stored (the plugin reads it as the kernel names it). */
  identity: string;
}

const sessionWithHolder = compiled((db, p: Params<{ idHash: string }>) =>
  db
    .selectFrom("sessions")
    .leftJoin("accounts", "accounts.id", "sessions.account_id")
    .select([
      "sessions.id_hash",
      "sessions.account_id",
      "sessions.kind",
      "sessions.created_at",
      "sessions.last_seen_at",
      "sessions.expires_at",
      "sessions.second_factor_at",
      "accounts.kind as account_kind",
      "accounts.active as account_active",
      "accounts.deleted_at as account_deleted_at",
      "accounts.identity_assurance as account_identity",
    ])
    .where("sessions.id_hash", "=", p("idHash")),
);

/**
 * The session of a token's hash and its holder's kind and standing, read together (the hot
 * path of every signed-in request the session cache does not answer). The holder is absent when
 * the account is gone.
 */
export async function findSessionWithHolder(
  db: Db,
  idHash: string,
): Promise<{ session: SessionRecord; holder: SessionHolder | null } | undefined> {
  const r = await sessionWithHolder.takeFirst(db, { idHash });
  if (!r) return undefined;
  return {
    session: {
      idHash: r.id_hash,
      accountId: r.account_id,
      kind: r.kind as SessionKind,
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at,
      expiresAt: r.expires_at,
      secondFactorAt: r.second_factor_at,
    },
    holder:
      r.account_kind === null || r.account_kind === undefined
        ? null
        : {
            kind: r.account_kind,
            active: Number(r.account_active) === 1 && r.account_deleted_at === null,
            identity: r.account_identity ?? "declared",
          },
  };
}

const touch = compiled((db, p: Params<{ idHash: string; now: string }>) =>
  db
    .updateTable("sessions")
    .set({ last_seen_at: p("now") })
    .where("id_hash", "=", p("idHash")),
);

export async function touchSession(db: Db, idHash: string, now: string): Promise<void> {
  await touch.run(db, { idHash, now });
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
}

export async function deleteSessionsOf(db: Db, accountId: string): Promise<number> {
  const r = await db.deleteFrom("sessions").where("account_id", "=", accountId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

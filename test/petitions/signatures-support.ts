import { randomBytes, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { createSession } from "../../src/capabilities/identity/session.repository.js";
import type { Database } from "../../src/db/schema.js";
import type { TestApp } from "../support/app.js";
import { type SignedIn, signInAs } from "../support/sessions.js";

export const BAIKONUR = "ag-baikonur-akimat";
export const BAIKONUR_TERRITORY = "711410000";
export const YESIL_TERRITORY = "711310000";
export const ASTANA = "710000000";

let serial = 0;
/** A 12-digit IIN no other test account has (IINs are unique among accounts). */
export function freshIin(): string {
  serial++;
  const random = Number.parseInt(randomBytes(4).toString("hex"), 16) % 1_000_000;
  return `9${String(random).padStart(6, "0")}${String(serial % 100_000).padStart(5, "0")}`;
}

/**
 * A petition row in the given state, written directly (its life cycle is tested elsewhere):
 * collecting until `closesAt` unless told otherwise.
 */
export async function insertPetition(
  db: Kysely<Database>,
  options: {
    now: string;
    status?: string;
    territoryCode?: string | null;
    closesAt?: string;
    agencyId?: string;
    threshold?: number;
  },
): Promise<{ id: string; number: string }> {
  const initiator = await db
    .selectFrom("accounts")
    .select("id")
    .orderBy("created_at")
    .limit(1)
    .executeTakeFirstOrThrow();
  const id = randomUUID();
  const number = `PET-T-${randomBytes(4).toString("hex").toUpperCase()}`;
  await db
    .insertInto("petitions")
    .values({
      id,
      number,
      agency_id: options.agencyId ?? BAIKONUR,
      initiator_account_id: initiator.id,
      status: options.status ?? "collecting",
      language: "ru",
      title: "Освещение парка у реки",
      summary: "Просим осветить парк.",
      proposal: "Установить фонари вдоль аллей парка.",
      share_token: null,
      territory_code: options.territoryCode ?? null,
      threshold: options.threshold ?? 1000,
      created_at: options.now,
      published_at: options.now,
      signing_closes_at: options.closesAt ?? "2099-01-01T00:00:00.000Z",
      updated_at: options.now,
    } as never)
    .execute();
  return { id, number };
}

/** Gives an account an IIN and a registered district, as the eID sign-in would. */
export async function verify(
  db: Kysely<Database>,
  accountId: string,
  residence: string | null = BAIKONUR_TERRITORY,
  iin: string = freshIin(),
): Promise<string> {
  await db
    .updateTable("accounts")
    .set({
      iin,
      residence_code: residence,
      surname: "Омарова",
      given_name: "Айгерим",
      identity_assurance: "eid",
    })
    .where("id", "=", accountId)
    .execute();
  return iin;
}

/** A citizen signed in (browser session) with an IIN and a registered district. */
export async function verifiedCitizen(
  t: TestApp,
  residence: string | null = BAIKONUR_TERRITORY,
  email?: string,
): Promise<SignedIn> {
  const who = await signInAs(t, { kind: "citizen", ...(email ? { email } : {}) });
  await verify(t.ctx.db.kysely, who.accountId, residence);
  return who;
}

/**
 * `n` verified citizens with API bearer tokens, written straight into the database (fast
 * enough for hundreds): for bursts against a running server.
 */
export async function insertSigners(
  db: Kysely<Database>,
  n: number,
  now: Date,
): Promise<{ accountId: string; token: string }[]> {
  const out: { accountId: string; token: string }[] = [];
  const iso = now.toISOString();
  const rows = Array.from({ length: n }, (_, k) => ({
    id: randomUUID(),
    kind: "citizen",
    email: `signer-${randomBytes(4).toString("hex")}-${k}@test.invalid`,
    email_confirmed_at: iso,
    password_hash: null,
    surname: `Signer${k}`,
    given_name: "Test",
    patronymic: null,
    iin: freshIin(),
    residence_code: k % 3 === 0 ? YESIL_TERRITORY : BAIKONUR_TERRITORY,
    phone: null,
    language: "ru",
    identity_assurance: "eid",
    created_at: iso,
    updated_at: iso,
  }));
  for (let k = 0; k < rows.length; k += 100)
    await db
      .insertInto("accounts")
      .values(rows.slice(k, k + 100) as never)
      .execute();
  for (const r of rows) {
    const s = await createSession(db, {
      accountId: r.id,
      kind: "api",
      now: iso,
      expiresAt: new Date(now.getTime() + 24 * 3_600_000).toISOString(),
    });
    out.push({ accountId: r.id, token: s.token });
  }
  return out;
}

/** Valid signatures stored for a petition, and the published count, side by side. */
export async function storedAndPublished(db: Kysely<Database>, petitionId: string) {
  const stored = await db
    .selectFrom("petition_signatures")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("petition_id", "=", petitionId)
    .where("invalidated_at", "is", null)
    .executeTakeFirstOrThrow();
  const tallies = await db
    .selectFrom("petition_signature_tallies")
    .select("signatures")
    .where("petition_id", "=", petitionId)
    .execute();
  return {
    stored: Number(stored.n),
    published: tallies.reduce((n, r) => n + Number(r.signatures), 0),
  };
}

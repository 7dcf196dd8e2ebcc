import { type Kysely, sql } from "kysely";
import type { Database } from "../../../db/schema.js";

type Db = Kysely<Database>;

/** Valid signatures per petition, from the tallies (a few rows per petition, never a scan). */
export async function talliedCounts(db: Db, petitionIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (petitionIds.length === 0) return out;
  const rows = await db
    .selectFrom("petition_signature_tallies")
    .select(["petition_id", (eb) => eb.fn.sum<number | string>("signatures").as("n")])
    .where("petition_id", "in", [...new Set(petitionIds)])
    .groupBy("petition_id")
    .execute();
  for (const r of rows) out.set(r.petition_id, Number(r.n));
  return out;
}

/** Valid signatures per signer's district ('' for unknown), from the tallies. */
export async function districtTallies(
  db: Db,
  petitionId: string,
): Promise<{ district: string; signatures: number }[]> {
  const rows = await db
    .selectFrom("petition_signature_tallies")
    .select(["district_code", "signatures"])
    .where("petition_id", "=", petitionId)
    .where("signatures", ">", 0)
    .orderBy("district_code")
    .execute();
  return rows.map((r) => ({ district: r.district_code, signatures: Number(r.signatures) }));
}

/** The signature a person (by IIN) holds on a petition, valid or invalidated. */
export async function signatureOf(db: Db, petitionId: string, iin: string) {
  return db
    .selectFrom("petition_signatures")
    .select(["id", "signed_at", "notify", "show_name", "invalidated_at", "district_code"])
    .where("petition_id", "=", petitionId)
    .where("iin", "=", iin)
    .executeTakeFirst();
}

/**
 * A page of the valid signers who agreed to be listed, newest first; `before` is the cursor of
 * the last row seen.
 */
export async function signersPage(
  db: Db,
  petitionId: string,
  limit: number,
  before?: { signedAt: string; id: string },
) {
  let q = db
    .selectFrom("petition_signatures")
    .select(["id", "given_name", "surname_initial", "signed_at"])
    .where("petition_id", "=", petitionId)
    .where("invalidated_at", "is", null)
    .where("show_name", "=", 1);
  if (before)
    q = q.where((eb) =>
      eb.or([
        eb("signed_at", "<", before.signedAt),
        eb.and([eb("signed_at", "=", before.signedAt), eb("id", "<", before.id)]),
      ]),
    );
  return q.orderBy("signed_at", "desc").orderBy("id", "desc").limit(limit).execute();
}

/** How many valid signers the public list names (the others chose not to be listed). */
export async function listedSignersCount(db: Db, petitionId: string): Promise<number> {
  const r = await db
    .selectFrom("petition_signatures")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("petition_id", "=", petitionId)
    .where("invalidated_at", "is", null)
    .where("show_name", "=", 1)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Accounts of valid signers who asked to hear about the petition's milestones. */
export async function optedInSigners(db: Db, petitionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("petition_signatures")
    .select("account_id")
    .where("petition_id", "=", petitionId)
    .where("notify", "=", 1)
    .where("invalidated_at", "is", null)
    .execute();
  return rows.map((r) => r.account_id);
}

export const SOURCES = ["address", "subnet", "domain"] as const;
export type Source = (typeof SOURCES)[number];
const COLUMN = { address: "address_hash", subnet: "subnet", domain: "email_domain" } as const;

export interface Burst {
  source: Source;
  value: string;
  signatures: number;
  first: string;
  last: string;
}

/**
 * Sources (one address, one network, one e-mail domain) with at least `min` valid signatures
 * of a petition since `since`, largest first. For moderators: runs over one petition's rows.
 */
export async function bursts(
  db: Db,
  petitionId: string,
  source: Source,
  since: string,
  min: number,
  limit = 50,
): Promise<Burst[]> {
  const column = COLUMN[source];
  const rows = await db
    .selectFrom("petition_signatures")
    .select([
      sql<string>`${sql.ref(column)}`.as("value"),
      (eb) => eb.fn.countAll<number | string>().as("n"),
      (eb) => eb.fn.min("signed_at").as("first"),
      (eb) => eb.fn.max("signed_at").as("last"),
    ])
    .where("petition_id", "=", petitionId)
    .where("invalidated_at", "is", null)
    .where("signed_at", ">=", since)
    .where(column, "is not", null)
    .groupBy(column)
    .having((eb) => eb.fn.countAll(), ">=", min)
    .orderBy("n", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    source,
    value: String(r.value),
    signatures: Number(r.n),
    first: String(r.first),
    last: String(r.last),
  }));
}

export function sourceColumn(source: Source) {
  return COLUMN[source];
}

import type { Kysely } from "kysely";
import { compiled, type Params } from "../../db/compiled.js";
import type { Database } from "../../db/schema.js";
import type { PetitionRow } from "./petition.js";

type Db = Kysely<Database>;

/** What signing reads of a petition: its stage and term, its territory, and how it is named. */
export type SigningPetition = Pick<
  PetitionRow,
  | "id"
  | "number"
  | "agency_id"
  | "status"
  | "signing_closes_at"
  | "territory_code"
  | "title"
  | "language"
>;

function signingQuery(db: Db) {
  return db
    .selectFrom("petitions")
    .select([
      "id",
      "number",
      "agency_id",
      "status",
      "signing_closes_at",
      "territory_code",
      "title",
      "language",
    ]);
}

const signingById = compiled((db, p: Params<{ id: string }>) =>
  signingQuery(db).where("id", "=", p("id")),
);
const signingByNumber = compiled((db, p: Params<{ number: string }>) =>
  signingQuery(db).where("number", "=", p("number")),
);
const signingByIds = compiled((db, p: Params<{ ids: string[] }>) =>
  signingQuery(db).where("id", "in", p.list("ids")),
);

/** A petition as signing reads it, by id or by its public number (exactly the one given). */
export async function petitionForSigning(
  db: Db,
  by: { id: string } | { number: string },
): Promise<SigningPetition | undefined> {
  return "id" in by ? signingById.takeFirst(db, by) : signingByNumber.takeFirst(db, by);
}

/** Petitions as signing reads them, by id, in one query (a batch of signatures). */
export async function petitionsForSigning(db: Db, ids: string[]): Promise<SigningPetition[]> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return [];
  return signingByIds.execute(db, { ids: wanted });
}

/** The petitions to these bodies that collect signatures, closing soonest first. */
export async function collectingPetitions(
  db: Db,
  agencyIds: string[],
  limit: number,
): Promise<SigningPetition[]> {
  if (agencyIds.length === 0) return [];
  return signingQuery(db)
    .where("agency_id", "in", agencyIds)
    .where("status", "=", "collecting")
    .orderBy("signing_closes_at")
    .limit(limit)
    .execute();
}

/** The numbers of petitions in these stages, in order of number. */
export async function petitionNumbers(
  db: Db,
  statuses: PetitionRow["status"][],
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom("petitions")
    .select("number")
    .where("status", "in", statuses)
    .orderBy("number")
    .limit(limit)
    .execute();
  return rows.map((r) => r.number);
}

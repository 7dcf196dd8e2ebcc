import type { Insertable, Kysely, Selectable } from "kysely";
import type { Database } from "../../../db/schema.js";
import type { ConsultationFilesTable } from "../consultations.table.js";

type Db = Kysely<Database>;
export type ConsultationFileRow = Selectable<ConsultationFilesTable>;

/** The files of one version of a draft, in the order they were added. */
export async function filesOf(
  db: Db,
  consultationId: string,
  version: number,
): Promise<ConsultationFileRow[]> {
  return db
    .selectFrom("consultation_files")
    .selectAll()
    .where("consultation_id", "=", consultationId)
    .where("version", "=", version)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** A file of a draft (of any of its versions), looked up through the draft. */
export async function findFile(
  db: Db,
  consultationId: string,
  fileId: string,
): Promise<ConsultationFileRow | undefined> {
  return db
    .selectFrom("consultation_files")
    .selectAll()
    .where("id", "=", fileId)
    .where("consultation_id", "=", consultationId)
    .executeTakeFirst();
}

export async function insertFiles(
  db: Db,
  rows: Insertable<ConsultationFilesTable>[],
): Promise<void> {
  if (rows.length > 0) await db.insertInto("consultation_files").values(rows).execute();
}

/** Removes a file of one version; false when it is not (or no longer) there. */
export async function deleteFile(
  db: Db,
  input: { id: string; consultationId: string; version: number },
): Promise<boolean> {
  const result = await db
    .deleteFrom("consultation_files")
    .where("id", "=", input.id)
    .where("consultation_id", "=", input.consultationId)
    .where("version", "=", input.version)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * Which of these contents a file of a draft act still references: what this capability answers
 * when the shared file store is swept.
 */
export async function referencedFiles(
  db: Kysely<Database>,
  sha256s: string[],
): Promise<Set<string>> {
  if (sha256s.length === 0) return new Set();
  const rows = await db
    .selectFrom("consultation_files")
    .select("sha256")
    .where("sha256", "in", sha256s)
    .execute();
  return new Set(rows.map((r) => r.sha256));
}

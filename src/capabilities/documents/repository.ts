import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { DocumentSignaturesTable } from "./documents.table.js";

export type DocumentRow = DocumentSignaturesTable;

export function findDocumentByNumber(
  db: Kysely<Database>,
  number: string,
): Promise<DocumentRow | undefined> {
  return db
    .selectFrom("document_signatures")
    .selectAll()
    .where("number", "=", number)
    .executeTakeFirst();
}

/** The documents registered with this content (a PDF uploaded to the verification page). */
export function findDocumentsBySha256(
  db: Kysely<Database>,
  sha256: string,
): Promise<DocumentRow[]> {
  return db
    .selectFrom("document_signatures")
    .selectAll()
    .where("document_sha256", "=", sha256)
    .orderBy("signed_at")
    .execute();
}

/** A subject's documents (an appeal's letters), oldest first. */
export function documentsOf(db: Kysely<Database>, subjectRef: string): Promise<DocumentRow[]> {
  return db
    .selectFrom("document_signatures")
    .selectAll()
    .where("subject_ref", "=", subjectRef)
    .orderBy("signed_at")
    .orderBy("number")
    .execute();
}

export async function countDocumentsOf(db: Kysely<Database>, subjectRef: string): Promise<number> {
  const row = await db
    .selectFrom("document_signatures")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where("subject_ref", "=", subjectRef)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertDocument(db: Kysely<Database>, row: DocumentRow): Promise<void> {
  await db.insertInto("document_signatures").values(row).execute();
}

/** Which of these file-store keys a document or signature still uses (the sweep keeps them). */
export async function referencedDocumentBlobs(
  db: Kysely<Database>,
  sha256s: string[],
): Promise<Set<string>> {
  if (sha256s.length === 0) return new Set();
  const rows = await db
    .selectFrom("document_signatures")
    .select(["document_sha256", "signature_sha256"])
    .where((eb) =>
      eb.or([eb("document_sha256", "in", sha256s), eb("signature_sha256", "in", sha256s)]),
    )
    .execute();
  const wanted = new Set(sha256s);
  const found = new Set<string>();
  for (const r of rows) {
    if (wanted.has(r.document_sha256)) found.add(r.document_sha256);
    if (r.signature_sha256 && wanted.has(r.signature_sha256)) found.add(r.signature_sha256);
  }
  return found;
}

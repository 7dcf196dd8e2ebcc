import type { Insertable, Kysely, Selectable } from "kysely";
import type { Database } from "../../../db/schema.js";
import type { AppealAttachmentsTable } from "../appeal.table.js";

type Db = Kysely<Database>;
export type AttachmentRow = Selectable<AppealAttachmentsTable>;

export async function insertAttachment(
  db: Db,
  row: Insertable<AppealAttachmentsTable>,
): Promise<void> {
  await db.insertInto("appeal_attachments").values(row).execute();
}

/** Files waiting on a draft, in the order they were added. */
export async function draftAttachments(db: Db, draftId: string): Promise<AttachmentRow[]> {
  return db
    .selectFrom("appeal_attachments")
    .selectAll()
    .where("draft_id", "=", draftId)
    .where("appeal_id", "is", null)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** Files of an appeal: the applicant's, the body's answer files, or both. */
export async function appealAttachments(
  db: Db,
  appealId: string,
  purpose?: "appeal" | "answer",
): Promise<AttachmentRow[]> {
  let q = db.selectFrom("appeal_attachments").selectAll().where("appeal_id", "=", appealId);
  if (purpose) q = q.where("purpose", "=", purpose);
  return q.orderBy("created_at").orderBy("id").execute();
}

export async function countAttachments(
  db: Db,
  owner: { draftId: string } | { appealId: string; purpose: string },
): Promise<number> {
  let q = db.selectFrom("appeal_attachments");
  q =
    "draftId" in owner
      ? q.where("draft_id", "=", owner.draftId).where("appeal_id", "is", null)
      : q.where("appeal_id", "=", owner.appealId).where("purpose", "=", owner.purpose);
  const row = await q
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findAttachmentOfAppeal(
  db: Db,
  appealId: string,
  id: string,
): Promise<AttachmentRow | undefined> {
  return db
    .selectFrom("appeal_attachments")
    .selectAll()
    .where("id", "=", id)
    .where("appeal_id", "=", appealId)
    .executeTakeFirst();
}

/** Removes a file from a draft, only the uploader's and only while it is not filed. */
export async function deleteDraftAttachment(
  db: Db,
  input: { id: string; draftId: string; uploadedBy: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom("appeal_attachments")
    .where("id", "=", input.id)
    .where("draft_id", "=", input.draftId)
    .where("uploaded_by_id", "=", input.uploadedBy)
    .where("appeal_id", "is", null)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Removes an answer file while the answer is not yet sent. */
export async function deleteAnswerAttachment(
  db: Db,
  input: { id: string; appealId: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom("appeal_attachments")
    .where("id", "=", input.id)
    .where("appeal_id", "=", input.appealId)
    .where("purpose", "=", "answer")
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * Which of these contents a file of an appeal or of a draft still references: what this
 * capability answers when the shared file store is swept.
 */
export async function referencedAttachments(db: Db, sha256s: string[]): Promise<Set<string>> {
  if (sha256s.length === 0) return new Set();
  const rows = await db
    .selectFrom("appeal_attachments")
    .select("sha256")
    .where("sha256", "in", sha256s)
    .execute();
  return new Set(rows.map((r) => r.sha256));
}

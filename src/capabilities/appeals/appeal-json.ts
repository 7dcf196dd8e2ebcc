import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { AppealRow } from "./appeal.repository.js";

/** Numbers of the appeals a record points at (where it came from, what it complains about). */
async function numbersOf(db: Kysely<Database>, ids: (string | null)[]) {
  const wanted = ids.filter((i): i is string => i !== null);
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom("appeals")
    .select(["id", "number"])
    .where("id", "in", wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.number]));
}

/**
 * An appeal as the API shows it. The applicant sees the answer only once it is sent; staff of
 * the body also see the draft and the applicant's contacts.
 */
export async function appealJson(
  db: Kysely<Database>,
  row: AppealRow,
  viewer: "applicant" | "staff",
) {
  const numbers = await numbersOf(db, [
    row.source_appeal_id,
    row.complaint_of_id,
    row.duplicate_of_id,
  ]);
  const answerVisible = viewer === "staff" || row.status === "answered";
  const attachments = await db
    .selectFrom("appeal_attachments")
    .select(["id", "file_name", "media_type", "size", "sha256", "purpose"])
    .where("appeal_id", "=", row.id)
    .$if(viewer !== "staff", (q) => q.where("purpose", "!=", "scan"))
    .orderBy("created_at")
    .execute();
  return {
    number: row.number,
    status: row.status,
    kind: row.kind,
    procedure: row.procedure,
    channel: row.channel,
    agencyId: row.agency_id,
    categoryId: row.category_id,
    subject: row.subject,
    text: row.body,
    language: row.language,
    address: row.address,
    public: Number(row.public) === 1,
    crimeReport: Number(row.crime_report) === 1,
    receivedAt: row.received_at,
    registeredOn: row.registered_on,
    dueDate: row.due_on,
    originalDueDate: row.original_due_on,
    extension: row.extended_at
      ? { decidedAt: row.extended_at, reason: row.extension_reason }
      : null,
    executorId: viewer === "staff" ? row.executor_id : null,
    correction: row.correction_due_on
      ? { note: row.correction_note, dueDate: row.correction_due_on }
      : null,
    answer:
      answerVisible && row.answer_text
        ? {
            outcome: row.answer_outcome,
            text: row.answer_text,
            basis: row.answer_basis,
            language: row.answer_language,
            answeredAt: row.answered_at,
          }
        : null,
    closed: row.closed_at
      ? { at: row.closed_at, reason: row.close_reason, note: row.close_note }
      : null,
    deemedRefusedAt: row.deemed_refused_at,
    rating: row.rated_at
      ? { score: row.rating_score, resolved: row.rating_resolved, comment: row.rating_comment }
      : null,
    redirectedFrom: row.source_appeal_id ? (numbers.get(row.source_appeal_id) ?? null) : null,
    complaintAbout: row.complaint_of_id ? (numbers.get(row.complaint_of_id) ?? null) : null,
    duplicateOf: row.duplicate_of_id ? (numbers.get(row.duplicate_of_id) ?? null) : null,
    applicant:
      viewer === "staff"
        ? {
            type: row.applicant_type,
            name: row.applicant_name,
            iin: row.applicant_iin,
            bin: row.applicant_bin,
            email: row.applicant_email,
            phone: row.applicant_phone,
            address: row.applicant_address,
          }
        : null,
    attachments: attachments.map((a) => ({
      id: a.id,
      fileName: a.file_name,
      mediaType: a.media_type,
      size: Number(a.size),
      sha256: a.sha256,
      purpose: a.purpose,
    })),
    registrationHash: row.registration_hash,
  };
}

/** One line of a list: enough to find the appeal and see where it stands. */
export function appealSummary(row: AppealRow) {
  return {
    number: row.number,
    status: row.status,
    kind: row.kind,
    channel: row.channel,
    agencyId: row.agency_id,
    subject: row.subject,
    registeredOn: row.registered_on,
    dueDate: row.due_on,
    executorId: row.executor_id,
    deemedRefusedAt: row.deemed_refused_at,
  };
}

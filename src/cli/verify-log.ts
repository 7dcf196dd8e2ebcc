import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { auditHead, verifyAuditChain } from "../kernel/audit/audit.js";

/**
 * Recomputes the hash-linked log (the audit record; appeal events are its entries about
 * subject "appeal") and says whether it is intact. The head is read before the walk, so the
 * length and hash printed are always covered by the verification, even while Halyq appends.
 * A broken chain is named by its first entry that does not match: what a DBA's hand edit,
 * or a deleted entry, leaves behind. Returns the process exit code.
 */
export async function verifyLog(
  db: Kysely<Database>,
  out: Pick<Console, "log" | "error">,
): Promise<number> {
  const head = await auditHead(db);
  const result = await verifyAuditChain(db);
  if (result.brokenAt === null) {
    const appeals = await db
      .selectFrom("audit_events")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("subject_type", "=", "appeal")
      .where("seq", "<=", head.seq)
      .executeTakeFirstOrThrow();
    out.log(
      `Log intact: length ${head.seq}, head hash ${head.hash} ` +
        `(${result.checked} entries verified, ${Number(appeals.n)} of them appeal events)`,
    );
    return 0;
  }
  const entry = await db
    .selectFrom("audit_events")
    .select(["seq", "id", "action", "subject_type", "subject_id", "occurred_at"])
    .where("seq", "=", result.brokenAt)
    .executeTakeFirst();
  out.error(
    entry
      ? `Log broken at entry ${entry.seq}: id ${entry.id}, action ${entry.action}, ` +
          `subject ${entry.subject_type} ${entry.subject_id}, recorded ${entry.occurred_at} ` +
          `(${result.checked} entries before it verified)`
      : `Log broken at entry ${result.brokenAt} (${result.checked} entries before it verified)`,
  );
  out.error(
    "Its content or its link to the entry before it does not match the recorded hash: " +
      "it, or the entry before it, was changed or removed outside Halyq.",
  );
  return 1;
}

import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

/**
 * Which of these contents (SHA-256 in the shared file store) a proposal or a project still
 * references, so the store's sweep keeps them.
 */
export async function referencedFiles(
  db: Kysely<Database>,
  sha256s: string[],
): Promise<Set<string>> {
  if (sha256s.length === 0) return new Set();
  const rows = await db
    .selectFrom("budget_files")
    .select("sha256")
    .distinct()
    .where("sha256", "in", sha256s)
    .execute();
  return new Set(rows.map((r) => r.sha256));
}

import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";

/**
 * What the rest of the petitions capability uses of the signatures. The published count never
 * comes from one counter row updated per signature.
 */

/** Valid (not withdrawn, not invalidated) signatures of one petition. */
export async function signatureCount(_db: Kysely<Database>, _petitionId: string): Promise<number> {
  return 0;
}

/** The same for many petitions at once (lists); petitions with none are absent or 0. */
export async function signatureCounts(
  _db: Kysely<Database>,
  _petitionIds: string[],
): Promise<Map<string, number>> {
  return new Map();
}

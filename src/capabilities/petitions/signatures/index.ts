import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { talliedCounts } from "./repository.js";

/**
 * What the rest of the petitions capability uses of the signatures. The published count never
 * comes from one counter row updated per signature: it is the sum of a petition's tallies, each
 * changed once per committed batch, in the batch's transaction (so it is exact at every commit).
 */

/** The sub-capability itself, for the composition root. */
export { petitionSignaturesManifest } from "./manifest.js";
/** The petition's page shows the count, the signing form and the signers through this panel. */
export {
  loadSignaturePanel,
  type PanelState,
  panelState,
  SignaturePanel,
  type SignaturePanelData,
} from "./panel.js";
/** Whom to tell when a petition moves on: the signers who asked to be told. */
export { optedInSigners } from "./repository.js";

/** Valid (not withdrawn, not invalidated) signatures of one petition. */
export async function signatureCount(db: Kysely<Database>, petitionId: string): Promise<number> {
  return (await talliedCounts(db, [petitionId])).get(petitionId) ?? 0;
}

/** The same for many petitions at once (lists); petitions with none are absent or 0. */
export async function signatureCounts(
  db: Kysely<Database>,
  petitionIds: string[],
): Promise<Map<string, number>> {
  return talliedCounts(db, petitionIds);
}
/** Its tables, as Kysely sees them (composed into the schema by the capability list). */
export type { PetitionSignatureTables } from "./signatures.table.js";

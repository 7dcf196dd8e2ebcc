import type { Generated } from "kysely";

/** One person's signature of one petition (unique by petition and IIN). */
export interface PetitionSignaturesTable {
  id: string;
  petition_id: string;
  account_id: string;
  iin: string;
  given_name: string;
  surname_initial: string;
  /** KATO code of the signer's region (two leading digits, then zeros). */
  region_code: string | null;
  /** KATO code of the signer's registered district (the account's `residence_code`). */
  district_code: string | null;
  /** 1 when the signer asked to hear about the petition's milestones. */
  notify: Generated<number>;
  /** 1 when the signer's name (given name, surname initial) may appear in the public list. */
  show_name: Generated<number>;
  /** Keyed hash of the client address (never the address itself). */
  address_hash: string | null;
  /** The client's network: `a.b.c.0/24` (IPv4) or the first three groups and `::/48` (IPv6). */
  subnet: string | null;
  email_domain: string | null;
  signed_at: string;
  invalidated_at: string | null;
  invalidation_reason: string | null;
  invalidated_by: string | null;
}

/** Valid signatures per petition and signer's district ('' when unknown). */
export interface PetitionSignatureTalliesTable {
  petition_id: string;
  district_code: string;
  signatures: number;
}

/** This capability's tables, as Kysely sees them. */
export interface PetitionSignatureTables {
  petition_signatures: PetitionSignaturesTable;
  petition_signature_tallies: PetitionSignatureTalliesTable;
}

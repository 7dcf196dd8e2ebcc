/**
 * How sure Halyq is of who holds an account: the assurance level of its identity.
 *
 * - `declared`: the person typed their IIN (or none) at registration; it passed the check digit
 *   and nothing more. Enough to file an appeal, never enough to be counted as one person.
 * - `eid`: the national e-ID (OpenID Connect) stated the IIN at sign-in.
 * - `in_person`: a registrar of a body saw an identity document at the desk and recorded it.
 *
 * Anything where one person must count once (votes, referendums, petition signatures and
 * co-initiation) asks for a verified level; the policy decides it from the `Principal`.
 */
export const IDENTITY_ASSURANCE_LEVELS = ["declared", "eid", "in_person"] as const;
export type IdentityAssurance = (typeof IDENTITY_ASSURANCE_LEVELS)[number];

/** The levels that prove who holds an IIN. */
export const VERIFIED_LEVELS: readonly IdentityAssurance[] = ["eid", "in_person"];

export function isIdentityAssurance(v: unknown): v is IdentityAssurance {
  return typeof v === "string" && (IDENTITY_ASSURANCE_LEVELS as readonly string[]).includes(v);
}

/** Whether a level proves the holder's identity; anything unknown or missing does not. */
export function identityVerified(level: string | null | undefined): boolean {
  return isIdentityAssurance(level) && VERIFIED_LEVELS.includes(level);
}

/** The identity documents a registrar may record at the desk. */
export const IDENTITY_DOCUMENTS = ["id_card", "passport", "residence_permit"] as const;
export type IdentityDocument = (typeof IDENTITY_DOCUMENTS)[number];

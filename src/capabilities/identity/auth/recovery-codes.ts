/**
 * One-time recovery codes for a lost authenticator. Read aloud, written on paper and typed back,
 * so they avoid look-alike characters (0/o, 1/l/i) and tolerate case, dashes and spaces.
 */
import { createHash, randomInt } from "node:crypto";

/** 31 characters: digits 2–9 and lower-case letters without i, l and o. */
export const RECOVERY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";

const GROUPS = 3;
const GROUP_LENGTH = 4;

/** One code, e.g. `k7q2-9mzt-4hfx`: twelve characters, about 59 bits of entropy. */
function newRecoveryCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = "";
    for (let i = 0; i < GROUP_LENGTH; i++) {
      group += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
    }
    groups.push(group);
  }
  return groups.join("-");
}

/** A fresh set of distinct codes, shown once; store only their hashes. */
export function newRecoveryCodes(n = 10): string[] {
  const codes = new Set<string>();
  while (codes.size < n) codes.add(newRecoveryCode());
  return [...codes];
}

/** What a person typed, reduced to the canonical form: lower-case, no dashes or spaces. */
export function normaliseRecoveryCode(input: string): string {
  return input
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\-‐‑‒–—]+/g, "");
}

/** What the database stores for a code: SHA-256 (hex) of its normalised form. */
export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(normaliseRecoveryCode(code), "utf8").digest("hex");
}

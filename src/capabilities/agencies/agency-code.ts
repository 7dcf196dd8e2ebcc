import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

/**
 * A body's short code: 2–4 capital Latin letters or digits, unique, e.g. `BKA`. Appeals put it
 * in their registration numbers (`BKA-2026-0013`), so a person can read a number out on the
 * phone; it is given once, when the body is added, and never changes (numbers already issued
 * carry it).
 */
export const AGENCY_CODE = /^[A-Z0-9]{2,4}$/;

/** The code a slug suggests: the initials of its words (`baikonur-district-akimat` → `BDA`). */
export function suggestedCode(slug: string): string {
  const words = slug
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w.length > 0);
  const initials = words.map((w) => w[0]).join("");
  const base = words.length > 1 ? initials : (words[0] ?? "");
  const code = (base.length >= 2 ? base : `${base}${words[0]?.slice(1) ?? ""}XX`).slice(0, 3);
  return code.length >= 2 ? code : "AG";
}

/**
 * A free code for a new body: the one its slug suggests, else that code with a digit, else
 * the first free one of `A0`…`Z99` style fallbacks. Read inside the transaction that inserts the
 * body; the unique index settles a race.
 */
export async function allocateAgencyCode(db: Kysely<Database>, slug: string): Promise<string> {
  const rows = await db
    .selectFrom("agencies")
    .select("code")
    .where("code", "is not", null)
    .execute();
  const taken = new Set(rows.map((r) => r.code));
  const base = suggestedCode(slug);
  if (!taken.has(base)) return base;
  const stem = base.slice(0, 3);
  for (let i = 2; i <= 9; i++) if (!taken.has(`${stem}${i}`)) return `${stem}${i}`;
  const two = base.slice(0, 2);
  for (let i = 10; i <= 99; i++) if (!taken.has(`${two}${i}`)) return `${two}${i}`;
  for (let n = 0; n < 36 ** 4; n++) {
    const c = n.toString(36).toUpperCase().padStart(4, "A");
    if (!taken.has(c)) return c;
  }
  throw new Error("No agency code is free");
}

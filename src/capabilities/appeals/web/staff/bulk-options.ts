import type { Kysely } from "kysely";
import type { Database } from "../../../../db/schema.js";
import type { Locale } from "../../../../kernel/i18n.js";
import { hasRole, type Principal } from "../../../../kernel/permissions.js";
import { categoriesOfAgency } from "../../../agencies/index.js";
import { substitutionsAt } from "../../../identity/index.js";
import type { BulkOptions } from "./bulk.js";

/**
 * Whether the inbox offers bulk steps: to the body's head, who may take them all. The POST
 * still asks the policy appeal by appeal, so this only decides what the page shows.
 */
export function bulkOffered(principal: Principal, agencyId: string): boolean {
  return principal.kind === "staff" && hasRole(principal, "head", agencyId);
}

/** The executors and topics the bulk form lists. */
export async function bulkOptions(
  db: Kysely<Database>,
  agencyId: string,
  executors: { id: string; name: string }[],
  locale: Locale,
): Promise<BulkOptions> {
  const categories = await categoriesOfAgency(db, agencyId);
  return {
    agencyId,
    executors,
    categories: categories.map((c) => ({ id: c.id, name: c.names[locale] })),
  };
}

/** This person and everyone they substitute for at the body today: whose appeals are "mine". */
export async function actingFor(
  db: Kysely<Database>,
  agencyId: string,
  accountId: string,
  today: string,
): Promise<string[]> {
  const active = (await substitutionsAt(db, agencyId, today)).filter(
    (s) => s.substituteId === accountId && s.from <= today && today <= s.until,
  );
  return [accountId, ...active.map((s) => s.absentId)];
}

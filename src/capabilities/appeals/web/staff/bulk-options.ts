import type { Kysely } from "kysely";
import type { Database } from "../../../../db/schema.js";
import type { Locale } from "../../../../kernel/i18n.js";
import { hasRole, type Principal } from "../../../../kernel/permissions.js";
import { categoriesOfAgency } from "../../../agencies/index.js";
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

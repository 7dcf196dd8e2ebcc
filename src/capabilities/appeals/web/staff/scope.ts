import type { Kysely } from "kysely";
import type { Database } from "../../../../db/schema.js";
import type { Locale } from "../../../../kernel/i18n.js";
import type { Principal } from "../../../../kernel/permissions.js";
import type { AppContext } from "../../../../platform/manifest.js";
import { findAgenciesByIds } from "../../../agencies/index.js";
import { accountNames, staffWithRole } from "../../../identity/index.js";

type Db = Kysely<Database>;

/** A body as the staff pages name it. */
export interface BodyRef {
  id: string;
  name: string;
  jurisdiction: string;
}

/** Bodies listed by id, named in `locale`, in the order of `ids`. */
export async function bodiesByIds(db: Db, ids: string[], locale: Locale): Promise<BodyRef[]> {
  const byId = new Map((await findAgenciesByIds(db, ids)).map((a) => [a.id, a]));
  return ids.flatMap((id) => {
    const a = byId.get(id);
    return a ? [{ id: a.id, name: a.names[locale], jurisdiction: a.jurisdiction }] : [];
  });
}

/**
 * The bodies whose registry this person may open (`action`: the inbox, or registering on a
 * person's behalf), in the order their roles were granted. Asked of the policy body by body.
 */
export function staffBodies(
  ctx: AppContext,
  principal: Principal,
  action: "appeal.inbox" | "appeal.register",
): string[] {
  const ids = principal.grants.map((g) => g.agencyId).filter((id): id is string => id !== null);
  return [...new Set(ids)].filter((agencyId) => ctx.policy.can(principal, action, { agencyId }));
}

/** "Surname Given-name" of each account, by id. */
export async function personNames(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const names = await accountNames(
    db,
    ids.filter((i): i is string => i !== null),
  );
  return new Map(
    [...names].map(([id, n]) => [
      id,
      [n.surname, n.given_name, n.patronymic].filter(Boolean).join(" "),
    ]),
  );
}

/** The body's active executors and heads: the people an appeal may be assigned to. */
export async function bodyExecutors(
  db: Db,
  agencyId: string,
): Promise<{ id: string; name: string }[]> {
  const rows = await staffWithRole(db, agencyId, ["executor", "head"]);
  return rows.map((r) => ({
    id: r.id,
    name: [r.surname, r.given_name, r.patronymic].filter(Boolean).join(" "),
  }));
}

/** An instant as a date and time on the body's clock, in the reader's language. */
export { formatDateTime } from "../../../../web/format.js";

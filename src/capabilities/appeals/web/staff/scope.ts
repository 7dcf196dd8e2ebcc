import type { Kysely } from "kysely";
import type { Database } from "../../../../db/schema.js";
import type { Locale } from "../../../../kernel/i18n.js";
import type { Principal } from "../../../../kernel/permissions.js";
import type { AppContext } from "../../../../platform/manifest.js";

type Db = Kysely<Database>;

/** A body as the staff pages name it. */
export interface BodyRef {
  id: string;
  name: string;
  jurisdiction: string;
}

/** The localised name column of a body. */
export const nameColumn = (locale: Locale) => `name_${locale}` as const;

/** Bodies listed by id, named in `locale`, in the order of `ids`. */
export async function bodiesByIds(db: Db, ids: string[], locale: Locale): Promise<BodyRef[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("agencies")
    .select(["id", "jurisdiction", "name_kk", "name_ru", "name_en"])
    .where("id", "in", ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ id: r.id, name: r[nameColumn(locale)], jurisdiction: r.jurisdiction }] : [];
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
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom("accounts")
    .select(["id", "surname", "given_name", "patronymic"])
    .where("id", "in", wanted)
    .execute();
  return new Map(
    rows.map((r) => [r.id, [r.surname, r.given_name, r.patronymic].filter(Boolean).join(" ")]),
  );
}

/** The body's active executors and heads: the people an appeal may be assigned to. */
export async function bodyExecutors(
  db: Db,
  agencyId: string,
): Promise<{ id: string; name: string }[]> {
  const rows = await db
    .selectFrom("account_roles")
    .innerJoin("accounts", "accounts.id", "account_roles.account_id")
    .select(["accounts.id", "accounts.surname", "accounts.given_name", "accounts.patronymic"])
    .where("account_roles.agency_id", "=", agencyId)
    .where("account_roles.role", "in", ["executor", "head"])
    .where("accounts.active", "=", 1)
    .where("accounts.deleted_at", "is", null)
    .distinct()
    .orderBy("accounts.surname")
    .orderBy("accounts.given_name")
    .orderBy("accounts.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: [r.surname, r.given_name, r.patronymic].filter(Boolean).join(" "),
  }));
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant as a date and time on the body's clock, in the reader's language. */
export function formatDateTime(iso: string, locale: Locale, timeZone: string): string {
  const key = `${locale}:${timeZone}`;
  let f = dateTimeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, {
      dateStyle: "long",
      timeStyle: "short",
      hourCycle: "h23",
      timeZone,
    });
    dateTimeFormats.set(key, f);
  }
  return f.format(new Date(iso));
}

import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { Locale } from "../../kernel/i18n.js";

type Db = Kysely<Database>;

/** A department of a body, named in each language (English optional). */
export interface Department {
  id: string;
  names: { kk: string; ru: string; en: string | null };
}

/** A staff member as the directory lists them: department and position at the body. */
export interface DirectoryEntry {
  id: string;
  name: string;
  departmentId: string | null;
  position: string | null;
}

/** Who acts for whom, from the first to the last day (inclusive, on the body's clock). */
export interface SubstitutionRow {
  id: string;
  absentId: string;
  substituteId: string;
  from: string;
  until: string;
}

/** A department's or position's name in `locale`; English falls back to Russian. */
export function inLocale(
  v: { kk: string | null; ru: string | null; en: string | null },
  locale: Locale,
): string | null {
  return v[locale] ?? (locale === "en" ? v.ru : null) ?? v.ru ?? v.kk;
}

/** The body's departments, by their Russian name. */
export async function departmentsOf(db: Db, agencyId: string): Promise<Department[]> {
  const rows = await db
    .selectFrom("staff_departments")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .orderBy("name_ru")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, names: { kk: r.name_kk, ru: r.name_ru, en: r.name_en } }));
}

/**
 * The body's open staff accounts holding one of `roles`, each with their department and
 * position there, by surname.
 */
export async function staffDirectory(
  db: Db,
  agencyId: string,
  roles: readonly string[],
  locale: Locale,
): Promise<DirectoryEntry[]> {
  const rows = await db
    .selectFrom("account_roles")
    .innerJoin("accounts", "accounts.id", "account_roles.account_id")
    .leftJoin("staff_positions", (j) =>
      j
        .onRef("staff_positions.account_id", "=", "accounts.id")
        .on("staff_positions.agency_id", "=", agencyId),
    )
    .select([
      "accounts.id",
      "accounts.surname",
      "accounts.given_name",
      "accounts.patronymic",
      "staff_positions.department_id",
      "staff_positions.title_kk",
      "staff_positions.title_ru",
      "staff_positions.title_en",
    ])
    .where("account_roles.agency_id", "=", agencyId)
    .where("account_roles.role", "in", [...roles])
    .where("accounts.deleted_at", "is", null)
    .where("accounts.active", "=", 1)
    .distinct()
    .orderBy("accounts.surname")
    .orderBy("accounts.given_name")
    .orderBy("accounts.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: [r.surname, r.given_name, r.patronymic].filter(Boolean).join(" "),
    departmentId: r.department_id ?? null,
    position: inLocale(
      { kk: r.title_kk ?? null, ru: r.title_ru ?? null, en: r.title_en ?? null },
      locale,
    ),
  }));
}

/** One staff member's department and position at a body, if recorded. */
export async function positionOf(db: Db, accountId: string, agencyId: string) {
  return db
    .selectFrom("staff_positions")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("agency_id", "=", agencyId)
    .executeTakeFirst();
}

/**
 * The body's substitutions not cancelled and not over by `today` (current and coming ones),
 * by first day; with `today` null, every one not cancelled.
 */
export async function substitutionsAt(
  db: Db,
  agencyId: string,
  today: string | null,
): Promise<SubstitutionRow[]> {
  let q = db
    .selectFrom("staff_substitutions")
    .select(["id", "absent_id", "substitute_id", "from_on", "until_on"])
    .where("agency_id", "=", agencyId)
    .where("cancelled_at", "is", null);
  if (today !== null) q = q.where("until_on", ">=", today);
  const rows = await q.orderBy("from_on").orderBy("id").execute();
  return rows.map((r) => ({
    id: r.id,
    absentId: r.absent_id,
    substituteId: r.substitute_id,
    from: r.from_on,
    until: r.until_on,
  }));
}

import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { appendAudit } from "../../../kernel/audit/audit.js";
import { isValidIin } from "../../../kernel/ids.js";
import type { Principal } from "../../../kernel/permissions.js";
import type { AppContext } from "../../../platform/manifest.js";

/** A citizen's account as the desk shows it when registering an appeal for them. */
export interface DeskApplicant {
  id: string;
  name: string;
  iin: string | null;
  email: string | null;
  phone: string | null;
  /** Their identity was checked (e-ID or in person), not only declared. */
  verified: boolean;
}

type Row = {
  id: string;
  surname: string;
  given_name: string;
  patronymic: string | null;
  iin: string | null;
  email: string | null;
  phone: string | null;
  identity_assurance: string;
};

const toApplicant = (r: Row): DeskApplicant => ({
  id: r.id,
  name: [r.surname, r.given_name, r.patronymic].filter(Boolean).join(" "),
  iin: r.iin,
  email: r.email,
  phone: r.phone,
  verified: r.identity_assurance !== "declared",
});

const COLUMNS = [
  "id",
  "surname",
  "given_name",
  "patronymic",
  "iin",
  "email",
  "phone",
  "identity_assurance",
] as const;

function citizens(db: Kysely<Database>) {
  return db
    .selectFrom("accounts")
    .select(COLUMNS)
    .where("kind", "=", "citizen")
    .where("active", "=", 1)
    .where("deleted_at", "is", null);
}

/** How a desk query reads: an IIN, a phone number, or part of a name (at least three letters). */
export function deskQueryKind(query: string): "iin" | "phone" | "name" | null {
  const q = query.trim();
  if (/^\d{12}$/.test(q)) return "iin";
  if (/^\+?[\d\s()-]{10,20}$/.test(q)) return "phone";
  if (q.replace(/[^\p{L}]/gu, "").length >= 3) return "name";
  return null;
}

/** The capitalised and as-typed forms of a name part (SQLite compares Cyrillic case-sensitively). */
function nameForms(q: string): string[] {
  const cap = q.charAt(0).toLocaleUpperCase("ru") + q.slice(1).toLocaleLowerCase("ru");
  return [...new Set([q, cap, q.toLocaleLowerCase("ru")])];
}

/**
 * Finds citizens' accounts for the registrar of `agencyId` registering an appeal: by IIN, by
 * phone or by name, at most 20. Every account shown is audited (`account.shown_at_desk`), as
 * the identity desk's lookups are, so a registrar's searches can be reviewed. Only a registrar
 * or head of that body may search (`identity.find_applicant`); anyone else gets null.
 */
export async function findApplicants(
  ctx: AppContext,
  principal: Principal,
  agencyId: string,
  query: string,
): Promise<DeskApplicant[] | null> {
  if (!ctx.policy.can(principal, "identity.find_applicant", { agencyId })) return null;
  const q = query.trim();
  const by = deskQueryKind(q);
  const db = ctx.db.kysely;
  let rows: Row[] = [];
  if (by === "iin") {
    rows = isValidIin(q) ? await citizens(db).where("iin", "=", q).limit(20).execute() : [];
  } else if (by === "phone") {
    const digits = q.replace(/\D/g, "");
    // A Kazakh number dialled at home starts with 8: the account keeps it as +7.
    const national = /^8\d{10}$/.test(digits) ? [`+7${digits.slice(1)}`] : [];
    const forms = [...new Set([`+${digits}`, digits, q, ...national])];
    rows = await citizens(db).where("phone", "in", forms).limit(20).execute();
  } else if (by === "name") {
    const words = q.split(/\s+/).filter(Boolean).slice(0, 3);
    let sel = citizens(db);
    for (const w of words) {
      const forms = nameForms(w);
      sel = sel.where((eb) =>
        eb.or(
          forms.flatMap((f) => [
            eb("surname", "like", `${f}%`),
            eb("given_name", "like", `${f}%`),
            eb("patronymic", "like", `${f}%`),
          ]),
        ),
      );
    }
    rows = await sel.orderBy("surname").orderBy("given_name").limit(20).execute();
  }
  if (rows.length > 0) await auditShown(ctx, db, principal, rows, by ?? "name");
  return rows.map(toApplicant);
}

async function auditShown(
  ctx: AppContext,
  db: Kysely<Database>,
  principal: Principal,
  rows: { id: string }[],
  by: string,
): Promise<void> {
  await appendAudit(
    db,
    ctx.clock,
    rows.map((r) => ({
      actor: { id: principal.accountId, label: `account:${principal.accountId}` },
      action: "account.shown_at_desk",
      subjectType: "account",
      subjectId: r.id,
      data: { by, for: "appeal" },
    })),
  );
}

/**
 * The account a registrar chose from the search, to fill in the desk's form from it: same
 * rule as the search (null when refused or not found), and audited like it.
 */
export async function showApplicant(
  ctx: AppContext,
  principal: Principal,
  agencyId: string,
  id: string,
): Promise<DeskApplicant | null> {
  if (!ctx.policy.can(principal, "identity.find_applicant", { agencyId })) return null;
  const found = await findApplicantAccount(ctx.db.kysely, { id });
  if (!found) return null;
  await auditShown(ctx, ctx.db.kysely, principal, [found], "account");
  return found;
}

/**
 * One citizen's account for linking a desk appeal to it: by id (chosen from a search) or by
 * the IIN written on the card. `verified` tells whether the IIN was checked, not only declared:
 * only then may a letter be linked without the registrar choosing the account.
 */
export async function findApplicantAccount(
  db: Kysely<Database>,
  by: { id: string } | { iin: string },
): Promise<DeskApplicant | undefined> {
  const sel = citizens(db);
  const row = await ("id" in by
    ? sel.where("id", "=", by.id)
    : sel.where("iin", "=", by.iin)
  ).executeTakeFirst();
  return row ? toApplicant(row) : undefined;
}

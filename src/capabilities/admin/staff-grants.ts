import { ROLES, type Role, type RoleGrant } from "../../kernel/permissions.js";
import type { FieldIssue } from "../../kernel/result.js";
import type { FormBody } from "./form.js";
import { one } from "./form.js";

/** The body select's value for a system-wide grant (only the admin role may be one). */
export const SYSTEM_WIDE = "*";
/** Most role rows a form may carry; more are ignored. */
export const MAX_GRANT_ROWS = 40;
/** Empty rows offered below the held roles, for adding new ones without JavaScript. */
export const SPARE_ROWS = 3;

/** One role row as typed: a role and a body (or SYSTEM_WIDE), possibly empty. */
export interface GrantRow {
  role: string;
  body: string;
}

/** The rows `role_0`/`body_0`, `role_1`/`body_1` … of a posted form. */
export function readGrantRows(body: FormBody | undefined): GrantRow[] {
  const rows: GrantRow[] = [];
  for (let i = 0; i < MAX_GRANT_ROWS; i++) {
    rows.push({ role: one(body, `role_${i}`), body: one(body, `body_${i}`) });
  }
  while (rows.length > 0 && !rows.at(-1)?.role && !rows.at(-1)?.body) rows.pop();
  return rows;
}

/** Rows for a form: the given ones, then spare empty rows (within MAX_GRANT_ROWS). */
export function withSpareRows(rows: GrantRow[]): GrantRow[] {
  const spare = Array.from({ length: SPARE_ROWS }, () => ({ role: "", body: "" }));
  return [...rows, ...spare].slice(0, Math.max(MAX_GRANT_ROWS, SPARE_ROWS));
}

/** Rows for a form showing these grants, then spare empty rows. */
export function grantRows(grants: RoleGrant[]): GrantRow[] {
  return withSpareRows(grants.map((g) => ({ role: g.role, body: g.agencyId ?? SYSTEM_WIDE })));
}

/** Same grants in a stable order, without duplicates: for comparing and for the audit record. */
export function normaliseGrants(grants: RoleGrant[]): RoleGrant[] {
  const seen = new Set<string>();
  const out: RoleGrant[] = [];
  for (const g of grants) {
    const key = `${g.role}|${g.agencyId ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ role: g.role, agencyId: g.agencyId });
  }
  return out.sort(
    (a, b) =>
      ROLES.indexOf(a.role) - ROLES.indexOf(b.role) ||
      (a.agencyId ?? "").localeCompare(b.agencyId ?? ""),
  );
}

/** Whether two sets of grants are the same (so saving unchanged roles ends no sessions). */
export function sameGrants(a: RoleGrant[], b: RoleGrant[]): boolean {
  return JSON.stringify(normaliseGrants(a)) === JSON.stringify(normaliseGrants(b));
}

/** What is wrong with one filled-in row, as an error name, or null. */
function rowProblem(row: GrantRow, agencyIds: Set<string>): string | null {
  if (!(ROLES as readonly string[]).includes(row.role)) return "role_missing";
  if (!row.body) return "body_missing";
  if (row.body === SYSTEM_WIDE) return row.role === "admin" ? null : "system_wide_only_admin";
  return agencyIds.has(row.body) ? null : "body_unknown";
}

/**
 * Turns role rows into grants. Problems a person can fix are issues on the row; a grant the
 * acting person may not give (another body, system-wide) makes `forbidden` true, since only
 * a tampered form can send one.
 */
export function parseGrantRows(
  rows: GrantRow[],
  known: { agencyIds: Set<string>; mayGrant: (g: RoleGrant) => boolean },
): { grants: RoleGrant[]; issues: FieldIssue[]; forbidden: boolean } {
  const grants: RoleGrant[] = [];
  const issues: FieldIssue[] = [];
  let forbidden = false;
  for (const [i, row] of rows.entries()) {
    if (!row.role && !row.body) continue;
    const problem = rowProblem(row, known.agencyIds);
    if (problem) {
      issues.push({ field: `role_${i}`, key: `admin.error.${problem}`, params: { row: i + 1 } });
      continue;
    }
    const grant: RoleGrant = {
      role: row.role as Role,
      agencyId: row.body === SYSTEM_WIDE ? null : row.body,
    };
    if (!known.mayGrant(grant)) forbidden = true;
    grants.push(grant);
  }
  return { grants: normaliseGrants(grants), issues, forbidden };
}

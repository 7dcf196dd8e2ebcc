import type { FieldIssue } from "../../kernel/result.js";
import {
  AGENCY_KINDS,
  AGENCY_LEVELS,
  type Agency,
  type AgencyInput,
  type AgencyKind,
  type AgencyLevel,
  type Category,
} from "../agencies/index.js";
import { EMAIL, type FormBody, many, one, PHONE } from "./form.js";

/** The agency form's fields, as typed (so a page with errors shows them again). */
export const AGENCY_FIELDS = [
  "slug",
  "name_kk",
  "name_ru",
  "name_en",
  "kind",
  "level",
  "parent",
  "higher_body",
  "jurisdiction",
  "territory_code",
  "address_kk",
  "address_ru",
  "address_en",
  "phone",
  "email",
  "website",
  "hours_kk",
  "hours_ru",
  "hours_en",
  "head_kk",
  "head_ru",
  "head_en",
] as const;

/** The form as typed: text fields plus the ticked competences. */
export interface AgencyFormValues {
  fields: Record<(typeof AGENCY_FIELDS)[number], string>;
  categories: string[];
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const KATO = /^\d{9}$/;
const TEXT_MAX = 300;

/** The form's values read from a posted body. */
export function readAgencyForm(body: FormBody | undefined): AgencyFormValues {
  const fields = Object.fromEntries(AGENCY_FIELDS.map((f) => [f, one(body, f)]));
  return {
    fields: fields as AgencyFormValues["fields"],
    categories: many(body, "categories"),
  };
}

/** The form filled with a body's current values (for the edit page). */
export function agencyFormValues(a: Agency, categoryIds: string[]): AgencyFormValues {
  // English equal to Russian is the Russian standing in for English not given: shown empty.
  const en = (t: { ru: string; en: string } | null | undefined) => (t && t.en !== t.ru ? t.en : "");
  return {
    fields: {
      slug: a.slug,
      name_kk: a.names.kk,
      name_ru: a.names.ru,
      name_en: en(a.names),
      kind: a.kind,
      level: a.level,
      parent: a.parentId ?? "",
      higher_body: a.higherBodyId ?? "",
      jurisdiction: a.jurisdiction,
      territory_code: a.territoryCode ?? "",
      address_kk: a.address?.kk ?? "",
      address_ru: a.address?.ru ?? "",
      address_en: en(a.address),
      phone: a.phone ?? "",
      email: a.email ?? "",
      website: a.website ?? "",
      hours_kk: a.hours?.kk ?? "",
      hours_ru: a.hours?.ru ?? "",
      hours_en: en(a.hours),
      head_kk: a.head?.kk ?? "",
      head_ru: a.head?.ru ?? "",
      head_en: en(a.head),
    },
    categories: categoryIds,
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
  } catch {
    return false;
  }
}

/** True when making `parentId` the parent of `selfId` would put the body under itself. */
function makesCycle(all: Agency[], selfId: string, parentId: string): boolean {
  const byId = new Map(all.map((a) => [a.id, a]));
  const seen = new Set<string>();
  for (let id: string | null = parentId; id !== null; id = byId.get(id)?.parentId ?? null) {
    if (id === selfId) return true;
    if (seen.has(id)) return false;
    seen.add(id);
  }
  return false;
}

/**
 * Checks the form against the rules and the other bodies; returns what to store, or the
 * problems keyed by field. `self` is the body being edited (absent when creating).
 */
export function validateAgency(
  v: AgencyFormValues,
  known: { agencies: Agency[]; categories: Category[]; jurisdictions: string[] },
  self?: Agency,
): { input: AgencyInput; issues: [] } | { input: null; issues: FieldIssue[] } {
  const f = v.fields;
  const issues: FieldIssue[] = [];
  const add = (field: string, key: string, params?: Record<string, string | number>) =>
    issues.push(
      params ? { field, key: `admin.error.${key}`, params } : { field, key: `admin.error.${key}` },
    );
  const long = (field: (typeof AGENCY_FIELDS)[number]) => {
    if (f[field].length > TEXT_MAX) add(field, "too_long", { max: TEXT_MAX });
  };

  if (!f.slug) add("slug", "slug_missing");
  else if (!SLUG.test(f.slug) || f.slug.length > 80) add("slug", "slug_format");
  else if (known.agencies.some((a) => a.slug === f.slug && a.id !== self?.id))
    add("slug", "slug_taken");
  // Kazakh (the state language) and Russian are required; English is optional, and an English
  // page shows the Russian where it has none.
  for (const l of ["kk", "ru", "en"] as const) {
    if (!f[`name_${l}`]) {
      if (l !== "en") add(`name_${l}`, `name_${l}_missing`);
    } else long(`name_${l}`);
  }
  if (!(AGENCY_KINDS as readonly string[]).includes(f.kind)) add("kind", "kind_missing");
  if (!(AGENCY_LEVELS as readonly string[]).includes(f.level)) add("level", "level_missing");
  const exists = (id: string) => known.agencies.some((a) => a.id === id);
  if (f.parent) {
    if (f.parent === self?.id) add("parent", "parent_self");
    else if (!exists(f.parent)) add("parent", "parent_unknown");
    else if (self && makesCycle(known.agencies, self.id, f.parent)) add("parent", "parent_cycle");
  }
  if (f.higher_body) {
    if (f.higher_body === self?.id) add("higher_body", "higher_body_self");
    else if (!exists(f.higher_body)) add("higher_body", "higher_body_unknown");
  }
  if (!known.jurisdictions.includes(f.jurisdiction)) add("jurisdiction", "jurisdiction_missing");
  if (f.territory_code && !KATO.test(f.territory_code))
    add("territory_code", "territory_code_format");
  for (const group of ["address", "hours", "head"] as const) {
    if (![f[`${group}_kk`], f[`${group}_ru`], f[`${group}_en`]].some(Boolean)) continue;
    for (const l of ["kk", "ru", "en"] as const) {
      if (!f[`${group}_${l}`]) {
        if (l !== "en") add(`${group}_${l}`, `${group}_${l}_missing`);
      } else long(`${group}_${l}`);
    }
  }
  if (f.phone && !PHONE.test(f.phone)) add("phone", "phone_format");
  if (f.email && (!EMAIL.test(f.email) || f.email.length > 254)) add("email", "email_format");
  if (f.website && (!isHttpUrl(f.website) || f.website.length > TEXT_MAX))
    add("website", "website_format");
  const categoryIds = new Set(known.categories.map((c) => c.id));
  if (v.categories.some((id) => !categoryIds.has(id))) add("categories", "category_unknown");
  if (issues.length > 0) return { input: null, issues };

  const texts = (group: "name" | "address" | "hours" | "head") => ({
    kk: f[`${group}_kk`],
    ru: f[`${group}_ru`],
    en: f[`${group}_en`] || f[`${group}_ru`],
  });
  return {
    input: {
      slug: f.slug,
      names: texts("name"),
      kind: f.kind as AgencyKind,
      level: f.level as AgencyLevel,
      parentId: f.parent || null,
      higherBodyId: f.higher_body || null,
      jurisdiction: f.jurisdiction,
      territoryCode: f.territory_code || null,
      address: f.address_kk ? texts("address") : null,
      phone: f.phone || null,
      email: f.email || null,
      website: f.website || null,
      hours: f.hours_kk ? texts("hours") : null,
      head: f.head_kk ? texts("head") : null,
      categoryIds: v.categories,
    },
    issues: [],
  };
}

import type { Locale } from "../../kernel/i18n.js";

/** Kinds of state body. Stored as text; the list grows by adding here and to the locales. */
export const AGENCY_KINDS = [
  "government",
  "ministry",
  "agency",
  "committee",
  "akimat",
  "maslikhat",
  "department",
  "other",
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** Where a body sits: the republic, a region or city of republican significance, a district, a rural district. */
export const AGENCY_LEVELS = ["republic", "region", "district", "rural"] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

/** How far a category's competence reaches: a district body by address, the city or region, the republic. */
export const CATEGORY_SCOPES = ["district", "region", "republic"] as const;
export type CategoryScope = (typeof CATEGORY_SCOPES)[number];

export type Names = Record<Locale, string>;

export interface Agency {
  id: string;
  slug: string;
  /** Short code in appeals' registration numbers (agency-code.ts): given once, never changed. */
  code: string;
  parentId: string | null;
  higherBodyId: string | null;
  kind: AgencyKind;
  level: AgencyLevel;
  jurisdiction: string;
  territoryCode: string | null;
  names: Names;
  address: Names | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  /** When the body receives visitors, as its people write it, in each language. */
  hours: Names | null;
  /** The name of the body's head (the akim, the minister …), as spelt in each language. */
  head: Names | null;
  active: boolean;
}

export interface Category {
  id: string;
  slug: string;
  scope: CategoryScope;
  names: Names;
  position: number;
}

/** Orders bodies as a tree: each parent followed by its children, siblings by name. */
export function treeOrder(
  agencies: Agency[],
  locale: Locale,
): { agency: Agency; depth: number; children: number }[] {
  const byParent = new Map<string | null, Agency[]>();
  const ids = new Set(agencies.map((a) => a.id));
  for (const a of agencies) {
    const key = a.parentId && ids.has(a.parentId) ? a.parentId : null;
    const list = byParent.get(key) ?? [];
    list.push(a);
    byParent.set(key, list);
  }
  const collator = new Intl.Collator(locale);
  const levelRank = (a: Agency) => AGENCY_LEVELS.indexOf(a.level);
  const out: { agency: Agency; depth: number; children: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    const list = (byParent.get(parent) ?? []).sort(
      (x, y) =>
        levelRank(x) - levelRank(y) ||
        AGENCY_KINDS.indexOf(x.kind) - AGENCY_KINDS.indexOf(y.kind) ||
        collator.compare(x.names[locale], y.names[locale]),
    );
    for (const a of list) {
      out.push({ agency: a, depth, children: byParent.get(a.id)?.length ?? 0 });
      walk(a.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

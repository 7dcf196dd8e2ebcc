export interface AgenciesTable {
  id: string;
  slug: string;
  /** Short code in appeals' registration numbers: 2–4 capital letters or digits, unique. */
  code: string | null;
  parent_id: string | null;
  higher_body_id: string | null;
  kind: string;
  level: string;
  jurisdiction: string;
  territory_code: string | null;
  name_kk: string;
  name_ru: string;
  name_en: string;
  address_kk: string | null;
  address_ru: string | null;
  address_en: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  hours_kk: string | null;
  hours_ru: string | null;
  hours_en: string | null;
  head_kk: string | null;
  head_ru: string | null;
  head_en: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface CategoriesTable {
  id: string;
  slug: string;
  scope: string;
  name_kk: string;
  name_ru: string;
  name_en: string;
  position: number;
}

export interface AgencyCompetencesTable {
  agency_id: string;
  category_id: string;
}

/** The tables this capability owns, as Kysely sees them. */
export interface AgencyTables {
  agencies: AgenciesTable;
  categories: CategoriesTable;
  agency_competences: AgencyCompetencesTable;
}

/** A news item or information page: the working copy (draft_*) and the public copy. */
export interface PublicationsTable {
  id: string;
  agency_id: string;
  kind: string;
  section: string | null;
  state: string;
  draft_title_kk: string | null;
  draft_title_ru: string | null;
  draft_title_en: string | null;
  draft_body_kk: string | null;
  draft_body_ru: string | null;
  draft_body_en: string | null;
  title_kk: string | null;
  title_ru: string | null;
  title_en: string | null;
  body_kk: string | null;
  body_ru: string | null;
  body_en: string | null;
  return_reason: string | null;
  created_by_id: string | null;
  created_at: string;
  edited_by_id: string | null;
  submitted_by_id: string | null;
  submitted_at: string | null;
  published_at: string | null;
  updated_at: string | null;
  unpublished_at: string | null;
  changed_at: string;
  version: number;
}

/** One approval ("published") or withdrawal ("unpublished") of a publication. */
export interface PublicationVersionsTable {
  id: string;
  publication_id: string;
  agency_id: string;
  kind: string;
  section: string | null;
  action: string;
  at: string;
  by_id: string | null;
  title_kk: string | null;
  title_ru: string | null;
  title_en: string | null;
  body_kk: string | null;
  body_ru: string | null;
  body_en: string | null;
  reason: string | null;
}

/** This capability's tables, as Kysely sees them. */
export interface PublicationTables {
  publications: PublicationsTable;
  publication_versions: PublicationVersionsTable;
}

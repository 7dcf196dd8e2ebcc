/**
 * The search's own index: one row per public document as its owner offered it, already
 * redacted. `seq` keys the row's entry in the FTS5 table on SQLite (`search_fts`, not named
 * here: Kysely never queries it); on PostgreSQL the row's generated `tsv` column is indexed.
 */
export interface SearchDocumentsTable {
  kind: string;
  doc_id: string;
  seq: number;
  agency_id: string | null;
  url: string;
  /** `YYYY-MM-DD`. */
  date: string;
  title_kk: string | null;
  title_ru: string | null;
  title_en: string | null;
  text_kk: string | null;
  text_ru: string | null;
  text_en: string | null;
  /** A hash of what is stored: an unchanged document is not written again. */
  fingerprint: string;
  /** When the refresh that wrote this row began gathering: an older refresh never overwrites it. */
  gathered_at: string;
}

/** A document that left the index, so that a refresh which began earlier does not bring it back. */
export interface SearchRemovedTable {
  kind: string;
  doc_id: string;
  gathered_at: string;
}

export interface SearchTables {
  search_documents: SearchDocumentsTable;
  search_removed: SearchRemovedTable;
}

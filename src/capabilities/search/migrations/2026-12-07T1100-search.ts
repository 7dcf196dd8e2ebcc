import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * The site-wide search's own index: one row per public document, as its owner offered it
 * (already redacted), and the full-text index over its titles and texts in three languages:
 * a generated `tsvector` with a GIN index on PostgreSQL ('simple' configuration: titles weigh
 * A, texts B), an FTS5 table keyed by the row's `seq` on SQLite.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("search_documents")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("doc_id", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull().unique())
    .addColumn("agency_id", "text")
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("title_kk", "text")
    .addColumn("title_ru", "text")
    .addColumn("title_en", "text")
    .addColumn("text_kk", "text")
    .addColumn("text_ru", "text")
    .addColumn("text_en", "text")
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("gathered_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("search_documents_pk", ["kind", "doc_id"])
    .execute();
  await db.schema
    .createIndex("search_documents_filters")
    .on("search_documents")
    .columns(["agency_id", "kind"])
    .execute();
  // Gone documents are remembered until every instance has seen them go (see the refresh).
  await db.schema
    .createTable("search_removed")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("doc_id", "text", (c) => c.notNull())
    .addColumn("gathered_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("search_removed_pk", ["kind", "doc_id"])
    .execute();

  if (isPostgres(db)) {
    await sql`ALTER TABLE search_documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('simple',
        coalesce(title_kk, '') || ' ' || coalesce(title_ru, '') || ' ' || coalesce(title_en, '')), 'A')
      || setweight(to_tsvector('simple',
        coalesce(text_kk, '') || ' ' || coalesce(text_ru, '') || ' ' || coalesce(text_en, '')), 'B')
    ) STORED`.execute(db);
    await sql`CREATE INDEX search_documents_tsv ON search_documents USING gin (tsv)`.execute(db);
  } else {
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(
      title_kk, title_ru, title_en, text_kk, text_ru, text_en,
      tokenize='unicode61 remove_diacritics 2'
    )`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) await sql`DROP TABLE IF EXISTS search_fts`.execute(db);
  await db.schema.dropTable("search_removed").execute();
  await db.schema.dropTable("search_documents").execute();
}

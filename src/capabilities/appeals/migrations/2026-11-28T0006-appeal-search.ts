import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** What a staff search looks in: number, subject and applicant, lowercased (Unicode, not just ASCII). */
function searchText(r: { number: string; subject: string; applicant_name: string | null }): string {
  return `${r.number} ${r.subject} ${r.applicant_name ?? ""}`
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .alterTable("appeals")
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  // Existing rows get their search text in pages (the application writes it from now on).
  const rows = db as unknown as Kysely<{
    appeals: {
      id: string;
      number: string;
      subject: string;
      applicant_name: string | null;
      search_text: string;
    };
  }>;
  for (let after = ""; ; ) {
    const page = await rows
      .selectFrom("appeals")
      .select(["id", "number", "subject", "applicant_name"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(1000)
      .execute();
    if (page.length === 0) break;
    for (const r of page) {
      await rows
        .updateTable("appeals")
        .set({ search_text: searchText(r) })
        .where("id", "=", r.id)
        .execute();
    }
    after = (page[page.length - 1] as { id: string }).id;
  }

  // Stored files are shared by content: the housekeeping jobs look rows up by checksum.
  await db.schema
    .createIndex("appeal_attachments_sha256")
    .on("appeal_attachments")
    .columns(["sha256"])
    .execute();

  // The same person's same text to the same body: found without reading their other appeals.
  await db.schema
    .createIndex("appeals_duplicate")
    .on("appeals")
    .columns(["applicant_account_id", "agency_id", "body_hash", "received_at"])
    .execute();
  await db.schema
    .createIndex("appeals_duplicate_iin")
    .on("appeals")
    .columns(["applicant_iin", "agency_id", "body_hash"])
    .execute();
  // The inbox's sorts and filters, each served in index order (with the id that breaks ties),
  // so a page reads only its own rows. Two indexes of 0005 are replaced by wider ones.
  await db.schema.dropIndex("appeals_inbox_due").execute();
  await db.schema.dropIndex("appeals_inbox_received").execute();
  const inbox: [string, string[]][] = [
    ["appeals_inbox_by_due", ["agency_id", "due_on", "received_at", "id"]],
    ["appeals_inbox_by_received", ["agency_id", "received_at", "id"]],
    ["appeals_inbox_status_due", ["agency_id", "status", "due_on", "received_at", "id"]],
    ["appeals_inbox_status_received", ["agency_id", "status", "received_at", "id"]],
    ["appeals_inbox_number", ["agency_id", "number"]],
    ["appeals_inbox_kind", ["agency_id", "kind", "received_at", "id"]],
    ["appeals_inbox_channel", ["agency_id", "channel", "received_at", "id"]],
    // Several filters at once (a state, a kind and a channel): matched and counted in one index.
    ["appeals_inbox_filters", ["agency_id", "status", "kind", "channel"]],
  ];
  for (const [name, columns] of inbox) {
    await db.schema.createIndex(name).on("appeals").columns(columns).execute();
  }

  // Full-text search by words and word prefixes: FTS5 on SQLite, a GIN index on PostgreSQL.
  if (pg) {
    await sql`CREATE INDEX appeals_search ON appeals USING gin (to_tsvector('simple', search_text))`.execute(
      db,
    );
  } else {
    await sql`CREATE VIRTUAL TABLE appeals_fts USING fts5(
      search_text, content='appeals', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
    )`.execute(db);
    await sql`INSERT INTO appeals_fts(rowid, search_text) SELECT rowid, search_text FROM appeals`.execute(
      db,
    );
    await sql`CREATE TRIGGER appeals_fts_insert AFTER INSERT ON appeals BEGIN
      INSERT INTO appeals_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
    END`.execute(db);
    await sql`CREATE TRIGGER appeals_fts_delete AFTER DELETE ON appeals BEGIN
      INSERT INTO appeals_fts(appeals_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
    END`.execute(db);
    await sql`CREATE TRIGGER appeals_fts_update AFTER UPDATE OF search_text ON appeals BEGIN
      INSERT INTO appeals_fts(appeals_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
      INSERT INTO appeals_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
    END`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`DROP INDEX IF EXISTS appeals_search`.execute(db);
  } else {
    for (const t of ["appeals_fts_insert", "appeals_fts_delete", "appeals_fts_update"]) {
      await sql.raw(`DROP TRIGGER IF EXISTS ${t}`).execute(db);
    }
    await sql`DROP TABLE IF EXISTS appeals_fts`.execute(db);
  }
  for (const name of [
    "appeals_inbox_filters",
    "appeals_inbox_channel",
    "appeals_inbox_kind",
    "appeals_inbox_number",
    "appeals_inbox_status_received",
    "appeals_inbox_status_due",
    "appeals_inbox_by_received",
    "appeals_inbox_by_due",
    "appeals_duplicate_iin",
    "appeals_duplicate",
    "appeal_attachments_sha256",
  ]) {
    await db.schema.dropIndex(name).execute();
  }
  await db.schema
    .createIndex("appeals_inbox_due")
    .on("appeals")
    .columns(["agency_id", "status", "due_on"])
    .execute();
  await db.schema
    .createIndex("appeals_inbox_received")
    .on("appeals")
    .columns(["agency_id", "received_at"])
    .execute();
  await db.schema.alterTable("appeals").dropColumn("search_text").execute();
}

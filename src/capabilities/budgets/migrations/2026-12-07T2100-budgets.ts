import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen: never import application code here; a later change is a new migration.
// Amounts of money are whole tenge kept as double precision: exact up to 2^53, read back as a
// number by both drivers (PostgreSQL returns bigint as text), and checked as integers on input.

function isSqlite(db: Kysely<unknown>): boolean {
  return !(db.getExecutor().adapter instanceof PostgresAdapter);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("budget_cycles")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("title_kk", "text", (c) => c.notNull())
    .addColumn("title_ru", "text", (c) => c.notNull())
    .addColumn("title_en", "text")
    .addColumn("rules_kk", "text", (c) => c.notNull())
    .addColumn("rules_ru", "text", (c) => c.notNull())
    .addColumn("rules_en", "text")
    .addColumn("rule", "text", (c) => c.notNull())
    .addColumn("min_votes", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("categories", "text", (c) => c.notNull())
    .addColumn("support_required", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("announcement_at", "text", (c) => c.notNull())
    .addColumn("proposals_at", "text", (c) => c.notNull())
    .addColumn("review_at", "text", (c) => c.notNull())
    .addColumn("voting_at", "text", (c) => c.notNull())
    .addColumn("results_at", "text", (c) => c.notNull())
    .addColumn("implementation_at", "text", (c) => c.notNull())
    .addColumn("closed_at", "text", (c) => c.notNull())
    .addColumn("phase", "text", (c) => c.notNull())
    .addColumn("voters_count", "integer")
    .addColumn("results_published_at", "text")
    .addColumn("created_by_id", "text", (c) => c.references("accounts.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("budget_cycles_agency")
    .on("budget_cycles")
    .columns(["agency_id", "year"])
    .execute();
  await db.schema
    .createIndex("budget_cycles_phase")
    .on("budget_cycles")
    .columns(["phase"])
    .execute();

  await db.schema
    .createTable("budget_territories")
    .addColumn("cycle_id", "text", (c) => c.notNull().references("budget_cycles.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("name_kk", "text", (c) => c.notNull())
    .addColumn("name_ru", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("amount", "double precision", (c) => c.notNull())
    .addColumn("voters_count", "integer")
    .addPrimaryKeyConstraint("budget_territories_pk", ["cycle_id", "code"])
    .execute();

  await db.schema
    .createTable("budget_experts")
    .addColumn("cycle_id", "text", (c) => c.notNull().references("budget_cycles.id"))
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("added_by_id", "text", (c) => c.references("accounts.id"))
    .addColumn("added_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("budget_experts_pk", ["cycle_id", "account_id"])
    .execute();

  await db.schema
    .createTable("budget_proposals")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cycle_id", "text", (c) => c.notNull().references("budget_cycles.id"))
    .addColumn("number", "integer")
    .addColumn("territory_code", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("address", "text")
    .addColumn("lat", "double precision")
    .addColumn("lng", "double precision")
    .addColumn("cost_estimate", "double precision", (c) => c.notNull())
    .addColumn("author_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("author_kind", "text", (c) => c.notNull())
    .addColumn("organisation_bin", "text")
    .addColumn("organisation_name", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("support_token", "text", (c) => c.unique())
    .addColumn("supports_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("submitted_at", "text")
    .addColumn("decision", "text")
    .addColumn("decision_reason", "text")
    .addColumn("decision_text", "text")
    .addColumn("council_cost", "double precision")
    .addColumn("merged_into_id", "text", (c) => c.references("budget_proposals.id"))
    .addColumn("decided_by_id", "text", (c) => c.references("accounts.id"))
    .addColumn("decided_at", "text")
    .addColumn("votes", "integer")
    .addColumn("winner", "integer")
    .addColumn("rank", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("budget_proposals_cycle")
    .on("budget_proposals")
    .columns(["cycle_id", "status", "territory_code"])
    .execute();
  await db.schema
    .createIndex("budget_proposals_number")
    .on("budget_proposals")
    .columns(["cycle_id", "number"])
    .unique()
    .execute();
  await db.schema
    .createIndex("budget_proposals_author")
    .on("budget_proposals")
    .columns(["author_id"])
    .execute();

  await db.schema
    .createTable("budget_conflicts")
    .addColumn("proposal_id", "text", (c) => c.notNull().references("budget_proposals.id"))
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("note", "text")
    .addColumn("declared_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("budget_conflicts_pk", ["proposal_id", "account_id"])
    .execute();

  await db.schema
    .createTable("budget_supports")
    .addColumn("proposal_id", "text", (c) => c.notNull().references("budget_proposals.id"))
    .addColumn("person_key", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("budget_supports_pk", ["proposal_id", "person_key"])
    .execute();

  await db.schema
    .createTable("budget_files")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("owner_kind", "text", (c) => c.notNull())
    .addColumn("owner_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("caption", "text")
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("media_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("uploaded_by_id", "text", (c) => c.references("accounts.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("budget_files_owner")
    .on("budget_files")
    .columns(["owner_kind", "owner_id"])
    .execute();
  await db.schema
    .createIndex("budget_files_sha256")
    .on("budget_files")
    .columns(["sha256"])
    .execute();

  // Voters and ballots share nothing but the cycle (as a poll's): on SQLite both are WITHOUT
  // ROWID tables, so rows are stored in key order (a keyed hash, a random id), not write order.
  if (isSqlite(db)) {
    await sql`CREATE TABLE budget_voters (
      cycle_id text NOT NULL REFERENCES budget_cycles(id),
      voter_key text NOT NULL,
      voted_on text NOT NULL,
      PRIMARY KEY (cycle_id, voter_key)
    ) WITHOUT ROWID`.execute(db);
    await sql`CREATE TABLE budget_ballots (
      cycle_id text NOT NULL REFERENCES budget_cycles(id),
      id text NOT NULL,
      territory_code text NOT NULL,
      choices text NOT NULL,
      PRIMARY KEY (cycle_id, id)
    ) WITHOUT ROWID`.execute(db);
  } else {
    await db.schema
      .createTable("budget_voters")
      .addColumn("cycle_id", "text", (c) => c.notNull().references("budget_cycles.id"))
      .addColumn("voter_key", "text", (c) => c.notNull())
      .addColumn("voted_on", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("budget_voters_pk", ["cycle_id", "voter_key"])
      .execute();
    await db.schema
      .createTable("budget_ballots")
      .addColumn("cycle_id", "text", (c) => c.notNull().references("budget_cycles.id"))
      .addColumn("id", "text", (c) => c.notNull())
      .addColumn("territory_code", "text", (c) => c.notNull())
      .addColumn("choices", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("budget_ballots_pk", ["cycle_id", "id"])
      .execute();
  }

  await db.schema
    .createTable("budget_projects")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cycle_id", "text", (c) => c.notNull().references("budget_cycles.id"))
    .addColumn("proposal_id", "text", (c) => c.notNull().unique().references("budget_proposals.id"))
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("territory_code", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("address", "text")
    .addColumn("lat", "double precision")
    .addColumn("lng", "double precision")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("contractor", "text")
    .addColumn("amount_allocated", "double precision", (c) => c.notNull())
    .addColumn("amount_contracted", "double precision")
    .addColumn("amount_spent", "double precision")
    .addColumn("percent", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("budget_projects_cycle")
    .on("budget_projects")
    .columns(["cycle_id", "territory_code"])
    .execute();
  await db.schema
    .createIndex("budget_projects_agency")
    .on("budget_projects")
    .columns(["agency_id", "status"])
    .execute();

  await db.schema
    .createTable("budget_project_stages")
    .addColumn("project_id", "text", (c) => c.notNull().references("budget_projects.id"))
    .addColumn("stage", "text", (c) => c.notNull())
    .addColumn("planned_start", "text")
    .addColumn("planned_end", "text")
    .addColumn("actual_start", "text")
    .addColumn("actual_end", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("budget_project_stages_pk", ["project_id", "stage"])
    .execute();

  await db.schema
    .createTable("budget_project_news")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("budget_projects.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("author_id", "text", (c) => c.references("accounts.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("budget_project_news_project")
    .on("budget_project_news")
    .columns(["project_id", "created_at"])
    .execute();

  await db.schema
    .createTable("budget_followers")
    .addColumn("project_id", "text", (c) => c.notNull().references("budget_projects.id"))
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("budget_followers_pk", ["project_id", "account_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "budget_followers",
    "budget_project_news",
    "budget_project_stages",
    "budget_projects",
    "budget_ballots",
    "budget_voters",
    "budget_files",
    "budget_supports",
    "budget_conflicts",
    "budget_proposals",
    "budget_experts",
    "budget_territories",
    "budget_cycles",
  ])
    await db.schema.dropTable(t).execute();
}

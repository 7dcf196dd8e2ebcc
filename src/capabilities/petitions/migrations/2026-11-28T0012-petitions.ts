import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A petition (citizens' e-initiative) from draft to published decision. Every milestone is
  // its own column (ISO UTC instants; `_on` columns are plain dates of the body's calendar).
  // `version` guards every change (optimistic check); the signatures never update this row.
  await db.schema
    .createTable("petitions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("number", "text", (c) => c.notNull().unique())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("initiator_account_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("proposal", "text", (c) => c.notNull())
    .addColumn("share_token", "text", (c) => c.unique())
    .addColumn("territory_code", "text")
    .addColumn("threshold", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("gathering_started_at", "text")
    .addColumn("gathering_due_on", "text")
    .addColumn("submitted_at", "text")
    .addColumn("admissibility_due_on", "text")
    .addColumn("admitted_at", "text")
    .addColumn("refused_at", "text")
    .addColumn("refusal_reason", "text")
    .addColumn("published_at", "text")
    .addColumn("signing_closes_at", "text")
    .addColumn("threshold_reached_at", "text")
    .addColumn("consideration_due_on", "text")
    .addColumn("draft_decision", "text")
    .addColumn("draft_decision_published_at", "text")
    .addColumn("decision", "text")
    .addColumn("decision_published_at", "text")
    .addColumn("expired_at", "text")
    .addColumn("withdrawn_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    // Added by the life cycle: the free text of a refusal for "other", and who acted last.
    .addColumn("refusal_text", "text")
    .execute();
  await db.schema
    .createIndex("petitions_status_agency")
    .on("petitions")
    .columns(["status", "agency_id"])
    .execute();
  await db.schema
    .createIndex("petitions_published")
    .on("petitions")
    .columns(["published_at"])
    .execute();
  await db.schema
    .createIndex("petitions_initiator")
    .on("petitions")
    .columns(["initiator_account_id"])
    .execute();
  await db.schema
    .createIndex("petitions_updated")
    .on("petitions")
    .columns(["updated_at"])
    .execute();

  // Co-initiators, one row per person and petition.
  await db.schema
    .createTable("petition_co_initiators")
    .addColumn("petition_id", "text", (c) => c.notNull().references("petitions.id"))
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("joined_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("petition_co_initiators_pk", ["petition_id", "account_id"])
    .execute();
  await db.schema
    .createIndex("petition_co_initiators_account")
    .on("petition_co_initiators")
    .columns(["account_id"])
    .execute();

  // Comments on the draft decision; public once approved by a moderator.
  await db.schema
    .createTable("petition_comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("petition_id", "text", (c) => c.notNull().references("petitions.id"))
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("moderated_at", "text")
    .addColumn("moderated_by_id", "text", (c) => c.references("accounts.id"))
    .execute();
  await db.schema
    .createIndex("petition_comments_petition")
    .on("petition_comments")
    .columns(["petition_id", "status", "created_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("petition_comments").execute();
  await db.schema.dropTable("petition_co_initiators").execute();
  await db.schema.dropTable("petitions").execute();
}

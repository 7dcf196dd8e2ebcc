import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  // The one registry of appeals, whatever the channel. Dates a person reads (registration,
  // due, correction) are plain `YYYY-MM-DD` text in the body's time zone; instants are ISO UTC.
  await db.schema
    .createTable("appeals")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("number", "text", (c) => c.notNull().unique())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("jurisdiction", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("procedure", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("applicant_account_id", "text", (c) => c.references("accounts.id"))
    .addColumn("organisation_id", "text", (c) => c.references("organisations.id"))
    .addColumn("applicant_type", "text", (c) => c.notNull())
    .addColumn("applicant_name", "text")
    .addColumn("applicant_iin", "text")
    .addColumn("applicant_bin", "text")
    .addColumn("applicant_email", "text")
    .addColumn("applicant_phone", "text")
    .addColumn("applicant_address", "text")
    .addColumn("applicant_language", "text", (c) => c.notNull())
    .addColumn("category_id", "text", (c) => c.references("categories.id"))
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("body_hash", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("address", "text")
    .addColumn("district_code", "text")
    .addColumn("lat", "real")
    .addColumn("lon", "real")
    .addColumn("public", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("crime_report", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("registered_by_id", "text", (c) => c.references("accounts.id"))
    .addColumn("registered_by_label", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("registered_on", "text", (c) => c.notNull())
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("original_due_on", "text", (c) => c.notNull())
    .addColumn("extended_at", "text")
    .addColumn("extension_reason", "text")
    .addColumn("executor_id", "text", (c) => c.references("accounts.id"))
    .addColumn("source_appeal_id", "text", (c) => c.references("appeals.id"))
    .addColumn("complaint_of_id", "text", (c) => c.references("appeals.id"))
    .addColumn("duplicate_of_id", "text", (c) => c.references("appeals.id"))
    .addColumn("correction_note", "text")
    .addColumn("correction_due_on", "text")
    .addColumn("answer_outcome", "text")
    .addColumn("answer_basis", "text")
    .addColumn("answer_text", "text")
    .addColumn("answer_language", "text")
    .addColumn("answer_drafted_at", "text")
    .addColumn("answered_at", "text")
    .addColumn("closed_at", "text")
    .addColumn("close_reason", "text")
    .addColumn("close_note", "text")
    .addColumn("deemed_refused_at", "text")
    .addColumn("complained_at", "text")
    .addColumn("rating_score", "integer")
    .addColumn("rating_resolved", "text")
    .addColumn("rating_comment", "text")
    .addColumn("rated_at", "text")
    .addColumn("reminded_for", "text")
    .addColumn("escalation_level", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("registration_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  // The inbox: one body's appeals by status and term, or newest first.
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
  await db.schema
    .createIndex("appeals_executor")
    .on("appeals")
    .columns(["executor_id", "status"])
    .execute();
  await db.schema
    .createIndex("appeals_applicant")
    .on("appeals")
    .columns(["applicant_account_id", "received_at"])
    .execute();
  // The clock's jobs look for open appeals by term.
  await db.schema.createIndex("appeals_due").on("appeals").columns(["status", "due_on"]).execute();

  // Registration numbers: one counter per body and year, bumped inside the filing transaction.
  await db.schema
    .createTable("appeal_counters")
    .addColumn("agency_id", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("last_value", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("appeal_counters_pk", ["agency_id", "year"])
    .execute();

  // Files live on disk under a content-addressed key; the row says whose they are.
  await db.schema
    .createTable("appeal_attachments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("appeal_id", "text", (c) => c.references("appeals.id"))
    .addColumn("draft_id", "text")
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("uploaded_by_id", "text", (c) => c.references("accounts.id"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("media_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("appeal_attachments_appeal")
    .on("appeal_attachments")
    .columns(["appeal_id"])
    .execute();
  await db.schema
    .createIndex("appeal_attachments_draft")
    .on("appeal_attachments")
    .columns(["draft_id"])
    .execute();

  // A web filing in progress (kind, body, text …) until the person submits it.
  await db.schema
    .createTable("appeal_drafts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  // Text messages wait in an outbox like mail, written with the change they announce.
  await db.schema
    .createTable("sms_outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("to_phone", "text", (c) => c.notNull())
    .addColumn("body_text", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("claimed_at", "text")
    .addColumn("last_error", "text")
    .addColumn("sent_at", "text")
    .execute();
  await db.schema
    .createIndex("sms_outbox_due")
    .on("sms_outbox")
    .columns(["status", "next_attempt_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("sms_outbox").execute();
  await db.schema.dropTable("appeal_drafts").execute();
  await db.schema.dropTable("appeal_attachments").execute();
  await db.schema.dropTable("appeal_counters").execute();
  await db.schema.dropTable("appeals").execute();
}

import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A hearing, citizens' assembly or conference of delegates. Start and end are UTC instants;
  // the body's zone at announcement is kept so every reader sees the body's local time.
  // `queue_seq` is bumped first in every registering or cancelling transaction: that update
  // locks the row, so two people never take the last place together, and numbers the queue.
  await db.schema
    .createTable("meetings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title_kk", "text")
    .addColumn("title_ru", "text")
    .addColumn("title_en", "text")
    .addColumn("agenda_kk", "text")
    .addColumn("agenda_ru", "text")
    .addColumn("agenda_en", "text")
    .addColumn("place", "text")
    .addColumn("online_url", "text")
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("capacity", "integer", (c) => c.notNull())
    .addColumn("eligibility", "text", (c) => c.notNull())
    .addColumn("territory_code", "text")
    .addColumn("queue_seq", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("minutes", "text")
    .addColumn("minutes_published_at", "text")
    .addColumn("registered_figure", "integer")
    .addColumn("attended_figure", "integer")
    .addColumn("announced_by_id", "text", (c) => c.references("accounts.id"))
    .addColumn("announced_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("meetings_starts").on("meetings").columns(["starts_at"]).execute();
  await db.schema
    .createIndex("meetings_agency")
    .on("meetings")
    .columns(["agency_id", "starts_at"])
    .execute();

  // Delegates named by the body, by e-mail (lower case): an account with that confirmed
  // address may register.
  await db.schema
    .createTable("meeting_delegates")
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id"))
    .addColumn("email", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("meeting_delegates_pk", ["meeting_id", "email"])
    .execute();

  // One row per person and meeting; cancelling keeps the row, registering again reuses it.
  await db.schema
    .createTable("meeting_registrations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id"))
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("queue_no", "integer", (c) => c.notNull())
    .addColumn("declared_territory", "text")
    .addColumn("registered_at", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text")
    .addColumn("promoted_at", "text")
    .addColumn("cancelled_at", "text")
    .addUniqueConstraint("meeting_registrations_person", ["meeting_id", "account_id"])
    .execute();
  await db.schema
    .createIndex("meeting_registrations_queue")
    .on("meeting_registrations")
    .columns(["meeting_id", "status", "queue_no"])
    .execute();
  await db.schema
    .createIndex("meeting_registrations_account")
    .on("meeting_registrations")
    .columns(["account_id"])
    .execute();

  // Questions and positions sent in advance; public once a moderator approves them.
  await db.schema
    .createTable("meeting_questions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id"))
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addColumn("moderated_by_id", "text", (c) => c.references("accounts.id"))
    .addColumn("moderated_at", "text")
    .addColumn("moderation_reason", "text")
    .addColumn("answer", "text")
    .addColumn("answered_by_id", "text", (c) => c.references("accounts.id"))
    .addColumn("answered_at", "text")
    .execute();
  await db.schema
    .createIndex("meeting_questions_meeting")
    .on("meeting_questions")
    .columns(["meeting_id", "status", "submitted_at"])
    .execute();

  // Decisions taken at a meeting, in order, each with an optional follow-up: an appeal (its
  // number) or a draft act or petition (an https address).
  await db.schema
    .createTable("meeting_decisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("follow_up_kind", "text")
    .addColumn("follow_up_ref", "text")
    .addColumn("created_by_id", "text", (c) => c.references("accounts.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("meeting_decisions_position", ["meeting_id", "position"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("meeting_decisions").execute();
  await db.schema.dropTable("meeting_questions").execute();
  await db.schema.dropTable("meeting_registrations").execute();
  await db.schema.dropTable("meeting_delegates").execute();
  await db.schema.dropTable("meetings").execute();
}

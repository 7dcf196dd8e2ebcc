import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A reception schedule an official (a head or deputy: an account with the head role) publishes:
  // the days (JSON list of YYYY-MM-DD in the body's zone), hours, slot length, where, and the
  // topics (JSON list of category ids) they take. Slots are generated from it once.
  await db.schema
    .createTable("reception_schedules")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("official_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("days", "text", (c) => c.notNull())
    .addColumn("start_time", "text", (c) => c.notNull())
    .addColumn("end_time", "text", (c) => c.notNull())
    .addColumn("slot_minutes", "integer", (c) => c.notNull())
    .addColumn("place", "text")
    .addColumn("online_url", "text")
    .addColumn("topics", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("created_by_id", "text", (c) => c.references("accounts.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("reception_schedules_agency")
    .on("reception_schedules")
    .columns(["agency_id", "created_at"])
    .execute();

  // One slot of a schedule. `booking_id` is null while the slot is free; booking takes it with a
  // conditional UPDATE (… WHERE booking_id IS NULL), so one slot is never given twice.
  await db.schema
    .createTable("reception_slots")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("schedule_id", "text", (c) => c.notNull().references("reception_schedules.id"))
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("official_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("booking_id", "text")
    .execute();
  await db.schema
    .createIndex("reception_slots_agency")
    .on("reception_slots")
    .columns(["agency_id", "starts_at"])
    .execute();
  await db.schema
    .createIndex("reception_slots_official")
    .on("reception_slots")
    .columns(["official_id", "starts_at"])
    .execute();

  // A booked reception or a walk-in ticket, and what came of it. Walk-ins have no slot and may
  // have no account; their ticket number is sequential per official and reception day.
  await db.schema
    .createTable("reception_bookings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("official_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("slot_id", "text", (c) => c.references("reception_slots.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("starts_at", "text")
    .addColumn("ticket_no", "integer")
    .addColumn("account_id", "text", (c) => c.references("accounts.id"))
    .addColumn("visitor_name", "text")
    .addColumn("visitor_contact", "text")
    .addColumn("topic_id", "text")
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("redirect_consent", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("clarification_question", "text")
    .addColumn("clarification_asked_at", "text")
    .addColumn("clarification_answer", "text")
    .addColumn("clarification_answered_at", "text")
    .addColumn("advice_agency_id", "text", (c) => c.references("agencies.id"))
    .addColumn("advice_note", "text")
    .addColumn("advised_at", "text")
    .addColumn("outcome_note", "text")
    .addColumn("refusal_reason", "text")
    .addColumn("appeal_id", "text", (c) => c.references("appeals.id"))
    .addColumn("appeal_number", "text")
    .addColumn("outcome_by_id", "text", (c) => c.references("accounts.id"))
    .addColumn("outcome_at", "text")
    .addColumn("reminded_at", "text")
    .addColumn("cancelled_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("reception_bookings_ticket", ["official_id", "day", "ticket_no"])
    .execute();
  await db.schema
    .createIndex("reception_bookings_account")
    .on("reception_bookings")
    .columns(["account_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("reception_bookings_agency")
    .on("reception_bookings")
    .columns(["agency_id", "day"])
    .execute();
  await db.schema
    .createIndex("reception_bookings_reminders")
    .on("reception_bookings")
    .columns(["status", "reminded_at", "starts_at"])
    .execute();

  // The last walk-in ticket given by an official on a day: bumped by a conditional UPDATE that
  // locks the row, so tickets are sequential under concurrency on both databases.
  await db.schema
    .createTable("reception_ticket_counters")
    .addColumn("official_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("last_no", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("reception_ticket_counters_pk", ["official_id", "day"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("reception_ticket_counters").execute();
  await db.schema.dropTable("reception_bookings").execute();
  await db.schema.dropTable("reception_slots").execute();
  await db.schema.dropTable("reception_schedules").execute();
}

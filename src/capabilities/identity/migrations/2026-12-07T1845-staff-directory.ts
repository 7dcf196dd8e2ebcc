import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

/**
 * The staff directory of a body: its departments (отделы / бөлімдер), each staff member's
 * department and position there, and substitutions (замещение): who acts for whom, from which
 * day to which day, set by the body's administrator or head.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("staff_departments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("name_kk", "text", (c) => c.notNull())
    .addColumn("name_ru", "text", (c) => c.notNull())
    .addColumn("name_en", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("staff_departments_agency")
    .on("staff_departments")
    .columns(["agency_id"])
    .execute();
  await db.schema
    .createTable("staff_positions")
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("department_id", "text", (c) => c.references("staff_departments.id"))
    .addColumn("title_kk", "text")
    .addColumn("title_ru", "text")
    .addColumn("title_en", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("staff_positions_pk", ["account_id", "agency_id"])
    .execute();
  await db.schema
    .createTable("staff_substitutions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("absent_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("substitute_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("from_on", "text", (c) => c.notNull())
    .addColumn("until_on", "text", (c) => c.notNull())
    .addColumn("created_by_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("cancelled_at", "text")
    .execute();
  await db.schema
    .createIndex("staff_substitutions_agency")
    .on("staff_substitutions")
    .columns(["agency_id", "until_on"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("staff_substitutions").execute();
  await db.schema.dropTable("staff_positions").execute();
  await db.schema.dropTable("staff_departments").execute();
}

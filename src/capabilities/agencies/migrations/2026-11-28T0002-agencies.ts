import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("agencies")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("parent_id", "text", (c) => c.references("agencies.id"))
    .addColumn("higher_body_id", "text", (c) => c.references("agencies.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("jurisdiction", "text", (c) => c.notNull())
    .addColumn("territory_code", "text")
    .addColumn("name_kk", "text", (c) => c.notNull())
    .addColumn("name_ru", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("address_kk", "text")
    .addColumn("address_ru", "text")
    .addColumn("address_en", "text")
    .addColumn("phone", "text")
    .addColumn("email", "text")
    .addColumn("website", "text")
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("agencies_parent").on("agencies").column("parent_id").execute();

  await db.schema
    .createTable("categories")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("name_kk", "text", (c) => c.notNull())
    .addColumn("name_ru", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("agency_competences")
    .addColumn("agency_id", "text", (c) =>
      c.notNull().references("agencies.id").onDelete("cascade"),
    )
    .addColumn("category_id", "text", (c) =>
      c.notNull().references("categories.id").onDelete("cascade"),
    )
    .addPrimaryKeyConstraint("agency_competences_pk", ["agency_id", "category_id"])
    .execute();
  await db.schema
    .createIndex("agency_competences_category")
    .on("agency_competences")
    .column("category_id")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("agency_competences").execute();
  await db.schema.dropTable("categories").execute();
  await db.schema.dropTable("agencies").execute();
}

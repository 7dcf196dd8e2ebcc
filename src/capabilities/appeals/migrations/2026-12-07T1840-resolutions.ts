import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

/**
 * Resolutions (резолюция / бұрыштама): who executes an appeal, with whom, by when and on what
 * instruction. A new resolution supersedes the last one, which stays as history. Co-executors
 * are rows of their own, one per person. A forwarded complaint carries the body's position
 * (отзыв) to the higher body; an appeal may be put on the
 * head's control (на контроле).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("appeal_resolutions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("appeal_id", "text", (c) => c.notNull().references("appeals.id"))
    .addColumn("author_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("executor_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("control_on", "text")
    .addColumn("instruction", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("superseded_at", "text")
    .execute();
  await db.schema
    .createIndex("appeal_resolutions_appeal")
    .on("appeal_resolutions")
    .columns(["appeal_id", "created_at"])
    .execute();
  await db.schema
    .createTable("appeal_co_executors")
    .addColumn("resolution_id", "text", (c) => c.notNull().references("appeal_resolutions.id"))
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
    .addPrimaryKeyConstraint("appeal_co_executors_pk", ["resolution_id", "account_id"])
    .execute();
  await db.schema
    .createIndex("appeal_co_executors_account")
    .on("appeal_co_executors")
    .columns(["account_id"])
    .execute();
  await db.schema.alterTable("appeals").addColumn("complaint_position", "text").execute();
  // «На контроле»: the head watches this appeal; when and by whom it was put there.
  await db.schema.alterTable("appeals").addColumn("on_control_at", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("appeals").dropColumn("on_control_at").execute();
  await db.schema.alterTable("appeals").dropColumn("complaint_position").execute();
  await db.schema.dropTable("appeal_co_executors").execute();
  await db.schema.dropTable("appeal_resolutions").execute();
}

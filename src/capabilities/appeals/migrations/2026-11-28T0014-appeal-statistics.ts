import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Figures of appeals, kept up to date in the transaction that changes an appeal, so that a
  // statistics page sums a few rows instead of scanning the appeals. One row is a count for
  // one scope ("a:<agency id>", "l:<level>" or "*" for the whole country), one grain of time
  // ("d" a day YYYY-MM-DD, "m" a month YYYY-MM, "y" a year YYYY), one metric and one value of
  // its dimension (a channel and kind, a number of working days, a rating ...).
  await db.schema
    .createTable("appeal_stats")
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("grain", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("metric", "text", (c) => c.notNull())
    .addColumn("dim", "text", (c) => c.notNull())
    .addColumn("value", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("appeal_stats_pk", ["scope", "grain", "period", "metric", "dim"])
    .execute();
  // The ranking reads one period and a few metrics for every body.
  await db.schema
    .createIndex("appeal_stats_ranking")
    .on("appeal_stats")
    .columns(["grain", "period", "metric", "scope"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("appeal_stats").execute();
}

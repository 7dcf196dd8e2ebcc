import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

/** The states in which a body still owes a decision, as they were when this was written. */
const OPEN = ["registered", "in_progress", "awaiting_correction", "awaiting_approval"];
const CHUNK = 200;

/**
 * Open appeals by due date: one count per scope ("a:<agency id>" for a body, "*" for the
 * country) and year ("y", YYYY), month ("m", YYYY-MM) or day ("d", YYYY-MM-DD) of the due date,
 * kept in the transaction of every change of an appeal, so "overdue now" sums a few rows per
 * body. Filled here from the appeals already open.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("appeal_open_due")
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("grain", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("open", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("appeal_open_due_pk", ["scope", "grain", "period"])
    .execute();
  const t = db as unknown as Kysely<{
    appeals: { agency_id: string; status: string; due_on: string };
    appeal_open_due: { scope: string; grain: string; period: string; open: number };
  }>;
  const groups = await t
    .selectFrom("appeals")
    .select((eb) => ["agency_id", "due_on", eb.fn.countAll<number | string>().as("n")])
    .where("status", "in", OPEN)
    .groupBy(["agency_id", "due_on"])
    .execute();
  const counts = new Map<string, number>();
  for (const g of groups) {
    for (const scope of [`a:${g.agency_id}`, "*"]) {
      for (const [grain, period] of [
        ["y", g.due_on.slice(0, 4)],
        ["m", g.due_on.slice(0, 7)],
        ["d", g.due_on],
      ]) {
        const key = `${scope}\t${grain}\t${period}`;
        counts.set(key, (counts.get(key) ?? 0) + Number(g.n));
      }
    }
  }
  const rows = [...counts].map(([key, open]) => {
    const [scope, grain, period] = key.split("\t") as [string, string, string];
    return { scope, grain, period, open };
  });
  for (let i = 0; i < rows.length; i += CHUNK) {
    await t
      .insertInto("appeal_open_due")
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("appeal_open_due").execute();
}

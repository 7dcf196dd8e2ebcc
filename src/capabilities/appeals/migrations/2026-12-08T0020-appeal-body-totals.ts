import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

interface StatRow {
  scope: string;
  grain: string;
  period: string;
  metric: string;
  dim: string;
  value: number | string | bigint;
}

interface Totals {
  received: number;
  registered_on_time: number;
  answered: number;
  answered_in_term: number;
  ratings: number;
  rating_sum: number;
  resolved_yes: number;
  days: number[];
}

const CHUNK = 200;

/**
 * Per-body totals of appeals by month (grain "m", period YYYY-MM) and by day (grain "d",
 * period YYYY-MM-DD), one row each: what the ranking of bodies
 * reads (a few thousand rows for a year of every body, instead of every body's detailed
 * statistics). `answer_days` is the histogram of working days to an answer (a JSON array: the
 * number of answers sent after 0, 1, 2 … working days), for the exact median. Kept in the
 * transaction of every change of an appeal, like `appeal_stats`; filled here from the bodies'
 * rows of `appeal_stats` (months and days) so an existing installation ranks at once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("appeal_body_totals")
    .addColumn("grain", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("agency_id", "text", (c) => c.notNull())
    .addColumn("received", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("registered_on_time", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("answered", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("answered_in_term", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("ratings", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("rating_sum", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("resolved_yes", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("answer_days", "text", (c) => c.notNull().defaultTo("[]"))
    .addPrimaryKeyConstraint("appeal_body_totals_pk", ["grain", "period", "agency_id"])
    .execute();

  const t = db as unknown as Kysely<{
    appeal_stats: StatRow;
    appeal_body_totals: Omit<Totals, "days"> & {
      grain: string;
      period: string;
      agency_id: string;
      answer_days: string;
    };
  }>;
  // One body at a time, each found by a seek in the primary key of `appeal_stats`.
  let scope = "a:";
  for (;;) {
    const next = await t
      .selectFrom("appeal_stats")
      .select("scope")
      .where("scope", ">", scope)
      .where("scope", "<", "a;")
      .orderBy("scope")
      .limit(1)
      .executeTakeFirst();
    if (!next) break;
    scope = next.scope;
    const id = scope.slice(2);
    const stats = await t
      .selectFrom("appeal_stats")
      .select(["grain", "period", "metric", "dim", "value"])
      .where("scope", "=", scope)
      .where("grain", "in", ["m", "d"])
      .where("metric", "in", ["recv", "reg", "ans", "rating"])
      .execute();
    const totals = new Map<string, Totals>();
    for (const r of stats) {
      const key = `${r.grain}\t${r.period}`;
      let s = totals.get(key);
      if (!s) {
        s = {
          received: 0,
          registered_on_time: 0,
          answered: 0,
          answered_in_term: 0,
          ratings: 0,
          rating_sum: 0,
          resolved_yes: 0,
          days: [],
        };
        totals.set(key, s);
      }
      const n = Number(r.value);
      const d = r.dim.split("|");
      if (r.metric === "recv") s.received += n;
      else if (r.metric === "reg") {
        if (d[1] === "1") s.registered_on_time += n;
      } else if (r.metric === "ans") {
        s.answered += n;
        if (d[1] === "1") s.answered_in_term += n;
        const days = Number(d[0]);
        for (let i = s.days.length; i <= days; i++) s.days.push(0);
        s.days[days] = (s.days[days] ?? 0) + n;
      } else if (r.metric === "rating") {
        s.ratings += n;
        s.rating_sum += Number(d[0]) * n;
        if (d[1] === "yes") s.resolved_yes += n;
      }
    }
    const rows = [...totals].map(([key, { days, ...s }]) => ({
      grain: key.slice(0, 1),
      period: key.slice(2),
      agency_id: id,
      ...s,
      answer_days: JSON.stringify(days),
    }));
    for (let i = 0; i < rows.length; i += CHUNK) {
      await t
        .insertInto("appeal_body_totals")
        .values(rows.slice(i, i + CHUNK))
        .execute();
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("appeal_body_totals").execute();
}

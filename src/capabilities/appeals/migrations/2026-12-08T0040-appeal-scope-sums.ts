import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

const CHUNK = 200;

/**
 * The statistics of the country ("*") and each level ("l:<level>") by day ("d"), month ("m")
 * and year ("y"), one row per scope and period: every count of `appeal_stats` for it as a JSON
 * object by `metric\tdim` (no zeros), so the overview and a level page read a few dozen rows
 * for any period. Kept with `appeal_stats`; filled here from its rows of those scopes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("appeal_scope_sums")
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("grain", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("sums", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("appeal_scope_sums_pk", ["scope", "grain", "period"])
    .execute();
  const t = db as unknown as Kysely<{
    appeal_stats: {
      scope: string;
      grain: string;
      period: string;
      metric: string;
      dim: string;
      value: number | string;
    };
    appeal_scope_sums: { scope: string; grain: string; period: string; sums: string };
  }>;
  const scopes = await t
    .selectFrom("appeal_stats")
    .select("scope")
    .distinct()
    .where((eb) => eb.or([eb("scope", "=", "*"), eb("scope", "like", "l:%")]))
    .execute();
  for (const { scope } of scopes) {
    const stats = await t
      .selectFrom("appeal_stats")
      .select(["grain", "period", "metric", "dim", "value"])
      .where("scope", "=", scope)
      .execute();
    const rows = new Map<string, Record<string, number>>();
    for (const r of stats) {
      const key = `${r.grain}\t${r.period}`;
      const sums = rows.get(key) ?? {};
      rows.set(key, sums);
      const k = `${r.metric}\t${r.dim}`;
      sums[k] = (sums[k] ?? 0) + Number(r.value);
    }
    const values = [...rows].map(([key, sums]) => {
      const out: Record<string, number> = {};
      for (const k of Object.keys(sums).sort()) if (sums[k] !== 0) out[k] = sums[k] as number;
      return { scope, grain: key.slice(0, 1), period: key.slice(2), sums: JSON.stringify(out) };
    });
    for (let i = 0; i < values.length; i += CHUNK) {
      await t
        .insertInto("appeal_scope_sums")
        .values(values.slice(i, i + CHUNK))
        .execute();
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("appeal_scope_sums").execute();
}

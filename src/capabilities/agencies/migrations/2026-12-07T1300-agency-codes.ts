import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

/** The initials of the slug's words, 2–3 characters (the rule of agency-code.ts at this time). */
function suggested(slug: string): string {
  const words = slug
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w.length > 0);
  const base = words.length > 1 ? words.map((w) => w[0]).join("") : (words[0] ?? "");
  const code = (base.length >= 2 ? base : `${base}${words[0]?.slice(1) ?? ""}XX`).slice(0, 3);
  return code.length >= 2 ? code : "AG";
}

/**
 * Each body gets a short code (2–4 capital Latin letters or digits, unique), which appeals'
 * registration numbers carry. Bodies already in the directory get one from their slug here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("agencies").addColumn("code", "text").execute();
  const t = db as unknown as Kysely<{
    agencies: { id: string; slug: string; code: string | null; created_at: string };
  }>;
  const rows = await t
    .selectFrom("agencies")
    .select(["id", "slug"])
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const taken = new Set<string>();
  for (const r of rows) {
    const base = suggested(r.slug);
    let code = base;
    for (let i = 2; taken.has(code); i++)
      code = i <= 9 ? `${base.slice(0, 3)}${i}` : `${base.slice(0, 2)}${i}`;
    taken.add(code);
    await t.updateTable("agencies").set({ code }).where("id", "=", r.id).execute();
  }
  await db.schema.createIndex("agencies_code").on("agencies").column("code").unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("agencies_code").execute();
  await db.schema.alterTable("agencies").dropColumn("code").execute();
}

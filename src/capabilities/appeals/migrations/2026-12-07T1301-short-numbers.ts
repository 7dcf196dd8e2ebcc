import type { Kysely } from "kysely";

// Frozen: never import application code here; a later change is a new migration.

/** What a staff search looks in: both numbers, subject and applicant, lowercased. */
function searchText(r: {
  number: string;
  legacy_number: string | null;
  subject: string;
  applicant_name: string | null;
}): string {
  return `${r.number} ${r.legacy_number ?? ""} ${r.subject} ${r.applicant_name ?? ""}`
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * Short registration numbers: `<body code>-<year>-<sequence>` (`BKA-2026-0013`) instead of the
 * body's slug (`BAIKONUR-DISTRICT-AKIMAT-2026-000013`). Each existing appeal keeps its year and
 * sequence and gets its body's code (added by the agencies migration 2026-12-07T1300, which
 * sorts first); its old number stays in `legacy_number`, so old links, letters and SMS still
 * find it. The yearly counters are unchanged: the next number continues the same sequence.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("appeals").addColumn("legacy_number", "text").execute();
  const t = db as unknown as Kysely<{
    appeals: {
      id: string;
      number: string;
      legacy_number: string | null;
      agency_id: string;
      subject: string;
      applicant_name: string | null;
      search_text: string;
    };
    agencies: { id: string; code: string | null; slug: string };
  }>;
  const codes = new Map(
    (await t.selectFrom("agencies").select(["id", "code", "slug"]).execute()).map((a) => [
      a.id,
      a.code ?? a.slug.slice(0, 4).toUpperCase(),
    ]),
  );
  for (let after = ""; ; ) {
    const page = await t
      .selectFrom("appeals")
      .select(["id", "number", "agency_id", "subject", "applicant_name"])
      .where("id", ">", after)
      .where("legacy_number", "is", null)
      .orderBy("id")
      .limit(1000)
      .execute();
    if (page.length === 0) break;
    for (const r of page) {
      const m = /-(\d{4})-(\d+)$/.exec(r.number);
      const code = codes.get(r.agency_id);
      if (!m || !code) continue;
      const number = `${code}-${m[1]}-${String(Number(m[2])).padStart(4, "0")}`;
      await t
        .updateTable("appeals")
        .set({
          number,
          legacy_number: r.number,
          search_text: searchText({ ...r, number, legacy_number: r.number }),
        })
        .where("id", "=", r.id)
        .execute();
    }
    after = (page[page.length - 1] as { id: string }).id;
  }
  await db.schema
    .createIndex("appeals_legacy_number")
    .on("appeals")
    .column("legacy_number")
    .unique()
    .execute();
  await db.schema
    .createIndex("appeals_inbox_legacy_number")
    .on("appeals")
    .columns(["agency_id", "legacy_number"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("appeals_inbox_legacy_number").execute();
  await db.schema.dropIndex("appeals_legacy_number").execute();
  await db.schema.alterTable("appeals").dropColumn("legacy_number").execute();
}

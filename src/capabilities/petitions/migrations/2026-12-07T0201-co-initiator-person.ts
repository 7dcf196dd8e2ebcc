import type { Kysely } from "kysely";

/**
 * A co-initiator is counted once per person, not per account: each row keeps a keyed hash of
 * the person's verified IIN, unique within a petition. Rows made before this change keep none
 * (an account could then count twice only by deleting itself and joining again).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("petition_co_initiators").addColumn("person_key", "text").execute();
  await db.schema
    .createIndex("petition_co_initiators_person")
    .on("petition_co_initiators")
    .columns(["petition_id", "person_key"])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("petition_co_initiators_person").execute();
  await db.schema.alterTable("petition_co_initiators").dropColumn("person_key").execute();
}

import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { OPEN_STATUSES } from "./appeal.js";

type Db = Kysely<Database>;

/** The day an appeal must be answered by (undefined for an unknown id). */
export async function appealDueOn(db: Db, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("appeals")
    .select("due_on")
    .where("id", "=", id)
    .executeTakeFirst();
  return row?.due_on;
}

/**
 * A body's first appeal by number, narrowed to one applicant's or to public ones, for other
 * capabilities' demo data that refers to an appeal.
 */
export async function firstAppeal(
  db: Db,
  agencyId: string,
  options: { applicantAccountId?: string; publicOnly?: boolean } = {},
): Promise<{ id: string; number: string } | undefined> {
  let q = db.selectFrom("appeals").select(["id", "number"]).where("agency_id", "=", agencyId);
  if (options.applicantAccountId !== undefined)
    q = q.where("applicant_account_id", "=", options.applicantAccountId);
  if (options.publicOnly) q = q.where("public", "=", 1);
  return q.orderBy("number").executeTakeFirst();
}

/** The public number of an appeal (undefined for an unknown id). */
export async function appealNumber(db: Db, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("appeals")
    .select("number")
    .where("id", "=", id)
    .executeTakeFirst();
  return row?.number;
}

/** The day the latest appeal was registered (where figures per year end), or null when none was. */
export async function lastRegisteredOn(db: Db): Promise<string | null> {
  const last = await db
    .selectFrom("appeals")
    .select("registered_on")
    .orderBy("registered_on", "desc")
    .limit(1)
    .executeTakeFirst();
  return last?.registered_on ?? null;
}

/**
 * Reads only the columns of an appeal that open data may publish: the subject and text come out
 * of the database only for public appeals, so private text never even reaches the exporter.
 */
function publishedQuery(db: Db) {
  return db.selectFrom("appeals").select((eb) => [
    "appeals.number",
    "appeals.agency_id",
    "appeals.jurisdiction",
    "appeals.category_id",
    "appeals.kind",
    "appeals.channel",
    "appeals.district_code",
    "appeals.registered_on",
    "appeals.due_on",
    "appeals.status",
    "appeals.answered_at",
    "appeals.answer_outcome",
    "appeals.rating_score",
    "appeals.rating_resolved",
    "appeals.public",
    eb
      .case()
      .when(eb.and([eb("appeals.public", "=", 1), eb("appeals.status", "!=", "attached")]))
      .then(eb.ref("appeals.subject"))
      .else(eb.val<string | null>(null))
      .end()
      .as("public_subject"),
    eb
      .case()
      .when(eb.and([eb("appeals.public", "=", 1), eb("appeals.status", "!=", "attached")]))
      .then(eb.ref("appeals.body"))
      .else(eb.val<string | null>(null))
      .end()
      .as("public_text"),
  ]);
}
export type PublishedAppeal = Awaited<
  ReturnType<ReturnType<typeof publishedQuery>["execute"]>
>[number];

/**
 * A keyset page of appeals as open data publishes them, in order of number after `after`
 * (null: from the first), optionally only those registered in one year: one indexed query
 * whatever the table's size.
 */
export async function publishedAppealPage(
  db: Db,
  page: { year?: number; after: string | null; limit: number },
): Promise<PublishedAppeal[]> {
  let q = publishedQuery(db);
  if (page.year !== undefined) {
    q = q
      .where("appeals.registered_on", ">=", `${page.year}-01-01`)
      .where("appeals.registered_on", "<=", `${page.year}-12-31`);
  }
  if (page.after !== null) q = q.where("appeals.number", ">", page.after);
  return q.orderBy("appeals.number").limit(page.limit).execute();
}

/** Reads what an Open311 service request may show: text and coordinates only of public appeals. */
function requestQuery(db: Db) {
  return db.selectFrom("appeals").select((eb) => {
    const published = eb.and([
      eb("appeals.public", "=", 1),
      eb("appeals.status", "!=", "attached"),
    ]);
    return [
      "appeals.id",
      "appeals.number",
      "appeals.legacy_number",
      "appeals.status",
      "appeals.agency_id",
      "appeals.jurisdiction",
      "appeals.category_id",
      "appeals.answer_outcome",
      "appeals.close_reason",
      "appeals.received_at",
      "appeals.updated_at",
      "appeals.registered_on",
      "appeals.due_on",
      "appeals.district_code",
      eb
        .case()
        .when(published)
        .then(eb.ref("appeals.body"))
        .else(eb.val<string | null>(null))
        .end()
        .as("public_text"),
      eb
        .case()
        .when(published)
        .then(eb.ref("appeals.lat"))
        .else(eb.val<number | null>(null))
        .end()
        .as("public_lat"),
      eb
        .case()
        .when(published)
        .then(eb.ref("appeals.lon"))
        .else(eb.val<number | null>(null))
        .end()
        .as("public_lon"),
    ];
  });
}
export type AppealRequest = Awaited<ReturnType<ReturnType<typeof requestQuery>["execute"]>>[number];

/**
 * Appeals as Open311 service requests, by number (the current one or the one before short
 * numbers, so old ids still resolve), in no particular order.
 */
export async function appealRequestsByNumber(db: Db, numbers: string[]): Promise<AppealRequest[]> {
  if (numbers.length === 0) return [];
  return requestQuery(db)
    .where((eb) =>
      eb.or([eb("appeals.number", "in", numbers), eb("appeals.legacy_number", "in", numbers)]),
    )
    .execute();
}

/**
 * Appeals as Open311 service requests received in [start, end] (ISO instants), newest first,
 * optionally of some categories and only open or only closed ones (`open`: still owed a decision).
 */
export async function appealRequestsReceived(
  db: Db,
  q: { start: string; end: string; categoryIds?: string[]; open?: boolean; limit: number },
): Promise<AppealRequest[]> {
  let query = requestQuery(db)
    .where("appeals.received_at", ">=", q.start)
    .where("appeals.received_at", "<=", q.end);
  if (q.categoryIds && q.categoryIds.length > 0) {
    query = query.where("appeals.category_id", "in", q.categoryIds);
  }
  if (q.open !== undefined) {
    query = q.open
      ? query.where("appeals.status", "in", [...OPEN_STATUSES])
      : query.where("appeals.status", "not in", [...OPEN_STATUSES]);
  }
  return query
    .orderBy("appeals.received_at", "desc")
    .orderBy("appeals.number", "desc")
    .limit(q.limit)
    .execute();
}

import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../../db/schema.js";

/** What a person has entered so far on the filing pages; every field is optional until the check. */
export interface DraftData {
  kind?: string;
  /** The organisation filed for; "" when the person files for themselves. */
  organisationId?: string;
  agencyId?: string;
  categoryId?: string;
  districtCode?: string;
  subject?: string;
  text?: string;
  language?: string;
  address?: string;
  /** The point marked on the map (WGS 84), if any: the address stays the way without a map. */
  lat?: number | undefined;
  lon?: number | undefined;
  public?: boolean;
  crimeReport?: boolean;
}

export interface Draft {
  id: string;
  data: DraftData;
  updatedAt: string;
}

type Db = Kysely<Database>;

/** Draft ids in addresses: anything else is a 404 before any query. */
export const DRAFT_ID = /^[0-9a-f-]{36}$/;

export async function createDraft(
  db: Db,
  accountId: string,
  data: DraftData,
  now: string,
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto("appeal_drafts")
    .values({
      id,
      account_id: accountId,
      data: JSON.stringify(data),
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** A draft of this person only: someone else's draft is as if it did not exist. */
export async function loadDraft(db: Db, accountId: string, id: string): Promise<Draft | undefined> {
  if (!DRAFT_ID.test(id)) return undefined;
  const row = await db
    .selectFrom("appeal_drafts")
    .select(["id", "data", "updated_at"])
    .where("id", "=", id)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return row
    ? { id: row.id, data: JSON.parse(row.data) as DraftData, updatedAt: row.updated_at }
    : undefined;
}

export async function saveDraft(
  db: Db,
  accountId: string,
  id: string,
  data: DraftData,
  now: string,
): Promise<void> {
  await db
    .updateTable("appeal_drafts")
    .set({ data: JSON.stringify(data), updated_at: now })
    .where("id", "=", id)
    .where("account_id", "=", accountId)
    .execute();
}

export async function deleteDraft(db: Db, accountId: string, id: string): Promise<void> {
  await db
    .deleteFrom("appeal_drafts")
    .where("id", "=", id)
    .where("account_id", "=", accountId)
    .execute();
}

/** The person's unfinished filings, newest first. */
export async function listDrafts(db: Db, accountId: string): Promise<Draft[]> {
  const rows = await db
    .selectFrom("appeal_drafts")
    .select(["id", "data", "updated_at"])
    .where("account_id", "=", accountId)
    .orderBy("updated_at", "desc")
    .limit(20)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    data: JSON.parse(r.data) as DraftData,
    updatedAt: r.updated_at,
  }));
}

import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { Database } from "../../../db/schema.js";
import { type Actor, appendAudit } from "../../../kernel/audit/audit.js";
import { type FieldIssue, invalid, notFound, ok, type Result } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import type { Open311ApiKeysTable } from "../open-data.table.js";

export type ApiKeyRow = Selectable<Open311ApiKeysTable>;

/** The stored form of a key: its SHA-256, hex. Keys are long and random, so no salt is needed. */
export function hashKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** The key a request presents, if it is issued and not revoked. */
export async function findActiveKey(
  db: Kysely<Database>,
  key: string,
): Promise<ApiKeyRow | undefined> {
  if (!key || key.length > 200) return undefined;
  return db
    .selectFrom("open311_api_keys")
    .selectAll()
    .where("key_hash", "=", hashKey(key))
    .where("revoked_at", "is", null)
    .executeTakeFirst();
}

export async function listKeys(db: Kysely<Database>): Promise<ApiKeyRow[]> {
  return db
    .selectFrom("open311_api_keys")
    .selectAll()
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
}

export interface KeyInput {
  name: string;
  organisation: string;
  contact: string;
}

/** Checks what an administrator typed for a new key; each problem names its field. */
export function checkKeyInput(input: KeyInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const field of ["name", "organisation", "contact"] as const) {
    const v = input[field].trim();
    if (!v) issues.push({ field, key: `open_data.keys.error.${field}_required` });
    else if (v.length > 200) {
      issues.push({ field, key: "open_data.keys.error.too_long", params: { max: 200 } });
    }
  }
  return issues;
}

/**
 * Issues a key: a random secret shown once to the administrator; only its hash is stored,
 * with the issue recorded in the audit log in the same transaction.
 */
export async function issueKey(
  ctx: AppContext,
  actor: Actor,
  input: KeyInput,
  secret: string = `o311_${randomBytes(24).toString("base64url")}`,
): Promise<Result<{ id: string; key: string }>> {
  const issues = checkKeyInput(input);
  if (issues.length > 0) return invalid(issues);
  const id = randomUUID();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto("open311_api_keys")
      .values({
        id,
        key_hash: hashKey(secret),
        name: input.name.trim(),
        organisation: input.organisation.trim(),
        contact: input.contact.trim(),
        created_by_id: actor.id,
        created_at: ctx.clock.now().toISOString(),
        revoked_by_id: null,
        revoked_at: null,
      })
      .execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor,
        action: "open311.key_issued",
        subjectType: "open311_api_key",
        subjectId: id,
        data: { name: input.name.trim(), organisation: input.organisation.trim() },
      },
    ]);
  });
  return ok({ id, key: secret });
}

export const REVOKE_REASON_MAX = 1000;

/**
 * Revokes a key at once, for a reason (required, kept in the audit record); revoking one
 * already revoked changes nothing and says so.
 */
export async function revokeKey(
  ctx: AppContext,
  actor: Actor,
  id: string,
  reason: string,
): Promise<Result<{ revoked: boolean }>> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("open311_api_keys")
      .select(["id", "revoked_at"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) return notFound();
    if (row.revoked_at) return ok({ revoked: false });
    const why = reason.trim();
    if (!why) return invalid([{ field: "reason", key: "open_data.keys.confirm.reason_missing" }]);
    if (why.length > REVOKE_REASON_MAX)
      return invalid([
        {
          field: "reason",
          key: "open_data.keys.confirm.reason_long",
          params: { max: REVOKE_REASON_MAX },
        },
      ]);
    const now = ctx.clock.now().toISOString();
    const done = await trx
      .updateTable("open311_api_keys")
      .set({ revoked_at: now, revoked_by_id: actor.id })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (done.numUpdatedRows !== 1n) return ok({ revoked: false });
    await appendAudit(trx, ctx.clock, [
      {
        actor,
        action: "open311.key_revoked",
        subjectType: "open311_api_key",
        subjectId: id,
        reason: why,
      },
    ]);
    return ok({ revoked: true });
  });
}

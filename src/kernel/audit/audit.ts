import { createHash, randomUUID } from "node:crypto";
import { type Kysely, PostgresAdapter, sql, type Transaction } from "kysely";
import { compiled, type Params } from "../../db/compiled.js";
import type { Clock } from "../clock.js";
import { type AuditEventsTable, type KernelTables, kernelDb } from "./audit.table.js";

/** Who did something: a person's account id, or a named system actor (a job, the CLI, a seed). */
export interface Actor {
  id: string | null;
  label: string;
}

export const systemActor = (label: string): Actor => ({ id: null, label: `system:${label}` });

/** One state change to record. `data` holds what changed; `reason` why (when someone gave one). */
export interface AuditEntry {
  actor: Actor;
  action: string;
  subjectType: string;
  subjectId: string;
  reason?: string | null;
  data?: Record<string, unknown>;
}

export interface AuditRecord {
  seq: number;
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  subjectType: string;
  subjectId: string;
  reason: string | null;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = "0".repeat(64);
/** Any constant shared by every instance: the key of the advisory lock that orders appends. */
const AUDIT_LOCK_KEY = 4_907_221;

function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
}

/** The hash that links a record to the one before it; any edit to either breaks the chain. */
export function auditHash(
  prevHash: string,
  r: Omit<AuditRecord, "seq" | "hash" | "prevHash">,
): string {
  const body = canonical({
    id: r.id,
    occurredAt: r.occurredAt,
    actorId: r.actorId,
    actorLabel: r.actorLabel,
    action: r.action,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    reason: r.reason,
    data: r.data,
  });
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}

type K = Kysely<KernelTables>;
type EventRow = Omit<AuditEventsTable, "seq">;
const EVENT_COLUMNS = [
  "id",
  "occurred_at",
  "actor_id",
  "actor_label",
  "action",
  "subject_type",
  "subject_id",
  "reason",
  "data",
  "prev_hash",
  "hash",
] as const satisfies readonly (keyof EventRow)[];

// Every command appends: both statements are compiled once (the insert once per number of rows).
const chainHead = compiled((db: K) =>
  db.selectFrom("audit_events").select("hash").orderBy("seq", "desc").limit(1),
);
const insertEvents = compiled((db: K, p: Params<{ rows: EventRow[] }>) =>
  db.insertInto("audit_events").values(p.rows("rows", EVENT_COLUMNS)).returning("seq"),
);

/**
 * Appends entries to the hash-linked audit record inside the caller's transaction, so the
 * record commits or rolls back with the change it describes. Many entries share one lock
 * and one read of the chain's head: batch them when a command changes many things.
 */
export async function appendAudit<DB extends KernelTables>(
  db: Kysely<DB> | Transaction<DB>,
  clock: Clock,
  entries: AuditEntry[],
): Promise<AuditRecord[]> {
  if (entries.length === 0) return [];
  const trx = kernelDb(db);
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  }
  const head = await chainHead.takeFirst(trx, {});
  let prevHash = head?.hash ?? GENESIS_HASH;
  const occurredAt = clock.now().toISOString();
  const rows = entries.map((e) => {
    const base = {
      id: randomUUID(),
      occurredAt,
      actorId: e.actor.id,
      actorLabel: e.actor.label,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      reason: e.reason ?? null,
      data: e.data ?? {},
    };
    const hash = auditHash(prevHash, base);
    const row = { ...base, prevHash, hash };
    prevHash = hash;
    return row;
  });
  const inserted = await insertEvents.execute(trx, {
    rows: rows.map((r) => ({
      id: r.id,
      occurred_at: r.occurredAt,
      actor_id: r.actorId,
      actor_label: r.actorLabel,
      action: r.action,
      subject_type: r.subjectType,
      subject_id: r.subjectId,
      reason: r.reason,
      data: JSON.stringify(r.data),
      prev_hash: r.prevHash,
      hash: r.hash,
    })),
  });
  return rows.map((r, i) => ({ ...r, seq: Number(inserted[i]?.seq) }));
}

function toRecord(row: {
  seq: number | string;
  id: string;
  occurred_at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: string;
  reason: string | null;
  data: string;
  prev_hash: string;
  hash: string;
}): AuditRecord {
  return {
    seq: Number(row.seq),
    id: row.id,
    occurredAt: row.occurred_at,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    reason: row.reason,
    data: JSON.parse(row.data) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The history of one subject, oldest first. */
export async function auditTrail<DB extends KernelTables>(
  db: Kysely<DB> | Transaction<DB>,
  subjectType: string,
  subjectId: string,
): Promise<AuditRecord[]> {
  const rows = await kernelDb(db)
    .selectFrom("audit_events")
    .selectAll()
    .where("subject_type", "=", subjectType)
    .where("subject_id", "=", subjectId)
    .orderBy("seq")
    .execute();
  return rows.map(toRecord);
}

/** The latest hash: publishing it lets anyone later prove the record before it was not rewritten. */
export async function auditHead<DB extends KernelTables>(
  db: Kysely<DB> | Transaction<DB>,
): Promise<{ seq: number; hash: string }> {
  const latest = await latestAudit(db);
  return latest ? { seq: latest.seq, hash: latest.hash } : { seq: 0, hash: GENESIS_HASH };
}

/** The head and when it was recorded, or null on an empty record: a version of everything audited. */
export async function latestAudit<DB extends KernelTables>(
  db: Kysely<DB> | Transaction<DB>,
): Promise<{ seq: number; hash: string; occurredAt: string } | null> {
  const head = await kernelDb(db)
    .selectFrom("audit_events")
    .select(["seq", "hash", "occurred_at"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  return head ? { seq: Number(head.seq), hash: head.hash, occurredAt: head.occurred_at } : null;
}

/**
 * Walks the whole chain in pages and recomputes every hash. Returns the first broken sequence
 * number, or null when the record is intact.
 */
export async function verifyAuditChain<DB extends KernelTables>(
  db: Kysely<DB> | Transaction<DB>,
  pageSize = 5000,
): Promise<{ checked: number; brokenAt: number | null }> {
  const kdb = kernelDb(db);
  let prevHash = GENESIS_HASH;
  let after = 0;
  let checked = 0;
  for (;;) {
    const rows = await kdb
      .selectFrom("audit_events")
      .selectAll()
      .where("seq", ">", after)
      .orderBy("seq")
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return { checked, brokenAt: null };
    for (const row of rows) {
      const r = toRecord(row);
      if (r.prevHash !== prevHash || auditHash(prevHash, r) !== r.hash) {
        return { checked, brokenAt: r.seq };
      }
      prevHash = r.hash;
      after = r.seq;
      checked++;
    }
  }
}

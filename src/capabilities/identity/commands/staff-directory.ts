import { randomUUID } from "node:crypto";
import { inTransaction } from "../../../db/database.js";
import { type Actor, appendAudit } from "../../../kernel/audit/audit.js";
import { compare, isPlainDate } from "../../../kernel/calendar/index.js";
import { type FieldIssue, invalid, notFound, ok, type Result } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { staffWithRole } from "../queries.js";

const text = (v: unknown, max: number): string | null =>
  typeof v === "string" && v.trim() && v.trim().length <= max ? v.trim() : null;
const optional = (v: unknown, max: number) => (v === undefined || v === "" ? null : text(v, max));

/** Staff who may hold a department, a position or a substitution at a body. */
const DIRECTORY_ROLES = ["registrar", "executor", "head", "analyst", "moderator"] as const;

/** Adds a department to a body (Kazakh and Russian names required, English optional). */
export async function addDepartment(
  ctx: AppContext,
  actor: Actor,
  agencyId: string,
  input: { nameKk?: unknown; nameRu?: unknown; nameEn?: unknown },
): Promise<Result<{ id: string }>> {
  const kk = text(input.nameKk, 200);
  const ru = text(input.nameRu, 200);
  const en = optional(input.nameEn, 200);
  const issues: FieldIssue[] = [];
  if (!kk) issues.push({ field: "nameKk", key: "admin.directory.error.name_required" });
  if (!ru) issues.push({ field: "nameRu", key: "admin.directory.error.name_required" });
  if (input.nameEn && !en) issues.push({ field: "nameEn", key: "admin.directory.error.too_long" });
  if (issues.length > 0 || !kk || !ru) return invalid(issues);
  const id = randomUUID();
  const now = ctx.clock.now().toISOString();
  await inTransaction(ctx.db.kysely, async (trx) => {
    await trx
      .insertInto("staff_departments")
      .values({ id, agency_id: agencyId, name_kk: kk, name_ru: ru, name_en: en, created_at: now })
      .execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor,
        action: "staff.department-added",
        subjectType: "agency",
        subjectId: agencyId,
        reason: null,
        data: { departmentId: id, nameKk: kk, nameRu: ru },
      },
    ]);
  });
  return ok({ id });
}

/** Records a staff member's department and position at a body (replacing what was there). */
export async function setStaffPosition(
  ctx: AppContext,
  actor: Actor,
  agencyId: string,
  input: {
    accountId?: unknown;
    departmentId?: unknown;
    titleKk?: unknown;
    titleRu?: unknown;
    titleEn?: unknown;
  },
): Promise<Result<null>> {
  const db = ctx.db.kysely;
  const staff = await staffWithRole(db, agencyId, DIRECTORY_ROLES);
  const accountId = staff.find((s) => s.id === input.accountId)?.id;
  if (!accountId) return notFound();
  const issues: FieldIssue[] = [];
  let departmentId: string | null = null;
  if (input.departmentId !== undefined && input.departmentId !== "") {
    const dep = await db
      .selectFrom("staff_departments")
      .select("id")
      .where("id", "=", String(input.departmentId))
      .where("agency_id", "=", agencyId)
      .executeTakeFirst();
    if (!dep)
      issues.push({ field: "departmentId", key: "admin.directory.error.department_unknown" });
    else departmentId = dep.id;
  }
  const kk = optional(input.titleKk, 200);
  const ru = optional(input.titleRu, 200);
  const en = optional(input.titleEn, 200);
  for (const [field, raw, v] of [
    ["titleKk", input.titleKk, kk],
    ["titleRu", input.titleRu, ru],
    ["titleEn", input.titleEn, en],
  ] as const) {
    if (raw && !v) issues.push({ field, key: "admin.directory.error.too_long" });
  }
  if (issues.length > 0) return invalid(issues);
  const now = ctx.clock.now().toISOString();
  await inTransaction(db, async (trx) => {
    await trx
      .deleteFrom("staff_positions")
      .where("account_id", "=", accountId)
      .where("agency_id", "=", agencyId)
      .execute();
    await trx
      .insertInto("staff_positions")
      .values({
        account_id: accountId,
        agency_id: agencyId,
        department_id: departmentId,
        title_kk: kk,
        title_ru: ru,
        title_en: en,
        updated_at: now,
      })
      .execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor,
        action: "staff.position-set",
        subjectType: "account",
        subjectId: accountId,
        reason: null,
        data: { agencyId, departmentId, titleKk: kk, titleRu: ru },
      },
    ]);
  });
  return ok(null);
}

/**
 * Records that `substituteId` acts for `absentId` at a body from one day to another
 * (inclusive): both must be the body's staff, different people, the period not already over.
 */
export async function addSubstitution(
  ctx: AppContext,
  actor: Actor & { id: string },
  agencyId: string,
  today: string,
  input: { absentId?: unknown; substituteId?: unknown; from?: unknown; until?: unknown },
): Promise<Result<{ id: string }>> {
  const db = ctx.db.kysely;
  const staff = new Set((await staffWithRole(db, agencyId, DIRECTORY_ROLES)).map((s) => s.id));
  const issues: FieldIssue[] = [];
  const absentId =
    typeof input.absentId === "string" && staff.has(input.absentId) ? input.absentId : null;
  const substituteId =
    typeof input.substituteId === "string" && staff.has(input.substituteId)
      ? input.substituteId
      : null;
  if (!absentId) issues.push({ field: "absentId", key: "admin.directory.error.person_unknown" });
  if (!substituteId || substituteId === absentId) {
    issues.push({ field: "substituteId", key: "admin.directory.error.substitute_invalid" });
  }
  const from = isPlainDate(input.from) ? input.from : null;
  const until = isPlainDate(input.until) ? input.until : null;
  if (!from) issues.push({ field: "from", key: "admin.directory.error.date_invalid" });
  if (!until) issues.push({ field: "until", key: "admin.directory.error.date_invalid" });
  else if (from && compare(until, from) < 0) {
    issues.push({ field: "until", key: "admin.directory.error.until_before_from" });
  } else if (compare(until, today) < 0) {
    issues.push({ field: "until", key: "admin.directory.error.until_past" });
  }
  if (issues.length > 0 || !absentId || !substituteId || !from || !until) return invalid(issues);
  const id = randomUUID();
  const now = ctx.clock.now().toISOString();
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto("staff_substitutions")
      .values({
        id,
        agency_id: agencyId,
        absent_id: absentId,
        substitute_id: substituteId,
        from_on: from,
        until_on: until,
        created_by_id: actor.id,
        created_at: now,
        cancelled_at: null,
      })
      .execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor,
        action: "staff.substitution-added",
        subjectType: "account",
        subjectId: absentId,
        reason: null,
        data: { agencyId, substitutionId: id, substituteId, from, until },
      },
    ]);
  });
  return ok({ id });
}

/** Ends a substitution before its time (kept, marked cancelled). */
export async function cancelSubstitution(
  ctx: AppContext,
  actor: Actor,
  agencyId: string,
  id: unknown,
): Promise<Result<null>> {
  const db = ctx.db.kysely;
  const row =
    typeof id === "string"
      ? await db
          .selectFrom("staff_substitutions")
          .selectAll()
          .where("id", "=", id)
          .where("agency_id", "=", agencyId)
          .where("cancelled_at", "is", null)
          .executeTakeFirst()
      : undefined;
  if (!row) return notFound();
  const now = ctx.clock.now().toISOString();
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("staff_substitutions")
      .set({ cancelled_at: now })
      .where("id", "=", row.id)
      .execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor,
        action: "staff.substitution-cancelled",
        subjectType: "account",
        subjectId: row.absent_id,
        reason: null,
        data: { agencyId, substitutionId: row.id },
      },
    ]);
  });
  return ok(null);
}

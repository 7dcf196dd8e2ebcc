import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { appendAudit } from "../../../kernel/audit/audit.js";
import type { Principal } from "../../../kernel/permissions.js";
import { conflict, forbidden, invalid, notFound, ok, type Result } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";

/** How long a saved filter's name may be, and how many one person keeps per body. */
export const VIEW_NAME_MAX = 80;
export const VIEWS_MAX = 20;

export interface SavedView {
  id: string;
  name: string;
  /** The inbox's query string (without `?`), as `inboxHref` writes it. */
  query: string;
}

/** A person's saved filters for one body, by name. */
export async function listViews(
  db: Kysely<Database>,
  accountId: string,
  agencyId: string,
): Promise<SavedView[]> {
  return db
    .selectFrom("appeal_saved_views")
    .select(["id", "name", "query"])
    .where("account_id", "=", accountId)
    .where("agency_id", "=", agencyId)
    .orderBy("name")
    .orderBy("id")
    .execute();
}

/**
 * Saves the inbox's filters (`query`, already normalised by the caller) under a name for the
 * person, in a body whose inbox they may open; audited in the same transaction.
 */
export async function saveView(
  ctx: AppContext,
  principal: Principal,
  agencyId: string,
  name: string,
  query: string,
): Promise<Result<SavedView>> {
  if (!ctx.policy.can(principal, "appeal.inbox", { agencyId })) return forbidden();
  const trimmed = name.trim();
  if (!trimmed) return invalid([{ field: "name", key: "appeals.tasks.views.name_required" }]);
  if (trimmed.length > VIEW_NAME_MAX)
    return invalid([{ field: "name", key: "appeals.tasks.views.name_too_long" }]);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const mine = await listViews(trx, principal.accountId, agencyId);
    if (mine.some((v) => v.name.toLowerCase() === trimmed.toLowerCase()))
      return invalid([{ field: "name", key: "appeals.tasks.views.name_taken" }]);
    if (mine.length >= VIEWS_MAX)
      return invalid([{ field: "name", key: "appeals.tasks.views.too_many" }]);
    const view = { id: randomUUID(), name: trimmed, query };
    await trx
      .insertInto("appeal_saved_views")
      .values({
        ...view,
        account_id: principal.accountId,
        agency_id: agencyId,
        created_at: ctx.clock.now().toISOString(),
      })
      .execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: principal.kind },
        action: "appeal.view_saved",
        subjectType: "appeal_saved_view",
        subjectId: view.id,
        data: { agencyId, query },
      },
    ]);
    return ok(view);
  });
}

/** Deletes one of the person's own saved filters (anyone else's is not found); audited. */
export async function deleteView(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<Result<SavedView & { agencyId: string }>> {
  if (principal.kind !== "staff") return notFound();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const view = await trx
      .selectFrom("appeal_saved_views")
      .select(["id", "name", "query", "agency_id"])
      .where("id", "=", id)
      .where("account_id", "=", principal.accountId)
      .executeTakeFirst();
    if (!view) return notFound();
    const gone = await trx
      .deleteFrom("appeal_saved_views")
      .where("id", "=", id)
      .where("account_id", "=", principal.accountId)
      .executeTakeFirst();
    if (gone.numDeletedRows !== 1n) return conflict("CONFLICT", { reason: "changed_meanwhile" });
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: principal.kind },
        action: "appeal.view_deleted",
        subjectType: "appeal_saved_view",
        subjectId: id,
        data: { agencyId: view.agency_id, name: view.name },
      },
    ]);
    return ok({ id: view.id, name: view.name, query: view.query, agencyId: view.agency_id });
  });
}

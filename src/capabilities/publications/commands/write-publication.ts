import { randomUUID } from "node:crypto";
import { appendAudit } from "../../../kernel/audit/audit.js";
import type { Principal } from "../../../kernel/permissions.js";
import { conflict, forbidden, invalid, notFound, ok, type Result } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { findAgency } from "../../agencies/index.js";
import {
  checkDraft,
  type DraftInput,
  LANGS,
  nextState,
  PUBLICATION_ID,
  PUBLICATION_KINDS,
  type Texts,
} from "../publication.js";
import { findPublication } from "../publication.repository.js";
import { isSection, publicationSettings } from "../settings.js";

export interface NewPublicationInput extends DraftInput {
  agencyId: string;
  kind: string;
  section: string;
}

const clean = (t: Texts): Texts => ({
  kk: t.kk?.trim() || null,
  ru: t.ru?.trim() || null,
  en: t.en?.trim() || null,
});

function draftColumns(input: DraftInput) {
  const title = clean(input.title);
  const body = clean(input.body);
  return {
    draft_title_kk: title.kk,
    draft_title_ru: title.ru,
    draft_title_en: title.en,
    draft_body_kk: body.kk,
    draft_body_ru: body.ru,
    draft_body_en: body.en,
  };
}

/**
 * A body's staff member starts a news item or an information page. An information page
 * is one of the configured standard sections, and a body has one page per section.
 */
export async function createPublication(
  ctx: AppContext,
  principal: Principal,
  input: NewPublicationInput,
): Promise<Result<{ id: string }>> {
  const db = ctx.db.kysely;
  if (!ctx.policy.can(principal, "publication.write", { agencyId: input.agencyId }))
    return forbidden();
  const agency = await findAgency(db, input.agencyId, { active: true });
  const issues = checkDraft(input);
  if (!agency) issues.unshift({ field: "agencyId", key: "publications.validation.agency" });
  if (!(PUBLICATION_KINDS as readonly string[]).includes(input.kind))
    issues.unshift({ field: "kind", key: "publications.validation.kind" });
  let section: string | null = null;
  if (input.kind === "information") {
    const settings = await publicationSettings(ctx);
    if (!isSection(input.section) || !settings.sections.includes(input.section))
      issues.unshift({ field: "section", key: "publications.validation.section" });
    else {
      section = input.section;
      const taken = await db
        .selectFrom("publications")
        .select("id")
        .where("agency_id", "=", input.agencyId)
        .where("section", "=", section)
        .executeTakeFirst();
      if (taken) issues.unshift({ field: "section", key: "publications.validation.section_taken" });
    }
  }
  if (issues.length > 0) return invalid(issues);
  const id = randomUUID();
  const at = ctx.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("publications")
      .values({
        id,
        agency_id: input.agencyId,
        kind: input.kind,
        section,
        state: "draft",
        ...draftColumns(input),
        title_kk: null,
        title_ru: null,
        title_en: null,
        body_kk: null,
        body_ru: null,
        body_en: null,
        return_reason: null,
        created_by_id: principal.accountId,
        created_at: at,
        edited_by_id: principal.accountId,
        submitted_by_id: null,
        submitted_at: null,
        published_at: null,
        updated_at: null,
        unpublished_at: null,
        changed_at: at,
        version: 1,
      })
      .execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: "staff" },
        action: "publication.drafted",
        subjectType: "publication",
        subjectId: id,
        data: {
          agencyId: input.agencyId,
          kind: input.kind,
          section,
          languages: LANGS.filter((l) => !!clean(input.title)[l]),
        },
      },
    ]);
  });
  return ok({ id });
}

/**
 * Changes the working copy. Allowed while it is a draft, returned, or approved (then the
 * public copy stays as it is until the change is approved); not while it awaits approval.
 */
export async function editPublication(
  ctx: AppContext,
  principal: Principal,
  id: string,
  input: DraftInput,
): Promise<Result<{ id: string }>> {
  const db = ctx.db.kysely;
  if (!PUBLICATION_ID.test(id)) return notFound();
  const row = await findPublication(db, id);
  if (!row) return notFound();
  if (!ctx.policy.can(principal, "publication.write", { agencyId: row.agency_id }))
    return forbidden();
  if (!nextState(row.state, "edit")) return conflict("CONFLICT", { reason: "state" });
  const issues = checkDraft(input);
  if (issues.length > 0) return invalid(issues);
  const at = ctx.clock.now().toISOString();
  const changed = await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("publications")
      .set({
        ...draftColumns(input),
        state: "draft",
        edited_by_id: principal.accountId,
        changed_at: at,
        version: Number(row.version) + 1,
      })
      .where("id", "=", id)
      .where("version", "=", row.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: "staff" },
        action: "publication.edited",
        subjectType: "publication",
        subjectId: id,
        data: { agencyId: row.agency_id, from: row.state },
      },
    ]);
    return true;
  });
  return changed ? ok({ id }) : conflict("CONFLICT", { reason: "changed" });
}

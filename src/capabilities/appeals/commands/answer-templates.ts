import { randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import { inTransaction } from "../../../db/database.js";
import type { Database } from "../../../db/schema.js";
import { type Actor, appendAudit } from "../../../kernel/audit/audit.js";
import type { Locale } from "../../../kernel/i18n.js";
import type { Principal } from "../../../kernel/permissions.js";
import {
  type FieldIssue,
  forbidden,
  invalid,
  notFound,
  ok,
  type Result,
} from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import type { AppealAnswerTemplatesTable } from "../appeal.table.js";

export type AnswerTemplateRow = Selectable<AppealAnswerTemplatesTable>;

/** The placeholders a template may hold, each filled from the case when it is inserted. */
export const PLACEHOLDERS = ["applicant", "number", "date", "body", "executor"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const TEXT_LANGUAGES = ["kk", "ru", "en"] as const;

/** A template as typed in its form. */
export interface TemplateInput {
  title?: string;
  text_kk?: string;
  text_ru?: string;
  text_en?: string;
}

export async function listTemplates(
  db: Kysely<Database>,
  agencyId: string,
): Promise<AnswerTemplateRow[]> {
  return db
    .selectFrom("appeal_answer_templates")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .orderBy("title")
    .orderBy("id")
    .execute();
}

export async function findTemplate(
  db: Kysely<Database>,
  agencyId: string,
  id: string,
): Promise<AnswerTemplateRow | undefined> {
  return db
    .selectFrom("appeal_answer_templates")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** The template's text for an answer in `language`: that language's, else the state language's. */
export function templateText(t: AnswerTemplateRow, language: string): string {
  const texts: Record<string, string | null> = { kk: t.text_kk, ru: t.text_ru, en: t.text_en };
  return texts[language] ?? t.text_kk ?? t.text_ru ?? t.text_en ?? "";
}

/** Replaces each known `{placeholder}` with its value; anything else is left as written. */
export function fillPlaceholders(text: string, values: Record<Placeholder, string>): string {
  return text.replace(/\{([a-z]+)\}/g, (whole, name: string) =>
    (PLACEHOLDERS as readonly string[]).includes(name) ? values[name as Placeholder] : whole,
  );
}

/** Checks a template as typed: a title, at least one text, and only known placeholders. */
function checked(
  input: TemplateInput,
): Result<Omit<AnswerTemplateRow, "id" | "agency_id" | "created_at" | "updated_at">> {
  const issues: FieldIssue[] = [];
  const title = (input.title ?? "").trim();
  if (!title) issues.push({ field: "title", key: "appeals.error.required" });
  else if (title.length > 200) {
    issues.push({ field: "title", key: "appeals.error.too_long", params: { max: 200 } });
  }
  const texts = Object.fromEntries(
    TEXT_LANGUAGES.map((l) => [l, (input[`text_${l}`] ?? "").trim() || null]),
  ) as Record<Locale, string | null>;
  for (const l of TEXT_LANGUAGES) {
    const text = texts[l];
    if (text === null) continue;
    if (text.length > 20_000) {
      issues.push({ field: `text_${l}`, key: "appeals.error.too_long", params: { max: 20_000 } });
    }
    const unknown = [...text.matchAll(/\{([^{}\s]*)\}/g)]
      .map((m) => m[1] ?? "")
      .filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));
    if (unknown.length > 0) {
      issues.push({
        field: `text_${l}`,
        key: "appeals.templates.error.placeholder",
        params: { name: `{${unknown[0]}}` },
      });
    }
  }
  if (TEXT_LANGUAGES.every((l) => texts[l] === null)) {
    issues.push({ field: "text_kk", key: "appeals.templates.error.text" });
  }
  if (issues.length > 0) return invalid(issues);
  return ok({ title, text_kk: texts.kk, text_ru: texts.ru, text_en: texts.en });
}

/** Who may manage a body's templates: its head, or an administrator of it (or of Halyq). */
export const mayManageTemplates = (ctx: AppContext, principal: Principal, agencyId: string) =>
  ctx.policy.can(principal, "appeal.templates", { agencyId });

/**
 * Creates a template (`id` null) or changes one of the body's, with its audit entry in the
 * same transaction. A template of another body is not found.
 */
export async function saveTemplate(
  ctx: AppContext,
  principal: Principal,
  agencyId: string,
  id: string | null,
  input: TemplateInput,
): Promise<Result<AnswerTemplateRow>> {
  if (!mayManageTemplates(ctx, principal, agencyId)) return forbidden();
  const existing = id ? await findTemplate(ctx.db.kysely, agencyId, id) : undefined;
  if (id && !existing) return notFound();
  const valid = checked(input);
  if (valid.kind !== "ok") return valid;
  const now = ctx.clock.now().toISOString();
  const row: AnswerTemplateRow = {
    id: existing?.id ?? randomUUID(),
    agency_id: agencyId,
    ...valid.value,
    created_at: existing?.created_at ?? now,
    updated_at: now,
  };
  const actor: Actor = { id: principal.accountId, label: principal.kind };
  await inTransaction(ctx.db.kysely, async (trx) => {
    if (existing) {
      await trx
        .updateTable("appeal_answer_templates")
        .set({ ...valid.value, updated_at: now })
        .where("id", "=", row.id)
        .execute();
    } else {
      await trx.insertInto("appeal_answer_templates").values(row).execute();
    }
    await appendAudit(trx, ctx.clock, [
      {
        actor,
        action: existing ? "appeal.template-update" : "appeal.template-create",
        subjectType: "appeal_answer_template",
        subjectId: row.id,
        reason: null,
        data: { agencyId, title: row.title },
      },
    ]);
  });
  return ok(row);
}

/** Deletes one of the body's templates, audited in the same transaction. */
export async function deleteTemplate(
  ctx: AppContext,
  principal: Principal,
  agencyId: string,
  id: string,
): Promise<Result<true>> {
  if (!mayManageTemplates(ctx, principal, agencyId)) return forbidden();
  const existing = await findTemplate(ctx.db.kysely, agencyId, id);
  if (!existing) return notFound();
  const actor: Actor = { id: principal.accountId, label: principal.kind };
  await inTransaction(ctx.db.kysely, async (trx) => {
    await trx.deleteFrom("appeal_answer_templates").where("id", "=", id).execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor,
        action: "appeal.template-delete",
        subjectType: "appeal_answer_template",
        subjectId: id,
        reason: null,
        data: { agencyId, title: existing.title },
      },
    ]);
  });
  return ok(true);
}

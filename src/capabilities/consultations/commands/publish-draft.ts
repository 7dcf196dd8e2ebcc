import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { appendAudit } from "../../../kernel/audit/audit.js";
import type { Principal } from "../../../kernel/permissions.js";
import {
  conflict,
  type FieldIssue,
  forbidden,
  invalid,
  notFound,
  ok,
  type Result,
} from "../../../kernel/result.js";
import type { IncomingFile } from "../../../platform/files/incoming.js";
import type { AppContext } from "../../../platform/manifest.js";
import {
  DRAFT_TYPES,
  type DraftType,
  REASON_MAX,
  SUMMARY_MAX,
  TITLE_MAX,
} from "../consultation.js";
import { bodyDays, findDraft } from "../consultation.repository.js";
import { filesOf, insertFiles } from "../files/files.repository.js";
import { checkFiles, storeFiles } from "../files/uploads.js";
import { notifySubscribers } from "../notify.js";
import { consultationProfile } from "../profiles.js";
import { type ParagraphInput, parseDraftText, type TextInput } from "./draft-text.js";
import { inTransaction } from "./transaction.js";

/** What a body enters to put a draft up for discussion. */
export interface NewDraftInput extends TextInput {
  agencyId: string;
  type: string;
  title_kk: string;
  title_ru: string;
  title_en: string;
  summary_kk: string;
  summary_ru: string;
  summary_en: string;
  /** Files published with the draft (checked as appeal attachments are). */
  files?: IncomingFile[];
}

export interface Published {
  id: string;
  version: number;
  opensOn: string;
  closesOn: string;
}

const actor = (p: Principal) => ({ id: p.accountId, label: "staff" });

function metadataIssues(input: NewDraftInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!(DRAFT_TYPES as readonly string[]).includes(input.type)) {
    issues.push({ field: "type", key: "consultations.errors.type_required" });
  }
  // Kazakh (the state language) and Russian are required; English is optional, and an English
  // page shows the Russian title and summary where it has none.
  for (const l of ["kk", "ru", "en"] as const) {
    const title = input[`title_${l}`].trim();
    if (!title && l !== "en")
      issues.push({ field: `title_${l}`, key: `consultations.errors.title_required_${l}` });
    else if (title.length > TITLE_MAX)
      issues.push({
        field: `title_${l}`,
        key: "consultations.errors.too_long",
        params: { max: TITLE_MAX },
      });
  }
  for (const l of ["kk", "ru", "en"] as const) {
    const summary = input[`summary_${l}`].trim();
    if (!summary && l !== "en")
      issues.push({ field: `summary_${l}`, key: `consultations.errors.summary_required_${l}` });
    else if (summary.length > SUMMARY_MAX)
      issues.push({
        field: `summary_${l}`,
        key: "consultations.errors.too_long",
        params: { max: SUMMARY_MAX },
      });
  }
  return issues;
}

async function insertVersion(
  trx: Kysely<Database>,
  values: {
    consultationId: string;
    number: number;
    opensOn: string;
    closesOn: string;
    note: string | null;
    at: string;
    by: string;
    paragraphs: ParagraphInput[];
  },
): Promise<void> {
  const versionId = randomUUID();
  await trx
    .insertInto("consultation_versions")
    .values({
      id: versionId,
      consultation_id: values.consultationId,
      number: values.number,
      opens_on: values.opensOn,
      closes_on: values.closesOn,
      note: values.note,
      published_at: values.at,
      published_by_id: values.by,
      report_published_at: null,
      report_published_by_id: null,
    })
    .execute();
  for (let i = 0; i < values.paragraphs.length; i += 100) {
    await trx
      .insertInto("consultation_paragraphs")
      .values(
        values.paragraphs
          .slice(i, i + 100)
          .map((p) => ({ id: randomUUID(), version_id: versionId, ...p })),
      )
      .execute();
  }
}

/**
 * Publishes a draft act for discussion: the window opens today (the body's date) and closes
 * after the working days its type is given in the body's jurisdiction.
 */
export async function publishDraft(
  ctx: AppContext,
  principal: Principal,
  input: NewDraftInput,
): Promise<Result<Published>> {
  if (!ctx.policy.can(principal, "consultation.manage", { agencyId: input.agencyId })) {
    return forbidden();
  }
  const issues = metadataIssues(input);
  const text = parseDraftText(input);
  if (!text.ok) issues.push(...text.issues);
  const checked = checkFiles(input.files ?? []);
  if (!checked.ok) issues.push(...checked.issues);
  if (issues.length > 0 || !text.ok || !checked.ok) return invalid(issues);
  const id = randomUUID();
  const files = await storeFiles(ctx, checked.files, {
    consultationId: id,
    version: 1,
    uploadedBy: principal.accountId,
  });
  return inTransaction(ctx, async (trx) => {
    const days = await bodyDays(ctx, trx, input.agencyId);
    const window = consultationProfile(days.jurisdiction).windowWorkingDays[
      input.type as DraftType
    ];
    const closesOn = days.calendar.addWorkingDays(days.today, window);
    const at = ctx.clock.now().toISOString();
    await trx
      .insertInto("consultations")
      .values({
        id,
        agency_id: input.agencyId,
        type: input.type,
        title_kk: input.title_kk.trim(),
        title_ru: input.title_ru.trim(),
        title_en: input.title_en.trim() || input.title_ru.trim(),
        summary_kk: input.summary_kk.trim(),
        summary_ru: input.summary_ru.trim(),
        summary_en: input.summary_en.trim() || input.summary_ru.trim(),
        current_version: 1,
        created_by_id: principal.accountId,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await insertVersion(trx, {
      consultationId: id,
      number: 1,
      opensOn: days.today,
      closesOn,
      note: null,
      at,
      by: principal.accountId,
      paragraphs: text.paragraphs,
    });
    await insertFiles(trx, files);
    await appendAudit(trx, ctx.clock, [
      {
        actor: actor(principal),
        action: "consultation.published",
        subjectType: "consultation",
        subjectId: id,
        data: {
          agencyId: input.agencyId,
          type: input.type,
          version: 1,
          paragraphs: text.paragraphs.length,
          files: files.map((f) => ({ id: f.id, fileName: f.file_name, sha256: f.sha256 })),
          opensOn: days.today,
          closesOn,
        },
      },
    ]);
    return ok({ id, version: 1, opensOn: days.today, closesOn });
  });
}

/**
 * Publishes a new version of a draft once the report on the last one is out (so every
 * version's comments are answered in a report): new paragraphs and a new window; the comments
 * on earlier versions stay with them. The last version's files carry over (the body removes
 * what no longer applies while the window is open), with any new ones. Subscribers are told.
 */
export async function publishVersion(
  ctx: AppContext,
  principal: Principal,
  consultationId: string,
  input: TextInput & { note?: string; files?: IncomingFile[] },
): Promise<Result<Published>> {
  const found = await findDraft(ctx.db.kysely, consultationId);
  if (!found) return notFound();
  const { consultation, version } = found;
  if (!ctx.policy.can(principal, "consultation.manage", { agencyId: consultation.agency_id })) {
    return forbidden();
  }
  const note = (input.note ?? "").trim();
  const issues: FieldIssue[] = [];
  if (note.length > REASON_MAX)
    issues.push({
      field: "note",
      key: "consultations.errors.too_long",
      params: { max: REASON_MAX },
    });
  const text = parseDraftText(input);
  if (!text.ok) issues.push(...text.issues);
  const carried = await filesOf(ctx.db.kysely, consultationId, version.number);
  const checked = checkFiles(input.files ?? [], carried.length);
  if (!checked.ok) issues.push(...checked.issues);
  if (issues.length > 0 || !text.ok || !checked.ok) return invalid(issues);
  if (version.report_published_at === null) {
    return conflict("CONFLICT", { reason: "report_first" });
  }
  const number = version.number + 1;
  const added = await storeFiles(ctx, checked.files, {
    consultationId,
    version: number,
    uploadedBy: principal.accountId,
  });
  return inTransaction(ctx, async (trx) => {
    const days = await bodyDays(ctx, trx, consultation.agency_id);
    const window =
      consultationProfile(days.jurisdiction).windowWorkingDays[consultation.type as DraftType] ??
      10;
    const closesOn = days.calendar.addWorkingDays(days.today, window);
    const at = ctx.clock.now().toISOString();
    const moved = await trx
      .updateTable("consultations")
      .set({ current_version: number, updated_at: at })
      .where("id", "=", consultationId)
      .where("current_version", "=", version.number)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) return conflict("CONFLICT", { reason: "changed" });
    await insertVersion(trx, {
      consultationId,
      number,
      opensOn: days.today,
      closesOn,
      note: note || null,
      at,
      by: principal.accountId,
      paragraphs: text.paragraphs,
    });
    const files = [...carried.map((f) => ({ ...f, id: randomUUID(), version: number })), ...added];
    await insertFiles(trx, files);
    await appendAudit(trx, ctx.clock, [
      {
        actor: actor(principal),
        action: "consultation.version_published",
        subjectType: "consultation",
        subjectId: consultationId,
        reason: note || null,
        data: {
          version: number,
          paragraphs: text.paragraphs.length,
          files: files.map((f) => ({ id: f.id, fileName: f.file_name, sha256: f.sha256 })),
          opensOn: days.today,
          closesOn,
        },
      },
    ]);
    await notifySubscribers(ctx, trx, consultation, "version", {
      version: number,
      closes: closesOn,
    });
    return ok({ id: consultationId, version: number, opensOn: days.today, closesOn });
  });
}

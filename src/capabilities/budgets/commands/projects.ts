import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { appendAudit } from "../../../kernel/audit/audit.js";
import { toPlainDate } from "../../../kernel/calendar/index.js";
import { HalyqError } from "../../../kernel/errors.js";
import type { Locale } from "../../../kernel/i18n.js";
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
import { type IncomingFile, megabytes } from "../../../platform/files/incoming.js";
import { attachmentSettings } from "../../../platform/files/settings.js";
import type { AppContext } from "../../../platform/manifest.js";
import { writtenIn } from "../../../web/text-language.js";
import { fileAppeal } from "../../appeals/index.js";
import { bodyToday } from "../accountability.js";
import { BUDGET_ID, checkAmount, PROJECT_FILE_KINDS, STAGES, type Stage } from "../budget.js";
import { checkBudgetFiles, removeBudgetFile, storeBudgetFiles } from "../files.js";
import { notifyFollowers, type ProjectEvent } from "../notify-projects.js";
import { findProject, type ProjectRow, stagesOf } from "../project.repository.js";
import { projectStatus } from "../project-status.js";

/** The four dates of a stage as the form gives them (YYYY-MM-DD or empty). */
export interface StageInput {
  plannedStart: string;
  plannedEnd: string;
  actualStart: string;
  actualEnd: string;
}

const DATE_FIELDS = ["plannedStart", "plannedEnd", "actualStart", "actualEnd"] as const;
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const MAX_CONTRACTOR = 300;
const MAX_CAPTION = 300;
const MAX_NEWS = 5000;
const MAX_QUESTION = 5000;

/**
 * Today in the body's time zone (its jurisdiction's calendar); without a body (a list across
 * bodies), in the default jurisdiction's.
 */
export async function projectToday(ctx: AppContext, agencyId?: string): Promise<string> {
  if (agencyId) return bodyToday(ctx, agencyId);
  return toPlainDate(ctx.clock.now(), ctx.calendars.forJurisdiction().rules.timeZone);
}

function validDate(v: string): boolean {
  if (!ISO.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** The field name a stage's date is posted and reported under, e.g. `works-actualEnd`. */
export const stageField = (stage: string, f: (typeof DATE_FIELDS)[number]) => `${stage}-${f}`;

/**
 * Checks the stages' dates: each empty or a real date; an end not before its start; an actual
 * date not after today. Returns the issues (none when all is well).
 */
export function checkStageDates(input: Record<string, StageInput>, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const stage of STAGES) {
    const s = input[stage];
    if (!s) continue;
    let bad = false;
    for (const f of DATE_FIELDS) {
      const v = s[f];
      if (v !== "" && !validDate(v)) {
        issues.push({ field: stageField(stage, f), key: "budgets.projects.error.date" });
        bad = true;
      }
    }
    if (bad) continue;
    if (s.plannedStart && s.plannedEnd && s.plannedEnd < s.plannedStart)
      issues.push({
        field: stageField(stage, "plannedEnd"),
        key: "budgets.projects.error.end_before_start",
      });
    if (s.actualEnd && !s.actualStart)
      issues.push({
        field: stageField(stage, "actualStart"),
        key: "budgets.projects.error.start_needed",
      });
    if (s.actualStart && s.actualEnd && s.actualEnd < s.actualStart)
      issues.push({
        field: stageField(stage, "actualEnd"),
        key: "budgets.projects.error.end_before_start",
      });
    for (const f of ["actualStart", "actualEnd"] as const)
      if (s[f] && s[f] > today)
        issues.push({ field: stageField(stage, f), key: "budgets.projects.error.future" });
  }
  return issues;
}

/** The project, if this member of staff may report on it (head, admin or executor of its body). */
async function reportable(
  ctx: AppContext,
  principal: Principal,
  projectId: string,
): Promise<Result<ProjectRow>> {
  if (!BUDGET_ID.test(projectId)) return notFound();
  const project = await findProject(ctx.db.kysely, projectId);
  if (!project) return notFound();
  if (!ctx.policy.can(principal, "budget.report", { agencyId: project.agency_id }))
    return forbidden();
  return ok(project);
}

const audit = (
  trx: Kysely<Database>,
  ctx: AppContext,
  principal: Principal,
  action: string,
  projectId: string,
  data: Record<string, unknown>,
) =>
  appendAudit(trx, ctx.clock, [
    {
      actor: { id: principal.accountId, label: principal.kind },
      action,
      subjectType: "budget_project",
      subjectId: projectId,
      data,
    },
  ]);

/**
 * Sets the planned and actual dates of the project's stages. The status follows the stages
 * (see project-status.ts); each stage that now starts or ends is mailed to the followers, in
 * the same transaction as the change and its audit record.
 */
export async function updateStages(
  ctx: AppContext,
  principal: Principal,
  projectId: string,
  input: Record<string, StageInput>,
): Promise<Result<{ status: string; events: number }>> {
  const found = await reportable(ctx, principal, projectId);
  if (found.kind !== "ok") return found;
  const project = found.value;
  const issues = checkStageDates(input, await projectToday(ctx, project.agency_id));
  if (issues.length > 0) return invalid(issues);
  const at = ctx.clock.now().toISOString();
  const done = await ctx.db.kysely.transaction().execute(async (trx) => {
    const before = (await stagesOf(trx, [project.id])).get(project.id) ?? [];
    const events: ProjectEvent[] = [];
    const after = [];
    for (const stage of STAGES) {
      const s = input[stage];
      const old = before.find((b) => b.stage === stage);
      const row = {
        planned_start: s ? s.plannedStart || null : (old?.planned_start ?? null),
        planned_end: s ? s.plannedEnd || null : (old?.planned_end ?? null),
        actual_start: s ? s.actualStart || null : (old?.actual_start ?? null),
        actual_end: s ? s.actualEnd || null : (old?.actual_end ?? null),
      };
      after.push({ stage, ...row });
      if (row.actual_start && !old?.actual_start)
        events.push({ kind: "stage_started", stage, date: row.actual_start });
      if (row.actual_end && !old?.actual_end)
        events.push({ kind: "stage_ended", stage, date: row.actual_end });
      if (old)
        await trx
          .updateTable("budget_project_stages")
          .set({ ...row, updated_at: at })
          .where("project_id", "=", project.id)
          .where("stage", "=", stage)
          .execute();
      else
        await trx
          .insertInto("budget_project_stages")
          .values({ project_id: project.id, stage, ...row, updated_at: at })
          .execute();
    }
    const status = projectStatus(after);
    await trx
      .updateTable("budget_projects")
      .set({ status, updated_at: at })
      .where("id", "=", project.id)
      .execute();
    await audit(trx, ctx, principal, "budget.project.stages_updated", project.id, {
      from: project.status,
      status,
      stages: after,
    });
    await notifyFollowers(trx, ctx, project, events);
    return { status, events: events.length };
  });
  ctx.mail.kick();
  ctx.pageCache.invalidate();
  return ok(done);
}

/** The contractor, the amounts contracted and spent, and percent complete as the form gives them. */
export interface DetailsInput {
  contractor: string;
  contracted: string;
  spent: string;
  percent: string;
}

/**
 * Sets the contractor, the amounts contracted and spent (whole tenge, each optional; spent may
 * exceed contracted, and the public page says so) and percent complete (0–100).
 */
export async function updateDetails(
  ctx: AppContext,
  principal: Principal,
  projectId: string,
  input: DetailsInput,
): Promise<Result<null>> {
  const found = await reportable(ctx, principal, projectId);
  if (found.kind !== "ok") return found;
  const issues: FieldIssue[] = [];
  const contractor = input.contractor.trim();
  if (contractor.length > MAX_CONTRACTOR)
    issues.push({
      field: "contractor",
      key: "budgets.projects.error.too_long",
      params: { max: MAX_CONTRACTOR },
    });
  const amount = (field: string, raw: string): number | null => {
    if (raw.trim() === "") return null;
    const r = checkAmount(field, raw);
    if (typeof r === "number") return r;
    issues.push(r);
    return null;
  };
  const contracted = amount("contracted", input.contracted);
  const spent = amount("spent", input.spent);
  const p = input.percent.trim();
  const percent = /^\d{1,3}$/.test(p) ? Number(p) : Number.NaN;
  if (!(percent >= 0 && percent <= 100))
    issues.push({ field: "percent", key: "budgets.projects.error.percent" });
  if (issues.length > 0) return invalid(issues);
  const at = ctx.clock.now().toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const values = {
      contractor: contractor || null,
      amount_contracted: contracted,
      amount_spent: spent,
      percent,
    };
    await trx
      .updateTable("budget_projects")
      .set({ ...values, updated_at: at })
      .where("id", "=", projectId)
      .execute();
    await audit(trx, ctx, principal, "budget.project.details_updated", projectId, values);
  });
  ctx.pageCache.invalidate();
  return ok(null);
}

/** Adds photos of one kind (before, during, after) with a caption that is their alternative text. */
export async function addPhotos(
  ctx: AppContext,
  principal: Principal,
  projectId: string,
  input: { kind: string; caption: string },
  files: IncomingFile[],
  tooLarge = false,
): Promise<Result<{ added: number }>> {
  const found = await reportable(ctx, principal, projectId);
  if (found.kind !== "ok") return found;
  const issues: FieldIssue[] = [];
  if (!(PROJECT_FILE_KINDS as readonly string[]).includes(input.kind))
    issues.push({ field: "photoKind", key: "budgets.projects.error.photo_kind" });
  const caption = input.caption.trim();
  if (!caption) issues.push({ field: "caption", key: "budgets.projects.error.caption" });
  else if (caption.length > MAX_CAPTION)
    issues.push({
      field: "caption",
      key: "budgets.projects.error.too_long",
      params: { max: MAX_CAPTION },
    });
  if (tooLarge)
    return invalid([
      ...issues,
      {
        field: "photo",
        key: "budgets.files.error.too_large",
        params: { max: megabytes(attachmentSettings.maxBytes) },
      },
    ]);
  if (files.length === 0) issues.push({ field: "photo", key: "budgets.projects.error.photo" });
  const held = await ctx.db.kysely
    .selectFrom("budget_files")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("owner_kind", "=", "project")
    .where("owner_id", "=", projectId)
    .executeTakeFirstOrThrow();
  const checked = checkBudgetFiles("photo", files, { already: Number(held.n), imagesOnly: true });
  if (!checked.ok) issues.push(...checked.issues);
  if (issues.length > 0 || !checked.ok) return invalid(issues);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const rows = await storeBudgetFiles(
      ctx,
      trx,
      { kind: "project", id: projectId },
      input.kind,
      checked.files,
      principal.accountId,
      caption,
    );
    await audit(trx, ctx, principal, "budget.project.photo_added", projectId, {
      kind: input.kind,
      files: rows.map((r) => ({ id: r.id, sha256: r.sha256, name: r.file_name })),
    });
  });
  ctx.pageCache.invalidate();
  return ok({ added: checked.files.length });
}

/** Removes one photo of the project. */
export async function removePhoto(
  ctx: AppContext,
  principal: Principal,
  projectId: string,
  fileId: string,
): Promise<Result<null>> {
  const found = await reportable(ctx, principal, projectId);
  if (found.kind !== "ok") return found;
  if (!BUDGET_ID.test(fileId)) return notFound();
  const removed = await ctx.db.kysely.transaction().execute(async (trx) => {
    const gone = await removeBudgetFile(trx, { kind: "project", id: projectId }, fileId);
    if (gone)
      await audit(trx, ctx, principal, "budget.project.photo_removed", projectId, { fileId });
    return gone;
  });
  if (!removed) return notFound();
  ctx.pageCache.invalidate();
  return ok(null);
}

/** Publishes a news item of the project (in the language it is written in) and mails the followers. */
export async function addNews(
  ctx: AppContext,
  principal: Principal,
  projectId: string,
  text: string,
  pageLanguage: Locale,
): Promise<Result<{ id: string }>> {
  const found = await reportable(ctx, principal, projectId);
  if (found.kind !== "ok") return found;
  const body = text.trim();
  if (!body) return invalid([{ field: "news", key: "budgets.projects.error.news" }]);
  if (body.length > MAX_NEWS)
    return invalid([
      { field: "news", key: "budgets.projects.error.too_long", params: { max: MAX_NEWS } },
    ]);
  const id = randomUUID();
  const at = ctx.clock.now().toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto("budget_project_news")
      .values({
        id,
        project_id: projectId,
        body,
        language: writtenIn(body) ?? pageLanguage,
        author_id: principal.accountId,
        created_at: at,
      })
      .execute();
    await audit(trx, ctx, principal, "budget.project.news_added", projectId, { newsId: id });
    await notifyFollowers(trx, ctx, found.value, [{ kind: "news", text: body }]);
  });
  ctx.mail.kick();
  ctx.pageCache.invalidate();
  return ok({ id });
}

/** A signed-in citizen starts (or stops) following a project; doing it twice changes nothing. */
export async function setFollowing(
  ctx: AppContext,
  principal: Principal,
  projectId: string,
  follow: boolean,
): Promise<Result<null>> {
  if (!BUDGET_ID.test(projectId)) return notFound();
  const project = await findProject(ctx.db.kysely, projectId);
  if (!project) return notFound();
  if (!ctx.policy.can(principal, "budget.follow", { agencyId: project.agency_id }))
    return forbidden();
  const at = ctx.clock.now().toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (follow)
      await trx
        .insertInto("budget_followers")
        .values({ project_id: projectId, account_id: principal.accountId, created_at: at })
        .onConflict((oc) => oc.columns(["project_id", "account_id"]).doNothing())
        .execute();
    else
      await trx
        .deleteFrom("budget_followers")
        .where("project_id", "=", projectId)
        .where("account_id", "=", principal.accountId)
        .execute();
    await audit(
      trx,
      ctx,
      principal,
      follow ? "budget.project.followed" : "budget.project.unfollowed",
      projectId,
      {},
    );
  });
  return ok(null);
}

/** The appeal a question became: its number, for the person's redirect to its page. */
export interface AskedQuestion {
  appealId: string;
  number: string;
  dueOn: string;
}

/**
 * A signed-in citizen asks about a project: the question is filed as an appeal (an information
 * request) to the project's body through the appeals' own registration — numbered, with its
 * term, in the person's My Halyq and the body's inbox. Its subject names the project and its
 * text starts with the project's title, address and page, so the body sees what it is about.
 */
export async function askAboutProject(
  ctx: AppContext,
  principal: Principal,
  projectId: string,
  question: string,
  labels: { subject: string; reference: string },
  pageLanguage: Locale,
): Promise<Result<AskedQuestion>> {
  if (!BUDGET_ID.test(projectId)) return notFound();
  const project = await findProject(ctx.db.kysely, projectId);
  if (!project) return notFound();
  if (principal.kind !== "citizen") return forbidden();
  const text = question.trim();
  if (!text) return invalid([{ field: "question", key: "budgets.projects.error.question" }]);
  if (text.length > MAX_QUESTION)
    return invalid([
      { field: "question", key: "budgets.projects.error.too_long", params: { max: MAX_QUESTION } },
    ]);
  const link = `${ctx.config.publicUrl}/budgets/projects/${project.id}`;
  const subject = labels.subject.length > 200 ? `${labels.subject.slice(0, 199)}…` : labels.subject;
  let filed: Awaited<ReturnType<typeof fileAppeal>>;
  try {
    filed = await fileAppeal(
      ctx,
      { channel: "online", principal },
      {
        kind: "information_request",
        agencyId: project.agency_id,
        districtCode: project.territory_code,
        subject,
        text: `${labels.reference}\n${link}\n\n${text}`,
        language: writtenIn(text) ?? pageLanguage,
        ...(project.address ? { address: project.address } : {}),
        ...(project.lat !== null && project.lng !== null
          ? { location: { lat: project.lat, long: project.lng } }
          : {}),
      },
      async (trx, appeal) => {
        await audit(trx, ctx, principal, "budget.project.question_filed", project.id, {
          appealId: appeal.id,
          number: appeal.number,
        });
      },
    );
  } catch (error) {
    if (error instanceof HalyqError && error.code === "CONFLICT") return conflict("CONFLICT");
    throw error;
  }
  if (filed.kind === "invalid")
    return invalid(filed.issues.map((i) => ({ ...i, field: "question" })));
  if (filed.kind !== "ok") return filed;
  return ok({ appealId: filed.value.id, number: filed.value.number, dueOn: filed.value.dueOn });
}

export type { Stage };

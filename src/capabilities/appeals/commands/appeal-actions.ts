import type { Kysely, Updateable } from "kysely";
import { inTransaction } from "../../../db/database.js";
import type { Database } from "../../../db/schema.js";
import { type Actor, appendAudit } from "../../../kernel/audit/audit.js";
import { compare, isPlainDate, toPlainDate } from "../../../kernel/calendar/index.js";
import { isLocale } from "../../../kernel/i18n.js";
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
import type { AppContext } from "../../../platform/manifest.js";
import { categoriesOfAgency, findAgency } from "../../agencies/index.js";
import { organisationsOf, staffWithRole, substitutionsAt } from "../../identity/index.js";
import {
  type AppealAction,
  type AppealStatus,
  allowedFrom,
  OUTCOMES,
  RESOLVED,
  RETURN_REASONS,
  statusAfterCorrection,
  TERMINATE_REASONS,
} from "../appeal.js";
import { type AppealRow, findAppealByNumber, updateAppeal } from "../appeal.repository.js";
import type { AppealsTable } from "../appeal.table.js";
import { complaintWindowEnd, endOfTerm, extensionProblem } from "../deadlines.js";
import { issueAppealLetter } from "../letters/issue-letter.js";
import { type AppealNotice, notifyApplicant } from "../notify.js";
import type { AppealResource } from "../policies.js";
import { appealProfile } from "../profiles.js";
import { currentCoExecutors, insertResolution } from "../resolutions.js";
import { holdStatsUntilCommit, recordAppealChange, writeHeldStats } from "../stats/record.js";
import { noticeStaffOfStep } from "../tasks/staff-notices.js";
import { deleteAnswerDraft } from "./answer-draft.js";
import { registerDerivedAppeal } from "./derived-appeal.js";

/** Organisations a person represents: they see and act on the appeals filed for them. */
export async function organisationIdsOf(ctx: AppContext, accountId: string): Promise<string[]> {
  return (await organisationsOf(ctx, accountId)).map((o) => o.id);
}

export function resourceOf(row: AppealRow, memberOf: readonly string[]): AppealResource {
  return {
    agencyId: row.agency_id,
    applicantAccountId: row.applicant_account_id,
    organisationId: row.organisation_id,
    executorId: row.executor_id,
    memberOf,
  };
}

/**
 * What the policy needs to know who works on an appeal today: the co-executors of the
 * resolution in force and the body's substitutions, with today's date on the body's clock.
 */
export async function workingFacts(
  ctx: AppContext,
  row: AppealRow,
): Promise<Pick<AppealResource, "coExecutorIds" | "substitutions" | "today">> {
  const today = toPlainDate(ctx.clock.now(), appealProfile(row.jurisdiction).timeZone);
  const [coExecutorIds, substitutions] = await Promise.all([
    currentCoExecutors(ctx.db.kysely, row.id),
    substitutionsAt(ctx.db.kysely, row.agency_id, today),
  ]);
  return { coExecutorIds, substitutions, today };
}

/**
 * An appeal as the caller may see it, loaded through its scope: the applicant's own, or one
 * held by the caller's body. Anyone else gets nothing, exactly as if it did not exist.
 */
export async function loadVisibleAppeal(
  ctx: AppContext,
  principal: Principal | null | undefined,
  number: string,
): Promise<{ row: AppealRow; resource: AppealResource } | undefined> {
  if (!principal) return undefined;
  const row = await findAppealByNumber(ctx.db.kysely, number);
  if (!row) return undefined;
  const memberOf =
    principal.kind === "citizen" && row.organisation_id
      ? await organisationIdsOf(ctx, principal.accountId)
      : [];
  const resource = resourceOf(row, memberOf);
  if (principal.kind === "staff") Object.assign(resource, await workingFacts(ctx, row));
  return ctx.policy.can(principal, "appeal.view", resource) ? { row, resource } : undefined;
}

// biome-ignore lint/suspicious/noExplicitAny: each action reads its own fields, checked inside
export type ActionInput = Record<string, any>;

export interface ActionOutcome {
  number: string;
  status: string;
  /** The appeal created by a redirect, a forward or a complaint. */
  created?: { number: string; agencyId: string; dueOn: string };
}

interface Plan {
  changes: Updateable<AppealsTable>;
  audit: { data?: Record<string, unknown>; reason?: string | null };
  notice?: { name: AppealNotice; params?: Record<string, string | number> };
  /** Writes beyond the appeal row (a new appeal elsewhere), run in the same transaction. */
  extra?: (trx: Kysely<Database>, actor: Actor) => Promise<ActionOutcome["created"]>;
}

type Planner = (
  c: { ctx: AppContext; row: AppealRow; today: string; principal: Principal; now: string },
  input: ActionInput,
) => Promise<Result<Plan>>;

/** The body has decided: answered, returned or terminated (a complaint is against that decision). */
const isClosed = (status: string) => ["answered", "returned", "terminated"].includes(status);

const text = (v: unknown, max: number): string | null =>
  typeof v === "string" && v.trim() && v.trim().length <= max ? v.trim() : null;

const required = (field: string, key = "appeals.error.required"): FieldIssue => ({ field, key });

async function agencyRef(db: Kysely<Database>, id: unknown) {
  return typeof id === "string" ? findAgency(db, id, { active: true }) : undefined;
}

function closing(now: string, status: AppealStatus, reason: string, note: string | null) {
  return { status, closed_at: now, close_reason: reason, close_note: note };
}

const planners: Record<AppealAction, Planner> = {
  async assign({ ctx, row, today, principal, now }, input) {
    const staff = await staffWithRole(ctx.db.kysely, row.agency_id, ["executor", "head"]);
    const known = new Set(staff.map((s) => s.id));
    const issues: FieldIssue[] = [];
    const executorId = typeof input.executorId === "string" ? input.executorId : "";
    if (!known.has(executorId)) {
      issues.push({ field: "executorId", key: "appeals.error.executor_unknown" });
    }
    const raw: unknown[] =
      input.coExecutorIds === undefined
        ? []
        : Array.isArray(input.coExecutorIds)
          ? input.coExecutorIds
          : [input.coExecutorIds];
    const coExecutorIds = [...new Set(raw.filter((v): v is string => typeof v === "string"))];
    if (
      coExecutorIds.length !== raw.length ||
      coExecutorIds.length > 10 ||
      coExecutorIds.some((id) => !known.has(id) || id === executorId)
    ) {
      issues.push({ field: "coExecutorIds", key: "appeals.error.co_executor_invalid" });
    }
    let controlOn: string | null = null;
    if (input.controlOn !== undefined && input.controlOn !== "") {
      if (!isPlainDate(input.controlOn) || compare(input.controlOn, today) < 0) {
        issues.push({ field: "controlOn", key: "appeals.error.control_date_invalid" });
      } else if (compare(input.controlOn, row.due_on) > 0) {
        // The control date is the head's own, earlier term: never past the statutory one.
        issues.push({ field: "controlOn", key: "appeals.error.control_after_term" });
      } else controlOn = input.controlOn;
    }
    const instruction =
      input.instruction === undefined || input.instruction === ""
        ? null
        : text(input.instruction, 2000);
    if (input.instruction && !instruction) {
      issues.push({ field: "instruction", key: "appeals.error.too_long", params: { max: 2000 } });
    }
    if (issues.length > 0) return invalid(issues);
    // The same event as a bare assignment, so whoever listens for "appeal.assign" hears both;
    // the resolution's id is added once it is written (the audit entry follows in the same transaction).
    const data: Record<string, unknown> = { executorId, coExecutorIds, controlOn };
    return ok({
      changes: { status: "in_progress", executor_id: executorId },
      audit: { reason: instruction, data },
      extra: async (trx) => {
        const written = await insertResolution(trx, {
          appealId: row.id,
          authorId: principal.accountId,
          executorId,
          coExecutorIds,
          controlOn,
          instruction,
          now,
        });
        data.resolutionId = written.id;
        data.supersedes = written.supersedes;
        return undefined;
      },
    });
  },

  async redirect({ ctx, row, today }, input) {
    const reason = text(input.reason, 2000);
    const part = input.part === undefined ? null : text(input.part, 20_000);
    const issues: FieldIssue[] = [];
    const target = await agencyRef(ctx.db.kysely, input.agencyId);
    if (!target || target.id === row.agency_id) {
      issues.push({ field: "agencyId", key: "appeals.error.agency_unknown" });
    }
    if (!reason) issues.push(required("reason"));
    if (input.part !== undefined && !part) issues.push(required("part"));
    if (issues.length > 0 || !target || !reason) return invalid(issues);
    const profile = appealProfile(row.jurisdiction);
    const calendar = ctx.calendars.forJurisdiction(row.jurisdiction);
    const late = compare(today, endOfTerm(calendar, row.registered_on, profile.redirect)) > 0;
    const extra: Plan["extra"] = async (trx, actor) => {
      const created = await registerDerivedAppeal(trx, ctx, actor, row, {
        agency: target,
        kind: row.kind,
        procedure: row.procedure,
        subject: row.subject,
        body: part ?? row.body,
        term: (p) =>
          p.consideration[row.kind as keyof typeof p.consideration] ?? {
            days: 15,
            unit: "working",
          },
        complaintOfId: row.complaint_of_id,
        action: part ? "redirect-part" : "redirect",
        reason,
      });
      return { number: created.number, agencyId: target.id, dueOn: created.due_on };
    };
    return ok({
      changes: part ? {} : closing(new Date().toISOString(), "redirected", "redirected", reason),
      audit: { reason, data: { agencyId: target.id, part: part !== null, late } },
      notice: { name: part ? "redirected_part" : "redirected", params: { reason } },
      extra,
    });
  },

  async forward({ ctx, row }, input) {
    if (row.kind !== "complaint" || !row.complaint_of_id) {
      return conflict("CONFLICT", { reason: "not_a_complaint" });
    }
    const agency = await agencyRef(ctx.db.kysely, row.agency_id);
    const higher = await agencyRef(ctx.db.kysely, agency?.higherBodyId);
    if (!higher) return conflict("CONFLICT", { reason: "no_higher_body" });
    // The body's position (отзыв) and the case materials go with the complaint (APPK art. 91 p.4).
    const position = text(input.position, 10_000);
    const issues: FieldIssue[] = [];
    if (!position) issues.push(required("position", "appeals.error.position_required"));
    const files = await ctx.db.kysely
      .selectFrom("appeal_attachments")
      .select("id")
      .where("appeal_id", "=", row.id)
      .execute();
    const own = new Set(files.map((f) => f.id));
    const raw: unknown[] =
      input.materials === undefined
        ? []
        : Array.isArray(input.materials)
          ? input.materials
          : [input.materials];
    const materials = [...new Set(raw.filter((v): v is string => typeof v === "string"))];
    if (materials.length !== raw.length || materials.some((id) => !own.has(id))) {
      issues.push({ field: "materials", key: "appeals.error.materials_invalid" });
    }
    if (issues.length > 0 || !position) return invalid(issues);
    return ok({
      changes: closing(new Date().toISOString(), "redirected", "forwarded", null),
      audit: { data: { agencyId: higher.id, materials: materials.length } },
      notice: { name: "forwarded" },
      extra: async (trx, actor) => {
        const created = await registerDerivedAppeal(trx, ctx, actor, row, {
          agency: higher,
          kind: "complaint",
          procedure: "complaint_review",
          subject: row.subject,
          body: row.body,
          term: (p) => p.complaint.decide,
          complaintOfId: row.complaint_of_id,
          action: "forward",
          position,
          attachmentIds: materials,
        });
        return { number: created.number, agencyId: higher.id, dueOn: created.due_on };
      },
    });
  },

  async satisfy({ row, today, now }, input) {
    if (row.kind !== "complaint" || !row.complaint_of_id || row.procedure === "complaint_review") {
      return conflict("CONFLICT", { reason: "not_a_complaint" });
    }
    // The body may satisfy a complaint against itself only within the forwarding term.
    if (compare(today, row.due_on) > 0) return conflict("CONFLICT", { reason: "satisfy_too_late" });
    const body = text(input.text, 20_000);
    const basis = input.basis === undefined || input.basis === "" ? null : text(input.basis, 2000);
    const issues: FieldIssue[] = [];
    if (!body) issues.push(required("text", "appeals.error.text_required"));
    if (input.basis && !basis) {
      issues.push({ field: "basis", key: "appeals.error.too_long", params: { max: 2000 } });
    }
    if (issues.length > 0) return invalid(issues);
    return ok({
      changes: {
        status: "answered",
        answer_outcome: "satisfied",
        answer_text: body,
        answer_basis: basis,
        answer_language: row.language,
        answer_drafted_at: now,
        answered_at: now,
        closed_at: now,
      },
      audit: { data: { outcome: "satisfied" } },
      notice: { name: "answered" },
    });
  },

  async note(_c, input) {
    const note = text(input.text, 2000);
    if (!note) return invalid([required("text", "appeals.error.text_required")]);
    return ok({ changes: {}, audit: { reason: note } });
  },

  async control({ row, now }, input) {
    if (typeof input.on !== "boolean") return invalid([required("on")]);
    if (input.on === (row.on_control_at !== null)) {
      return conflict("CONFLICT", { reason: input.on ? "already_on_control" : "not_on_control" });
    }
    return ok({
      changes: { on_control_at: input.on ? now : null },
      audit: { data: { on: input.on } },
    });
  },

  async categorise({ ctx, row }, input) {
    const categories = await categoriesOfAgency(ctx.db.kysely, row.agency_id);
    const category = categories.find((c) => c.id === input.categoryId);
    if (!category) return invalid([{ field: "categoryId", key: "appeals.error.category_unknown" }]);
    if (category.id === row.category_id) return conflict("CONFLICT", { reason: "same_category" });
    return ok({
      changes: { category_id: category.id },
      audit: { data: { from: row.category_id, categoryId: category.id } },
    });
  },

  async "request-correction"({ ctx, row, today }, input) {
    const note = text(input.note ?? input.reason, 2000);
    if (!note) return invalid([required("note")]);
    const calendar = ctx.calendars.forJurisdiction(row.jurisdiction);
    const profile = appealProfile(row.jurisdiction);
    let until = endOfTerm(calendar, today, profile.correction);
    if (input.until !== undefined) {
      if (!isPlainDate(input.until) || compare(input.until, today) <= 0) {
        return invalid([{ field: "until", key: "appeals.error.date_invalid" }]);
      }
      until = input.until;
    }
    return ok({
      changes: { status: "awaiting_correction", correction_note: note, correction_due_on: until },
      audit: { reason: note, data: { until } },
      notice: { name: "correction_requested", params: { note, until } },
    });
  },

  async correct({ row, now }, input) {
    const addition = text(input.text, 20_000);
    if (!addition) return invalid([required("text", "appeals.error.text_required")]);
    return ok({
      changes: {
        status: statusAfterCorrection(row.executor_id),
        body: `${row.body}\n\n— ${now.slice(0, 10)}:\n${addition}`,
        correction_note: null,
        correction_due_on: null,
      },
      audit: { data: { length: addition.length } },
    });
  },

  async return({ row, today, now }, input) {
    const reason = input.reason;
    if (!(RETURN_REASONS as readonly string[]).includes(reason)) {
      return invalid([{ field: "reason", key: "appeals.error.reason_invalid" }]);
    }
    if (Number(row.crime_report) === 1) return conflict("CONFLICT", { reason: "crime_report" });
    if (
      reason === "correction_not_made" &&
      (row.status !== "awaiting_correction" ||
        !row.correction_due_on ||
        compare(today, row.correction_due_on) <= 0)
    ) {
      return conflict("CONFLICT", { reason: "correction_term_running" });
    }
    const note = text(input.note, 2000);
    return ok({
      changes: closing(now, "returned", reason, note),
      audit: { reason, data: { note } },
      notice: { name: "returned", params: { reason } },
    });
  },

  async terminate({ row, now }, input) {
    const reason = input.reason;
    if (!(TERMINATE_REASONS as readonly string[]).includes(reason)) {
      return invalid([{ field: "reason", key: "appeals.error.reason_invalid" }]);
    }
    if (Number(row.crime_report) === 1 && reason === "anonymous") {
      return conflict("CONFLICT", { reason: "crime_report" });
    }
    const note = text(input.note, 2000);
    return ok({
      changes: closing(now, "terminated", reason, note),
      audit: { reason, data: { note } },
      notice: { name: "terminated", params: { reason } },
    });
  },

  async extend({ ctx, row, today, now }, input) {
    const reason = text(input.reason, 2000);
    if (!reason) return invalid([required("reason")]);
    if (row.procedure === "complaint_review") {
      return conflict("CONFLICT", { reason: "no_extension_for_complaints" });
    }
    // Once the term has passed the appeal is deemed refused (APPK art. 91 p.2): too late to extend.
    if (compare(today, row.due_on) > 0) return conflict("CONFLICT", { reason: "term_expired" });
    const problem = extensionProblem(
      ctx.calendars.forJurisdiction(row.jurisdiction),
      appealProfile(row.jurisdiction),
      {
        until: input.until,
        today,
        dueOn: row.due_on,
        extensionsSoFar: row.extended_at ? 1 : 0,
      },
    );
    if (problem === "no_more") return conflict("CONFLICT", { reason: "already_extended" });
    if (problem) return invalid([{ field: "until", key: `appeals.error.extension_${problem}` }]);
    return ok({
      changes: {
        due_on: input.until,
        extended_at: now,
        extension_reason: reason,
        // A new term starts the clock's reminders and escalation afresh.
        escalation_level: 0,
      },
      audit: { reason, data: { dueOn: row.due_on, until: input.until } },
      notice: { name: "extended", params: { until: input.until, reason } },
    });
  },

  async answer({ row, now }, input) {
    const issues: FieldIssue[] = [];
    if (!(OUTCOMES as readonly string[]).includes(input.outcome)) {
      issues.push({ field: "outcome", key: "appeals.error.outcome_invalid" });
    }
    const body = text(input.text, 20_000);
    if (!body) issues.push(required("text", "appeals.error.text_required"));
    const basis = input.basis === undefined || input.basis === "" ? null : text(input.basis, 2000);
    const language = input.language ?? row.language;
    if (!isLocale(language) || (language !== "kk" && language !== row.language)) {
      issues.push({ field: "language", key: "appeals.error.answer_language" });
    }
    if (issues.length > 0) return invalid(issues);
    return ok({
      changes: {
        status: "awaiting_approval",
        answer_outcome: input.outcome,
        answer_text: body,
        answer_basis: basis,
        answer_language: language,
        answer_drafted_at: now,
      },
      audit: { data: { outcome: input.outcome } },
      // The draft kept while typing has become the answer.
      extra: async (trx) => {
        await deleteAnswerDraft(trx, row.id);
        return undefined;
      },
    });
  },

  async approve({ row, now }) {
    return ok({
      changes: { status: "answered", answered_at: now, closed_at: now },
      audit: { data: { outcome: row.answer_outcome } },
      notice: { name: "answered" },
    });
  },

  async "send-back"(_c, input) {
    const reason = text(input.reason, 2000);
    if (!reason) return invalid([required("reason")]);
    return ok({ changes: { status: "in_progress" }, audit: { reason } });
  },

  async withdraw({ now }, input) {
    const note = input.reason === undefined ? null : text(input.reason, 2000);
    return ok({
      changes: closing(now, "withdrawn", "withdrawn", note),
      audit: { reason: note },
      notice: { name: "withdrawn" },
    });
  },

  async rate({ row, now }, input) {
    const score = Number(input.score);
    const issues: FieldIssue[] = [];
    if (!Number.isInteger(score) || score < 1 || score > 5) {
      issues.push({ field: "score", key: "appeals.error.score_invalid" });
    }
    if (!(RESOLVED as readonly string[]).includes(input.resolved)) {
      issues.push({ field: "resolved", key: "appeals.error.resolved_invalid" });
    }
    const comment =
      input.comment === undefined || input.comment === "" ? null : text(input.comment, 2000);
    if (input.comment && !comment) {
      issues.push({ field: "comment", key: "appeals.error.too_long", params: { max: 2000 } });
    }
    if (issues.length > 0) return invalid(issues);
    if (row.rated_at) return conflict("CONFLICT", { reason: "already_rated" });
    const window = appealProfile(row.jurisdiction).ratingWindowDays;
    const answered = Date.parse(row.answered_at ?? "");
    if (!(Date.parse(now) - answered <= window * 86_400_000)) {
      return conflict("CONFLICT", { reason: "rating_closed" });
    }
    return ok({
      changes: {
        rating_score: score,
        rating_resolved: input.resolved,
        rating_comment: comment,
        rated_at: now,
      },
      audit: { data: { score, resolved: input.resolved } },
    });
  },

  async complain({ ctx, row, today, now }, input) {
    const body = text(input.text, 20_000);
    if (!body) return invalid([required("text", "appeals.error.text_required")]);
    if (row.complained_at) return conflict("CONFLICT", { reason: "already_complained" });
    const profile = appealProfile(row.jurisdiction);
    const decidedAt = row.status === "answered" ? row.answered_at : row.closed_at;
    const silent = !isClosed(row.status);
    if (silent && compare(today, row.due_on) <= 0) {
      return conflict("CONFLICT", { reason: "term_running" });
    }
    const from = silent ? row.due_on : toPlainDate(new Date(decidedAt ?? now), profile.timeZone);
    if (compare(today, complaintWindowEnd(profile, from)) > 0) {
      return conflict("CONFLICT", { reason: "complaint_too_late" });
    }
    const agency = await agencyRef(ctx.db.kysely, row.agency_id);
    if (!agency) return conflict("CONFLICT", { reason: "agency_inactive" });
    return ok({
      changes: { complained_at: ctx.clock.now().toISOString() },
      audit: { data: { against: silent ? "silence" : row.status } },
      notice: { name: "complaint_registered" },
      extra: async (trx, actor) => {
        // Filed with the body that acted, which forwards it (or satisfies it) within its term.
        const created = await registerDerivedAppeal(trx, ctx, actor, row, {
          agency,
          kind: "complaint",
          procedure: "full",
          subject: row.subject,
          body,
          term: (p) => p.complaint.forward,
          complaintOfId: row.id,
          action: "complain",
        });
        return { number: created.number, agencyId: agency.id, dueOn: created.due_on };
      },
    });
  },

  async publish(_c, input) {
    if (typeof input.public !== "boolean") {
      return invalid([{ field: "public", key: "appeals.error.required" }]);
    }
    return ok({
      changes: { public: input.public ? 1 : 0 },
      audit: { data: { public: input.public } },
    });
  },
};

/**
 * Takes one step on an appeal: loads it through the caller's scope (404 for anyone who may
 * not see it), asks the policy (403), checks the transition table (409), then changes the
 * record, appends the audit entry and queues the applicant's notice in one transaction.
 */
export async function actOnAppeal(
  ctx: AppContext,
  principal: Principal,
  number: string,
  action: AppealAction,
  input: ActionInput,
): Promise<Result<ActionOutcome>> {
  const found = await loadVisibleAppeal(ctx, principal, number);
  if (!found) return notFound();
  const { row, resource } = found;
  if (!ctx.policy.can(principal, `appeal.${action}`, resource)) return forbidden();
  if (!allowedFrom(action, row.status)) return conflict("CONFLICT", { status: row.status });
  const nowDate = ctx.clock.now();
  const now = nowDate.toISOString();
  const today = toPlainDate(nowDate, appealProfile(row.jurisdiction).timeZone);
  const planned = await planners[action]({ ctx, row, today, principal, now }, input);
  if (planned.kind !== "ok") return planned;
  const plan = planned.value;
  const actor: Actor = { id: principal.accountId, label: principal.kind };
  const changes: Updateable<AppealsTable> = { ...plan.changes, updated_at: now };
  if (changes.closed_at) changes.closed_at = now;
  const result = await inTransaction(ctx.db.kysely, async (trx) => {
    if (!(await updateAppeal(trx, row, changes))) return null;
    // The change and the appeal it may create (a redirect, a complaint) written together.
    holdStatsUntilCommit(trx);
    await recordAppealChange(trx, ctx.calendars, row, { ...row, ...changes } as AppealRow);
    const created = plan.extra ? await plan.extra(trx, actor) : undefined;
    await writeHeldStats(trx);
    await appendAudit(trx, ctx.clock, [
      {
        actor,
        action: `appeal.${action}`,
        subjectType: "appeal",
        subjectId: row.id,
        reason: plan.audit.reason ?? null,
        data: {
          ...(plan.audit.data ?? {}),
          from: row.status,
          to: changes.status ?? row.status,
          ...(created ? { created: created.number } : {}),
        },
      },
    ]);
    if (plan.notice) {
      const after = { ...row, ...changes } as AppealRow;
      const params = { ...(plan.notice.params ?? {}) };
      if (created) {
        params.newNumber = created.number;
        params.newDue = created.dueOn;
        params.targetAgencyId = created.agencyId;
      }
      await notifyApplicant(trx, ctx, after, plan.notice.name, params);
      // The answer and the notices a paper applicant must receive, as a signed letter.
      await issueAppealLetter(trx, ctx, principal, actor, after, plan.notice.name, params);
    }
    const after = { ...row, ...changes } as AppealRow;
    const reason = plan.audit.reason ?? null;
    await noticeStaffOfStep(trx, ctx, principal, action, row, after, created, reason);
    return created;
  });
  if (result === null) return conflict("CONFLICT", { reason: "changed_meanwhile" });
  ctx.mail.kick();
  return ok({
    number: row.number,
    status: (changes.status as string | undefined) ?? row.status,
    ...(result ? { created: result } : {}),
  });
}

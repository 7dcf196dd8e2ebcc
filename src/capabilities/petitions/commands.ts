import { createHmac, randomBytes, randomUUID } from "node:crypto";
import type { Kysely, Updateable } from "kysely";
import type { Database } from "../../db/schema.js";
import { appendAudit } from "../../kernel/audit/audit.js";
import { isLocale } from "../../kernel/i18n.js";
import type { Principal } from "../../kernel/permissions.js";
import {
  conflict,
  type FieldIssue,
  forbidden,
  invalid,
  notFound,
  ok,
  type Result,
} from "../../kernel/result.js";
import type { AppContext } from "../../platform/manifest.js";
import { findAgency } from "../agencies/index.js";
import { residenceOf } from "../identity/index.js";
import { addMonthsToInstant, dueAfter, todayIn } from "./deadlines.js";
import { type Milestone, notifyBodyOfSubmission, notifyMilestone } from "./notify.js";
import {
  allowedFrom,
  isPublic,
  LIMITS,
  nextStatus,
  type PetitionAction,
  type PetitionRow,
} from "./petition.js";
import { coInitiatorCount, findPetition, isCoInitiator } from "./petition.repository.js";
import type { PetitionsTable } from "./petitions.table.js";
import type { PetitionResource } from "./policies.js";
import { isCentral, petitionProfile, thresholdFor } from "./profiles.js";

const resourceOf = (p: PetitionRow): PetitionResource => ({
  agencyId: p.agency_id,
  initiatorId: p.initiator_account_id,
});

/** Whether `principal` may see a petition that is not (or no longer) public. */
export async function canSee(
  ctx: AppContext,
  p: PetitionRow,
  principal: Principal | null,
): Promise<boolean> {
  if (isPublic(p)) return true;
  if (!principal) return false;
  if (principal.accountId === p.initiator_account_id) return true;
  if (ctx.policy.can(principal, "petition.case", resourceOf(p))) return p.submitted_at !== null;
  return isCoInitiator(ctx.db.kysely, p.id, principal.accountId);
}

/**
 * The key that counts a co-initiator once per person, whatever account they use: a keyed hash
 * of the verified IIN (the IIN itself is not copied into the petition's rows).
 */
function coInitiatorKey(secret: Buffer, iin: string): string {
  return createHmac("sha256", secret).update(`petition-co-initiator\0${iin}`).digest("base64url");
}

/** The person's verified IIN, read fresh (a declared one, or one released a moment ago, is none). */
async function accountIin(db: Kysely<Database>, accountId: string): Promise<string | null> {
  const a = await residenceOf(db, accountId);
  return a?.kind === "citizen" && a.iin && a.identityVerified ? a.iin : null;
}

export interface CreateInput {
  agencyId: string;
  title: string;
  summary: string;
  proposal: string;
  language: string;
}

/** The problems with a draft's text that need no database. */
export function checkDraft(input: CreateInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!input.agencyId) issues.push({ field: "agencyId", key: "petitions.validation.agency" });
  for (const f of ["title", "summary", "proposal"] as const) {
    if (!input[f]) issues.push({ field: f, key: `petitions.validation.${f}` });
    else if (input[f].length > LIMITS[f])
      issues.push({ field: f, key: "petitions.validation.too_long", params: { max: LIMITS[f] } });
  }
  return issues;
}

/**
 * A new draft by a citizen whose identity is verified (e-ID or in person); numbered
 * `PET-YYYY-NNNNNN`.
 */
export async function createPetition(
  ctx: AppContext,
  principal: Principal,
  input: CreateInput,
): Promise<Result<{ id: string; number: string }>> {
  const db = ctx.db.kysely;
  const denied = ctx.policy.refusal(principal, "petition.create", { agencyId: input.agencyId });
  if (denied === "identity_not_verified") return forbidden("IDENTITY_NOT_VERIFIED");
  if (denied) return forbidden();
  const issues = checkDraft(input);
  const agency = input.agencyId ? await findAgency(db, input.agencyId) : undefined;
  if (input.agencyId && !agency?.active)
    issues.push({ field: "agencyId", key: "petitions.validation.agency" });
  if (issues.length > 0) return invalid(issues);
  if (!(await accountIin(db, principal.accountId)))
    return conflict("CONFLICT", { reason: "no_iin" });
  const now = ctx.clock.now();
  const iso = now.toISOString();
  const year = now.getUTCFullYear();
  const id = randomUUID();
  for (let attempt = 0; ; attempt++) {
    try {
      const number = await db.transaction().execute(async (trx) => {
        const last = await trx
          .selectFrom("petitions")
          .select((eb) => eb.fn.max("number").as("n"))
          .where("number", "like", `PET-${year}-%`)
          .executeTakeFirst();
        const seq = last?.n ? Number(String(last.n).slice(-6)) + 1 : 1;
        const number = `PET-${year}-${String(seq).padStart(6, "0")}`;
        await trx
          .insertInto("petitions")
          .values({
            id,
            number,
            agency_id: input.agencyId,
            initiator_account_id: principal.accountId,
            status: "draft",
            language: isLocale(input.language) ? input.language : "kk",
            title: input.title,
            summary: input.summary,
            proposal: input.proposal,
            share_token: null,
            territory_code: null,
            threshold: null,
            created_at: iso,
            gathering_started_at: null,
            gathering_due_on: null,
            submitted_at: null,
            admissibility_due_on: null,
            admitted_at: null,
            refused_at: null,
            refusal_reason: null,
            refusal_text: null,
            published_at: null,
            signing_closes_at: null,
            threshold_reached_at: null,
            consideration_due_on: null,
            draft_decision: null,
            draft_decision_published_at: null,
            decision: null,
            decision_published_at: null,
            expired_at: null,
            withdrawn_at: null,
            updated_at: iso,
            version: 1,
          })
          .execute();
        await appendAudit(trx, ctx.clock, [
          {
            actor: { id: principal.accountId, label: "citizen" },
            action: "petition.created",
            subjectType: "petition",
            subjectId: id,
            data: { number, agencyId: input.agencyId },
          },
        ]);
        return number;
      });
      return ok({ id, number });
    } catch (e) {
      // Two drafts numbered at once: the unique number refuses one; it takes the next.
      if (attempt >= 4) throw e;
    }
  }
}

export interface ActInput {
  /** admit/refuse: the reason key from the excluded topics, or "other". */
  reason?: string;
  /** refuse "other": the words; draft decision and decision: the text. */
  text?: string;
  /** join: the token of the co-initiators' link. */
  token?: string;
}

const POLICY: Record<Exclude<PetitionAction, "reach_threshold" | "expire" | "comment">, string> = {
  start_gathering: "petition.initiate",
  join: "petition.join",
  submit: "petition.initiate",
  withdraw: "petition.initiate",
  admit: "petition.review",
  refuse: "petition.review",
  publish_draft_decision: "petition.decide",
  decide: "petition.decide",
};

const MILESTONE: Partial<Record<PetitionAction, Milestone>> = {
  submit: "submitted",
  admit: "admitted",
  refuse: "refused",
  publish_draft_decision: "draft_decision",
  decide: "decided",
  withdraw: "withdrawn",
};

/**
 * One step of a petition's life by a person: load it (404 when they may not see it), ask the
 * policy (403), check the transition table (409), then change the row with a version check,
 * append the audit record and queue the notices in one transaction.
 */
export async function actOnPetition(
  ctx: AppContext,
  principal: Principal,
  ref: string,
  action: keyof typeof POLICY,
  input: ActInput = {},
): Promise<Result<{ petition: PetitionRow; changed: boolean }>> {
  const db = ctx.db.kysely;
  const p = await findPetition(db, ref);
  if (!p) return notFound();
  const byToken = action === "join" && p.share_token !== null && input.token === p.share_token;
  if (!byToken && !(await canSee(ctx, p, principal))) return notFound();
  const denied = ctx.policy.refusal(principal, POLICY[action], resourceOf(p));
  if (denied === "identity_not_verified") return forbidden("IDENTITY_NOT_VERIFIED");
  if (denied) return forbidden();
  if (!allowedFrom(action, p.status)) return conflict("CONFLICT", { reason: "state" });
  const profile = await petitionProfile(db);
  const agency = await findAgency(db, p.agency_id);
  const calendar = ctx.calendars.forJurisdiction(agency?.jurisdiction);
  const now = ctx.clock.now();
  const iso = now.toISOString();
  const today = todayIn(calendar, now);
  const set: Updateable<PetitionsTable> = {};
  const issues: FieldIssue[] = [];
  const data: Record<string, unknown> = {};
  let personKey: string | null = null;

  switch (action) {
    case "start_gathering":
      set.share_token = randomBytes(18).toString("base64url");
      set.gathering_started_at = iso;
      set.gathering_due_on = dueAfter(calendar, today, profile.coInitiators.workingDays);
      data.dueOn = set.gathering_due_on;
      break;
    case "join": {
      if (!byToken && !(await isCoInitiator(db, p.id, principal.accountId))) return notFound();
      if (p.gathering_due_on && today > p.gathering_due_on)
        return conflict("CONFLICT", { reason: "gathering_over" });
      const iin = await accountIin(db, principal.accountId);
      if (!iin) return conflict("CONFLICT", { reason: "no_iin" });
      if (await isCoInitiator(db, p.id, principal.accountId))
        return ok({ petition: p, changed: false });
      // One person counts once, not again under another account.
      personKey = coInitiatorKey(ctx.secret, iin);
      const sameIin = await db
        .selectFrom("petition_co_initiators")
        .select("account_id")
        .where("petition_id", "=", p.id)
        .where("person_key", "=", personKey)
        .executeTakeFirst();
      if (sameIin) return conflict("CONFLICT", { reason: "already_counted" });
      break;
    }
    case "submit": {
      if (p.gathering_due_on && today > p.gathering_due_on)
        return conflict("CONFLICT", { reason: "gathering_over" });
      const n = await coInitiatorCount(db, p.id);
      if (n < profile.coInitiators.count)
        return conflict("CONFLICT", {
          reason: "co_initiators",
          needed: profile.coInitiators.count,
        });
      set.submitted_at = iso;
      set.share_token = null;
      set.admissibility_due_on = dueAfter(calendar, today, profile.admissibilityWorkingDays);
      data.coInitiators = n;
      data.dueOn = set.admissibility_due_on;
      break;
    }
    case "admit": {
      if (!agency) return notFound();
      const threshold = thresholdFor(profile, {
        kind: agency.kind,
        level: agency.level,
        territory_code: agency.territoryCode,
      });
      set.admitted_at = iso;
      set.published_at = iso;
      set.threshold = threshold;
      set.territory_code = isCentral(agency.level) ? null : agency.territoryCode;
      set.signing_closes_at = addMonthsToInstant(now, profile.signingMonths).toISOString();
      data.threshold = threshold;
      data.signingClosesAt = set.signing_closes_at;
      break;
    }
    case "refuse": {
      const reason = input.reason ?? "";
      const text = (input.text ?? "").trim();
      if (reason !== "other" && !profile.excludedTopics.includes(reason))
        issues.push({ field: "reason", key: "petitions.validation.reason" });
      if (reason === "other" && !text)
        issues.push({ field: "reasonText", key: "petitions.validation.reason_text" });
      if (text.length > LIMITS.comment)
        issues.push({
          field: "reasonText",
          key: "petitions.validation.too_long",
          params: { max: LIMITS.comment },
        });
      set.refused_at = iso;
      set.refusal_reason = reason;
      set.refusal_text = text || null;
      data.reason = reason;
      break;
    }
    case "publish_draft_decision":
    case "decide": {
      const text = (input.text ?? "").trim();
      if (!text) issues.push({ field: "text", key: "petitions.validation.decision_text" });
      else if (text.length > LIMITS.text)
        issues.push({
          field: "text",
          key: "petitions.validation.too_long",
          params: { max: LIMITS.text },
        });
      if (action === "decide" && !p.draft_decision_published_at)
        return conflict("CONFLICT", { reason: "no_draft" });
      if (action === "publish_draft_decision") {
        set.draft_decision = text;
        set.draft_decision_published_at = p.draft_decision_published_at ?? iso;
      } else {
        set.decision = text;
        set.decision_published_at = iso;
      }
      break;
    }
    case "withdraw":
      set.withdrawn_at = iso;
      set.share_token = null;
      break;
  }
  if (issues.length > 0) return invalid(issues);

  const to = nextStatus(action, p.status) ?? p.status;
  const label = principal.kind === "staff" ? "staff" : "citizen";
  const updated = await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("petitions")
      .set({ ...set, status: to, updated_at: iso, version: Number(p.version) + 1 })
      .where("id", "=", p.id)
      .where("version", "=", p.version)
      .executeTakeFirst();
    if (res.numUpdatedRows !== 1n) return null;
    if (action === "join") {
      await trx
        .insertInto("petition_co_initiators")
        .values({
          petition_id: p.id,
          account_id: principal.accountId,
          joined_at: iso,
          person_key: personKey,
        })
        .execute();
    }
    const after = (await trx
      .selectFrom("petitions")
      .selectAll()
      .where("id", "=", p.id)
      .executeTakeFirstOrThrow()) as PetitionRow;
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label },
        action: `petition.${action}`,
        subjectType: "petition",
        subjectId: p.id,
        reason: action === "refuse" ? (input.text ?? input.reason ?? null) : null,
        data: { from: p.status, to, ...data },
      },
    ]);
    const milestone = MILESTONE[action];
    if (milestone) await notifyMilestone(trx, ctx, after, milestone);
    if (action === "submit") await notifyBodyOfSubmission(trx, ctx, after);
    return after;
  });
  if (!updated) return conflict("CONFLICT", { reason: "version" });
  ctx.pageCache.invalidate();
  ctx.mail.kick();
  return ok({ petition: updated, changed: true });
}

/** A comment on the published draft decision; shown once a moderator approves it. */
export async function addComment(
  ctx: AppContext,
  principal: Principal,
  ref: string,
  text: string,
): Promise<Result<{ id: string }>> {
  const db = ctx.db.kysely;
  const p = await findPetition(db, ref);
  if (!p || !isPublic(p)) return notFound();
  if (!ctx.policy.can(principal, "petition.comment", resourceOf(p))) return forbidden();
  if (!allowedFrom("comment", p.status) || !p.draft_decision_published_at)
    return conflict("CONFLICT", { reason: "discussion_closed" });
  const body = text.trim();
  if (!body) return invalid([{ field: "comment", key: "petitions.validation.comment" }]);
  if (body.length > LIMITS.comment)
    return invalid([
      { field: "comment", key: "petitions.validation.too_long", params: { max: LIMITS.comment } },
    ]);
  const id = randomUUID();
  const iso = ctx.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("petition_comments")
      .values({
        id,
        petition_id: p.id,
        account_id: principal.accountId,
        text: body,
        status: "pending",
        created_at: iso,
        moderated_at: null,
        moderated_by_id: null,
      })
      .execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: "citizen" },
        action: "petition.comment.added",
        subjectType: "petition",
        subjectId: p.id,
        data: { commentId: id },
      },
    ]);
  });
  return ok({ id });
}

/** A moderator of the body shows or hides a pending comment. */
export async function moderateComment(
  ctx: AppContext,
  principal: Principal,
  ref: string,
  commentId: string,
  decision: string,
): Promise<Result<null>> {
  const db = ctx.db.kysely;
  const p = await findPetition(db, ref);
  if (!p || !(await canSee(ctx, p, principal))) return notFound();
  if (!ctx.policy.can(principal, "petition.moderate", resourceOf(p))) return forbidden();
  if (decision !== "approved" && decision !== "rejected")
    return invalid([{ field: "decision", key: "petitions.validation.moderation" }]);
  const iso = ctx.clock.now().toISOString();
  const done = await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("petition_comments")
      .set({ status: decision, moderated_at: iso, moderated_by_id: principal.accountId })
      .where("id", "=", commentId)
      .where("petition_id", "=", p.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (res.numUpdatedRows !== 1n) return false;
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: "staff" },
        action: `petition.comment.${decision}`,
        subjectType: "petition",
        subjectId: p.id,
        data: { commentId },
      },
    ]);
    return true;
  });
  if (!done) return conflict("CONFLICT", { reason: "moderated" });
  ctx.pageCache.invalidate();
  return ok(null);
}

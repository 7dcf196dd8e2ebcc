import { createHmac, randomBytes, randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { Database } from "../../../db/schema.js";
import { appendAudit } from "../../../kernel/audit/audit.js";
import { dateIn, dateParams } from "../../../kernel/format/index.js";
import type { Locale } from "../../../kernel/i18n.js";
import { hasVerifiedIdentity, type Principal } from "../../../kernel/permissions.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { districtAt } from "../../../platform/geo/districts.js";
import { isWithin } from "../../../platform/geo/kato.js";
import type { AppContext } from "../../../platform/manifest.js";
import { personalDataKinds } from "../../../platform/privacy/redact.js";
import { organisationsOf, residenceOf } from "../../identity/index.js";
import {
  type CycleRow,
  categoriesOf,
  type ProposalRow,
  phaseAt,
  type Resident,
  residentRefusal,
  residentRefusalKey,
  type TerritoryRow,
} from "../budget.js";
import { type CheckedFile, filesOf, removeBudgetFile, storeBudgetFiles } from "../files.js";
import { budgetProfile } from "../profiles.js";

export const MAX_TITLE = 200;
export const MAX_DESCRIPTION = 5000;
export const MAX_ADDRESS = 300;

/** A localised reason, with what it names. */
export interface Reason {
  key: string;
  params?: Record<string, string | number>;
}

export interface Organisation {
  id: string;
  name: string;
  bin: string;
}

/** The person asking, as the eligibility rules see them, read fresh from the account. */
export interface Proposer {
  resident: Resident;
  organisations: Organisation[];
}

export async function proposerOf(ctx: AppContext, principal: Principal): Promise<Proposer> {
  const a = await residenceOf(ctx.db.kysely, principal.accountId);
  const verified = hasVerifiedIdentity(principal) && a?.identityVerified === true;
  const organisations =
    principal.kind === "citizen" ? await organisationsOf(ctx, principal.accountId) : [];
  return {
    resident: {
      kind: principal.kind === "citizen" ? "citizen" : "staff",
      verified,
      iin: verified ? (a?.iin ?? null) : null,
      residence: a?.residenceCode ?? null,
    },
    organisations,
  };
}

/** The body's local date (YYYY-MM-DD) of an instant, for ages. */
function localDay(ctx: AppContext, at: Date): string {
  const zone = ctx.calendars.forJurisdiction(null).rules.timeZone;
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(at);
}

/**
 * The last day of the proposals phase (the day before the review starts, on the body's clock),
 * as message parameters: `date`, `dateOn`, `dateBy`, `dateFrom`.
 */
export function closingDate(
  ctx: AppContext,
  cycle: CycleRow,
  locale: Locale,
): Record<string, string> {
  const zone = ctx.calendars.forJurisdiction(null).rules.timeZone;
  return dateParams("date", dateIn(new Date(Date.parse(cycle.review_at) - 1), zone), locale);
}

/** Why nothing can be proposed in this cycle now (the phase), or null while proposals run. */
export function phaseRefusal(ctx: AppContext, cycle: CycleRow, locale: Locale): Reason | null {
  const phase = phaseAt(cycle, ctx.clock.now());
  if (phase === "proposals") return null;
  const zone = ctx.calendars.forJurisdiction(null).rules.timeZone;
  if (phase === "draft" || phase === "announcement")
    return {
      key: "budgets.proposals.refusal.not_yet",
      params: dateParams("date", dateIn(cycle.proposals_at, zone), locale),
    };
  return { key: "budgets.proposals.refusal.closed", params: closingDate(ctx, cycle, locale) };
}

/** Why this person may not propose for this territory as a resident, or null. */
export async function residentReason(
  ctx: AppContext,
  resident: Resident,
  territory: string,
): Promise<Reason | null> {
  const profile = await budgetProfile(ctx.db.kysely);
  const r = residentRefusal(resident, territory, localDay(ctx, ctx.clock.now()), profile.minAge);
  return r ? { key: residentRefusalKey(r), params: { age: profile.minAge } } : null;
}

/**
 * Why this person may not propose in this cycle at all (shown before they type anything), or
 * null: a representative of a housing body may always; a resident when one territory of the
 * cycle is theirs. The reason given is that of their own territory's check.
 */
export async function proposeRefusal(
  ctx: AppContext,
  principal: Principal,
  proposer: Proposer,
  cycle: CycleRow,
  territories: TerritoryRow[],
  locale: Locale,
): Promise<Reason | null> {
  if (proposer.resident.kind !== "citizen") return { key: "budgets.refusal.staff_account" };
  const phase = phaseRefusal(ctx, cycle, locale);
  if (phase) return phase;
  if (!ctx.policy.can(principal, "budget.propose"))
    return proposer.organisations.length > 0 ? null : { key: "errors.identity_not_verified" };
  if (proposer.organisations.length > 0) return null;
  let first: Reason | null = null;
  for (const t of territories) {
    const r = await residentReason(ctx, proposer.resident, t.code);
    if (!r) return null;
    first ??= r;
  }
  return first ?? { key: "budgets.refusal.not_resident" };
}

/** The fields of a proposal as typed (a draft may leave any of them empty). */
export interface ProposalInput {
  title: string;
  description: string;
  category: string;
  territory: string;
  address: string;
  lat: number | null;
  lng: number | null;
  cost: number | null;
  /** The housing body it is filed for (organisation id), or "" for the person. */
  organisationId: string;
  language: string;
}

/**
 * Checks what was typed against the cycle and the person (a draft too): the territory one of
 * the cycle's, the category permitted, the person a resident of the territory unless filing
 * for a housing body they represent.
 */
export async function checkInput(
  ctx: AppContext,
  proposer: Proposer,
  cycle: CycleRow,
  territories: TerritoryRow[],
  input: ProposalInput,
): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if (input.territory && !territories.some((t) => t.code === input.territory))
    issues.push({ field: "territory", key: "budgets.proposals.error.territory" });
  if (input.category && !categoriesOf(cycle).includes(input.category))
    issues.push({ field: "category", key: "budgets.proposals.error.category" });
  // A point on the map must lie in the chosen territory, where Halyq knows the boundaries.
  if (input.territory && input.lat !== null && input.lng !== null) {
    const district = districtAt({ lat: input.lat, long: input.lng });
    if (district && !isWithin(district.kato, input.territory))
      issues.push({ field: "location", key: "budgets.proposals.error.point_outside" });
  }
  if (input.organisationId) {
    if (!proposer.organisations.some((o) => o.id === input.organisationId))
      issues.push({ field: "organisationId", key: "budgets.proposals.error.not_representative" });
  } else if (input.territory && issues.length === 0) {
    const r = await residentReason(ctx, proposer.resident, input.territory);
    if (r)
      issues.push({ field: "territory", key: r.key, ...(r.params ? { params: r.params } : {}) });
  }
  return issues;
}

/** New files of a draft by kind (sketch, estimate, photo, presentation), already checked. */
export type NewFiles = { kind: string; files: CheckedFile[] }[];

/**
 * Creates a draft (`existing` null) or saves the author's draft, with its new files, in one
 * transaction with its audit record. Returns the draft's id, or null when it is no longer a
 * draft of this author.
 */
export async function saveDraft(
  ctx: AppContext,
  principal: Principal,
  proposer: Proposer,
  cycle: CycleRow,
  existing: ProposalRow | null,
  input: ProposalInput,
  files: NewFiles,
): Promise<string | null> {
  const now = ctx.clock.now().toISOString();
  const org = proposer.organisations.find((o) => o.id === input.organisationId);
  const columns = {
    territory_code: input.territory,
    category: input.category,
    title: input.title,
    description: input.description,
    language: input.language,
    address: input.address || null,
    lat: input.lat,
    lng: input.lng,
    cost_estimate: input.cost ?? 0,
    author_kind: org ? "organisation" : "person",
    organisation_bin: org?.bin ?? null,
    organisation_name: org?.name ?? null,
    updated_at: now,
  };
  return ctx.db.kysely.transaction().execute(async (trx) => {
    let id: string;
    if (existing) {
      id = existing.id;
      const r = await trx
        .updateTable("budget_proposals")
        .set(columns)
        .where("id", "=", id)
        .where("author_id", "=", principal.accountId)
        .where("status", "=", "draft")
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return null;
    } else {
      id = randomUUID();
      await trx
        .insertInto("budget_proposals")
        .values({
          id,
          cycle_id: cycle.id,
          number: null,
          ...columns,
          author_id: principal.accountId,
          status: "draft",
          support_token: null,
          supports_count: 0,
          submitted_at: null,
          decision: null,
          decision_reason: null,
          decision_text: null,
          council_cost: null,
          merged_into_id: null,
          decided_by_id: null,
          decided_at: null,
          votes: null,
          winner: null,
          rank: null,
          created_at: now,
        })
        .execute();
    }
    const stored: string[] = [];
    for (const f of files) {
      const rows = await storeBudgetFiles(
        ctx,
        trx,
        { kind: "proposal", id },
        f.kind,
        f.files,
        principal.accountId,
      );
      stored.push(...rows.map((r) => r.id));
    }
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: "citizen" },
        action: existing ? "budget.proposal.draft_saved" : "budget.proposal.drafted",
        subjectType: "budget_proposal",
        subjectId: id,
        data: { cycleId: cycle.id, authorKind: columns.author_kind, files: stored },
      },
    ]);
    return id;
  });
}

/** Removes a file of the author's draft (with its audit record); false when it is not one. */
export async function removeDraftFile(
  ctx: AppContext,
  principal: Principal,
  proposal: ProposalRow,
  fileId: string,
): Promise<boolean> {
  if (proposal.status !== "draft" || proposal.author_id !== principal.accountId) return false;
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const gone = await removeBudgetFile(trx, { kind: "proposal", id: proposal.id }, fileId);
    if (!gone) return false;
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: "citizen" },
        action: "budget.proposal.file_removed",
        subjectType: "budget_proposal",
        subjectId: proposal.id,
        data: { fileId },
      },
    ]);
    return true;
  });
}

/**
 * What a draft still lacks to be submitted, as field issues naming each (the files by kind):
 * title, description, category, territory, the place (an address or a point), the cost, a
 * sketch, an estimate and at least one photo.
 */
export async function missingForSubmit(ctx: AppContext, p: ProposalRow): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const need = (ok: boolean, field: string) => {
    if (!ok) issues.push({ field, key: `budgets.proposals.missing.${field}` });
  };
  need(p.territory_code !== "", "territory");
  need(p.category !== "", "category");
  need(p.title.trim() !== "", "title");
  need(p.description.trim() !== "", "description");
  need(!!p.address || (p.lat !== null && p.lng !== null), "address");
  need(p.cost_estimate > 0, "cost");
  const kinds = new Set((await filesOf(ctx.db.kysely, "proposal", [p.id])).map((f) => f.kind));
  need(kinds.has("sketch"), "sketch");
  need(kinds.has("estimate"), "estimate");
  need(kinds.has("photo"), "photo");
  // A submitted proposal is public: its own words must not carry anyone's personal data.
  for (const [field, text] of [
    ["title", p.title],
    ["description", p.description],
    ["address", p.address],
  ] as const)
    if (personalDataKinds(text).length > 0)
      issues.push({ field, key: "budgets.proposals.error.personal_data" });
  return issues;
}

export type SubmitResult =
  | { kind: "submitted" | "collecting"; number: number }
  | { kind: "missing"; issues: FieldIssue[] }
  | { kind: "refused"; reason: Reason }
  | { kind: "not_draft" };

const isUniqueViolation = (e: unknown) =>
  /unique|duplicate key/i.test(String((e as { message?: unknown })?.message ?? e));

/**
 * Submits the author's draft: only while the proposals phase runs, complete, and by a person
 * still eligible. It gets the next public number in its cycle — the unique index on (cycle,
 * number) settles a race, and the loser takes the next one — and becomes `collecting` (a
 * person's proposal where the cycle asks for neighbours' support, with a fresh support link)
 * or `submitted`.
 */
export async function submitProposal(
  ctx: AppContext,
  principal: Principal,
  cycle: CycleRow,
  draft: ProposalRow,
  locale: Locale,
): Promise<SubmitResult> {
  if (draft.status !== "draft" || draft.author_id !== principal.accountId)
    return { kind: "not_draft" };
  const phase = phaseRefusal(ctx, cycle, locale);
  if (phase) return { kind: "refused", reason: phase };
  const proposer = await proposerOf(ctx, principal);
  if (draft.author_kind === "organisation") {
    if (!proposer.organisations.some((o) => o.bin === draft.organisation_bin))
      return { kind: "refused", reason: { key: "budgets.proposals.error.not_representative" } };
  } else {
    if (!ctx.policy.can(principal, "budget.propose"))
      return {
        kind: "refused",
        reason:
          proposer.resident.kind !== "citizen"
            ? { key: "budgets.refusal.staff_account" }
            : { key: "errors.identity_not_verified" },
      };
    const r = draft.territory_code
      ? await residentReason(ctx, proposer.resident, draft.territory_code)
      : null;
    if (r) return { kind: "refused", reason: r };
  }
  const issues = await missingForSubmit(ctx, draft);
  if (issues.length > 0) return { kind: "missing", issues };
  const collecting = cycle.support_required > 0 && draft.author_kind === "person";
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await ctx.db.kysely.transaction().execute(async (trx) => {
        const top = await trx
          .selectFrom("budget_proposals")
          .select((eb) => eb.fn.max("number").as("top"))
          .where("cycle_id", "=", cycle.id)
          .executeTakeFirst();
        const number = Number(top?.top ?? 0) + 1;
        const now = ctx.clock.now().toISOString();
        const r = await trx
          .updateTable("budget_proposals")
          .set({
            number,
            status: collecting ? "collecting" : "submitted",
            support_token: collecting ? randomBytes(18).toString("base64url") : null,
            submitted_at: now,
            updated_at: now,
          })
          .where("id", "=", draft.id)
          .where("status", "=", "draft")
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) return null;
        await appendAudit(trx, ctx.clock, [
          {
            actor: { id: principal.accountId, label: "citizen" },
            action: "budget.proposal.submitted",
            subjectType: "budget_proposal",
            subjectId: draft.id,
            data: { cycleId: cycle.id, number, status: collecting ? "collecting" : "submitted" },
          },
        ]);
        return number;
      });
      if (result === null) return { kind: "not_draft" };
      ctx.pageCache.invalidate();
      return { kind: collecting ? "collecting" : "submitted", number: result };
    } catch (e) {
      if (!isUniqueViolation(e) || attempt >= 50) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * (attempt + 1)));
    }
  }
}

/**
 * The key under which a neighbour's support is kept: a keyed hash of their verified IIN for
 * this proposal (two accounts of one person support once; lists of two proposals cannot be
 * matched).
 */
export function supporterKey(ctx: AppContext, proposalId: string, iin: string): string {
  return createHmac("sha256", ctx.secret)
    .update(`budget-support|${proposalId}|iin:${iin}`)
    .digest("base64url");
}

export type SupportResult =
  | { kind: "supported"; count: number; submitted: boolean }
  | { kind: "already" }
  | { kind: "refused"; reason: Reason };

/** Why this person may not support this proposal now, or null (they may). */
export async function supportRefusal(
  ctx: AppContext,
  principal: Principal,
  proposer: Proposer,
  cycle: CycleRow,
  p: ProposalRow,
  locale: Locale,
): Promise<Reason | null> {
  if (p.status !== "collecting") return { key: "budgets.proposals.support.not_collecting" };
  const phase = phaseRefusal(ctx, cycle, locale);
  if (phase) return { key: "budgets.proposals.support.closed", params: phase.params ?? {} };
  if (p.author_id === principal.accountId) return { key: "budgets.proposals.support.own" };
  if (proposer.resident.kind === "citizen" && !ctx.policy.can(principal, "budget.support"))
    return { key: "errors.identity_not_verified" };
  return residentReason(ctx, proposer.resident, p.territory_code);
}

/** Whether this person already supports the proposal. */
export async function hasSupported(
  ctx: AppContext,
  proposer: Proposer,
  p: ProposalRow,
): Promise<boolean> {
  if (!proposer.resident.iin) return false;
  const row = await ctx.db.kysely
    .selectFrom("budget_supports")
    .select("proposal_id")
    .where("proposal_id", "=", p.id)
    .where("person_key", "=", supporterKey(ctx, p.id, proposer.resident.iin))
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * A verified adult neighbour of the proposal's territory supports it, once. The count rises in
 * the same transaction; when it reaches the cycle's requirement while proposals are accepted,
 * the proposal is submitted to the council.
 */
export async function supportProposal(
  ctx: AppContext,
  principal: Principal,
  cycle: CycleRow,
  p: ProposalRow,
  locale: Locale,
): Promise<SupportResult> {
  const proposer = await proposerOf(ctx, principal);
  const why = await supportRefusal(ctx, principal, proposer, cycle, p, locale);
  if (why) return { kind: "refused", reason: why };
  const iin = proposer.resident.iin as string;
  const key = supporterKey(ctx, p.id, iin);
  const r = await ctx.db.kysely.transaction().execute(async (trx: Transaction<Database>) => {
    const now = ctx.clock.now().toISOString();
    const ins = await trx
      .insertInto("budget_supports")
      .values({
        proposal_id: p.id,
        person_key: key,
        account_id: principal.accountId,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(["proposal_id", "person_key"]).doNothing())
      .executeTakeFirst();
    if (Number(ins.numInsertedOrUpdatedRows ?? 0) !== 1) return null;
    await trx
      .updateTable("budget_proposals")
      .set((eb) => ({ supports_count: eb("supports_count", "+", 1), updated_at: now }))
      .where("id", "=", p.id)
      .execute();
    const moved = await trx
      .updateTable("budget_proposals")
      .set({ status: "submitted", updated_at: now })
      .where("id", "=", p.id)
      .where("status", "=", "collecting")
      .where("supports_count", ">=", cycle.support_required)
      .executeTakeFirst();
    const submitted = Number(moved.numUpdatedRows) === 1;
    const row = await trx
      .selectFrom("budget_proposals")
      .select("supports_count")
      .where("id", "=", p.id)
      .executeTakeFirstOrThrow();
    await appendAudit(trx, ctx.clock, [
      {
        actor: { id: principal.accountId, label: "citizen" },
        action: "budget.proposal.supported",
        subjectType: "budget_proposal",
        subjectId: p.id,
        data: { count: row.supports_count, submitted },
      },
    ]);
    return { count: Number(row.supports_count), submitted };
  });
  if (!r) return { kind: "already" };
  ctx.pageCache.invalidate();
  return { kind: "supported", ...r };
}

import { randomUUID } from "node:crypto";
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
import { localToUtc, utcToLocal } from "../../../kernel/time/local-time.js";
import type { AppContext } from "../../../platform/manifest.js";
import {
  allowed,
  ELIGIBILITIES,
  type Eligibility,
  katoPrefix,
  type Option,
  POLL_KINDS,
  type PollAction,
  type PollKind,
  type PollRow,
  phaseOf,
  QUESTION_KINDS,
  type Question,
  type QuestionKind,
  type Texts,
} from "../poll.js";
import { findPoll } from "../poll.repository.js";
import { forgetPoll } from "./cast-ballot.js";

export const ZONE = "Asia/Almaty";
export const MAX_QUESTIONS = 5;
const LANGS = ["kk", "ru", "en"] as const;

/** A question as the draft form gives it: text per language, options one per line. */
export interface QuestionInput {
  kind: string;
  text: Texts;
  options: Texts;
  scaleMax: string;
}

/** A draft as the form gives it (strings, local wall-clock times in Kazakhstan). */
export interface DraftInput {
  agencyId: string;
  kind: string;
  title: Texts;
  description: Texts;
  eligibility: string;
  territoryCode: string;
  eligibleCount: string;
  opensAt: string;
  closesAt: string;
  liveResults: boolean;
  questions: QuestionInput[];
}

const clean = (s: string | null | undefined) => {
  const v = (s ?? "").trim();
  return v === "" ? null : v;
};
const lines = (s: string | null) =>
  (s ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

const YES_NO: Option[] = [
  { id: "yes", text: { kk: "Иә", ru: "Да", en: "Yes" } },
  { id: "no", text: { kk: "Жоқ", ru: "Нет", en: "No" } },
];

/** Checks a draft and turns it into the columns of a poll, or says what is wrong. */
export function checkDraft(input: DraftInput):
  | {
      ok: true;
      columns: Omit<
        PollRow,
        | "id"
        | "status"
        | "results"
        | "voters_count"
        | "published_at"
        | "created_by_id"
        | "created_at"
        | "updated_at"
      >;
    }
  | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const kind = (POLL_KINDS as readonly string[]).includes(input.kind)
    ? (input.kind as PollKind)
    : null;
  if (!kind) issues.push({ field: "kind", key: "polls.errors.kind" });
  const title = { kk: clean(input.title.kk), ru: clean(input.title.ru), en: clean(input.title.en) };
  if (!title.kk && !title.ru && !title.en)
    issues.push({ field: "title-kk", key: "polls.errors.title" });
  for (const l of LANGS)
    if ((title[l]?.length ?? 0) > 200)
      issues.push({ field: `title-${l}`, key: "polls.errors.too_long", params: { max: 200 } });
  const description = {
    kk: clean(input.description.kk),
    ru: clean(input.description.ru),
    en: clean(input.description.en),
  };
  for (const l of LANGS)
    if ((description[l]?.length ?? 0) > 5000)
      issues.push({
        field: `description-${l}`,
        key: "polls.errors.too_long",
        params: { max: 5000 },
      });
  const eligibility = (ELIGIBILITIES as readonly string[]).includes(input.eligibility)
    ? (input.eligibility as Eligibility)
    : null;
  if (!eligibility) issues.push({ field: "eligibility", key: "polls.errors.eligibility" });
  let territory: string | null = null;
  if (eligibility === "territory") {
    territory = input.territoryCode.trim();
    if (!katoPrefix(territory))
      issues.push({ field: "territoryCode", key: "polls.errors.territory" });
  }
  let eligibleCount: number | null = null;
  if (input.eligibleCount.trim() !== "") {
    const n = /^\d{1,9}$/.test(input.eligibleCount.trim()) ? Number(input.eligibleCount.trim()) : 0;
    if (n < 1) issues.push({ field: "eligibleCount", key: "polls.errors.eligible_count" });
    else eligibleCount = n;
  }
  const opens = localToUtc(input.opensAt.trim(), ZONE);
  const closes = localToUtc(input.closesAt.trim(), ZONE);
  if (!opens) issues.push({ field: "opensAt", key: "polls.errors.time" });
  if (!closes) issues.push({ field: "closesAt", key: "polls.errors.time" });
  if (opens && closes && closes <= opens)
    issues.push({ field: "closesAt", key: "polls.errors.closes_before_opens" });

  // A live count of a vote or referendum would tell who chose what to anyone watching it
  // before and after someone votes: their counts are published only after closing.
  if (input.liveResults && kind && kind !== "survey")
    issues.push({ field: "liveResults", key: "polls.errors.live_results_secret" });

  const questions: Question[] = [];
  const given = input.questions.filter(
    (q) => q.text.kk?.trim() || q.text.ru?.trim() || q.text.en?.trim(),
  );
  if (given.length === 0) issues.push({ field: "q1-text-kk", key: "polls.errors.no_questions" });
  if (kind && kind !== "survey" && given.length > 1)
    issues.push({ field: "q2-text-kk", key: "polls.errors.one_question" });
  input.questions.forEach((q, i) => {
    const n = i + 1;
    const text = { kk: clean(q.text.kk), ru: clean(q.text.ru), en: clean(q.text.en) };
    if (!text.kk && !text.ru && !text.en) return;
    let qkind: QuestionKind | null = (QUESTION_KINDS as readonly string[]).includes(q.kind)
      ? (q.kind as QuestionKind)
      : null;
    if (kind === "referendum") qkind = "single";
    if (kind === "vote" && qkind !== "single" && qkind !== "multiple") {
      issues.push({ field: `q${n}-kind`, key: "polls.errors.vote_question" });
      return;
    }
    if (!qkind) {
      issues.push({ field: `q${n}-kind`, key: "polls.errors.question_kind" });
      return;
    }
    const question: Question = { id: String(n), kind: qkind, text, options: [] };
    if (kind === "referendum") question.options = YES_NO;
    else if (qkind === "single" || qkind === "multiple") {
      const byLang = { kk: lines(q.options.kk), ru: lines(q.options.ru), en: lines(q.options.en) };
      const counts = LANGS.map((l) => byLang[l].length).filter((c) => c > 0);
      const count = counts[0] ?? 0;
      if (count < 2 || count > 20) {
        issues.push({ field: `q${n}-options-kk`, key: "polls.errors.options" });
        return;
      }
      if (counts.some((c) => c !== count)) {
        issues.push({ field: `q${n}-options-kk`, key: "polls.errors.options_mismatch" });
        return;
      }
      question.options = Array.from({ length: count }, (_, k) => ({
        id: String.fromCharCode(97 + k),
        text: {
          kk: byLang.kk[k] ?? null,
          ru: byLang.ru[k] ?? null,
          en: byLang.en[k] ?? null,
        },
      }));
    } else if (qkind === "scale") {
      const max = Number(q.scaleMax);
      if (max !== 5 && max !== 10) {
        issues.push({ field: `q${n}-scale`, key: "polls.errors.scale_max" });
        return;
      }
      question.scaleMax = max;
    }
    questions.push(question);
  });
  if (issues.length > 0 || !kind || !eligibility || !opens || !closes) return { ok: false, issues };
  return {
    ok: true,
    columns: {
      agency_id: input.agencyId,
      kind,
      title_kk: title.kk,
      title_ru: title.ru,
      title_en: title.en,
      description_kk: description.kk,
      description_ru: description.ru,
      description_en: description.en,
      questions: JSON.stringify(questions),
      eligibility,
      territory_code: territory,
      eligible_count: eligibleCount,
      opens_at: opens.toISOString(),
      closes_at: closes.toISOString(),
      live_results: input.liveResults ? 1 : 0,
    },
  };
}

/** A stored poll as the draft form shows it. */
export function draftInputOf(p: PollRow, questions: Question[]): DraftInput {
  const slots: QuestionInput[] = Array.from({ length: MAX_QUESTIONS }, (_, i) => {
    const q = questions[i];
    const opts = (l: (typeof LANGS)[number]) =>
      q?.options.map((o) => o.text[l] ?? "").join("\n") ?? "";
    return {
      kind: q?.kind ?? "single",
      text: q?.text ?? { kk: "", ru: "", en: "" },
      options: { kk: opts("kk"), ru: opts("ru"), en: opts("en") },
      scaleMax: String(q?.scaleMax ?? 5),
    };
  });
  return {
    agencyId: p.agency_id,
    kind: p.kind,
    title: { kk: p.title_kk, ru: p.title_ru, en: p.title_en },
    description: { kk: p.description_kk, ru: p.description_ru, en: p.description_en },
    eligibility: p.eligibility,
    territoryCode: p.territory_code ?? "",
    eligibleCount: p.eligible_count === null ? "" : String(p.eligible_count),
    opensAt: utcToLocal(new Date(p.opens_at), ZONE),
    closesAt: utcToLocal(new Date(p.closes_at), ZONE),
    liveResults: Number(p.live_results) === 1,
    questions: slots,
  };
}

const actor = (p: Principal) => ({ id: p.accountId, label: "staff" });

/** Creates a draft (id null) or changes one, for a body the person manages. */
export async function saveDraft(
  ctx: AppContext,
  principal: Principal,
  id: string | null,
  input: DraftInput,
): Promise<Result<{ id: string }>> {
  const db = ctx.db.kysely;
  let existing: PollRow | undefined;
  if (id) {
    existing = await findPoll(db, id);
    if (!existing) return notFound();
    input = { ...input, agencyId: existing.agency_id };
  }
  if (!ctx.policy.can(principal, "poll.manage", { agencyId: input.agencyId }))
    return existing ? notFound() : forbidden();
  if (existing && !allowed("edit", phaseOf(existing, ctx.clock.now())))
    return conflict("CONFLICT", { reason: "not_draft" });
  const checked = checkDraft(input);
  if (!checked.ok) return invalid(checked.issues);
  const now = ctx.clock.now().toISOString();
  const pollId = id ?? randomUUID();
  await db.transaction().execute(async (trx) => {
    if (existing) {
      const r = await trx
        .updateTable("polls")
        .set({ ...checked.columns, updated_at: now })
        .where("id", "=", pollId)
        .where("status", "=", "draft")
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new Error("poll changed meanwhile");
    } else {
      await trx
        .insertInto("polls")
        .values({
          id: pollId,
          ...checked.columns,
          status: "draft",
          results: null,
          voters_count: null,
          published_at: null,
          created_by_id: principal.accountId,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    await appendAudit(trx, ctx.clock, [
      {
        actor: actor(principal),
        action: existing ? "poll.updated" : "poll.created",
        subjectType: "poll",
        subjectId: pollId,
        data: {
          kind: checked.columns.kind,
          opensAt: checked.columns.opens_at,
          closesAt: checked.columns.closes_at,
        },
      },
    ]);
  });
  return ok({ id: pollId });
}

/**
 * A staff step in the life cycle: `schedule` (a draft goes public; voting starts at its
 * opening time, or now when that has passed) or `close` (voting ends now; the results are
 * published by the job after the grace period).
 */
export async function actOnPoll(
  ctx: AppContext,
  principal: Principal,
  id: string,
  action: Extract<PollAction, "schedule" | "close">,
): Promise<Result<{ id: string }>> {
  const db = ctx.db.kysely;
  const poll = await findPoll(db, id);
  if (!poll) return notFound();
  if (!ctx.policy.can(principal, "poll.manage", { agencyId: poll.agency_id })) return notFound();
  const now = ctx.clock.now();
  const iso = now.toISOString();
  if (!allowed(action, phaseOf(poll, now))) return conflict("CONFLICT", { reason: "state" });
  let set: Partial<PollRow>;
  if (action === "schedule") {
    if (poll.closes_at <= iso) return conflict("CONFLICT", { reason: "closes_past" });
    const late = poll.opens_at < iso;
    set = { status: "scheduled", ...(late ? { opens_at: iso } : {}) };
  } else {
    set = { closes_at: iso, ...(poll.opens_at > iso ? { opens_at: iso } : {}) };
  }
  const changed = await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable("polls")
      .set({ ...set, updated_at: iso })
      .where("id", "=", id)
      .where("status", "=", poll.status)
      .where("closes_at", "=", poll.closes_at)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await appendAudit(trx, ctx.clock, [
      {
        actor: actor(principal),
        action: action === "schedule" ? "poll.scheduled" : "poll.closed",
        subjectType: "poll",
        subjectId: id,
        data: set as Record<string, unknown>,
      },
    ]);
    return true;
  });
  forgetPoll(ctx, id);
  ctx.pageCache.invalidate();
  return changed ? ok({ id }) : conflict("CONFLICT", { reason: "state" });
}

/** Approves or rejects one free-text answer, once; only approved ones are ever published. */
export async function moderateText(
  ctx: AppContext,
  principal: Principal,
  pollId: string,
  textId: string,
  decision: "approved" | "rejected",
): Promise<Result<{ id: string }>> {
  const db = ctx.db.kysely;
  const poll = await findPoll(db, pollId);
  if (!poll) return notFound();
  if (!ctx.policy.can(principal, "poll.moderate", { agencyId: poll.agency_id })) return notFound();
  const now = ctx.clock.now().toISOString();
  const done = await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable("poll_texts")
      .set({ status: decision, moderated_by_id: principal.accountId, moderated_at: now })
      .where("poll_id", "=", pollId)
      .where("id", "=", textId)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await appendAudit(trx, ctx.clock, [
      {
        actor: actor(principal),
        action: `poll.text_${decision}`,
        subjectType: "poll",
        subjectId: pollId,
        data: { text: textId },
      },
    ]);
    return true;
  });
  if (done) ctx.pageCache.invalidate();
  return done ? ok({ id: textId }) : conflict("CONFLICT", { reason: "moderated" });
}

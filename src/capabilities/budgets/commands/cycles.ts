import { randomUUID } from "node:crypto";
import { appendAudit } from "../../../kernel/audit/audit.js";
import type { Principal } from "../../../kernel/permissions.js";
import {
  type FieldIssue,
  forbidden,
  invalid,
  notFound,
  ok,
  type Result,
} from "../../../kernel/result.js";
import { localToUtc, utcToLocal } from "../../../kernel/time/local-time.js";
import { DISTRICT_COLLECTIONS, type GeoNames } from "../../../platform/geo/districts.js";
import type { AppContext } from "../../../platform/manifest.js";
import { jurisdictionOf } from "../../agencies/index.js";
import {
  BUDGET_ID,
  type CycleRow,
  categoriesOf,
  checkAmount,
  datesInOrder,
  PHASE_START,
  PHASES,
  type PhaseDates,
  RULES,
  type TerritoryRow,
  type VotingRule,
} from "../budget.js";
import { findCycle, territoriesOf } from "../cycle.repository.js";
import { type BudgetProfile, budgetProfile } from "../profiles.js";

/** A district that may take part in a cycle, with its names as a cycle's pages give them. */
export interface DistrictChoice {
  code: string;
  names: GeoNames;
}

/** Every district Halyq knows the boundaries of, named «Байқоңыр ауданы», «район Байконур». */
export function districtChoices(): DistrictChoice[] {
  return DISTRICT_COLLECTIONS.flatMap((c) =>
    c.districts.map((d) => ({
      code: d.kato,
      names: {
        kk: `${d.names.kk} ауданы`,
        ru: `район ${d.names.ru}`,
        en: `${d.names.en} district`,
      },
    })),
  );
}

/** The cycle form as typed: every value a string, as the page shows it again. */
export interface CycleInput {
  agencyId: string;
  year: string;
  title: { kk: string; ru: string; en: string };
  rules: { kk: string; ru: string; en: string };
  rule: string;
  minVotes: string;
  supportRequired: string;
  categories: string[];
  /** The districts ticked, by code. */
  territories: string[];
  /** Each district's amount as typed, by code. */
  amounts: Record<string, string>;
  /** Each phase's first day, YYYY-MM-DD in the body's time zone. */
  dates: Record<(typeof PHASES)[number], string>;
}

/** The body's time zone (its jurisdiction's calendar). */
export async function zoneOf(ctx: AppContext, agencyId: string): Promise<string> {
  const j = await jurisdictionOf(ctx.db.kysely, agencyId);
  return ctx.calendars.forJurisdiction(j ?? null).rules.timeZone;
}

/** The first day of a phase as the body's calendar reads the stored instant. */
export const localDay = (instant: string, zone: string) =>
  utcToLocal(new Date(instant), zone).slice(0, 10);

/** A new cycle's form for the budget year: the profile's categories, rule and dates. */
export function defaultInput(profile: BudgetProfile, agencyId: string, year: number): CycleInput {
  const dates = {} as CycleInput["dates"];
  for (const p of PHASES) {
    const [offset, md] = profile.dates[p];
    dates[p] = `${year + offset}-${md}`;
  }
  return {
    agencyId,
    year: String(year),
    title: { kk: "", ru: "", en: "" },
    rules: { kk: "", ru: "", en: "" },
    rule: profile.rule,
    minVotes: String(profile.minVotes),
    supportRequired: String(profile.supportRequired),
    categories: [...profile.categories],
    territories: [],
    amounts: {},
    dates,
  };
}

/** A stored cycle as its form shows it. */
export function inputOf(cycle: CycleRow, territories: TerritoryRow[], zone: string): CycleInput {
  const dates = {} as CycleInput["dates"];
  for (const p of PHASES) dates[p] = localDay(cycle[PHASE_START[p]], zone);
  return {
    agencyId: cycle.agency_id,
    year: String(cycle.year),
    title: { kk: cycle.title_kk, ru: cycle.title_ru, en: cycle.title_en ?? "" },
    rules: { kk: cycle.rules_kk, ru: cycle.rules_ru, en: cycle.rules_en ?? "" },
    rule: cycle.rule,
    minVotes: String(cycle.min_votes),
    supportRequired: String(cycle.support_required),
    categories: categoriesOf(cycle),
    territories: territories.map((t) => t.code),
    amounts: Object.fromEntries(territories.map((t) => [t.code, String(t.amount)])),
    dates,
  };
}

/** Whether the voting has opened (or passed): territories, amounts, rule and categories are fixed. */
export const votingBegun = (cycle: PhaseDates, now: Date) => cycle.voting_at <= now.toISOString();

interface Checked {
  agencyId: string;
  year: number;
  columns: {
    title_kk: string;
    title_ru: string;
    title_en: string | null;
    rules_kk: string;
    rules_ru: string;
    rules_en: string | null;
    rule: VotingRule;
    min_votes: number;
    support_required: number;
    categories: string;
  } & PhaseDates;
  territories: { code: string; names: GeoNames; amount: number }[];
}

const clean = (s: string) => s.replace(/\r\n/g, "\n").trim();

function count(field: string, raw: string, max: number, issues: FieldIssue[]): number {
  const v = raw.trim();
  if (!/^\d{1,7}$/.test(v) || Number(v) > max) {
    issues.push({ field, key: "budgets.cycles.errors.count", params: { max } });
    return 0;
  }
  return Number(v);
}

/** Checks the form: every problem as a field issue, nothing half-checked. */
function check(input: CycleInput, profile: BudgetProfile, zone: string): Checked | FieldIssue[] {
  const issues: FieldIssue[] = [];
  const year = /^\d{4}$/.test(input.year.trim()) ? Number(input.year.trim()) : 0;
  if (year < 2019 || year > 2100) issues.push({ field: "year", key: "budgets.cycles.errors.year" });
  const title = { kk: clean(input.title.kk), ru: clean(input.title.ru), en: clean(input.title.en) };
  const rules = { kk: clean(input.rules.kk), ru: clean(input.rules.ru), en: clean(input.rules.en) };
  for (const l of ["kk", "ru"] as const) {
    if (!title[l]) issues.push({ field: `title-${l}`, key: `budgets.cycles.errors.title_${l}` });
    if (!rules[l]) issues.push({ field: `rules-${l}`, key: `budgets.cycles.errors.rules_${l}` });
  }
  for (const l of ["kk", "ru", "en"] as const) {
    if (title[l].length > 200)
      issues.push({
        field: `title-${l}`,
        key: "budgets.cycles.errors.too_long",
        params: { max: 200 },
      });
    if (rules[l].length > 10000)
      issues.push({
        field: `rules-${l}`,
        key: "budgets.cycles.errors.too_long",
        params: { max: 10000 },
      });
  }
  const rule = (RULES as readonly string[]).includes(input.rule)
    ? (input.rule as VotingRule)
    : null;
  if (!rule) issues.push({ field: "rule", key: "budgets.cycles.errors.rule" });
  const minVotes = rule === "approval" ? count("minVotes", input.minVotes, 1_000_000, issues) : 0;
  if (rule === "approval" && minVotes < 1 && !issues.some((i) => i.field === "minVotes"))
    issues.push({ field: "minVotes", key: "budgets.cycles.errors.min_votes" });
  const supportRequired = count("supportRequired", input.supportRequired, 1000, issues);
  const allowed = new Set(profile.categories);
  const categories = [...new Set(input.categories)];
  if (categories.length === 0 || categories.some((c) => !allowed.has(c)))
    issues.push({ field: "categories", key: "budgets.cycles.errors.categories" });
  const known = new Map(districtChoices().map((d) => [d.code, d]));
  const codes = [...new Set(input.territories)];
  const territories: Checked["territories"] = [];
  if (codes.length === 0 || codes.some((c) => !known.has(c)))
    issues.push({ field: "territories", key: "budgets.cycles.errors.territories" });
  else
    for (const code of codes) {
      const amount = checkAmount(`amount-${code}`, input.amounts[code] ?? "");
      if (typeof amount !== "number") issues.push(amount);
      else territories.push({ code, names: (known.get(code) as DistrictChoice).names, amount });
    }
  const dates = {} as PhaseDates;
  let allDates = true;
  for (const p of PHASES) {
    const d = input.dates[p]?.trim() ?? "";
    const at = /^\d{4}-\d{2}-\d{2}$/.test(d) ? localToUtc(`${d}T00:00`, zone) : null;
    if (!at) {
      issues.push({ field: `date-${p}`, key: "budgets.cycles.errors.date" });
      allDates = false;
    } else dates[PHASE_START[p]] = at.toISOString();
  }
  if (allDates && !datesInOrder(dates)) {
    const bad = PHASES.find(
      (p, i) => i > 0 && dates[PHASE_START[PHASES[i - 1] as typeof p]] > dates[PHASE_START[p]],
    );
    issues.push({ field: `date-${bad ?? "proposals"}`, key: "budgets.cycles.errors.dates_order" });
  }
  if (issues.length > 0 || !rule) return issues;
  return {
    agencyId: input.agencyId,
    year,
    columns: {
      title_kk: title.kk,
      title_ru: title.ru,
      title_en: title.en || null,
      rules_kk: rules.kk,
      rules_ru: rules.ru,
      rules_en: rules.en || null,
      rule,
      min_votes: minVotes,
      support_required: supportRequired,
      categories: JSON.stringify(categories),
      ...dates,
    },
    territories,
  };
}

const actor = (p: Principal) => ({ id: p.accountId, label: "staff" });

/** Opens a new cycle (stored as a draft until its announcement) for a body the person manages. */
export async function createCycle(
  ctx: AppContext,
  principal: Principal,
  input: CycleInput,
): Promise<Result<{ id: string }>> {
  if (!input.agencyId || !ctx.policy.can(principal, "budget.manage", { agencyId: input.agencyId }))
    return forbidden();
  const zone = await zoneOf(ctx, input.agencyId);
  const checked = check(input, await budgetProfile(ctx.db.kysely), zone);
  if (Array.isArray(checked)) return invalid(checked);
  const id = randomUUID();
  const now = ctx.clock.now().toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto("budget_cycles")
      .values({
        id,
        agency_id: checked.agencyId,
        year: checked.year,
        ...checked.columns,
        phase: "draft",
        voters_count: null,
        results_published_at: null,
        created_by_id: principal.accountId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto("budget_territories")
      .values(
        checked.territories.map((t) => ({
          cycle_id: id,
          code: t.code,
          name_kk: t.names.kk,
          name_ru: t.names.ru,
          name_en: t.names.en,
          amount: t.amount,
          voters_count: null,
        })),
      )
      .execute();
    await appendAudit(trx, ctx.clock, [
      {
        actor: actor(principal),
        action: "budget.cycle_created",
        subjectType: "budget_cycle",
        subjectId: id,
        data: {
          agencyId: checked.agencyId,
          year: checked.year,
          rule: checked.columns.rule,
          territories: checked.territories.map((t) => ({ code: t.code, amount: t.amount })),
        },
      },
    ]);
  });
  ctx.pageCache.invalidate();
  return ok({ id });
}

/**
 * Changes a cycle. Until voting opens everything may change; from then on its territories,
 * amounts, rule and categories are fixed. A phase that has begun keeps its date; the dates of
 * phases not yet begun may move (still in order). The body cannot change.
 */
export async function updateCycle(
  ctx: AppContext,
  principal: Principal,
  id: string,
  input: CycleInput,
): Promise<Result<{ id: string }>> {
  const db = ctx.db.kysely;
  const cycle = BUDGET_ID.test(id) ? await findCycle(db, id) : undefined;
  if (!cycle) return notFound();
  if (!ctx.policy.can(principal, "budget.manage", { agencyId: cycle.agency_id }))
    return forbidden();
  const zone = await zoneOf(ctx, cycle.agency_id);
  const now = ctx.clock.now();
  const stored = inputOf(cycle, await territoriesOf(db, id), zone);
  const issues: FieldIssue[] = [];
  const merged: CycleInput = { ...input, agencyId: cycle.agency_id };
  if (votingBegun(cycle, now)) {
    const same = (a: string[], b: string[]) => [...a].sort().join() === [...b].sort().join();
    const changed =
      (input.rule !== "" && input.rule !== stored.rule) ||
      (input.territories.length > 0 && !same(input.territories, stored.territories)) ||
      (input.categories.length > 0 && !same(input.categories, stored.categories)) ||
      input.territories.some(
        (c) =>
          input.amounts[c] !== undefined &&
          input.amounts[c]?.replace(/\D/g, "") !== stored.amounts[c],
      );
    if (changed) issues.push({ field: "rule", key: "budgets.cycles.errors.locked" });
    merged.rule = stored.rule;
    merged.minVotes = stored.minVotes;
    merged.supportRequired = stored.supportRequired;
    merged.categories = stored.categories;
    merged.territories = stored.territories;
    merged.amounts = stored.amounts;
  }
  merged.dates = { ...input.dates };
  for (const p of PHASES) {
    if (cycle[PHASE_START[p]] > now.toISOString()) continue;
    const typed = input.dates[p]?.trim() ?? "";
    if (typed !== "" && typed !== stored.dates[p])
      issues.push({ field: `date-${p}`, key: "budgets.cycles.errors.date_begun" });
    merged.dates[p] = stored.dates[p];
  }
  const checked = check(merged, await budgetProfile(db), zone);
  if (Array.isArray(checked)) return invalid([...issues, ...checked]);
  if (issues.length > 0) return invalid(issues);
  // A begun phase keeps its start to the instant, not only its day.
  for (const p of PHASES)
    if (cycle[PHASE_START[p]] <= now.toISOString())
      checked.columns[PHASE_START[p]] = cycle[PHASE_START[p]];
  if (!datesInOrder(checked.columns)) {
    const next = PHASES.find((p) => cycle[PHASE_START[p]] > now.toISOString()) ?? "closed";
    return invalid([{ field: `date-${next}`, key: "budgets.cycles.errors.dates_order" }]);
  }
  const iso = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("budget_cycles")
      .set({ ...checked.columns, year: checked.year, updated_at: iso })
      .where("id", "=", id)
      .execute();
    if (!votingBegun(cycle, now)) {
      await trx.deleteFrom("budget_territories").where("cycle_id", "=", id).execute();
      await trx
        .insertInto("budget_territories")
        .values(
          checked.territories.map((t) => ({
            cycle_id: id,
            code: t.code,
            name_kk: t.names.kk,
            name_ru: t.names.ru,
            name_en: t.names.en,
            amount: t.amount,
            voters_count: null,
          })),
        )
        .execute();
    }
    await appendAudit(trx, ctx.clock, [
      {
        actor: actor(principal),
        action: "budget.cycle_updated",
        subjectType: "budget_cycle",
        subjectId: id,
        data: {
          year: checked.year,
          rule: checked.columns.rule,
          territories: checked.territories.map((t) => ({ code: t.code, amount: t.amount })),
          dates: Object.fromEntries(PHASES.map((p) => [p, checked.columns[PHASE_START[p]]])),
        },
      },
    ]);
  });
  ctx.pageCache.invalidate();
  return ok({ id });
}

/** Reads the cycle form's fields. */
export function cycleInputFromForm(
  body: Record<string, string | string[] | undefined> | undefined,
): CycleInput {
  const one = (n: string) => {
    const v = body?.[n];
    return ((Array.isArray(v) ? v[0] : v) ?? "").trim();
  };
  const many = (n: string) => {
    const v = body?.[`${n}[]`] ?? body?.[n];
    return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((s) => s.trim()).filter(Boolean);
  };
  const territories = many("territories");
  const amounts: Record<string, string> = {};
  for (const d of districtChoices()) {
    const v = body?.[`amount-${d.code}`];
    if (v !== undefined) amounts[d.code] = one(`amount-${d.code}`);
  }
  const dates = {} as CycleInput["dates"];
  for (const p of PHASES) dates[p] = one(`date-${p}`);
  return {
    agencyId: one("agencyId"),
    year: one("year"),
    title: { kk: one("title-kk"), ru: one("title-ru"), en: one("title-en") },
    rules: { kk: one("rules-kk"), ru: one("rules-ru"), en: one("rules-en") },
    rule: one("rule"),
    minVotes: one("minVotes"),
    supportRequired: one("supportRequired"),
    categories: many("categories"),
    territories,
    amounts,
    dates,
  };
}

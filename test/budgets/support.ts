import { randomInt, randomUUID } from "node:crypto";
import { checkDigit } from "../../src/kernel/ids.js";
import type { TestApp } from "../support/app.js";
import { type SignedIn, signInAs } from "../support/sessions.js";

export { page, post } from "../meetings/support.js";

import { api as sharedApi } from "../support/http.js";

/** The JSON API as the shared helper calls it, in English unless `lang` says otherwise. */
export const api = (
  t: TestApp,
  who: SignedIn | null,
  method: "GET" | "POST" | "DELETE" | "PUT" | "PATCH",
  url: string,
  body?: unknown,
  lang: "kk" | "ru" | "en" = "en",
) => sharedApi(t, who, method as "GET", url, body, { lang });

export const BAIKONUR = "ag-baikonur-akimat";
export const YESIL_AKIMAT = "ag-yesil-akimat";
export const BAIKONUR_TERRITORY = "711410000";
export const YESIL_TERRITORY = "711310000";
export const ALMATY_TERRITORY = "711210000";

/**
 * A valid IIN (check digit and all) of a person born on `birth` (YYYY-MM-DD), different on
 * every call: age is read from it.
 */
export function iinBornOn(birth: string): string {
  const [y, m, d] = birth.split("-") as [string, string, string];
  const century = Number(y) >= 2000 ? 5 : 3;
  for (;;) {
    const first11 = `${y.slice(2)}${m}${d}${century}${String(randomInt(10_000)).padStart(4, "0")}`;
    const c = checkDigit(first11);
    if (c !== null) return `${first11}${c}`;
  }
}

/**
 * A citizen with a browser session, as after e-ID sign-in: a verified IIN of a person born on
 * `birth` (an adult unless told) and a registered address in `residence` (Baikonur unless told).
 */
export async function resident(
  t: TestApp,
  o: {
    birth?: string;
    residence?: string | null;
    identity?: "declared" | "eid" | "in_person";
    email?: string;
  } = {},
): Promise<SignedIn & { iin: string }> {
  const who = await signInAs(t, { kind: "citizen", ...(o.email ? { email: o.email } : {}) });
  const iin = iinBornOn(o.birth ?? "1990-05-17");
  await t.ctx.db.kysely
    .updateTable("accounts")
    .set({
      iin,
      residence_code: o.residence === undefined ? BAIKONUR_TERRITORY : o.residence,
      identity_assurance: o.identity ?? "eid",
    })
    .where("id", "=", who.accountId)
    .execute();
  return { ...who, iin };
}

/** A member of a body's staff, signed in with the second factor. */
export const staffMember = (
  t: TestApp,
  role: "head" | "executor" | "moderator" | "registrar" | "analyst" | "admin",
  agencyId = BAIKONUR,
) => signInAs(t, { grants: [{ role, agencyId }] });

export type PhaseName =
  | "draft"
  | "announcement"
  | "proposals"
  | "review"
  | "voting"
  | "results"
  | "implementation"
  | "closed";

const DAY = 86_400_000;

/**
 * Phase dates such that the cycle is in `phase` at `now`: the phase began 5 days ago and the
 * next begins in 10 days (earlier phases 30 days apart before it, later ones after it).
 */
export function datesFor(phase: PhaseName, now: Date): Record<string, string> {
  const order = [
    "announcement",
    "proposals",
    "review",
    "voting",
    "results",
    "implementation",
    "closed",
  ] as const;
  const at = order.indexOf(phase as (typeof order)[number]);
  const out: Record<string, string> = {};
  order.forEach((p, i) => {
    let t: number;
    if (at < 0)
      t = now.getTime() + (10 + i * 30) * DAY; // draft: everything ahead
    else if (i <= at) t = now.getTime() - (5 + (at - i) * 30) * DAY;
    else t = now.getTime() + (10 + (i - at - 1) * 30) * DAY;
    out[`${p}_at`] = new Date(t).toISOString();
  });
  return out;
}

export interface CycleFixture {
  agencyId?: string;
  phase: PhaseName;
  rule?: "knapsack" | "approval";
  minVotes?: number;
  supportRequired?: number;
  territories?: { code: string; amount: number }[];
  year?: number;
}

const NAMES: Record<string, [string, string, string]> = {
  [BAIKONUR_TERRITORY]: ["Байқоңыр ауданы", "район Байконур", "Baikonur district"],
  [YESIL_TERRITORY]: ["Есіл ауданы", "район Есиль", "Yesil district"],
  [ALMATY_TERRITORY]: ["Алматы ауданы", "район Алматы", "Almaty district"],
};

/**
 * A cycle written straight into the tables, in the given phase by its dates (the stored phase
 * too, as the phase job would have left it). Returns its id.
 */
export async function makeCycle(t: TestApp, f: CycleFixture): Promise<string> {
  const id = randomUUID();
  const now = t.clock.now();
  const iso = now.toISOString();
  const db = t.ctx.db.kysely;
  await db
    .insertInto("budget_cycles")
    .values({
      id,
      agency_id: f.agencyId ?? BAIKONUR,
      year: f.year ?? now.getUTCFullYear() + 1,
      title_kk: "Халық қатысатын бюджет — сынақ",
      title_ru: "Бюджет народного участия — проверка",
      title_en: "Participatory budget — test",
      rules_kk: "Ережелер",
      rules_ru: "Правила",
      rules_en: "Rules",
      rule: f.rule ?? "knapsack",
      min_votes: f.minVotes ?? 0,
      categories: JSON.stringify([
        "greening",
        "sidewalks_ramps",
        "aryks",
        "lighting",
        "playgrounds_sports",
        "parks_squares",
        "curbs_walls",
      ]),
      support_required: f.supportRequired ?? 0,
      ...(datesFor(f.phase, now) as {
        announcement_at: string;
        proposals_at: string;
        review_at: string;
        voting_at: string;
        results_at: string;
        implementation_at: string;
        closed_at: string;
      }),
      phase: f.phase,
      voters_count: null,
      results_published_at: null,
      created_by_id: null,
      created_at: iso,
      updated_at: iso,
    })
    .execute();
  const territories = f.territories ?? [
    { code: BAIKONUR_TERRITORY, amount: 100_000_000 },
    { code: YESIL_TERRITORY, amount: 80_000_000 },
  ];
  for (const tr of territories) {
    const [kk, ru, en] = NAMES[tr.code] ?? [tr.code, tr.code, tr.code];
    await db
      .insertInto("budget_territories")
      .values({
        cycle_id: id,
        code: tr.code,
        name_kk: kk,
        name_ru: ru,
        name_en: en,
        amount: tr.amount,
        voters_count: null,
      })
      .execute();
  }
  return id;
}

let numberSeq = 0;

/**
 * A proposal written straight into the tables (admitted unless told), by a fresh resident
 * unless `authorId` is given. Returns its id.
 */
export async function makeProposal(
  t: TestApp,
  cycleId: string,
  o: {
    authorId: string;
    territory?: string;
    status?: "draft" | "collecting" | "submitted" | "admitted" | "rejected" | "merged";
    title?: string;
    category?: string;
    cost?: number;
    councilCost?: number | null;
    number?: number;
    reason?: string | null;
  },
): Promise<string> {
  const id = randomUUID();
  const iso = t.clock.now().toISOString();
  const status = o.status ?? "admitted";
  const decided = ["admitted", "rejected", "merged"].includes(status);
  await t.ctx.db.kysely
    .insertInto("budget_proposals")
    .values({
      id,
      cycle_id: cycleId,
      number: status === "draft" ? null : (o.number ?? ++numberSeq + 1000),
      territory_code: o.territory ?? BAIKONUR_TERRITORY,
      category: o.category ?? "playgrounds_sports",
      title: o.title ?? `Детская площадка ${numberSeq}`,
      description: "Описание предложения: площадка во дворе, покрытие и оборудование.",
      language: "ru",
      address: "Астана, ул. Кенесары, 40",
      lat: 51.1605,
      lng: 71.4704,
      cost_estimate: o.cost ?? 20_000_000,
      author_id: o.authorId,
      author_kind: "person",
      organisation_bin: null,
      organisation_name: null,
      status,
      support_token: null,
      supports_count: 0,
      submitted_at: status === "draft" ? null : iso,
      decision: decided ? status : null,
      decision_reason: status === "admitted" ? null : decided ? (o.reason ?? "category") : null,
      decision_text: decided ? "Решение совета" : null,
      council_cost:
        status === "admitted"
          ? o.councilCost === undefined
            ? (o.cost ?? 20_000_000)
            : o.councilCost
          : null,
      merged_into_id: null,
      decided_by_id: null,
      decided_at: decided ? iso : null,
      votes: null,
      winner: null,
      rank: null,
      created_at: iso,
      updated_at: iso,
    })
    .execute();
  return id;
}

/** Names a member of staff to a cycle's expert council. */
export async function addExpert(t: TestApp, cycleId: string, accountId: string): Promise<void> {
  await t.ctx.db.kysely
    .insertInto("budget_experts")
    .values({
      cycle_id: cycleId,
      account_id: accountId,
      added_by_id: null,
      added_at: t.clock.now().toISOString(),
    })
    .execute();
}

/**
 * Removes every participatory-budget record (the demo's cycles among them), for tests that count
 * a body's cycles from nothing.
 */
export async function clearBudgets(t: TestApp): Promise<void> {
  const db = t.ctx.db.kysely;
  for (const table of [
    "budget_followers",
    "budget_project_news",
    "budget_project_stages",
    "budget_projects",
    "budget_ballots",
    "budget_voters",
    "budget_files",
    "budget_supports",
    "budget_conflicts",
    "budget_experts",
  ] as const)
    await db.deleteFrom(table).execute();
  await db.updateTable("budget_proposals").set({ merged_into_id: null }).execute();
  await db.deleteFrom("budget_proposals").execute();
  await db.deleteFrom("budget_territories").execute();
  await db.deleteFrom("budget_cycles").execute();
}

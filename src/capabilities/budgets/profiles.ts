import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { getSetting } from "../../kernel/settings.js";
import type { VotingRule } from "./budget.js";

/**
 * The numbers of participatory budgeting. Code never hard-codes one: it reads the profile.
 * The defaults are Kazakhstan's usual year (the Budget Code leaves the numbers to each akimat);
 * an instance replaces any of them by storing a JSON object with the keys to replace in the
 * setting `budgets.profile`. A cycle copies them when it is opened, and the body may change
 * each in the cycle itself.
 */
export interface BudgetProfile {
  /** Category codes of eligible works; each has labels `budgets.category.<code>` in every locale. */
  categories: string[];
  /** Minimum age, in whole years, of a person who proposes, supports or votes. */
  minAge: number;
  /** Verified neighbours a person's proposal needs (a housing body's needs none). */
  supportRequired: number;
  /** The voting rule a new cycle starts with, and the approval rule's minimum of votes. */
  rule: VotingRule;
  minVotes: number;
  /**
   * The default dates of a cycle for the budget year Y, as month-day in the year before Y
   * (the call and proposals) and in Y−1 or Y for the rest: `[yearOffset, "MM-DD"]`, each the
   * first day of its phase at 00:00 in the body's time zone.
   */
  dates: Record<
    "announcement" | "proposals" | "review" | "voting" | "results" | "implementation" | "closed",
    [number, string]
  >;
}

export const DEFAULT_PROFILE: BudgetProfile = {
  categories: [
    "greening",
    "sidewalks_ramps",
    "aryks",
    "lighting",
    "playgrounds_sports",
    "parks_squares",
    "curbs_walls",
  ],
  minAge: 18,
  supportRequired: 10,
  rule: "knapsack",
  minVotes: 50,
  // The usual year: call by 15 January, proposals 20 January – 1 March, review in March, the
  // vote in April, results in May, building in the budget year, closed at its end.
  dates: {
    announcement: [-1, "01-15"],
    proposals: [-1, "01-20"],
    review: [-1, "03-02"],
    voting: [-1, "04-01"],
    results: [-1, "05-01"],
    implementation: [0, "01-01"],
    closed: [1, "01-01"],
  },
};

export const PROFILE_SETTING = "budgets.profile";

const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;

/** The profile in force: the defaults with what the setting replaces (ignored when malformed). */
export async function budgetProfile(db: Kysely<Database>): Promise<BudgetProfile> {
  const raw = await getSetting(db, PROFILE_SETTING);
  if (!raw) return DEFAULT_PROFILE;
  let o: Partial<BudgetProfile>;
  try {
    o = JSON.parse(raw) as Partial<BudgetProfile>;
  } catch {
    return DEFAULT_PROFILE;
  }
  const p: BudgetProfile = { ...DEFAULT_PROFILE };
  if (Array.isArray(o.categories) && o.categories.every((c) => typeof c === "string"))
    p.categories = o.categories;
  if (isCount(o.minAge)) p.minAge = o.minAge;
  if (isCount(o.supportRequired)) p.supportRequired = o.supportRequired;
  if (o.rule === "knapsack" || o.rule === "approval") p.rule = o.rule;
  if (isCount(o.minVotes)) p.minVotes = o.minVotes;
  if (o.dates && typeof o.dates === "object") p.dates = { ...p.dates, ...o.dates };
  return p;
}

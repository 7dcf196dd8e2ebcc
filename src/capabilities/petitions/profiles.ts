import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { Clock } from "../../kernel/clock.js";
import { getSetting, setSetting } from "../../kernel/settings.js";

/**
 * The numbers of e-petitions (APPK ch. 12-1). Code never hard-codes one: it reads the profile.
 * The defaults are Kazakhstan's; an instance may change any of them by storing a JSON object
 * with the keys to replace in the setting `petitions.profile` (see `configurePetitions`).
 */
export interface PetitionProfile {
  /** Co-initiators needed before the petition goes to the body, and the working days to find them. */
  coInitiators: { count: number; workingDays: number };
  /** Working days the body has to decide on admissibility. */
  admissibilityWorkingDays: number;
  /** Months signatures are collected after publication. */
  signingMonths: number;
  /** Working days of consideration after the threshold, by the body's level. */
  considerationWorkingDays: { central: number; local: number };
  /** Working days after the decision within which it is published (publishing is the decision's act here). */
  decisionPublicationWorkingDays: number;
  /** Topics a petition may not address; each has labels `petitions.topic.<key>` in every locale. */
  excludedTopics: string[];
  /**
   * Signatures needed, by the kind and level of the body, as data: a fixed number, or a share
   * of the population of the body's territory (with a fixed number when the population is unknown).
   * The first matching rule applies; `kind: "*"` matches any kind.
   */
  thresholds: ThresholdRule[];
  /** Population by territory (KATO code), for thresholds given as a share. */
  population: Record<string, number>;
}

export interface ThresholdRule {
  kind: string;
  level: string;
  fixed?: number;
  percent?: number;
}

/** Levels whose bodies count as central (40 working days of consideration). */
export const CENTRAL_LEVELS = ["republic"];

export const DEFAULT_PROFILE: PetitionProfile = {
  coInitiators: { count: 50, workingDays: 20 },
  admissibilityWorkingDays: 20,
  signingMonths: 6,
  considerationWorkingDays: { central: 40, local: 20 },
  decisionPublicationWorkingDays: 1,
  excludedTopics: [
    "constitution",
    "president",
    "officials",
    "security_defence",
    "courts",
    "criminal_cases",
    "state_secrets",
    "amnesty_pardon",
    "discord",
    "extremism",
    "morality",
    "privacy",
    "international_treaties",
    "elections",
    "repeated",
    "not_competence",
  ],
  thresholds: [
    { kind: "*", level: "republic", fixed: 50000 },
    { kind: "akimat", level: "region", percent: 1, fixed: 10000 },
    { kind: "maslikhat", level: "region", percent: 2, fixed: 20000 },
    { kind: "maslikhat", level: "district", fixed: 5000 },
    { kind: "akimat", level: "district", fixed: 2500 },
  ],
  // Demo figure: Astana, rounded (city of republican significance, a region in its own right).
  population: { "710000000": 1_350_000 },
};

export const PROFILE_SETTING = "petitions.profile";

const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;

/** The profile in force: the defaults with what the setting replaces (ignored when malformed). */
export async function petitionProfile(db: Kysely<Database>): Promise<PetitionProfile> {
  const raw = await getSetting(db, PROFILE_SETTING);
  if (!raw) return DEFAULT_PROFILE;
  let o: Partial<PetitionProfile>;
  try {
    o = JSON.parse(raw) as Partial<PetitionProfile>;
  } catch {
    return DEFAULT_PROFILE;
  }
  const p: PetitionProfile = { ...DEFAULT_PROFILE };
  if (o.coInitiators && isCount(o.coInitiators.count) && isCount(o.coInitiators.workingDays))
    p.coInitiators = o.coInitiators;
  if (isCount(o.admissibilityWorkingDays)) p.admissibilityWorkingDays = o.admissibilityWorkingDays;
  if (isCount(o.signingMonths)) p.signingMonths = o.signingMonths;
  if (
    o.considerationWorkingDays &&
    isCount(o.considerationWorkingDays.central) &&
    isCount(o.considerationWorkingDays.local)
  )
    p.considerationWorkingDays = o.considerationWorkingDays;
  if (isCount(o.decisionPublicationWorkingDays))
    p.decisionPublicationWorkingDays = o.decisionPublicationWorkingDays;
  if (Array.isArray(o.excludedTopics) && o.excludedTopics.every((x) => typeof x === "string"))
    p.excludedTopics = o.excludedTopics;
  if (Array.isArray(o.thresholds)) p.thresholds = o.thresholds;
  if (o.population && typeof o.population === "object") p.population = o.population;
  return p;
}

/** The signatures a petition to a body of this kind, level and territory needs. */
export function thresholdFor(
  profile: PetitionProfile,
  agency: { kind: string; level: string; territory_code: string | null },
): number {
  const rule = profile.thresholds.find(
    (r) => (r.kind === "*" || r.kind === agency.kind) && r.level === agency.level,
  );
  if (!rule) return 50000;
  const population = agency.territory_code ? profile.population[agency.territory_code] : undefined;
  if (rule.percent !== undefined && population !== undefined)
    return Math.max(1, Math.ceil((population * rule.percent) / 100));
  return rule.fixed ?? 50000;
}

export function isCentral(level: string): boolean {
  return CENTRAL_LEVELS.includes(level);
}

/** Stores the parts of the profile this instance replaces (e.g. fewer co-initiators in a trial). */
export async function configurePetitions(
  db: Kysely<Database>,
  clock: Clock,
  overrides: Partial<PetitionProfile>,
): Promise<void> {
  await setSetting(db, clock, PROFILE_SETTING, JSON.stringify(overrides));
}

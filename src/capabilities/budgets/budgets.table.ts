/**
 * Participatory budgeting («Бюджет народного участия»): a body's cycle, its territories and
 * amounts, residents' proposals, the expert council's decisions, secret ballots, and the
 * winners' implementation. Times are UTC ISO text; amounts are whole tenge.
 */

/** One year's cycle of one body (a city or district akimat). */
export interface BudgetCyclesTable {
  id: string;
  agency_id: string;
  /** The budget year the projects are built in (the 2027 cycle votes in 2026 or 2027). */
  year: number;
  title_kk: string;
  title_ru: string;
  title_en: string | null;
  rules_kk: string;
  rules_ru: string;
  rules_en: string | null;
  /** "knapsack" (choose within the territory's amount) or "approval" (any number). */
  rule: string;
  /** Approval rule: the fewest votes a project needs to win (Aktobe: 50); 0 otherwise. */
  min_votes: number;
  /** The permitted categories of works, a JSON array of category codes (see profiles.ts). */
  categories: string;
  /** Verified neighbours of the same territory a person's proposal needs (0: none). */
  support_required: number;
  /** Each phase starts at its time and ends where the next starts (see budget.ts). */
  announcement_at: string;
  proposals_at: string;
  review_at: string;
  voting_at: string;
  results_at: string;
  implementation_at: string;
  closed_at: string;
  /**
   * The phase as the phase job last moved it (`draft` until announced): the job's conditional
   * update decides which instance does a transition's work. Readers show the clock's phase.
   */
  phase: string;
  /** Ballots counted at the close (set with the results). */
  voters_count: number | null;
  /** When the results were published (the job's run at the close), or null. */
  results_published_at: string | null;
  created_by_id: string | null;
  created_at: string;
  updated_at: string;
}

/** A territory taking part in a cycle (a district by KATO code) and its amount. */
export interface BudgetTerritoriesTable {
  cycle_id: string;
  code: string;
  name_kk: string;
  name_ru: string;
  name_en: string;
  /** The money for this territory's winners, whole tenge. */
  amount: number;
  /** Ballots counted for this territory at the close. */
  voters_count: number | null;
}

/** The body's expert council for a cycle: members of its staff named by the head. */
export interface BudgetExpertsTable {
  cycle_id: string;
  account_id: string;
  added_by_id: string | null;
  added_at: string;
}

/** An expert's declared conflict of interest on one proposal: they take no part in it. */
export interface BudgetConflictsTable {
  proposal_id: string;
  account_id: string;
  note: string | null;
  declared_at: string;
}

/**
 * A resident's (or a housing body's) proposal. `status`: draft → collecting (neighbours'
 * support, where required) → submitted → admitted | rejected | merged (a duplicate merged into
 * another). Once the results are published an admitted proposal has its votes and whether it won.
 */
export interface BudgetProposalsTable {
  id: string;
  cycle_id: string;
  /** A short public number within the cycle ("12"), given on submission. */
  number: number | null;
  territory_code: string;
  category: string;
  title: string;
  description: string;
  /** The language the author wrote in (kk, ru or en). */
  language: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  /** The author's estimate, whole tenge. */
  cost_estimate: number;
  author_id: string;
  /** "person" or "organisation" (a housing managing body: ОСИ, КСК — by BIN). */
  author_kind: string;
  organisation_bin: string | null;
  organisation_name: string | null;
  status: string;
  /** A random token in the link neighbours open to support a proposal. */
  support_token: string | null;
  supports_count: number;
  submitted_at: string | null;
  /** The council's decision: admitted, rejected or merged, with a reason from the closed list. */
  decision: string | null;
  decision_reason: string | null;
  decision_text: string | null;
  /** The cost as the council estimates it (admitted proposals), whole tenge. */
  council_cost: number | null;
  merged_into_id: string | null;
  decided_by_id: string | null;
  decided_at: string | null;
  /** Published with the results: ballots that chose it, whether it won, and its place. */
  votes: number | null;
  winner: number | null;
  rank: number | null;
  created_at: string;
  updated_at: string;
}

/** A verified neighbour's support of a proposal (one per person, keyed by a hash of the IIN). */
export interface BudgetSupportsTable {
  proposal_id: string;
  person_key: string;
  account_id: string;
  created_at: string;
}

/**
 * A file of a proposal (sketch, estimate, photo of the current state, presentation) or of a
 * project (photos before, during and after), its content in the shared file store.
 */
export interface BudgetFilesTable {
  id: string;
  /** "proposal" or "project". */
  owner_kind: string;
  owner_id: string;
  /** sketch | estimate | photo | presentation | before | during | after. */
  kind: string;
  caption: string | null;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  uploaded_by_id: string | null;
  created_at: string;
}

/** Who has voted in a cycle: a keyed hash of the person and the day, nothing else. */
export interface BudgetVotersTable {
  cycle_id: string;
  voter_key: string;
  voted_on: string;
}

/** A ballot: a random id, its territory and the chosen proposals, with nothing of the voter. */
export interface BudgetBallotsTable {
  cycle_id: string;
  id: string;
  territory_code: string;
  /** JSON array of proposal ids. */
  choices: string;
}

/**
 * A winner in implementation. `status`: planned → in_progress → completed (from its stages).
 * Money in whole tenge; `percent` 0–100 as the body reports it.
 */
export interface BudgetProjectsTable {
  id: string;
  cycle_id: string;
  proposal_id: string;
  agency_id: string;
  territory_code: string;
  category: string;
  title: string;
  language: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  status: string;
  contractor: string | null;
  amount_allocated: number;
  amount_contracted: number | null;
  amount_spent: number | null;
  percent: number;
  created_at: string;
  updated_at: string;
}

/** A project's stage (procurement, contract, works, acceptance) with its planned and actual dates. */
export interface BudgetProjectStagesTable {
  project_id: string;
  stage: string;
  /** Plain dates, YYYY-MM-DD. */
  planned_start: string | null;
  planned_end: string | null;
  actual_start: string | null;
  actual_end: string | null;
  updated_at: string;
}

/** A news item of a project, written by the body. */
export interface BudgetProjectNewsTable {
  id: string;
  project_id: string;
  body: string;
  language: string;
  author_id: string | null;
  created_at: string;
}

/** A person following a project: mailed at each stage and news item. */
export interface BudgetFollowersTable {
  project_id: string;
  account_id: string;
  created_at: string;
}

/** This capability's tables, as Kysely sees them. */
export interface BudgetTables {
  budget_cycles: BudgetCyclesTable;
  budget_territories: BudgetTerritoriesTable;
  budget_experts: BudgetExpertsTable;
  budget_conflicts: BudgetConflictsTable;
  budget_proposals: BudgetProposalsTable;
  budget_supports: BudgetSupportsTable;
  budget_files: BudgetFilesTable;
  budget_voters: BudgetVotersTable;
  budget_ballots: BudgetBallotsTable;
  budget_projects: BudgetProjectsTable;
  budget_project_stages: BudgetProjectStagesTable;
  budget_project_news: BudgetProjectNewsTable;
  budget_followers: BudgetFollowersTable;
}

import { randomUUID } from "node:crypto";
import autocannon from "autocannon";
import { sql } from "kysely";
import type { Db } from "../src/db/database.js";
import { checkDigit } from "../src/kernel/ids.js";
import { countRows } from "./database.js";
import {
  type BenchOptions,
  type LoadResult,
  type Row,
  ratioRow,
  startHalyq,
  throughput,
  withExactCount,
  writeRunLimitMs,
} from "./harness.js";
import { writeCitizens } from "./sessions.js";

const TERRITORY = "711410000";
const COST = 30_000_000;
let made = 0;

/** A valid IIN of an adult, different for every call (distinct birth dates and serials). */
function nextIin(): string {
  for (;;) {
    const n = made++;
    const day = new Date(Date.UTC(1950, 0, 1) + (n % 18_000) * 86_400_000);
    const ymd = day.toISOString().slice(2, 10).replace(/-/g, "");
    const first11 = `${ymd}${day.getUTCFullYear() >= 2000 ? 5 : 3}${String(Math.floor(n / 18_000)).padStart(4, "0")}`;
    const c = checkDigit(first11);
    if (c !== null) return `${first11}${c}`;
  }
}

/** Verified residents of Baikonur district with an API session each; their bearer tokens. */
async function makeVoters(db: Db, n: number): Promise<string[]> {
  // Numbers already held by someone (the demo's people, earlier voters) are skipped.
  const taken = new Set(
    (
      await db.kysely.selectFrom("accounts").select("iin").where("iin", "is not", null).execute()
    ).map((r) => r.iin),
  );
  const people: { iin: string; residence_code: string }[] = [];
  while (people.length < n) {
    const iin = nextIin();
    if (taken.has(iin)) continue;
    taken.add(iin);
    people.push({ iin, residence_code: TERRITORY });
  }
  return writeCitizens(db.kysely, people, 3);
}

/** A knapsack cycle of Baikonur's akimat open for voting, with three admitted 30 M projects. */
async function makeCycle(db: Db): Promise<{ id: string; projects: string[] }> {
  const id = randomUUID();
  const now = Date.now();
  const at = (days: number) => new Date(now + days * 86_400_000).toISOString();
  const iso = at(0);
  const { id: agency } = await db.kysely
    .selectFrom("agencies")
    .select("id")
    .orderBy("id")
    .limit(1)
    .executeTakeFirstOrThrow();
  const { id: author } = await db.kysely
    .selectFrom("accounts")
    .select("id")
    .where("kind", "=", "citizen")
    .limit(1)
    .executeTakeFirstOrThrow();
  const projects = [1, 2, 3].map(() => randomUUID());
  await db.kysely.transaction().execute(async (trx) => {
    await sql`INSERT INTO budget_cycles (id, agency_id, year, title_kk, title_ru, title_en,
        rules_kk, rules_ru, rules_en, rule, min_votes, categories, support_required,
        announcement_at, proposals_at, review_at, voting_at, results_at, implementation_at,
        closed_at, phase, created_at, updated_at)
      VALUES (${id}, ${agency}, 2031, 'Өлшем', 'Замер', 'Bench', 'Ережелер', 'Правила', NULL,
        'knapsack', 0, '["greening"]', 0, ${at(-40)}, ${at(-30)}, ${at(-20)}, ${at(-1)},
        ${at(10)}, ${at(20)}, ${at(400)}, 'voting', ${iso}, ${iso})`.execute(trx);
    await sql`INSERT INTO budget_territories (cycle_id, code, name_kk, name_ru, name_en, amount)
      VALUES (${id}, ${TERRITORY}, 'Байқоңыр ауданы', 'район Байконур', 'Baikonur district',
        100000000)`.execute(trx);
    for (const [k, pid] of projects.entries())
      await sql`INSERT INTO budget_proposals (id, cycle_id, number, territory_code, category,
          title, description, language, cost_estimate, author_id, author_kind, status,
          supports_count, submitted_at, decision, council_cost, decided_at, created_at, updated_at)
        VALUES (${pid}, ${id}, ${k + 1}, ${TERRITORY}, 'greening', ${`Сквер ${k + 1}`},
          'Озеленение', 'ru', ${COST}, ${author}, 'person', 'admitted', 0, ${iso}, 'admitted',
          ${COST}, ${iso}, ${iso}, ${iso})`.execute(trx);
  });
  return { id, projects };
}

interface Cast extends LoadResult {
  created: number;
  /** Votes each project should get from the ballots answered 201 (all of them, when exact). */
  issued: number[];
}

/** The knapsack choices rotated over the ballots: each fits the 100 M amount. */
const CHOICES = [[0], [1, 2], [0, 2]];

async function castMany(
  url: string,
  cycle: { id: string; projects: string[] },
  tokens: string[],
  options: BenchOptions,
): Promise<Cast> {
  if (!/^http:\/\/127\.0\.0\.1[:/]/.test(url)) throw new Error("load goes only to 127.0.0.1");
  let i = 0;
  const issued = [0, 0, 0];
  const bodies = CHOICES.map((c) =>
    JSON.stringify({ territory: TERRITORY, projectIds: c.map((k) => cycle.projects[k]) }),
  );
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        amount: tokens.length,
        requests: [
          {
            method: "POST",
            path: `/api/v1/budgets/${cycle.id}/ballots`,
            setupRequest: (req) => {
              const n = i++;
              for (const k of CHOICES[n % 3] as number[]) issued[k] = (issued[k] ?? 0) + 1;
              return {
                ...req,
                headers: {
                  "content-type": "application/json",
                  authorization: `Bearer ${tokens[n % tokens.length]}`,
                },
                body: bodies[n % 3] as string,
              };
            },
          },
        ],
      },
      (err, done) => {
        clearTimeout(guard);
        if (err) reject(err);
        else resolve(done);
      },
    );
    const guard = setTimeout(() => instance.stop(), writeRunLimitMs(options));
  });
  return {
    requestsPerSecond: throughput(result),
    p99: result.latency.p99,
    p50: result.latency.p50,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    created: Number(result.statusCodeStats?.["201"]?.count ?? 0),
    issued,
  };
}

/**
 * Benchmark "budget vote": authenticated POST /api/v1/budgets/{id}/ballots with knapsack
 * choices from distinct verified residents, each answered 201 only once its shuffled batch
 * has committed. Then voting is closed and Halyq's own phase job counts and publishes; every
 * project's published votes and the turnout must equal what was acknowledged, exactly.
 */
export async function budgetVote(
  options: BenchOptions,
  baseline: { requestsPerSecond: number; p99?: number },
  say: (s: string) => void,
): Promise<Row[]> {
  const halyq = await startHalyq();
  const db = halyq.database.open();
  try {
    const cycle = await makeCycle(db);
    const warmTokens = await makeVoters(db, options.connections * 40);
    const warm = await castMany(halyq.url, cycle, warmTokens, options);
    if (warm.errors > 0 || warm.non2xx > 0)
      throw new Error(`budget vote warm-up: ${warm.errors} errors, ${warm.non2xx} non-2xx`);
    const amount = Math.max(
      options.connections * 20,
      Math.round(warm.requestsPerSecond * options.duration * 1.2),
    );
    const tokens = await makeVoters(db, amount);
    const r = await castMany(halyq.url, cycle, tokens, options);
    say(
      `  ${r.created} ballots answered 201 (${r.errors} errors, ${r.non2xx} non-2xx); ` +
        `${Math.round(r.requestsPerSecond)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`,
    );
    const accepted = warm.created + r.created;
    const past = new Date(Date.now() - 120_000).toISOString();
    await sql`UPDATE budget_cycles SET results_at = ${past} WHERE id = ${cycle.id}`.execute(
      db.kysely,
    );
    const until = Date.now() + 60_000;
    let published = false;
    while (Date.now() < until) {
      published =
        (await countRows(
          db,
          sql`SELECT count(*) FROM budget_cycles
              WHERE id = ${cycle.id} AND results_published_at IS NOT NULL`,
        )) === 1;
      if (published) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const votes: number[] = [];
    for (const p of cycle.projects)
      votes.push(await countRows(db, sql`SELECT votes FROM budget_proposals WHERE id = ${p}`));
    const turnout = await countRows(
      db,
      sql`SELECT voters_count FROM budget_cycles WHERE id = ${cycle.id}`,
    );
    const expected = cycle.projects.map((_, k) => (warm.issued[k] ?? 0) + (r.issued[k] ?? 0));
    const exact =
      published &&
      turnout === accepted &&
      votes.every((v, k) => v === expected[k]) &&
      r.errors === 0 &&
      r.non2xx === 0;
    say(
      `  published votes ${votes.join("/")} (expected ${expected.join("/")}), turnout ${turnout}, ` +
        `accepted ${accepted} — ${exact ? "exact" : "NOT exact"}`,
    );
    const row = ratioRow(
      "budget vote (durable knapsack ballots, distinct voters)",
      r.requestsPerSecond,
      baseline.requestsPerSecond,
      0.15,
    );
    return [withExactCount(row, exact, "published count")];
  } finally {
    await db.close();
    await halyq.stop();
  }
}

import autocannon from "autocannon";
import { sql } from "kysely";
import type { Db, Dialect } from "../src/db/database.js";
import { countRows, onDatabase } from "./database.js";
import {
  type BenchOptions,
  type LoadResult,
  printedRow,
  type Row,
  ratioRow,
  startHalyq,
  throughput,
  withExactCount,
  writeRunLimitMs,
} from "./harness.js";
import { writeCitizens } from "./sessions.js";

const RESIDENCE = "711410000";
let made = 0;

/**
 * `n` residents of Baikonur district, each with an IIN and an API session, written straight
 * into the server's database while it runs (SQLite's WAL lets this writer in beside it).
 * Returns their bearer tokens.
 */
function makeVoters(db: Db, n: number): Promise<string[]> {
  const people = Array.from({ length: n }, () => ({
    iin: `7${String(made++).padStart(11, "0")}`,
    residence_code: RESIDENCE,
  }));
  return writeCitizens(db.kysely, people, 3);
}

interface Published {
  voters: number;
  ballots: number;
  questions: { options: { count: number }[] }[];
}

interface Cast extends LoadResult {
  created: number;
  conflicts: number;
}

/** One ballot per token, over `connections`, each acknowledged only once durable. */
async function castMany(
  url: string,
  pollId: string,
  tokens: string[],
  options: BenchOptions,
): Promise<Cast> {
  if (!/^http:\/\/127\.0\.0\.1[:/]/.test(url)) throw new Error("load goes only to 127.0.0.1");
  let i = 0;
  const bodies = ["a", "b", "c"].map((c) => JSON.stringify({ answers: { "1": c } }));
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        amount: tokens.length,
        requests: [
          {
            method: "POST",
            path: `/api/v1/polls/${pollId}/ballots`,
            setupRequest: (req) => {
              const n = i++;
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
    conflicts: Number(result.statusCodeStats?.["409"]?.count ?? 0),
  };
}

/**
 * Benchmark "vote": authenticated POST /api/v1/polls/{id}/ballots from distinct eligible
 * residents (one ballot each: a second would be refused), each answered 201 only once its
 * shuffled batch has committed. After the run the poll is closed and published by Halyq's own
 * job; the published tally must equal the ballots acknowledged, exactly.
 */
export async function vote(
  options: BenchOptions,
  baseline: { requestsPerSecond: number; p99?: number },
  say: (s: string) => void,
  dialect: Dialect = "sqlite",
): Promise<Row[]> {
  const halyq = await startHalyq({}, dialect);
  const db = halyq.database.open();
  try {
    const { id: poll } = await db.kysely
      .selectFrom("polls")
      .select("id")
      .where("kind", "=", "vote")
      .where("status", "=", "scheduled")
      .limit(1)
      .executeTakeFirstOrThrow();
    const started = Date.now();
    const warmTokens = await makeVoters(db, options.connections * 40);
    const warm = await castMany(halyq.url, poll, warmTokens, options);
    if (warm.errors > 0 || warm.non2xx > 0)
      throw new Error(`vote warm-up: ${warm.errors} errors, ${warm.non2xx} non-2xx`);
    const amount = Math.max(
      options.connections * 20,
      Math.round(warm.requestsPerSecond * options.duration * 1.2),
    );
    const tokens = await makeVoters(db, amount);
    say(`  ${warmTokens.length + amount} voters made in ${Date.now() - started} ms (with warm-up)`);
    const r = await castMany(halyq.url, poll, tokens, options);
    say(
      `  ${r.created} ballots answered 201 (${r.conflicts} 409, ${r.errors} errors); ` +
        `${Math.round(r.requestsPerSecond)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`,
    );
    const accepted = warm.created + r.created;
    // Close the vote as if its time had come, then let Halyq's publishing job count it.
    const past = new Date(Date.now() - 120_000).toISOString();
    await db.kysely.updateTable("polls").set({ closes_at: past }).where("id", "=", poll).execute();
    const until = Date.now() + 60_000;
    let published: Published | null = null;
    while (Date.now() < until) {
      const res = await fetch(`${halyq.url}/api/v1/polls/${poll}/results`);
      if (res.status === 200) {
        published = (await res.json()) as Published;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const voters = await countRows(
      db,
      sql`SELECT count(*) FROM poll_voters WHERE poll_id = ${poll}`,
    );
    const ballots = await countRows(
      db,
      sql`SELECT count(*) FROM poll_ballots WHERE poll_id = ${poll}`,
    );
    const tallied = published?.questions[0]?.options.reduce((a, o) => a + o.count, 0) ?? -1;
    // The demo vote starts with no ballots: everything counted came from this run.
    const exact =
      published !== null &&
      tallied === accepted &&
      published.ballots === accepted &&
      published.voters === accepted &&
      voters === accepted &&
      ballots === accepted &&
      r.errors === 0 &&
      r.non2xx === 0;
    say(
      `  published tally ${tallied}, published voters ${published?.voters ?? "none"}; ` +
        `accepted ${accepted}; in the database ${voters} voters, ${ballots} ballots — ${exact ? "exact" : "NOT exact"}`,
    );
    const on = onDatabase(dialect);
    const row =
      dialect === "sqlite"
        ? withExactCount(
            ratioRow(
              "vote (durable ballots, distinct voters)",
              r.requestsPerSecond,
              baseline.requestsPerSecond,
              0.15,
            ),
            exact,
            "published tally",
          )
        : printedRow(
            `vote${on}`,
            r.requestsPerSecond,
            baseline.requestsPerSecond,
            exact,
            "published tally",
          );
    return [
      row,
      {
        benchmark: `vote p99 latency${on}`,
        value: r.p99,
        unit: "ms",
        baseline: baseline.p99 ?? 0,
        ratio: baseline.p99 ? r.p99 / baseline.p99 : null,
        goal: "none (for comparison)",
        met: null,
      },
    ];
  } finally {
    await db.close();
    await halyq.stop();
  }
}

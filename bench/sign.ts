import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { sql } from "kysely";
import type { Dialect } from "../src/db/database.js";
import { type Haproxy, haproxyPath, startHaproxy } from "../test/support/haproxy.js";
import { type BenchDatabase, benchDatabase, countRows, onDatabase } from "./database.js";
import {
  type BenchOptions,
  ceilingRow,
  freePort,
  halyqEnv,
  type LoadResult,
  load,
  notRunRow,
  printedRow,
  type Row,
  ratioRow,
  root,
  type Server,
  startProcess,
  throughput,
  withExactCount,
  writeRunLimitMs,
} from "./harness.js";
import { writeCitizens } from "./sessions.js";

const AGENCY = "ag-baikonur-akimat";
const DISTRICTS = ["711410000", "711310000", "711210000", "711510000", "711610000"];

interface Prepared {
  tokens: string[];
  warmPetition: string;
  petition: string;
}

/**
 * Writes the run's people straight into the database of a stopped server: `n` verified citizens
 * (IIN, registered district) each with an API session made a moment before the run (as if they
 * had just signed in), two petitions collecting signatures, and the per-address limit raised
 * (every request of the run comes from 127.0.0.1; the per-account limit stays as it is).
 */
export async function prepare(database: BenchDatabase, n: number): Promise<Prepared> {
  const db = database.open();
  try {
    const now = new Date().toISOString();
    const closes = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const { id: initiator } = await db.kysely
      .selectFrom("accounts")
      .select("id")
      .orderBy("created_at")
      .limit(1)
      .executeTakeFirstOrThrow();
    const petitions = [randomUUID(), randomUUID()] as const;
    let tokens: string[] = [];
    await db.kysely.transaction().execute(async (trx) => {
      await trx
        .insertInto("petitions")
        .values(
          petitions.map((id, k) => ({
            id,
            number: `PET-BENCH-${k}`,
            agency_id: AGENCY,
            initiator_account_id: initiator,
            status: "collecting",
            language: "ru",
            title: `Петиция для замера ${k}`,
            summary: "Замер подписания.",
            proposal: "Подписать петицию.",
            territory_code: "710000000",
            threshold: 10000,
            created_at: now,
            published_at: now,
            signing_closes_at: closes,
            updated_at: now,
            version: 1,
          })),
        )
        .execute();
      tokens = await writeCitizens(
        trx,
        Array.from({ length: n }, (_, i) => ({
          email: `signer${i}@bench.invalid`,
          email_confirmed_at: now,
          surname: `Фамилия${i}`,
          iin: `8${String(i).padStart(11, "0")}`,
          residence_code: DISTRICTS[i % DISTRICTS.length] ?? null,
        })),
        6,
      );
      await trx
        .insertInto("settings")
        .values({
          key: "petition_signatures.rate_limits",
          value: JSON.stringify({ perAccount: 20, perAddress: 100_000_000 }),
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.column("key").doUpdateSet((eb) => ({ value: eb.ref("excluded.value") })),
        )
        .execute();
    });
    return { tokens, warmPetition: petitions[0], petition: petitions[1] };
  } finally {
    await db.close();
  }
}

interface ProcessMemory {
  /** Pages only this process maps. */
  privateMb: number;
  /** Pages it shares with other processes (the Node binary, shared libraries). */
  sharedMb: number;
}

/** Private and shared resident memory of a process, in MB (Linux), or null once it is gone. */
function processMemory(pid: number): ProcessMemory | null {
  try {
    const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(rollup)?.[1]);
    const privateKb = kb("Private_Clean") + kb("Private_Dirty");
    const sharedKb = kb("Shared_Clean") + kb("Shared_Dirty");
    if (!Number.isFinite(privateKb) || !Number.isFinite(sharedKb)) return null;
    return { privateMb: privateKb / 1024, sharedMb: sharedKb / 1024 };
  } catch {
    return null;
  }
}

/** The processes a process started (a primary's workers), from /proc. */
function childrenOf(pid: number): number[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/**
 * Resident memory of a start, in MB: the process and every worker it started. `summed` adds
 * each process's resident set, counting the pages they share (the Node binary, the shared
 * libraries, mapped once in the machine's memory) once per process; `resident` counts each
 * process's own pages plus the largest shared set once — the memory the start occupies. For
 * one process both equal its resident set.
 */
function startMemory(pid: number | undefined): { resident: number; summed: number } | null {
  if (pid === undefined) return null;
  const all = [pid, ...childrenOf(pid)].map(processMemory);
  if (all[0] === null) return null;
  const live = all.filter((m): m is ProcessMemory => m !== null);
  const privateMb = live.reduce((sum, m) => sum + m.privateMb, 0);
  return {
    resident: privateMb + Math.max(...live.map((m) => m.sharedMb)),
    summed: privateMb + live.reduce((sum, m) => sum + m.sharedMb, 0),
  };
}

interface Signed extends LoadResult {
  created: number;
  conflicts: number;
  peakMb: number | null;
  /** The peak of the processes' resident sets added up (shared pages counted in each). */
  peakSummedMb: number | null;
}

/** `amount` signatures by distinct people (tokens[from…]) over `connections`; stops by itself. */
export async function signMany(
  server: Server,
  tokens: string[],
  petitionId: string,
  options: BenchOptions,
  amount: number,
  from: number,
): Promise<Signed> {
  if (!/^http:\/\/127\.0\.0\.1[:/]/.test(server.url))
    throw new Error("load goes only to 127.0.0.1");
  let i = from;
  let peakMb: number | null = null;
  let peakSummedMb: number | null = null;
  const sampler = setInterval(() => {
    const mb = startMemory(server.pid);
    if (mb === null) return;
    peakMb = Math.max(peakMb ?? 0, mb.resident);
    peakSummedMb = Math.max(peakSummedMb ?? 0, mb.summed);
  }, 200);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: server.url,
        connections: options.connections,
        amount,
        requests: [
          {
            method: "POST",
            path: `/api/v1/petitions/${petitionId}/signatures`,
            setupRequest: (req) => ({
              ...req,
              headers: {
                "content-type": "application/json",
                authorization: `Bearer ${tokens[i++ % tokens.length]}`,
              },
              body: "{}",
            }),
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
  clearInterval(sampler);
  return {
    requestsPerSecond: throughput(result),
    p99: result.latency.p99,
    p50: result.latency.p50,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    created: Number(result.statusCodeStats?.["201"]?.count ?? 0),
    conflicts: Number(result.statusCodeStats?.["409"]?.count ?? 0),
    peakMb,
    peakSummedMb,
  };
}

async function published(
  database: BenchDatabase,
  petitionId: string,
): Promise<{ tallied: number; stored: number }> {
  const db = database.open();
  try {
    const tallied = await countRows(
      db,
      sql`SELECT coalesce(sum(signatures), 0) FROM petition_signature_tallies
          WHERE petition_id = ${petitionId}`,
    );
    const stored = await countRows(
      db,
      sql`SELECT count(*) FROM petition_signatures
          WHERE petition_id = ${petitionId} AND invalidated_at IS NULL`,
    );
    return { tallied, stored };
  } finally {
    await db.close();
  }
}

/** The people of a run: enough for the load at the baseline's pace, and for the warm-up. */
function peopleFor(options: BenchOptions, baseline: { requestsPerSecond: number }): number {
  return Math.max(20_000, Math.round(baseline.requestsPerSecond * 0.4 * options.duration));
}

interface SignRun {
  amount: number;
  r: Signed;
  count: { tallied: number; stored: number };
  exact: boolean;
}

/**
 * The measured part, against `target` (one server, or HAProxy in front of several): a warm-up on
 * one petition, then signatures on the other for at least the set duration, then the count.
 * `during` runs beside the measured load (the petition page's readers).
 */
async function signAndCount<T>(
  target: Server,
  database: BenchDatabase,
  prepared: Prepared,
  options: BenchOptions,
  people: number,
  during: () => Promise<T>,
): Promise<SignRun & { during: T }> {
  const warmCount = options.connections * 40;
  const warm = await signMany(
    target,
    prepared.tokens,
    prepared.warmPetition,
    options,
    warmCount,
    0,
  );
  if (warm.errors > 0 || warm.non2xx > 0)
    throw new Error(`sign warm-up: ${warm.errors} errors, ${warm.non2xx} non-2xx`);
  const amount = Math.min(
    people,
    // Enough to keep the load on for at least the set duration at the warm-up's rate.
    Math.max(options.connections * 20, Math.round(warm.requestsPerSecond * options.duration * 1.2)),
  );
  const meanwhile = during();
  const r = await signMany(target, prepared.tokens, prepared.petition, options, amount, warmCount);
  const duringResult = await meanwhile;
  // Settle: every answered request's batch has committed already; read what is published.
  const count = await published(database, prepared.petition);
  const exact =
    count.tallied === r.created && count.stored === r.created && r.errors === 0 && r.non2xx === 0;
  return { amount, r, count, exact, during: duringResult };
}

function describe({ amount, r, count, exact }: SignRun): string {
  return (
    `  ${amount} signatures sent, ${r.created} answered 201, ${r.conflicts} 409, ` +
    `${r.errors} errors; published count ${count.tallied}, stored ${count.stored} — ` +
    `${exact ? "exact" : "NOT EXACT"}; ${Math.round(r.requestsPerSecond)} req/s, ` +
    `p50 ${r.p50} ms, p99 ${r.p99} ms`
  );
}

/**
 * Authenticated, durable POST /api/v1/petitions/{id}/signatures, each by a different verified
 * person with a bearer session: the 201 comes only after the signature's batch committed
 * (SQLite WAL, synchronous=FULL; a PostgreSQL commit). After the run settles the published count
 * (the tallies) must equal the number of 201 answers exactly. Goal on SQLite: ≥ 0.15 × bare
 * node:http, memory < 300 MB; on PostgreSQL the ratio is printed.
 */
export async function sign(
  options: BenchOptions,
  baseline: { requestsPerSecond: number },
  say: (s: string) => void,
  dialect: Dialect = "sqlite",
): Promise<Row[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-bench-sign-"));
  const database = await benchDatabase(dialect, dataDir);
  // The page cache off: the petition page read during the run must show the live count.
  const env = halyqEnv(dataDir, database, { PAGE_CACHE_SECONDS: "0" });
  const main = [path.join(root, "dist", "main.js")];
  let server: Server | undefined;
  try {
    // First start: migrations and demo data; then the people are written while it is stopped.
    server = await startProcess(main, env, await freePort());
    await server.stop();
    const people = peopleFor(options, baseline);
    const started = Date.now();
    const prepared = await prepare(database, people + options.connections * 40);
    say(
      `  ${prepared.tokens.length} verified citizens with sessions written in ${Date.now() - started} ms`,
    );
    const target = await startProcess(main, env, await freePort());
    server = target;
    // While signing runs, a few readers load the petition's page (count, signers, regions).
    const run = await signAndCount(target, database, prepared, options, people, () =>
      load(`${target.url}/petitions/PET-BENCH-1`, {
        duration: Math.max(1, Math.floor(options.duration / 2)),
        connections: 5,
      }),
    );
    const { r, during: page } = run;
    say(
      `${describe(run)}, peak resident memory ` +
        `${r.peakMb === null ? "unknown" : `${Math.round(r.peakMb)} MB`} ` +
        `(resident sets added up: ${r.peakSummedMb === null ? "unknown" : `${Math.round(r.peakSummedMb)} MB`}); ` +
        `petition page meanwhile ${Math.round(page.requestsPerSecond)} req/s, p50 ${page.p50} ms, ` +
        `p99 ${page.p99} ms, ${page.non2xx} non-2xx`,
    );
    const on = onDatabase(dialect);
    const pageRow: Row = {
      benchmark: `petition page during signing, p99 (5 readers, cache off)${on}`,
      value: page.p99,
      unit: "ms",
      baseline: null,
      ratio: null,
      goal: "none (for comparison)",
      met: null,
    };
    if (dialect !== "sqlite")
      return [
        printedRow(`sign${on}`, r.requestsPerSecond, baseline.requestsPerSecond, run.exact),
        pageRow,
      ];
    const throughput = ratioRow(
      "sign (durable, distinct accounts)",
      r.requestsPerSecond,
      baseline.requestsPerSecond,
      0.15,
    );
    const rows: Row[] = [withExactCount(throughput, run.exact), pageRow];
    if (r.peakMb !== null) rows.push(ceilingRow("memory (sign)", r.peakMb, 300, "MB"));
    return rows;
  } finally {
    await server?.stop();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const INSTANCES = 3;
export const HAPROXY_ROW = `sign through HAProxy (${INSTANCES} instances, PostgreSQL)`;

/**
 * The same signing through HAProxy (Debian's package, started with the tests' configuration,
 * test/support/haproxy.ts) in front of three Halyq instances on one fresh PostgreSQL database and
 * one Redis (a prefix of the run's own). Every 201 must be one published signature, exactly.
 * Without haproxy on the machine the row says so instead of failing the run.
 */
export async function signThroughHaproxy(
  options: BenchOptions,
  baseline: { requestsPerSecond: number },
  say: (s: string) => void,
): Promise<Row[]> {
  if (!haproxyPath()) return [notRunRow(HAPROXY_ROW, "haproxy not installed")];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-bench-haproxy-"));
  const database = await benchDatabase("postgres", dataDir);
  const env = halyqEnv(dataDir, database, {
    PAGE_CACHE_SECONDS: "0",
    REDIS_URL: process.env.HALYQ_BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/0",
    REDIS_PREFIX: `halyq-bench-${process.pid}-${randomUUID().slice(0, 8)}:`,
    TRUST_PROXY: "true",
  });
  const main = [path.join(root, "dist", "main.js")];
  const servers: Server[] = [];
  let balancer: Haproxy | undefined;
  try {
    // One instance migrates and loads the demo data; the people are written while none runs.
    const first = await startProcess(main, env, await freePort());
    await first.stop();
    const people = peopleFor(options, baseline);
    const prepared = await prepare(database, people + options.connections * 40);
    for (let i = 0; i < INSTANCES; i++)
      servers.push(await startProcess(main, env, await freePort()));
    balancer = await startHaproxy(servers.map((s) => s.url));
    const target: Server = { url: balancer.url, pid: undefined, stop: async () => {} };
    const run = await signAndCount(target, database, prepared, options, people, async () => {});
    say(`${describe(run)} (through HAProxy to ${INSTANCES} instances)`);
    return [
      printedRow(HAPROXY_ROW, run.r.requestsPerSecond, baseline.requestsPerSecond, run.exact),
    ];
  } finally {
    await balancer?.stop();
    await Promise.all(servers.map((s) => s.stop()));
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import SQLite from "better-sqlite3";
import { hashToken, newToken } from "../src/capabilities/identity/auth/tokens.js";
import {
  type BenchOptions,
  benchWorkers,
  ceilingRow,
  freePort,
  type LoadResult,
  load,
  type Row,
  ratioRow,
  root,
  type Server,
  startProcess,
  throughput,
} from "./harness.js";

const AGENCY = "ag-baikonur-akimat";
const DISTRICTS = ["711410000", "711310000", "711210000", "711510000", "711610000"];

interface Prepared {
  tokens: string[];
  warmPetition: string;
  petition: string;
}

/**
 * Writes the run's people straight into the stopped server's database: `n` verified citizens
 * (IIN, registered district) each with an API session made a moment before the run (as if they
 * had just signed in), two petitions collecting signatures, and the per-address limit raised
 * (every request of the run comes from 127.0.0.1; the per-account limit stays as it is).
 */
export function prepare(dataDir: string, n: number): Prepared {
  const db = new SQLite(path.join(dataDir, "halyq.db"));
  try {
    db.pragma("journal_mode = WAL");
    const now = new Date().toISOString();
    const expires = new Date(Date.now() + 6 * 3_600_000).toISOString();
    const closes = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const initiator = db
      .prepare("SELECT id FROM accounts ORDER BY created_at LIMIT 1")
      .pluck()
      .get();
    const tokens: string[] = [];
    const petitions = [randomUUID(), randomUUID()] as const;
    db.transaction(() => {
      const petition = db.prepare(
        `INSERT INTO petitions (id, number, agency_id, initiator_account_id, status, language, title,
           summary, proposal, territory_code, threshold, created_at, published_at, signing_closes_at,
           updated_at)
         VALUES (?, ?, ?, ?, 'collecting', 'ru', ?, ?, ?, '710000000', 10000, ?, ?, ?, ?)`,
      );
      petitions.forEach((id, k) => {
        petition.run(
          id,
          `PET-BENCH-${k}`,
          AGENCY,
          initiator,
          `Петиция для замера ${k}`,
          "Замер подписания.",
          "Подписать петицию.",
          now,
          now,
          closes,
          now,
        );
      });
      const account = db.prepare(
        `INSERT INTO accounts (id, kind, email, email_confirmed_at, surname, given_name, iin,
           residence_code, language, identity_assurance, created_at, updated_at)
         VALUES (?, 'citizen', ?, ?, ?, ?, ?, ?, 'ru', 'eid', ?, ?)`,
      );
      const session = db.prepare(
        `INSERT INTO sessions (id_hash, account_id, kind, created_at, last_seen_at, expires_at)
         VALUES (?, ?, 'api', ?, ?, ?)`,
      );
      for (let i = 0; i < n; i++) {
        const id = randomUUID();
        account.run(
          id,
          `signer${i}@bench.invalid`,
          now,
          `Фамилия${i}`,
          "Имя",
          `8${String(i).padStart(11, "0")}`,
          DISTRICTS[i % DISTRICTS.length],
          now,
          now,
        );
        const token = newToken();
        session.run(hashToken(token), id, now, now, expires);
        tokens.push(token);
      }
      db.prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES ('petition_signatures.rate_limits', ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      ).run(JSON.stringify({ perAccount: 20, perAddress: 100_000_000 }), now);
    })();
    return { tokens, warmPetition: petitions[0], petition: petitions[1] };
  } finally {
    db.close();
  }
}

/** The resident set of a process, in MB (Linux), or null where /proc is missing. */
/** Resident memory of a process, in MB, or null once it is gone. */
function processMb(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : null;
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

/** Resident memory of a start, in MB: the process and every worker it started, together. */
function residentMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  const own = processMb(pid);
  if (own === null) return null;
  return childrenOf(pid).reduce((sum, child) => sum + (processMb(child) ?? 0), own);
}

interface Signed extends LoadResult {
  created: number;
  conflicts: number;
  peakMb: number | null;
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
  const sampler = setInterval(() => {
    const mb = residentMb(server.pid);
    if (mb !== null) peakMb = Math.max(peakMb ?? 0, mb);
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
    const guard = setTimeout(() => instance.stop(), options.duration * 3 * 1000);
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
  };
}

function published(dataDir: string, petitionId: string): { tallied: number; stored: number } {
  const db = new SQLite(path.join(dataDir, "halyq.db"), { readonly: true });
  try {
    const tallied = db
      .prepare(
        "SELECT coalesce(sum(signatures), 0) FROM petition_signature_tallies WHERE petition_id = ?",
      )
      .pluck()
      .get(petitionId);
    const stored = db
      .prepare(
        "SELECT count(*) FROM petition_signatures WHERE petition_id = ? AND invalidated_at IS NULL",
      )
      .pluck()
      .get(petitionId);
    return { tallied: Number(tallied), stored: Number(stored) };
  } finally {
    db.close();
  }
}

/**
 * Authenticated, durable POST /api/v1/petitions/{id}/signatures, each by a different verified
 * person with a bearer session: the 201 comes only after the signature's batch committed
 * (SQLite WAL, synchronous=FULL). After the run settles the published count (the tallies) must
 * equal the number of 201 answers exactly. Goal: ≥ 0.15 × bare node:http; memory < 300 MB.
 */
export async function sign(
  options: BenchOptions,
  baseline: { requestsPerSecond: number },
  say: (s: string) => void,
): Promise<Row[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-bench-sign-"));
  // The page cache off: the petition page read during the run must show the live count.
  const env = {
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    NODE_ENV: "development",
    PAGE_CACHE_SECONDS: "0",
    HALYQ_WORKERS: benchWorkers(),
  };
  const main = [path.join(root, "dist", "main.js")];
  let server: Server | undefined;
  try {
    // First start: migrations and demo data; then the people are written while it is stopped.
    server = await startProcess(main, env, await freePort());
    await server.stop();
    const people = Math.max(
      20_000,
      Math.round(baseline.requestsPerSecond * 0.4 * options.duration),
    );
    const started = Date.now();
    const prepared = prepare(dataDir, people + options.connections * 40);
    say(
      `  ${prepared.tokens.length} verified citizens with sessions written in ${Date.now() - started} ms`,
    );
    server = await startProcess(main, env, await freePort());

    const warmCount = options.connections * 40;
    const warm = await signMany(
      server,
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
      Math.max(options.connections * 20, Math.round(warm.requestsPerSecond * options.duration)),
    );
    // While signing runs, a few readers load the petition's page (count, signers, regions).
    const readers = load(`${server.url}/petitions/PET-BENCH-1`, {
      duration: Math.max(1, Math.floor(options.duration / 2)),
      connections: 5,
    });
    const r = await signMany(
      server,
      prepared.tokens,
      prepared.petition,
      options,
      amount,
      warmCount,
    );
    const page = await readers;
    // Settle: every answered request's batch has committed already; read what is published.
    const count = published(dataDir, prepared.petition);
    const exact = count.tallied === r.created && count.stored === r.created;
    say(
      `  ${amount} signatures sent, ${r.created} answered 201, ${r.conflicts} 409; published count ` +
        `${count.tallied}, stored ${count.stored} — ${exact ? "exact" : "NOT EXACT"}; ` +
        `${Math.round(r.requestsPerSecond)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ` +
        `peak resident memory ${r.peakMb === null ? "unknown" : `${Math.round(r.peakMb)} MB`}; ` +
        `petition page meanwhile ${Math.round(page.requestsPerSecond)} req/s, p50 ${page.p50} ms, ` +
        `p99 ${page.p99} ms, ${page.non2xx} non-2xx`,
    );
    const throughput = ratioRow(
      "sign (durable, distinct accounts)",
      r.requestsPerSecond,
      baseline.requestsPerSecond,
      0.15,
    );
    throughput.met = throughput.met === true && exact && r.errors === 0 && r.non2xx === 0;
    if (!exact) throughput.goal += " and count exact (NOT exact)";
    const rows: Row[] = [
      throughput,
      {
        benchmark: "petition page during signing, p99 (5 readers, cache off)",
        value: page.p99,
        unit: "ms",
        baseline: null,
        ratio: null,
        goal: "none (for comparison)",
        met: null,
      },
    ];
    if (r.peakMb !== null) rows.push(ceilingRow("memory (sign)", r.peakMb, 300, "MB"));
    return rows;
  } finally {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

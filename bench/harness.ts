import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import type { Dialect } from "../src/db/database.js";
import { type BenchDatabase, benchDatabase } from "./database.js";

export const root = path.resolve(import.meta.dirname, "..");

/** One line of the results table. Only `ratio` (or `value` against `goal`) is a target. */
export interface Row {
  benchmark: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  goal: string;
  /** null for rows shown for comparison only. */
  met: boolean | null;
  /** Why the row has no figure (e.g. "not run: haproxy not installed"); shown instead of it. */
  note?: string;
}

/** A row that could not be measured on this machine, saying why instead of failing the run. */
export function notRunRow(benchmark: string, why: string): Row {
  return {
    benchmark,
    value: 0,
    unit: "req/s",
    baseline: null,
    ratio: null,
    goal: "printed",
    met: null,
    note: `not run: ${why}`,
  };
}

export interface BenchOptions {
  /** Seconds of load per measurement. */
  duration: number;
  connections: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export interface Server {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Starts a server in its own process (so load generator and server do not share a thread). */
export async function startProcess(
  args: string[],
  env: Record<string, string>,
  port: number,
): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(" ")} exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status < 500) break;
    } catch {
      // not yet listening
    }
    if (Date.now() > until) throw new Error(`${args.join(" ")} did not start`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/**
 * Starts built Halyq (dist/main.js) with a temporary data folder on a fresh database: SQLite's
 * file in that folder, or a new PostgreSQL database (dropped again by `stop`).
 */
export async function startHalyq(
  env: Record<string, string> = {},
  dialect: Dialect = "sqlite",
): Promise<Server & { dataDir: string; database: BenchDatabase }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-bench-"));
  const database = await benchDatabase(dialect, dataDir);
  let server: Server;
  try {
    server = await startProcess(
      [path.join(root, "dist", "main.js")],
      halyqEnv(dataDir, database, env),
      await freePort(),
    );
  } catch (err) {
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    ...server,
    dataDir,
    database,
    async stop() {
      try {
        await server.stop();
      } finally {
        await database.drop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** The environment of a benchmarked server: its data folder, its database, little logging. */
/**
 * Workers of a measured start: every core, as production starts (`HALYQ_WORKERS` in the
 * environment of `npm run bench` overrides, e.g. 1 to compare with one process).
 */
export function benchWorkers(): string {
  return process.env.HALYQ_WORKERS || String(os.availableParallelism());
}

export function halyqEnv(
  dataDir: string,
  database: BenchDatabase,
  env: Record<string, string> = {},
): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    NODE_ENV: "development",
    HALYQ_WORKERS: benchWorkers(),
    ...database.env,
    ...env,
  };
}

/**
 * The time limit of a run of a fixed number of writes (`amount`, which has none of its own):
 * three times the larger of the set duration and 20 s. Such a run is sized to last about the
 * duration; the limit only stops a machine slowed to a crawl. A run cut by it leaves requests in
 * flight that may commit after the count, so it must be rare: on a loaded machine PostgreSQL's
 * warm-up of 1,000 filings took longer than 15 s, and 29 of its filings landed in the count.
 */
export function writeRunLimitMs(options: BenchOptions): number {
  return Math.max(options.duration, 20) * 3 * 1000;
}

export interface LoadResult {
  requestsPerSecond: number;
  p99: number;
  p50: number;
  errors: number;
  non2xx: number;
}

/**
 * Requests answered per second over the whole run: completed requests ÷ elapsed time.
 * autocannon's `requests.average` is the mean of whole-second samples, which for a run of a
 * fixed number of requests comes out as that number ÷ whole seconds (5,000 filings in 5.4 s
 * read as 833/s); every row reports this instead.
 */
export function throughput(result: autocannon.Result): number {
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  return seconds > 0 ? result.requests.total / seconds : 0;
}

/** Bounded load on one URL of this machine: `duration` seconds, then it stops by itself. */
export async function load(
  url: string,
  options: BenchOptions,
  extra: Partial<autocannon.Options> = {},
): Promise<LoadResult> {
  if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url))
    throw new Error("load goes only to 127.0.0.1");
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.duration,
    ...extra,
  });
  return {
    requestsPerSecond: throughput(result),
    p99: result.latency.p99,
    p50: result.latency.p50,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

const BARE_SERVER = `
const http = require("node:http");
http.createServer((req, res) => {
  if (req.url === "/healthz") { res.writeHead(200); res.end("ok"); return; }
  res.writeHead(200, { "content-type": "text/plain" });
  res.end("hello");
}).listen(Number(process.env.PORT), "127.0.0.1");
`;

/** The reference every ratio is taken against: bare node:http answering "hello". */
export async function measureBaseline(options: BenchOptions): Promise<LoadResult> {
  const server = await startProcess(["-e", BARE_SERVER], {}, await freePort());
  try {
    await load(`${server.url}/`, { ...options, duration: 1 });
    return await load(`${server.url}/`, options);
  } finally {
    await server.stop();
  }
}

export function ratioRow(
  benchmark: string,
  value: number,
  baseline: number,
  minRatio: number,
  unit = "req/s",
): Row {
  const ratio = baseline > 0 ? value / baseline : 0;
  return {
    benchmark,
    value,
    unit,
    baseline,
    ratio,
    goal: `≥ ${minRatio} × baseline`,
    met: ratio >= minRatio,
  };
}

/** A row whose count must be exact: says so in its goal, and is not met when it was not. */
export function withExactCount(row: Row, exact: boolean, what = "count"): Row {
  return {
    ...row,
    goal: `${row.goal}; ${what} exact${exact ? "" : " (it was NOT)"}`,
    met: exact ? row.met : false,
  };
}

/**
 * A throughput row printed with its ratio but without a goal of its own (the PostgreSQL and
 * HAProxy rows: the ratio goals are for the default database). Its count must still be exact.
 */
export function printedRow(
  benchmark: string,
  value: number,
  baseline: number,
  exact: boolean,
  what = "count",
): Row {
  const row = ratioRow(benchmark, value, baseline, 0);
  return withExactCount({ ...row, goal: "printed", met: null }, exact, what);
}

export function ceilingRow(
  benchmark: string,
  value: number,
  max: number,
  unit: string,
  baseline: number | null = null,
): Row {
  return {
    benchmark,
    value,
    unit,
    baseline,
    ratio: baseline ? value / baseline : null,
    goal: `< ${max} ${unit}`,
    met: value < max,
  };
}

export function printTable(rows: Row[]): void {
  const fmt = (n: number | null, digits = 0) =>
    n === null ? "—" : n.toLocaleString("en-GB", { maximumFractionDigits: digits });
  const lines = [["benchmark", "Halyq", "baseline", "ratio", "goal", "met"]];
  for (const r of rows) {
    if (r.note) {
      lines.push([r.benchmark, r.note, "—", "—", r.goal, "—"]);
      continue;
    }
    lines.push([
      r.benchmark,
      `${fmt(r.value, r.unit === "ms" ? 1 : 0)} ${r.unit}`,
      r.baseline === null ? "—" : `${fmt(r.baseline, r.unit === "ms" ? 1 : 0)} ${r.unit}`,
      r.ratio === null ? "—" : r.ratio.toFixed(3),
      r.goal,
      r.met === null ? "—" : r.met ? "yes" : "NO",
    ]);
  }
  const widths = lines[0]?.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? "").length))) ?? [];
  for (const [i, l] of lines.entries()) {
    console.log(l.map((c, j) => c.padEnd(widths[j] ?? 0)).join("  "));
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
}

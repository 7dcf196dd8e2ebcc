import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { budgetVote } from "./budget-vote.js";
import { postgresUnavailable } from "./database.js";
import {
  type BenchOptions,
  measureBaseline,
  notRunRow,
  printTable,
  type Row,
  root,
} from "./harness.js";
import { publicPage } from "./public-page.js";
import { publicStatistics } from "./public-statistics.js";
import { HAPROXY_ROW, sign, signThroughHaproxy } from "./sign.js";
import { staffInbox } from "./staff-inbox.js";
import { submitAppeal } from "./submit-appeal.js";
import { vote } from "./vote.js";

// `npm run bench [-- --json] [-- --duration=10] [-- --only=submit,inbox]`: every benchmark (or
// those whose name contains a word of --only; see `picked` for the PostgreSQL and HAProxy rows),
// each bounded in time, load to 127.0.0.1 only.
// Absolute figures drift between machines; the ratios are the goals.

const args = process.argv.slice(2);
const json = args.includes("--json");
const duration = Number(args.find((a) => a.startsWith("--duration="))?.split("=")[1] ?? 10);
const only = args
  .find((a) => a.startsWith("--only="))
  ?.split("=")[1]
  ?.split(",")
  .filter(Boolean);
const options: BenchOptions = { duration, connections: 50 };
const say = (s: string) => {
  if (!json) console.log(s);
};

if (!fs.existsSync(path.join(root, "dist", "main.js")) || !args.includes("--no-build")) {
  say("building Halyq (npm run build) …");
  const built = spawnSync("npm", ["run", "--silent", "build"], {
    cwd: root,
    stdio: json ? "ignore" : "inherit",
  });
  if (built.status !== 0) process.exit(1);
}

say(`baseline: bare node:http "hello", ${options.connections} connections, ${duration} s`);
const baseline = await measureBaseline(options);
say(`  ${Math.round(baseline.requestsPerSecond)} req/s, p99 ${baseline.p99} ms`);

const rows: Row[] = [];
/** Name, run, and (for a row that may not run) the row it would print. */
const benchmarks: [string, () => Promise<Row[]>, string?][] = [
  ["public page", () => publicPage(options, baseline)],
  ["submit appeal", () => submitAppeal(options, baseline, say)],
  ["staff inbox", () => staffInbox(options, say, !json)],
  ["sign", () => sign(options, baseline, say)],
  ["vote", () => vote(options, baseline, say)],
  ["budget vote", () => budgetVote(options, baseline, say)],
  ["public statistics", () => publicStatistics(options, baseline, say)],
  // The same writes with DATABASE_URL on a fresh database of the local PostgreSQL, then signing
  // through HAProxy to three instances on one PostgreSQL and Redis: printed with their ratios.
  [
    "submit appeal on postgres",
    () => submitAppeal(options, baseline, say, "postgres"),
    "submit appeal (PostgreSQL)",
  ],
  ["sign on postgres", () => sign(options, baseline, say, "postgres"), "sign (PostgreSQL)"],
  ["vote on postgres", () => vote(options, baseline, say, "postgres"), "vote (PostgreSQL)"],
  [
    "sign through haproxy, 3 instances on postgres",
    () => signThroughHaproxy(options, baseline, say),
    HAPROXY_ROW,
  ],
];
/**
 * Whether `--only` picks a benchmark. The PostgreSQL rows (and HAProxy's, which runs on it) run in
 * a full run or when a word names them with "postgres" or "haproxy" in it, so `--only=sign` stays
 * the SQLite row alone, `--only=postgres` runs all four and `--only=haproxy` the HAProxy row.
 */
const picked = (name: string) =>
  !only ||
  only.some((w) => name.includes(w) && (!name.includes("postgres") || /postgres|haproxy/.test(w)));
const postgresMissing = benchmarks.some(([name]) => name.includes("postgres") && picked(name))
  ? await postgresUnavailable()
  : null;
for (const [name, run, rowName] of benchmarks) {
  if (!picked(name)) continue;
  if (name.includes("postgres") && postgresMissing) {
    rows.push(notRunRow(rowName ?? name, postgresMissing));
    continue;
  }
  say(`running: ${name}`);
  rows.push(...(await run()));
}

if (json) {
  for (const r of rows) {
    console.log(
      JSON.stringify({
        benchmark: r.benchmark,
        value: r.value,
        unit: r.unit,
        baseline: r.baseline,
        ratio: r.ratio,
        goal: r.goal,
        met: r.met,
        ...(r.note ? { note: r.note } : {}),
      }),
    );
  }
} else {
  console.log("");
  printTable(rows);
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import { benchDatabase, countRows } from "./database.js";
import {
  type BenchOptions,
  benchWorkers,
  ceilingRow,
  freePort,
  type Row,
  root,
  startProcess,
} from "./harness.js";
import { INBOX_AGENCY, inboxDatabase } from "./inbox-data.js";
import { explainInbox, type InboxQuery } from "./inbox-plans.js";
import { bearerToken } from "./sessions.js";

const APPEALS = 1_000_000;
/** Staff working the same inbox at once (each waits for its answer before asking again). */
const CLIENTS = 4;

/** What staff ask of an inbox, in turn: filters, sorts, pages near and far, search. */
function queryMix(executorId: string): InboxQuery[] {
  return [
    {},
    { page: "2" },
    { sort: "received_desc" },
    { status: "registered" },
    { status: "in_progress", sort: "due" },
    { status: "awaiting_approval" },
    { due: "overdue" },
    { due: "soon" },
    { kind: "complaint", sort: "received_desc" },
    { channel: "paper", sort: "received_desc", page: "3" },
    { executorId, status: "in_progress" },
    { status: "answered", sort: "received_desc", page: "40" },
    { sort: "number", page: "5" },
    { pageSize: "100", sort: "received" },
    { q: "BAIKONUR-DISTRICT-AKIMAT-2026-00012" },
    { q: "Сейткали" },
    { status: "registered", kind: "statement", channel: "online" },
    { page: "400" },
  ];
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0);

/** `clients` loops asking in turn for `paths` for `seconds`; latency of each answer in ms. */
async function closedLoop(
  url: string,
  paths: string[],
  headers: Record<string, string>,
  seconds: number,
): Promise<{ all: number[]; byPath: Map<string, number[]>; failures: number }> {
  if (!/^http:\/\/127\.0\.0\.1[:/]/.test(url)) throw new Error("load goes only to 127.0.0.1");
  const until = performance.now() + seconds * 1000;
  const all: number[] = [];
  const byPath = new Map<string, number[]>(paths.map((p) => [p, []]));
  let failures = 0;
  let turn = 0;
  const client = async () => {
    while (performance.now() < until) {
      const p = paths[turn++ % paths.length] as string;
      const started = performance.now();
      const res = await fetch(`${url}${p}`, { headers });
      await res.arrayBuffer();
      const ms = performance.now() - started;
      if (res.status !== 200) failures++;
      all.push(ms);
      byPath.get(p)?.push(ms);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return { all: all.sort((a, b) => a - b), byPath, failures };
}

/**
 * One body's inbox over the API (`GET /api/v1/agencies/{id}/appeals`) with a head's bearer
 * token, on a generated registry of 1,000,000 appeals (40% of them this body's), a rotating
 * mix of filters, sorts, pages and searches. Goal: p95 < 50 ms.
 */
export async function staffInbox(
  options: BenchOptions,
  say: (s: string) => void,
  explain: boolean,
): Promise<Row[]> {
  const generated = await inboxDatabase(APPEALS, say);
  say(
    generated.seconds > 0
      ? `  generated ${APPEALS.toLocaleString("en-GB")} appeals in ${generated.seconds.toFixed(0)} s (cached in ${path.relative(root, generated.file)})`
      : `  ${APPEALS.toLocaleString("en-GB")} appeals from the cache (${path.relative(root, generated.file)})`,
  );
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-bench-inbox-"));
  try {
    fs.copyFileSync(generated.file, path.join(dataDir, "halyq.db"));
    const server = await startProcess(
      [path.join(root, "dist", "main.js")],
      {
        DATA_DIR: dataDir,
        LOG_LEVEL: "warn",
        NODE_ENV: "development",
        HALYQ_WORKERS: benchWorkers(),
      },
      await freePort(),
    );
    try {
      const db = (await benchDatabase("sqlite", dataDir)).open();
      const inAgency = await countRows(
        db,
        sql`SELECT count(*) FROM appeals WHERE agency_id = ${INBOX_AGENCY}`,
      ).finally(() => db.close());
      say(`  ${inAgency.toLocaleString("en-GB")} of them in ${INBOX_AGENCY}`);
      const token = await bearerToken(server.url, "head@demo.halyq.kz", true);
      const me = (await (
        await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as { id: string };
      const executor = await fetch(
        `${server.url}/api/v1/agencies/${INBOX_AGENCY}/appeals?status=in_progress&pageSize=1`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      const executorId =
        ((await executor.json()) as { items: { executorId: string | null }[] }).items[0]
          ?.executorId ?? me.id;
      const base = `/api/v1/agencies/${INBOX_AGENCY}/appeals`;
      const mix = queryMix(executorId);
      const paths = mix.map((q) => {
        const search = new URLSearchParams(q).toString();
        return search ? `${base}?${search}` : base;
      });
      const headers = { authorization: `Bearer ${token}`, "accept-language": "ru" };

      const healthz = await closedLoop(server.url, ["/healthz"], {}, Math.min(3, options.duration));
      await closedLoop(server.url, paths, headers, 2);
      const r = await closedLoop(server.url, paths, headers, options.duration);
      if (r.failures > 0) throw new Error(`staff inbox: ${r.failures} answers were not 200`);
      const p95 = percentile(r.all, 0.95);
      say(
        `  ${r.all.length} requests by ${CLIENTS} clients: p50 ${percentile(r.all, 0.5).toFixed(1)} ms, ` +
          `p95 ${p95.toFixed(1)} ms, p99 ${percentile(r.all, 0.99).toFixed(1)} ms` +
          ` (/healthz p95 ${percentile(healthz.all, 0.95).toFixed(1)} ms)`,
      );
      for (const [p, times] of r.byPath) {
        const sorted = times.sort((a, b) => a - b);
        say(
          `    p95 ${percentile(sorted, 0.95).toFixed(1).padStart(7)} ms  ${decodeURIComponent(p.slice(base.length + 1)) || "(no filter)"}`,
        );
      }
      if (explain && p95 >= 50) {
        say("  why: each inbox query alone, its SQL statements' times and SQLite's plans");
        await explainInbox(path.join(dataDir, "halyq.db"), INBOX_AGENCY, mix, say);
      }
      return [
        ceilingRow(
          `staff inbox p95 (${APPEALS.toLocaleString("en-GB")} appeals)`,
          p95,
          50,
          "ms",
          percentile(healthz.all, 0.95),
        ),
      ];
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

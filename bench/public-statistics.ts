import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import {
  type BenchOptions,
  benchWorkers,
  ceilingRow,
  freePort,
  type Row,
  root,
  startProcess,
  throughput,
} from "./harness.js";
import { statisticsDatabase } from "./statistics-data.js";

const APPEALS = 4_400_000;
/** Visitors reading at once (each waits for its answer before asking again). */
const CONNECTIONS = 4;
const GOAL_MS = 100;

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0);

/** Latencies of every answer to `paths` (asked in turn) over `seconds`, by autocannon. */
async function measure(
  url: string,
  paths: string[],
  seconds: number,
): Promise<{ sorted: number[]; non2xx: number; rps: number }> {
  if (!/^http:\/\/127\.0\.0\.1[:/]/.test(url)) throw new Error("load goes only to 127.0.0.1");
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: seconds,
        requests: paths.map((p) => ({ method: "GET" as const, path: p })),
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on("response", (_client, _status, _bytes, ms) => {
      times.push(ms);
    });
  });
  return {
    sorted: times.sort((a, b) => a - b),
    non2xx: result.non2xx,
    rps: throughput(result),
  };
}

/**
 * Benchmark "public statistics": the statistics pages and API on a generated national year of
 * 4,400,000 appeals over about 300 bodies, with the page cache off (every answer is computed),
 * `CONNECTIONS` visitors at once. Goal: p95 < 100 ms for each kind of request.
 */
export async function publicStatistics(
  options: BenchOptions,
  _baseline: { requestsPerSecond: number },
  say: (s: string) => void,
): Promise<Row[]> {
  const generated = await statisticsDatabase(APPEALS, say);
  say(
    generated.seconds > 0
      ? `  generated ${APPEALS.toLocaleString("en-GB")} appeals' statistics in ${generated.seconds.toFixed(0)} s (cached in ${path.relative(root, generated.file)})`
      : `  ${APPEALS.toLocaleString("en-GB")} appeals' statistics from the cache (${path.relative(root, generated.file)})`,
  );
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-bench-stats-"));
  try {
    fs.copyFileSync(generated.file, path.join(dataDir, "halyq.db"));
    const server = await startProcess(
      [path.join(root, "dist", "main.js")],
      {
        DATA_DIR: dataDir,
        LOG_LEVEL: "warn",
        NODE_ENV: "development",
        PAGE_CACHE_SECONDS: "0",
        STATS_RATE_LIMIT: "1000000",
        HALYQ_WORKERS: benchWorkers(),
      },
      await freePort(),
    );
    try {
      // A calendar year (whole months), the year to the generator's "today" (days at both
      // ends), a quarter; bodies of every level.
      const year = "from=2026-01-01&to=2026-12-31";
      const rolling = "from=2025-11-28&to=2026-11-27";
      const quarter = "from=2026-07-01&to=2026-09-30";
      const bodies = [
        "baikonur-district-akimat",
        "gen-region-03-district-07-akimat",
        "gen-region-11-akimat",
        "gen-ministry-04",
        "gen-region-16-rural-2-akimat",
      ];
      const ids = [
        "ag-baikonur-akimat",
        "ag-gen-region-05-district-02-akimat",
        "ag-gen-ministry-09",
      ];
      const groups: [string, string[]][] = [
        [
          "body page",
          bodies.flatMap((b, i) => [
            `/statistics/agencies/${b}?${[year, rolling, quarter][i % 3]}&lang=ru`,
            `/statistics/agencies/${b}?${year}&lang=kk`,
          ]),
        ],
        [
          "overview page",
          [`/statistics?${year}&lang=ru`, `/statistics?${rolling}&rank=satisfaction&lang=en`],
        ],
        [
          "level page",
          [
            `/statistics/levels/district?${year}&lang=kk`,
            `/statistics/levels/region?${rolling}&rank=accessibility&lang=ru`,
          ],
        ],
        [
          "API",
          [
            ...ids.map((id) => `/api/v1/stats/agencies/${id}?${rolling}`),
            `/api/v1/stats/overview?${year}`,
            `/api/v1/stats/levels/district?${quarter}`,
            `/api/v1/stats/ranking?criterion=speed&${year}`,
            `/api/v1/stats/trends?agency=${ids[1]}&${rolling}`,
          ],
        ],
      ];
      for (const [, paths] of groups) {
        for (const p of paths) {
          const res = await fetch(`${server.url}${p}`);
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`public statistics: ${p} answered ${res.status}`);
        }
      }
      const seconds = Math.max(3, Math.round(options.duration / 2));
      const rows: Row[] = [];
      for (const [name, paths] of groups) {
        await measure(server.url, paths, 1);
        const r = await measure(server.url, paths, seconds);
        if (r.non2xx > 0) throw new Error(`public statistics: ${r.non2xx} answers were not 2xx`);
        // No answer at all within the time is a failure, never a fast figure.
        const p95 = r.sorted.length === 0 ? Number.POSITIVE_INFINITY : percentile(r.sorted, 0.95);
        say(
          `  ${name}: ${r.sorted.length} requests by ${CONNECTIONS} connections, ${Math.round(r.rps)} req/s: ` +
            `p50 ${percentile(r.sorted, 0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, p99 ${percentile(r.sorted, 0.99).toFixed(1)} ms`,
        );
        rows.push(
          ceilingRow(
            `public statistics p95: ${name} (${APPEALS.toLocaleString("en-GB")} appeals)`,
            p95,
            GOAL_MS,
            "ms",
          ),
        );
      }
      return rows;
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

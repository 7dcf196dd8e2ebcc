import {
  type BenchOptions,
  ceilingRow,
  type LoadResult,
  load,
  type Row,
  ratioRow,
  startHalyq,
} from "./harness.js";

/** A public page of realistic size: a state body's page in the directory (about 10 KB of HTML). */
export const PUBLIC_PAGE = "/agencies/baikonur-district-akimat";

/**
 * GET of a public page: throughput against bare node:http, and the 99th percentile latency.
 * Goal (docs/benchmarks.md): ≥ 0.25 × bare node:http, p99 < 50 ms.
 */
export async function publicPage(options: BenchOptions, baseline: LoadResult): Promise<Row[]> {
  const rows = await measure(options, baseline, {});
  const [uncached] = await measure(options, baseline, { PAGE_CACHE_SECONDS: "0" });
  if (uncached)
    rows.push({
      ...uncached,
      benchmark: `${uncached.benchmark}, page cache off`,
      goal: "none (for comparison)",
      met: null,
    });
  return rows;
}

async function measure(
  options: BenchOptions,
  baseline: LoadResult,
  env: Record<string, string>,
): Promise<Row[]> {
  const halyq = await startHalyq(env);
  try {
    const url = `${halyq.url}${PUBLIC_PAGE}`;
    const probe = await fetch(url, { headers: { "accept-language": "ru" } });
    if (probe.status !== 200) throw new Error(`${PUBLIC_PAGE} answered ${probe.status}`);
    const bytes = (await probe.text()).length;
    await load(url, { ...options, duration: 2 });
    const r = await load(url, options, { headers: { "accept-language": "ru" } });
    if (r.errors > 0 || r.non2xx > 0)
      throw new Error(`public page: ${r.errors} errors, ${r.non2xx} non-2xx`);
    return [
      ratioRow(
        `public page (${(bytes / 1024).toFixed(1)} KB)`,
        r.requestsPerSecond,
        baseline.requestsPerSecond,
        0.25,
      ),
      ceilingRow("public page p99 latency", r.p99, 50, "ms", baseline.p99),
    ];
  } finally {
    await halyq.stop();
  }
}

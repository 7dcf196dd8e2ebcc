import type { BenchOptions, Row } from "./harness.js";

/** Benchmark "public statistics": per-body figures on a generated national year of 4,400,000 appeals. */
export async function publicStatistics(
  _options: BenchOptions,
  _baseline: { requestsPerSecond: number },
  _say: (s: string) => void,
): Promise<Row[]> {
  return [];
}

import type { BenchOptions, Row } from "./harness.js";

/** Benchmark "vote": authenticated poll ballots, each acknowledged once durable. */
export async function vote(
  _options: BenchOptions,
  _baseline: { requestsPerSecond: number },
  _say: (s: string) => void,
): Promise<Row[]> {
  return [];
}

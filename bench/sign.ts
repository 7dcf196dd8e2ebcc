import type { BenchOptions, Row } from "./harness.js";

/** Benchmark "sign": authenticated petition signatures, each acknowledged once durable. */
export async function sign(
  _options: BenchOptions,
  _baseline: { requestsPerSecond: number },
  _say: (s: string) => void,
): Promise<Row[]> {
  return [];
}

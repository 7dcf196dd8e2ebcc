import type { Worker } from "node:cluster";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MetricsGathering } from "./cluster.js";

/** A worker as the primary sees it: what it was sent, and whether it is still connected. */
function fakeWorker() {
  const sent: unknown[] = [];
  let connected = true;
  const worker = {
    isConnected: () => connected,
    send: (m: unknown) => {
      sent.push(m);
      return true;
    },
  } as unknown as Worker;
  return { worker, sent, disconnect: () => (connected = false) };
}

/** The gathering id the primary put in its request to this worker. */
const collectId = (sent: unknown[]) =>
  (
    sent.find((m) => (m as { halyqMetricsCollect?: unknown }).halyqMetricsCollect) as {
      halyqMetricsCollect: { id: number };
    }
  ).halyqMetricsCollect.id;

const gathered = (sent: unknown[]) =>
  sent
    .filter((m) => (m as { halyqMetricsGathered?: unknown }).halyqMetricsGathered)
    .map((m) => (m as { halyqMetricsGathered: unknown }).halyqMetricsGathered);

describe("the primary's gathering of metrics", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("answers the asker once every live worker has sent its part, with how many it asked", () => {
    const g = new MetricsGathering(1_000);
    const a = fakeWorker();
    const b = fakeWorker();
    const gone = fakeWorker();
    gone.disconnect();
    const all = [a.worker, b.worker, gone.worker];
    expect(g.handle(a.worker, { halyqMetricsAsk: { id: 7 } }, all)).toBe(true);
    expect(gone.sent).toEqual([]);
    const id = collectId(a.sent);
    expect(collectId(b.sent)).toBe(id);
    g.handle(b.worker, { halyqMetricsPart: { id, metrics: ["b"] } }, all);
    expect(gathered(a.sent)).toEqual([]);
    g.handle(a.worker, { halyqMetricsPart: { id, metrics: ["a"] } }, all);
    expect(gathered(a.sent)).toEqual([{ id: 7, parts: [["b"], ["a"]], asked: 2 }]);
    // A late or repeated part changes nothing, and anything else is not the gathering's.
    g.handle(b.worker, { halyqMetricsPart: { id, metrics: ["again"] } }, all);
    expect(gathered(a.sent)).toHaveLength(1);
    expect(g.handle(a.worker, { halyqBroadcast: { x: 1 } }, all)).toBe(false);
  });

  it("answers without a worker that is silent past the timeout or that exits", () => {
    vi.useFakeTimers();
    const g = new MetricsGathering(1_000);
    const a = fakeWorker();
    const silent = fakeWorker();
    const dying = fakeWorker();
    const all = [a.worker, silent.worker, dying.worker];

    g.handle(a.worker, { halyqMetricsAsk: { id: 1 } }, all);
    const first = collectId(a.sent);
    g.handle(a.worker, { halyqMetricsPart: { id: first, metrics: ["a"] } }, all);
    g.drop(dying.worker);
    vi.advanceTimersByTime(999);
    expect(gathered(a.sent)).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(gathered(a.sent)).toEqual([{ id: 1, parts: [["a"]], asked: 3 }]);

    // When the last one waited for exits, the asker has its answer at once.
    a.sent.length = 0;
    g.handle(a.worker, { halyqMetricsAsk: { id: 2 } }, [a.worker, dying.worker]);
    const second = collectId(a.sent);
    g.handle(a.worker, { halyqMetricsPart: { id: second, metrics: ["a"] } }, all);
    g.drop(dying.worker);
    expect(gathered(a.sent)).toEqual([{ id: 2, parts: [["a"]], asked: 2 }]);
  });
});

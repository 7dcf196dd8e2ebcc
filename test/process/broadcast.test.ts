import cluster, { type Worker } from "node:cluster";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { isBroadcastMessage } from "../../src/platform/broadcast.js";

/** Null when the machine has no Redis (the global setup says so, and fails the run under CI). */
const REDIS_URL = inject("redisUrl");

const script = path.resolve(import.meta.dirname, "../support/broadcast-worker.mjs");

interface Report {
  ready?: boolean;
  transport?: string;
  received?: unknown;
  published?: unknown;
  id: number;
}

/**
 * Real cluster workers with a primary that relays as Halyq's does: every message with a truthy
 * `halyqBroadcast` goes unchanged to every other worker.
 */
async function startWorkers(n: number, env: Record<string, string>) {
  cluster.setupPrimary({
    exec: script,
    execArgv: process.env.HALYQ_TEST_DIST === "1" ? [] : ["--import", "tsx"],
  });
  const reports: Report[] = [];
  let relayed = 0;
  const workers: Worker[] = [];
  const onMessage = (from: Worker, m: unknown) => {
    if (isBroadcastMessage(m)) {
      relayed++;
      for (const w of workers) if (w !== from && w.isConnected()) w.send(m);
      return;
    }
    reports.push(m as Report);
  };
  cluster.on("message", onMessage);
  for (let i = 0; i < n; i++) workers.push(cluster.fork({ ...env }));
  const until = async (what: () => boolean) => {
    const deadline = Date.now() + 20_000;
    while (!what()) {
      if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify(reports)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  await until(() => reports.filter((r) => r.ready).length === n);
  return {
    workers,
    reports,
    relayed: () => relayed,
    until,
    async stop() {
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve) => {
              if (w.isDead()) return resolve();
              w.once("exit", () => resolve());
              w.send({ stop: true });
            }),
        ),
      );
      cluster.off("message", onMessage);
    },
  };
}

describe("broadcast between processes", () => {
  let running: Awaited<ReturnType<typeof startWorkers>> | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it("over cluster IPC: one worker's message reaches every worker once, itself included", async () => {
    running = await startWorkers(3, {});
    const { workers, reports, until } = running;
    expect(reports.filter((r) => r.ready).map((r) => r.transport)).toEqual(["ipc", "ipc", "ipc"]);
    workers[0]?.send({ publish: { n: 1 } });
    workers[2]?.send({ publish: { n: 2 } });
    await until(() => reports.filter((r) => r.received !== undefined).length === 6);
    await new Promise((r) => setTimeout(r, 100));
    const received = reports.filter((r) => r.received !== undefined);
    for (const n of [1, 2]) {
      const at = received.filter((r) => (r.received as { n: number }).n === n).map((r) => r.id);
      expect(at.sort()).toEqual(workers.map((w) => w.id).sort());
    }
    // Each message went through the primary once, to the two other workers.
    expect(running.relayed()).toBe(2);
  });

  it("over Redis, in cluster workers: delivered once, nothing also sent over IPC", async (c) => {
    if (!REDIS_URL) return c.skip();
    const prefix = `halyq-test-${randomBytes(4).toString("hex")}:`;
    running = await startWorkers(2, { REDIS_URL, REDIS_PREFIX: prefix });
    const { workers, reports, until } = running;
    expect(reports.filter((r) => r.ready).map((r) => r.transport)).toEqual(["redis", "redis"]);
    workers[1]?.send({ publish: "hello" });
    await until(() => reports.filter((r) => r.received === "hello").length === 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(
      reports
        .filter((r) => r.received === "hello")
        .map((r) => r.id)
        .sort(),
    ).toEqual(workers.map((w) => w.id).sort());
    expect(running.relayed()).toBe(0);
  });
});

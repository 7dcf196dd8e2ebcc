import cluster, { type Worker } from "node:cluster";
import type { Logger } from "pino";
import type { WriteTurn } from "./db/database.js";

/**
 * The environment variable through which the primary tells a worker its role: `jobs` for the
 * one serving worker that runs the background jobs, `web` for the others, `prepare` for the
 * short-lived worker that migrates before the others start.
 */
export const WORKER_ROLE_ENV = "HALYQ_WORKER_ROLE";

export type WorkerRole = "jobs" | "web";

/**
 * Whether this process runs the background jobs: a process started alone always does; of the
 * workers of a multi-process start, only the one the primary gave the `jobs` role.
 */
export function runsJobs(): boolean {
  return !cluster.isWorker || process.env[WORKER_ROLE_ENV] === "jobs";
}

/** A message a worker asks the primary to hand to every other worker (see `relayBroadcast`). */
export interface BroadcastMessage {
  halyqBroadcast: unknown;
}

export function isBroadcast(message: unknown): message is BroadcastMessage {
  return (
    typeof message === "object" &&
    message !== null &&
    Boolean((message as { halyqBroadcast?: unknown }).halyqBroadcast)
  );
}

/**
 * Hands a worker's broadcast, unchanged, to every other live worker: the primary is the relay
 * through which the workers of one start tell each other what changed (a session revoked, pages
 * to forget). Anything else a worker sends is left alone.
 */
export function relayBroadcast(from: Worker, message: unknown, workers: Iterable<Worker>): number {
  if (!isBroadcast(message)) return 0;
  let sent = 0;
  for (const w of workers) {
    if (w === from || !w.isConnected()) continue;
    w.send(message);
    sent++;
  }
  return sent;
}

/** What workers and the primary say about the write turn. */
interface WriteTurnMessage {
  halyqWriteTurn: "ask" | "done" | "yours";
}

function isWriteTurn(message: unknown): message is WriteTurnMessage {
  return typeof message === "object" && message !== null && "halyqWriteTurn" in message;
}

/** Set by the primary in the environment of serving workers on SQLite: ask it for write turns. */
export const WRITE_TURN_ENV = "HALYQ_WRITE_TURN";

/**
 * A worker's side of the write turn, when its primary hands them out (`HALYQ_WRITE_TURN=ipc`);
 * null otherwise (one process alone, PostgreSQL, the preparing worker). A worker has at most one
 * write transaction at a time (SQLite has one connection per process), so answers come back in
 * the order asked.
 */
export function workerWriteTurn(): WriteTurn | null {
  if (!cluster.isWorker || process.env[WRITE_TURN_ENV] !== "ipc") return null;
  const waiting: (() => void)[] = [];
  process.on("message", (message: unknown) => {
    if (isWriteTurn(message) && message.halyqWriteTurn === "yours") waiting.shift()?.();
  });
  const send = (m: WriteTurnMessage) => process.send?.(m);
  return {
    acquire: () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        send({ halyqWriteTurn: "ask" });
      }),
    release: () => {
      send({ halyqWriteTurn: "done" });
    },
  };
}

/**
 * The primary's side: one worker writes the SQLite file at a time, the others' requests queue
 * here in the order they came and are answered the moment the turn is given back. SQLite's own
 * lock would serialise them too, but a process waiting on it sleeps and polls (1, 2, 5 … 100 ms),
 * leaving the file idle between batches; handed over by message the next batch starts at once.
 * A worker that dies gives back its turn and its place in the queue.
 */
export class WriteTurns {
  #holder: Worker | null = null;
  readonly #queue: Worker[] = [];

  handle(from: Worker, message: unknown): boolean {
    if (!isWriteTurn(message)) return false;
    if (message.halyqWriteTurn === "ask") this.#queue.push(from);
    else if (message.halyqWriteTurn === "done" && this.#holder === from) this.#holder = null;
    this.#next();
    return true;
  }

  drop(worker: Worker): void {
    for (let i = this.#queue.length - 1; i >= 0; i--)
      if (this.#queue[i] === worker) this.#queue.splice(i, 1);
    if (this.#holder === worker) this.#holder = null;
    this.#next();
  }

  #next(): void {
    while (!this.#holder && this.#queue.length > 0) {
      const next = this.#queue.shift() as Worker;
      if (!next.isConnected()) continue;
      this.#holder = next;
      next.send({ halyqWriteTurn: "yours" } satisfies WriteTurnMessage);
    }
  }
}

/** A worker's count for the rate limits, kept by the primary for every worker of the start. */
interface RateCountMessage {
  halyqRateCount: { id: number; key: string; timeWindow: number };
}

interface RateCountReply {
  halyqRateCountReply: { id: number; current: number; ttl: number };
}

/**
 * The primary's counts for the rate limits of a start without Redis: a fixed window per key,
 * counted for all workers together, so a client is limited at the configured rate in total
 * whichever worker its connections reach. Bounded: the oldest keys are dropped first.
 */
export class RateCounts {
  readonly #counts = new Map<string, { current: number; startMs: number }>();
  constructor(private readonly maxKeys = 20_000) {}

  handle(from: Worker, message: unknown): boolean {
    if (typeof message !== "object" || message === null || !("halyqRateCount" in message))
      return false;
    const { id, key, timeWindow } = (message as RateCountMessage).halyqRateCount;
    const { current, ttl } = this.incr(String(key), Number(timeWindow));
    if (from.isConnected())
      from.send({ halyqRateCountReply: { id, current, ttl } } satisfies RateCountReply);
    return true;
  }

  incr(key: string, timeWindow: number, now = Date.now()): { current: number; ttl: number } {
    let entry = this.#counts.get(key);
    if (!entry || entry.startMs + timeWindow <= now) {
      entry = { current: 0, startMs: now };
      this.#counts.delete(key);
      if (this.#counts.size >= this.maxKeys)
        this.#counts.delete(this.#counts.keys().next().value as string);
      this.#counts.set(key, entry);
    }
    entry.current++;
    return { current: entry.current, ttl: timeWindow - (now - entry.startMs) };
  }
}

/** Set by the primary in the environment of its workers: count the rate limits through it. */
export const RATE_COUNT_ENV = "HALYQ_RATE_COUNT";

/**
 * A store for @fastify/rate-limit (its `store` option) in a worker of a start without Redis:
 * every count is the primary's (`RateCounts`), asked by message. Null when this process is not
 * such a worker (one process keeps its own counts; with Redis, Redis keeps them).
 */
export function workerRateStore(): (new (...args: unknown[]) => unknown) | null {
  if (!cluster.isWorker || process.env[RATE_COUNT_ENV] !== "ipc") return null;
  let next = 0;
  const waiting = new Map<number, (r: { current: number; ttl: number }) => void>();
  process.on("message", (message: unknown) => {
    if (typeof message !== "object" || message === null || !("halyqRateCountReply" in message))
      return;
    const { id, current, ttl } = (message as RateCountReply).halyqRateCountReply;
    waiting.get(id)?.({ current, ttl });
    waiting.delete(id);
  });
  type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;
  class PrimaryRateStore {
    constructor(readonly prefix = "") {}
    incr(key: string, cb: Callback, timeWindow: number): void {
      const id = next++;
      waiting.set(id, (r) => cb(null, r));
      process.send?.({
        halyqRateCount: { id, key: `${this.prefix}${key}`, timeWindow },
      } satisfies RateCountMessage);
    }
    child(routeOptions: { routeInfo: { method: string; url: string } }): PrimaryRateStore {
      return new PrimaryRateStore(
        `${this.prefix}${routeOptions.routeInfo.method}${routeOptions.routeInfo.url}-`,
      );
    }
  }
  return PrimaryRateStore as unknown as new (
    ...args: unknown[]
  ) => unknown;
}

/** What the primary and its workers say to gather every worker's metrics for one scrape. */
interface MetricsMessage {
  /** Worker → primary: gather every live worker's metrics; `id` is the asker's own. */
  halyqMetricsAsk?: { id: number };
  /** Primary → each live worker: send your process's metrics for gathering `id`. */
  halyqMetricsCollect?: { id: number };
  /** Worker → primary: this process's metrics (`Registry.getMetricsAsJSON()`) for gathering `id`. */
  halyqMetricsPart?: { id: number; metrics: unknown };
  /** Primary → asker: the parts that came in time, and how many live workers were asked. */
  halyqMetricsGathered?: { id: number; parts: unknown[]; asked: number };
}

function metricsMessage(message: unknown): MetricsMessage | null {
  if (typeof message !== "object" || message === null) return null;
  const m = message as MetricsMessage;
  return m.halyqMetricsAsk || m.halyqMetricsCollect || m.halyqMetricsPart || m.halyqMetricsGathered
    ? m
    : null;
}

/** How long the primary waits for the workers' parts of a scrape before it answers without them. */
export const METRICS_GATHER_MS = 1_000;

interface Gathering {
  asker: Worker;
  askerId: number;
  waiting: Set<Worker>;
  parts: unknown[];
  asked: number;
  timer: NodeJS.Timeout;
}

/**
 * The primary's side of a machine-wide scrape: the worker that took `GET /metrics` asks, the
 * primary asks every live worker (the asker too) for its process's metrics and hands the asker
 * the parts that came within `timeoutMs`, with how many workers it asked; a worker that is busy,
 * stopped or dying is left out rather than holding the scrape. The asker aggregates (the primary
 * loads no metrics library). Parts stay unread here: they go back as they came.
 */
export class MetricsGathering {
  #next = 0;
  readonly #open = new Map<number, Gathering>();
  constructor(private readonly timeoutMs = METRICS_GATHER_MS) {}

  handle(from: Worker, message: unknown, workers: Iterable<Worker>): boolean {
    const m = metricsMessage(message);
    if (!m) return false;
    if (m.halyqMetricsAsk) {
      const id = this.#next++;
      const waiting = new Set<Worker>();
      for (const w of workers) {
        if (!w.isConnected()) continue;
        waiting.add(w);
        w.send({ halyqMetricsCollect: { id } } satisfies MetricsMessage);
      }
      const timer = setTimeout(() => this.#finish(id), this.timeoutMs);
      const askerId = Number(m.halyqMetricsAsk.id);
      this.#open.set(id, { asker: from, askerId, waiting, parts: [], asked: waiting.size, timer });
      if (waiting.size === 0) this.#finish(id);
    } else if (m.halyqMetricsPart) {
      const g = this.#open.get(Number(m.halyqMetricsPart.id));
      if (g?.waiting.delete(from)) {
        g.parts.push(m.halyqMetricsPart.metrics);
        if (g.waiting.size === 0) this.#finish(Number(m.halyqMetricsPart.id));
      }
    }
    return true;
  }

  /** A worker that exited: no gathering waits for it any longer. */
  drop(worker: Worker): void {
    for (const [id, g] of this.#open) {
      if (g.waiting.delete(worker) && g.waiting.size === 0) this.#finish(id);
    }
  }

  #finish(id: number): void {
    const g = this.#open.get(id);
    if (!g) return;
    this.#open.delete(id);
    clearTimeout(g.timer);
    if (g.asker.isConnected())
      g.asker.send({
        halyqMetricsGathered: { id: g.askerId, parts: g.parts, asked: g.asked },
      } satisfies MetricsMessage);
  }
}

/** A worker's view of a machine-wide scrape (`MetricsGathering`). */
export interface WorkerMetrics {
  /** This worker's labels on its per-process figures: its cluster id and its role. */
  labels: { worker: string; role: string };
  /**
   * Every live worker's part that came in time (this one's included) and how many were asked;
   * null when the primary did not answer in time.
   */
  gather(): Promise<{ parts: unknown[]; asked: number } | null>;
}

/**
 * A worker's side of the machine-wide scrape: answers the primary's requests with `collect()`
 * (this process's metrics) and gathers the others' through it. Null when this process is not a
 * serving worker of a multi-process start: one process alone reports only itself.
 */
export function workerMetrics(collect: () => Promise<unknown>): WorkerMetrics | null {
  if (!cluster.isWorker || process.env[WORKER_ROLE_ENV] === "prepare") return null;
  let next = 0;
  const waiting = new Map<number, (r: { parts: unknown[]; asked: number } | null) => void>();
  const send = (m: MetricsMessage) => process.send?.(m);
  process.on("message", (message: unknown) => {
    const m = metricsMessage(message);
    if (m?.halyqMetricsCollect) {
      const { id } = m.halyqMetricsCollect;
      // A part that fails to collect is not sent: the primary counts this worker as silent.
      collect().then(
        (metrics) => send({ halyqMetricsPart: { id, metrics } }),
        () => {},
      );
    } else if (m?.halyqMetricsGathered) {
      const { id, parts, asked } = m.halyqMetricsGathered;
      waiting.get(id)?.({ parts, asked });
      waiting.delete(id);
    }
  });
  return {
    labels: {
      worker: String(cluster.worker?.id ?? 0),
      role: process.env[WORKER_ROLE_ENV] ?? "web",
    },
    gather: () =>
      new Promise((resolve) => {
        const id = next++;
        const timer = setTimeout(() => {
          waiting.delete(id);
          resolve(null);
        }, METRICS_GATHER_MS + 2_000);
        waiting.set(id, (r) => {
          clearTimeout(timer);
          resolve(r);
        });
        send({ halyqMetricsAsk: { id } });
      }),
  };
}

export interface PrimaryOptions {
  workers: number;
  /** The workers' DRAIN_SECONDS: the primary waits for them that long and a margin more. */
  drainSeconds: number;
  log: Logger;
  /** Work done once before any worker starts: migrations, the instance secret, the demo data. */
  prepare(): Promise<void>;
  /** SQLite: the primary hands out the write turn to its workers (`WriteTurns`). */
  writeTurns?: boolean;
  /** Without Redis: the primary keeps the rate limits' counts for all workers (`RateCounts`). */
  rateCounts?: boolean;
}

/** A worker that dies within this time of its start counts as a quick death (respawn backs off). */
const QUICK_DEATH_MS = 10_000;
const MAX_RESPAWN_DELAY_MS = 30_000;

/**
 * The primary of a multi-process start. It prepares the database once, forks the workers
 * (each builds the app and listens on the shared port; the first has the jobs role), replaces
 * a worker that dies (a replacement takes over the dead one's role; deaths in a row back off up
 * to 30 s), relays broadcasts between workers, gathers their metrics for a scrape, and on
 * SIGTERM or SIGINT passes the signal on and exits once every worker has drained and exited
 * (0 when all stopped cleanly). If a worker
 * of the first start fails before any worker listened, the start has failed: the primary stops
 * the others and exits 1.
 */
export async function runPrimary(options: PrimaryOptions): Promise<void> {
  const { log } = options;
  await options.prepare();

  const roles = new Map<Worker, WorkerRole>();
  const turns = new WriteTurns();
  const rateCounts = new RateCounts();
  const metrics = new MetricsGathering();
  let stopping = false;
  let anyListened = false;
  let failedStop = false;
  let quickDeaths = 0;

  const exitWhenAllGone = () => {
    if (roles.size > 0) return;
    log.info({ clean: !failedStop }, "every worker has stopped");
    process.exit(failedStop ? 1 : 0);
  };

  const fork = (role: WorkerRole) => {
    const worker = cluster.fork({
      [WORKER_ROLE_ENV]: role,
      ...(options.writeTurns ? { [WRITE_TURN_ENV]: "ipc" } : {}),
      ...(options.rateCounts ? { [RATE_COUNT_ENV]: "ipc" } : {}),
    });
    const started = Date.now();
    roles.set(worker, role);
    worker.on("message", (message: unknown) => {
      if (
        turns.handle(worker, message) ||
        rateCounts.handle(worker, message) ||
        metrics.handle(worker, message, roles.keys())
      )
        return;
      relayBroadcast(worker, message, roles.keys());
    });
    worker.once("listening", () => {
      anyListened = true;
    });
    worker.once("exit", (code, signal) => {
      roles.delete(worker);
      turns.drop(worker);
      metrics.drop(worker);
      const pid = worker.process.pid;
      if (stopping) {
        if (code !== 0) failedStop = true;
        exitWhenAllGone();
        return;
      }
      if (!anyListened) {
        log.fatal({ pid, code, signal, role }, "a worker failed to start; stopping");
        failedStop = true;
        stop("SIGTERM");
        return;
      }
      quickDeaths = Date.now() - started < QUICK_DEATH_MS ? quickDeaths + 1 : 0;
      const delay =
        quickDeaths === 0 ? 0 : Math.min(MAX_RESPAWN_DELAY_MS, 500 * 2 ** (quickDeaths - 1));
      log.error({ pid, code, signal, role, delayMs: delay }, "a worker died; starting another");
      setTimeout(() => {
        if (!stopping) fork(role);
      }, delay);
    });
  };

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, workers: roles.size }, "shutting down: every worker drains and stops");
    for (const worker of roles.keys()) worker.process.kill(signal);
    const force = setTimeout(
      () => {
        log.error("workers did not stop in time; killing them");
        for (const worker of roles.keys()) worker.process.kill("SIGKILL");
        process.exit(1);
      },
      15_000 + 2 * options.drainSeconds * 1000,
    );
    force.unref();
    exitWhenAllGone();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));

  for (let i = 0; i < options.workers; i++) fork(i === 0 ? "jobs" : "web");
  log.info({ workers: options.workers }, "primary started its workers");
}

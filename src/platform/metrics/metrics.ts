import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { AggregatorRegistry, Counter, Gauge, Histogram, Registry } from "prom-client";
import { GroupCommitter } from "../../kernel/group-commit.js";
import { outboxBacklog } from "../delivery/outbox.js";
import type { AppContext, CapabilityManifest, GaugeFamily } from "../manifest.js";
import { jobStatus } from "../scheduler.js";

/** Capability gauges (database queries) are recomputed at most this often. */
const CAPABILITY_TTL_MS = 30_000;

/**
 * A worker's part in a machine-wide scrape (src/cluster.ts, `workerMetrics`): given how to collect
 * this process's figures, it answers the primary's requests with them and gathers every worker's.
 * Null when this process is not a worker of a multi-process start.
 */
export type JoinGathering = (collect: () => Promise<unknown>) => {
  /** This worker's labels on its per-process figures. */
  labels: { worker: string; role: string };
  /** Every live worker's part that came in time and how many were asked; null without an answer. */
  gather(): Promise<{ parts: unknown[]; asked: number } | null>;
} | null;

function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer (.+)$/.exec(header ?? "");
  if (!m) return false;
  const a = Buffer.from(m[1] as string);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The operations metrics in Prometheus's text format at `GET /metrics`, answering only a
 * request with `Authorization: Bearer <METRICS_TOKEN>`; without the token set there is no
 * endpoint and no per-request work at all. Request rate and latency per route (the route's
 * pattern, never the raw URL, so ids do not multiply series), the outboxes' depth and oldest
 * age, each job's time since its last good run, group-commit batch sizes, and what capabilities
 * add (overdue appeals per body).
 *
 * In a worker of a multi-process start a scrape reports the whole machine: the worker asks the
 * primary, which gathers every live worker's process metrics (`MetricsGathering`); they are
 * aggregated here, each by the `aggregator` set on it (counters and histograms summed over
 * workers, job lag the worst), while the figures read from the database are read once, by the
 * worker that took the scrape, and never multiplied. `halyq_metrics_workers_answered` says how
 * many of the `halyq_metrics_workers_asked` answered within the primary's timeout.
 */
export async function metricsRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  manifests: readonly CapabilityManifest[],
  joinGathering: JoinGathering = () => null,
): Promise<void> {
  const token = ctx.config.metricsToken;
  if (!token) return;
  // This process's own figures: gathered from every worker and aggregated in a multi-process start.
  const registry = new Registry();
  // Read once per scrape, by the process that took it: what the database says (the same
  // whichever process asks) and how the gathering went. Never aggregated, 'first' all the same.
  const once = new Registry();
  const requests = new Histogram({
    name: "halyq_http_request_duration_seconds",
    help: "Time to answer a request, by method, route pattern and status class",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
    aggregator: "sum",
  });
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    requests.observe(
      { method: request.method, route, status: `${Math.floor(reply.statusCode / 100)}xx` },
      reply.elapsedTime / 1000,
    );
  });

  const batches = new Histogram({
    name: "halyq_group_commit_batch_size",
    help: "Writes committed together in one transaction, by committer",
    labelNames: ["committer"],
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
    registers: [registry],
    aggregator: "sum",
  });
  GroupCommitter.onCommit = (size, name) => batches.observe({ committer: name }, size);
  app.addHook("onClose", async () => {
    GroupCommitter.onCommit = null;
  });

  // Set by each scrape from one query per outbox, so that depth and age are of the same moment
  // (a collect() on one setting the other read the age of the scrape before).
  const depth = new Gauge({
    name: "halyq_outbox_depth",
    help: "Messages waiting to be sent (pending or being sent), by outbox",
    labelNames: ["outbox"],
    registers: [once],
    aggregator: "first",
  });
  const oldest = new Gauge({
    name: "halyq_outbox_oldest_age_seconds",
    help: "Age of the oldest message waiting to be sent, by outbox (0 when none waits)",
    labelNames: ["outbox"],
    registers: [once],
    aggregator: "first",
  });
  const readOutboxes = async () => {
    for (const outbox of ["mail_outbox", "sms_outbox"] as const) {
      const b = await outboxBacklog(ctx.db.kysely, outbox, ctx.clock);
      depth.set({ outbox }, b.depth);
      oldest.set({ outbox }, b.oldestAgeSeconds);
    }
  };

  new Gauge({
    name: "halyq_job_lag_seconds",
    help: "Seconds since the job last ran without error, beyond its interval (0 when on time)",
    labelNames: ["job"],
    registers: [registry],
    // A job runs in one worker (the calendars' refresh in each): the worst lag of any.
    aggregator: "max",
    collect() {
      const now = Date.now();
      for (const [job, s] of jobStatus) {
        this.set({ job }, Math.max(0, (now - s.lastSuccessAt - s.everyMs) / 1000));
        failures.set({ job }, s.failures);
      }
    },
  });
  const failures = new Gauge({
    name: "halyq_job_failures",
    help: "Runs of the job that failed since its process started",
    labelNames: ["job"],
    registers: [registry],
    aggregator: "sum",
  });

  const families = manifests.filter((m) => m.metrics);
  let cached: { at: number; values: GaugeFamily[] } | null = null;
  const gauges = new Map<string, Gauge>();
  const capabilityValues = async (): Promise<GaugeFamily[]> => {
    const now = Date.now();
    if (cached && now - cached.at < CAPABILITY_TTL_MS) return cached.values;
    const values = (await Promise.all(families.map((m) => m.metrics?.(ctx) ?? []))).flat();
    cached = { at: now, values };
    return values;
  };
  const scrapes = new Counter({
    name: "halyq_metrics_scrapes_total",
    help: "Scrapes of this endpoint answered",
    registers: [registry],
    aggregator: "sum",
  });

  const machine = joinGathering(() => registry.getMetricsAsJSON());
  const asked = new Gauge({
    name: "halyq_metrics_workers_asked",
    help: "Live workers asked for their figures for this scrape",
    registers: machine ? [once] : [],
    aggregator: "first",
  });
  const answered = new Gauge({
    name: "halyq_metrics_workers_answered",
    help: "Workers whose figures came within the timeout and are counted in this scrape",
    registers: machine ? [once] : [],
    aggregator: "first",
  });
  if (machine) {
    // Per process, labelled by worker: summing keeps each worker's own series.
    const { labels } = machine;
    new Gauge({
      name: "halyq_worker_resident_memory_bytes",
      help: "Resident memory of each worker process",
      labelNames: ["worker", "role"],
      registers: [registry],
      aggregator: "sum",
      collect() {
        this.set(labels, process.memoryUsage.rss());
      },
    });
  }

  app.get("/metrics", { schema: { hide: true } }, async (request, reply) => {
    if (!tokenMatches(request.headers.authorization, token))
      return reply.status(401).header("www-authenticate", "Bearer").send();
    for (const f of await capabilityValues()) {
      let g = gauges.get(f.name);
      if (!g) {
        g = new Gauge({
          name: f.name,
          help: f.help,
          labelNames: f.labelNames,
          registers: [once],
          aggregator: "first",
        });
        gauges.set(f.name, g);
      }
      g.reset();
      for (const s of f.samples) g.set(s.labels, s.value);
    }
    await readOutboxes();
    scrapes.inc();
    let own: Registry = registry;
    if (machine) {
      const gathered = await machine.gather();
      if (!gathered) {
        // Only this worker's figures would read as a reset of every counter: no answer instead.
        request.log.error("the primary did not gather the workers' metrics in time");
        return reply.status(503).header("cache-control", "no-store").send();
      }
      const parts = gathered.parts.filter(Array.isArray);
      asked.set(gathered.asked);
      answered.set(parts.length);
      own = AggregatorRegistry.aggregate(parts);
    }
    return reply
      .header("content-type", registry.contentType)
      .header("cache-control", "no-store")
      .send(await Registry.merge([own, once]).metrics());
  });
}

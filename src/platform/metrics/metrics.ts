import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { GroupCommitter } from "../../kernel/group-commit.js";
import { outboxBacklog } from "../delivery/outbox.js";
import type { AppContext, CapabilityManifest, GaugeFamily } from "../manifest.js";
import { jobStatus } from "../scheduler.js";

/** Capability gauges (database queries) are recomputed at most this often. */
const CAPABILITY_TTL_MS = 30_000;

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
 * add (overdue appeals per body). Per process: scrape every instance.
 */
export async function metricsRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  manifests: readonly CapabilityManifest[],
): Promise<void> {
  const token = ctx.config.metricsToken;
  if (!token) return;
  const registry = new Registry();
  const requests = new Histogram({
    name: "halyq_http_request_duration_seconds",
    help: "Time to answer a request, by method, route pattern and status class",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
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
  });
  GroupCommitter.onCommit = (size, name) => batches.observe({ committer: name }, size);
  app.addHook("onClose", async () => {
    GroupCommitter.onCommit = null;
  });

  new Gauge({
    name: "halyq_outbox_depth",
    help: "Messages waiting to be sent (pending or being sent), by outbox",
    labelNames: ["outbox"],
    registers: [registry],
    async collect() {
      for (const outbox of ["mail_outbox", "sms_outbox"] as const) {
        const b = await outboxBacklog(ctx.db.kysely, outbox, ctx.clock);
        this.set({ outbox }, b.depth);
        oldest.set({ outbox }, b.oldestAgeSeconds);
      }
    },
  });
  const oldest = new Gauge({
    name: "halyq_outbox_oldest_age_seconds",
    help: "Age of the oldest message waiting to be sent, by outbox (0 when none waits)",
    labelNames: ["outbox"],
    registers: [registry],
  });

  new Gauge({
    name: "halyq_job_lag_seconds",
    help: "Seconds since the job last ran without error, beyond its interval (0 when on time)",
    labelNames: ["job"],
    registers: [registry],
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
    help: "Runs of the job that failed since this process started",
    labelNames: ["job"],
    registers: [registry],
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
  });

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
          registers: [registry],
        });
        gauges.set(f.name, g);
      }
      g.reset();
      for (const s of f.samples) g.set(s.labels, s.value);
    }
    scrapes.inc();
    return reply
      .header("content-type", registry.contentType)
      .header("cache-control", "no-store")
      .send(await registry.metrics());
  });
}

import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { createTestDatabase, testDialects } from "../support/databases.js";
import { type Running, startServer } from "../support/process.js";

interface LogLine {
  pid: number;
  msg: string;
  jobs?: boolean;
  req?: { method?: string; path?: string };
  res?: { statusCode: number };
}

/** Every JSON line the processes of a start printed (pino includes each line's process id). */
function logLines(run: Running): LogLine[] {
  return run
    .output()
    .split("\n")
    .flatMap((l) => {
      try {
        return l.startsWith("{") ? [JSON.parse(l) as LogLine] : [];
      } catch {
        return []; // a line still being written
      }
    });
}

const pidsThat = (run: Running, msg: string) =>
  new Set(
    logLines(run)
      .filter((l) => l.msg?.startsWith(msg))
      .map((l) => l.pid),
  );

async function until<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 60_000,
) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A GET on a connection of its own, so that the primary hands each to the next worker. */
function getFresh(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      })
      .on("error", reject);
  });
}

/** A GET on a connection of its own, with headers: its status and body. */
function getFreshBody(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers }, (res) => {
        let body = "";
        res.on("data", (d) => {
          body += d;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

/** The sum of a metric's samples whose line matches `labels` (a fragment of the label set). */
function metricSum(text: string, name: string, labels = ""): number {
  let sum = 0;
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (labels && !line.includes(labels)) continue;
    sum += Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return sum;
}

/** A failed sign-in on a connection of its own (each may reach another worker): its status. */
function signInFresh(url: string): Promise<number> {
  const body = JSON.stringify({ email: "nobody@demo.halyq.kz", password: "wrong-password" });
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}/api/v1/session`,
      {
        method: "POST",
        agent: false,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const RUNNING = "Halyq is running at";
const JOBS = "background jobs run in this process";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A start with a primary and two workers, once both workers listen. */
async function start(
  dialect: "sqlite" | "postgres",
  extra: Record<string, string> = {},
): Promise<Running & { databaseUrl: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-workers-"));
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  let databaseUrl = `sqlite:${path.join(dataDir, "halyq.db")}`;
  if (dialect === "postgres") {
    const database = await createTestDatabase("postgres");
    cleanups.push(() => database.drop());
    databaseUrl = database.url;
  }
  const run = await startServer({
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: "info",
    HALYQ_WORKERS: "2",
    ...extra,
  });
  cleanups.push(() => run.killAll("SIGKILL"));
  await until("two workers listening", () => pidsThat(run, RUNNING).size === 2);
  return { ...run, databaseUrl };
}

describe.each(testDialects())("HALYQ_WORKERS=2 on %s", (dialect) => {
  it("spreads requests over two workers, runs the jobs in one, replaces a dead worker and drains on SIGTERM", async () => {
    const run = await start(dialect, { DRAIN_SECONDS: "6" });
    const primary = run.child.pid as number;
    const workers = pidsThat(run, RUNNING);
    expect(workers.has(primary)).toBe(false);
    // The demo was loaded once, before the serving workers started, by the short-lived
    // preparing worker (the primary loads nothing of the application).
    const demoLoads = logLines(run).filter((l) => l.msg.startsWith("The database was empty"));
    expect(demoLoads).toHaveLength(1);
    const preparer = (demoLoads[0] as LogLine).pid;
    expect(preparer).not.toBe(primary);
    expect(workers.has(preparer)).toBe(false);
    expect(alive(preparer)).toBe(false);

    // Connections go to both workers in turn.
    for (let i = 0; i < 12; i++) expect(await getFresh(`${run.url}/healthz`)).toBe(200);
    const answered = new Set(
      logLines(run)
        .filter((l) => l.msg === "request completed")
        .map((l) => l.pid),
    );
    expect(answered).toEqual(workers);

    // Exactly one worker runs the background jobs.
    const jobRunners = pidsThat(run, JOBS);
    expect(jobRunners.size).toBe(1);
    const jobsPid = [...jobRunners][0] as number;
    expect(workers.has(jobsPid)).toBe(true);

    // A worker killed is replaced, and its replacement takes over the jobs.
    process.kill(jobsPid, "SIGKILL");
    await until("a replacement worker", () => pidsThat(run, RUNNING).size === 3);
    const replacement = [...pidsThat(run, RUNNING)].find((p) => !workers.has(p)) as number;
    expect(alive(jobsPid)).toBe(false);
    expect(pidsThat(run, JOBS)).toEqual(new Set([jobsPid, replacement]));
    expect(logLines(run).some((l) => l.msg === "a worker died; starting another")).toBe(true);
    const live = [...pidsThat(run, RUNNING)].filter(alive);
    expect(live).toHaveLength(2);
    for (let i = 0; i < 6; i++) expect(await getFresh(`${run.url}/healthz`)).toBe(200);

    // SIGTERM: every worker answers /readyz with 503 while it drains, then all exit, the primary with 0.
    const exited = new Promise<number | null>((resolve) =>
      run.child.once("exit", (code) => resolve(code)),
    );
    run.child.kill("SIGTERM");
    await until("both workers draining", () => {
      const draining = logLines(run).filter(
        (l) => l.msg === "shutting down: finishing requests in flight",
      );
      return new Set(draining.map((l) => l.pid)).size === 2;
    });
    const seen = logLines(run).length;
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push(await getFresh(`${run.url}/readyz`));
    expect(statuses).toEqual(Array(8).fill(503));
    const drainAnswers = logLines(run)
      .slice(seen)
      .filter((l) => l.msg === "request completed");
    expect(new Set(drainAnswers.map((l) => l.pid))).toEqual(new Set(live));
    expect(await exited).toBe(0);
    await until("the workers to exit", () => live.every((p) => !alive(p)), 10_000);
  }, 120_000);
});

describe("HALYQ_WORKERS=2 without Redis", () => {
  it("limits a client at the configured rate in total across the workers, not once per worker", async () => {
    const run = await start("sqlite", { AUTH_RATE_LIMIT: "4" });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push(await signInFresh(run.url));
    // Both workers answered sign-ins, yet only the first four were looked at.
    const answered = new Set(
      logLines(run)
        .filter((l) => l.msg === "request completed")
        .map((l) => l.pid),
    );
    expect(answered.size).toBe(2);
    expect(statuses.slice(0, 4).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(4)).toEqual(Array(8).fill(429));
  }, 120_000);
});

describe("HALYQ_WORKERS=2 with METRICS_TOKEN", () => {
  const TOKEN = "metrics-token-for-workers-0123456789";
  const AUTH = { authorization: `Bearer ${TOKEN}` };
  const AGENCIES = 'method="GET",route="/api/v1/agencies",';

  /** Every worker's `incoming request` lines for a path, counted by process id. */
  const servedBy = (run: Running, path: string) => {
    const by = new Map<number, number>();
    for (const l of logLines(run))
      if (l.msg === "incoming request" && l.req?.path === path)
        by.set(l.pid, (by.get(l.pid) ?? 0) + 1);
    return by;
  };

  it("answers a scrape with every worker's requests summed and the database's figures once, leaving out a worker that does not answer in time", async () => {
    const run = await start("sqlite", { METRICS_TOKEN: TOKEN });
    const workers = pidsThat(run, RUNNING);

    // No token, or another, is refused by either worker, and nothing is shown.
    for (let i = 0; i < 4; i++) {
      const refused = await getFreshBody(
        `${run.url}/metrics`,
        i % 2 ? {} : { authorization: "Bearer wrong" },
      );
      expect(refused.status).toBe(401);
      expect(refused.body).not.toContain("halyq_");
    }

    // Messages that wait far in the future: the outbox's depth stays put while the test reads it.
    const db = openDatabase(run.databaseUrl);
    const WAITING = 7;
    await db.kysely
      .insertInto("sms_outbox")
      .values(
        Array.from({ length: WAITING }, (_, i) => ({
          id: `metrics-test-${i}`,
          created_at: new Date().toISOString(),
          to_phone: "+77000000000",
          body_text: "waiting",
          status: "pending",
          attempts: 0,
          next_attempt_at: "2999-01-01T00:00:00.000Z",
        })),
      )
      .execute();
    const waitingNow = async () => {
      const row = await db.kysely
        .selectFrom("sms_outbox")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("status", "in", ["pending", "sending"])
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };

    const N = 24;
    for (let i = 0; i < N; i++) expect(await getFresh(`${run.url}/api/v1/agencies`)).toBe(200);
    const served = servedBy(run, "/api/v1/agencies");
    // Both workers answered some: a scrape of one worker's figures alone would count fewer.
    expect(new Set(served.keys())).toEqual(workers);

    const scrape = async () => {
      const res = await getFreshBody(`${run.url}/metrics`, AUTH);
      expect(res.status).toBe(200);
      return res.body;
    };
    // The last response's figures are recorded as it finishes: the first scrape may wait for them.
    let text = await scrape();
    const end = Date.now() + 10_000;
    while (
      metricSum(text, "halyq_http_request_duration_seconds_count", AGENCIES) < N &&
      Date.now() < end
    )
      text = await scrape();
    let scrapes = Number(metricSum(text, "halyq_metrics_scrapes_total"));
    let depthChecked = 0;
    for (let i = 0; i < 6; i++) {
      const before = await waitingNow();
      text = await scrape();
      scrapes++;
      const perWorker = JSON.stringify(Object.fromEntries(served));
      expect(
        metricSum(text, "halyq_http_request_duration_seconds_count", AGENCIES),
        `requests per worker: ${perWorker}`,
      ).toBe(N);
      expect(metricSum(text, "halyq_metrics_scrapes_total")).toBe(scrapes);
      expect(metricSum(text, "halyq_metrics_workers_asked")).toBe(2);
      expect(metricSum(text, "halyq_metrics_workers_answered")).toBe(2);
      const memory = [
        ...text.matchAll(
          /^halyq_worker_resident_memory_bytes\{worker="(\d+)",role="(\w+)"\} (\d+)/gm,
        ),
      ];
      expect(memory.map((m) => m[2]).sort()).toEqual(["jobs", "web"]);
      // Read once from the database, not once per worker.
      expect(before).toBeGreaterThanOrEqual(WAITING);
      if ((await waitingNow()) === before) {
        expect(metricSum(text, "halyq_outbox_depth", 'outbox="sms_outbox"')).toBe(before);
        depthChecked++;
      }
    }
    // Only a scrape between two equal counts is compared; nearly all of them are.
    expect(depthChecked).toBeGreaterThanOrEqual(4);
    // Scrapes on connections of their own were taken by both workers, each answering for both.
    expect(new Set(servedBy(run, "/metrics").keys())).toEqual(workers);
    await db.close();

    // A worker that does not answer in time (stopped) is left out, and the scrape says so.
    const [stopped, live] = [...workers] as [number, number];
    process.kill(stopped, "SIGSTOP");
    cleanups.push(() => {
      process.kill(stopped, "SIGCONT");
    });
    // The primary may hand one connection to the stopped worker; the live one takes the other.
    const started = Date.now();
    const ask = () => getFreshBody(`${run.url}/metrics`, AUTH);
    const res = await Promise.race([ask(), ask()]);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(metricSum(res.body, "halyq_metrics_workers_asked")).toBe(2);
    expect(metricSum(res.body, "halyq_metrics_workers_answered")).toBe(1);
    expect([...res.body.matchAll(/^halyq_worker_resident_memory_bytes\{/gm)]).toHaveLength(1);
    expect(servedBy(run, "/metrics").get(live)).toBeGreaterThan(0);

    process.kill(stopped, "SIGCONT");
    await until("both workers answering again", async () => {
      const again = await ask();
      return metricSum(again.body, "halyq_metrics_workers_answered") === 2;
    });
  }, 120_000);
});

// The orphan check does not depend on the database: SQLite only, to keep the suite short.
describe("HALYQ_WORKERS=2 when the primary is killed", () => {
  it("its workers exit, leaving nothing behind", async () => {
    const run = await start("sqlite");
    const workers = [...pidsThat(run, RUNNING)];
    process.kill(run.child.pid as number, "SIGKILL");
    await until("the orphaned workers to exit", () => workers.every((p) => !alive(p)), 10_000);
    await expect(getFresh(`${run.url}/healthz`)).rejects.toThrow();
  }, 120_000);
});

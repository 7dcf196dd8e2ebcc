import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, testDialects } from "../support/databases.js";
import { type Running, startServer } from "../support/process.js";

interface LogLine {
  pid: number;
  msg: string;
  jobs?: boolean;
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

async function until<T>(what: string, check: () => T | undefined | false, ms = 60_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
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
): Promise<Running> {
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
  return run;
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

import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { haproxyPath } from "./haproxy.js";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string | null;
    chromiumPath: string | null;
    /** The `java` that runs the W3C Nu HTML checker (vnu.jar), or null when there is none. */
    javaPath: string | null;
    /** A Redis to share rate limits through (scale-out suites), or null when none answers. */
    redisUrl: string | null;
    /** HAProxy for the three-instance suite (Debian's package), or null when it is not installed. */
    haproxyPath: string | null;
    /** Names this run's template databases (see test/support/databases.ts). */
    testRun: string;
  }
}

const root = path.resolve(import.meta.dirname, "../..");

async function probePostgres(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

async function probeRedis(url: string): Promise<string | null> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000 });
  r.on("error", () => {});
  try {
    await r.connect();
    return (await r.ping()) === "PONG" ? null : "no PONG";
  } catch (err) {
    return (err as Error).message;
  } finally {
    r.disconnect();
  }
}

/**
 * Finds what the machine offers (PostgreSQL, Redis, Chromium, Java), says plainly what cannot run, and
 * under CI refuses to go on without them: there a missing suite is a failure, not a skip.
 */
export default async function setup(project: TestProject) {
  const pgUrl =
    process.env.HALYQ_TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  // Debian's headless shell (package chromium-headless-shell) is the same Blink without the
  // browser's window machinery: about 2.5 times less CPU a page than `chromium --headless`, the
  // same layout, scripts and accessibility tree. The full browser is used when it is the only one.
  const chromium =
    process.env.CHROMIUM_PATH ||
    ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].find((p) => fs.existsSync(p)) ||
    "/usr/bin/chromium";
  const missing: string[] = [];

  const pgProblem = await probePostgres(pgUrl);
  if (pgProblem)
    missing.push(
      `PostgreSQL at ${pgUrl} (${pgProblem}): the PostgreSQL half of the database matrix`,
    );
  const redisUrl = process.env.HALYQ_TEST_REDIS_URL || "redis://127.0.0.1:6379/0";
  const redisProblem = await probeRedis(redisUrl);
  if (redisProblem)
    missing.push(`Redis at ${redisUrl} (${redisProblem}): rate limits shared across instances`);
  const haproxy = haproxyPath();
  if (!haproxy)
    missing.push("HAProxy (haproxy): three instances behind a load balancer, one of them killed");
  const hasChromium = fs.existsSync(chromium);
  if (!hasChromium)
    missing.push(`Chromium at ${chromium}: browser, no-JavaScript and accessibility suites`);

  const java = process.env.JAVA_PATH || "java";
  let hasJava = true;
  try {
    execFileSync(java, ["-version"], { stdio: "ignore", timeout: 20_000 });
  } catch {
    hasJava = false;
    missing.push(`Java (${java}): the W3C Nu HTML checker (vnu.jar) over the server's pages`);
  }

  // Built again when missing or older than its sources (a new or changed browser file).
  const manifest = path.join(root, "public", "build", "manifest.json");
  const assetSources = [
    path.join(root, "scripts", "build-assets.mjs"),
    ...fs
      .readdirSync(path.join(root, "src", "web", "assets"))
      .map((f) => path.join(root, "src", "web", "assets", f)),
  ];
  const builtAt = fs.existsSync(manifest) ? fs.statSync(manifest).mtimeMs : 0;
  if (assetSources.some((f) => fs.statSync(f).mtimeMs > builtAt)) {
    execFileSync(process.execPath, [path.join(root, "scripts", "build-assets.mjs")], {
      stdio: "inherit",
    });
  }

  if (missing.length > 0) {
    const lines = missing.map((m) => `  - ${m}`).join("\n");
    if (process.env.CI === "true") {
      throw new Error(`CI=true and these suites cannot run:\n${lines}`);
    }
    console.warn(`\nNOT RUN on this machine (install them to run everything):\n${lines}\n`);
  }
  const run = randomBytes(4).toString("hex");
  project.provide("postgresUrl", pgProblem ? null : pgUrl);
  project.provide("chromiumPath", hasChromium ? chromium : null);
  project.provide("javaPath", hasJava ? java : null);
  project.provide("redisUrl", redisProblem ? null : redisUrl);
  project.provide("haproxyPath", haproxy);
  project.provide("testRun", run);

  return async () => {
    fs.rmSync(path.join(os.tmpdir(), `halyq-templates-${run}`), { recursive: true, force: true });
    if (pgProblem) return;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname LIKE $1",
        [`halyq\\_tpl\\_${run}\\_%`],
      );
      for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  };
}

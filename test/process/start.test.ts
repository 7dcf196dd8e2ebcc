import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, testDialects } from "../support/databases.js";

const root = path.resolve(import.meta.dirname, "../..");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** How Halyq is started: the built entry (what `npm start` runs) when built, else the sources. */
function entry(): string[] {
  const dist = path.join(root, "dist", "main.js");
  return process.env.HALYQ_TEST_DIST === "1"
    ? [dist]
    : ["--import", "tsx", path.join(root, "src", "main.ts")];
}

async function waitForHealth(url: string, child: ChildProcess, ms = 30_000): Promise<Response> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`Halyq exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return res;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("Halyq did not become healthy in time");
}

describe.each(testDialects())("the server process on %s", (dialect) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  it("starts with only the environment, serves the demo, and stops cleanly on SIGTERM", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-run-"));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "",
      PORT: String(await freePort()),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "info",
    };
    if (dialect === "postgres") {
      const database = await createTestDatabase("postgres");
      cleanups.push(() => database.drop());
      env.DATABASE_URL = database.url;
    }
    const child = spawn(process.execPath, entry(), {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout?.on("data", (d) => {
      output += d;
    });
    child.stderr?.on("data", (d) => {
      output += d;
    });
    cleanups.push(() => {
      if (child.exitCode === null) child.kill("SIGKILL");
    });
    const url = `http://127.0.0.1:${env.PORT}`;
    const health = await waitForHealth(url, child);
    expect(await health.json()).toEqual({ status: "ok", database: dialect });
    if (dialect === "sqlite") expect(fs.existsSync(path.join(dataDir, "halyq.db"))).toBe(true);
    const home = await fetch(`${url}/`, { headers: { "accept-language": "en" } });
    expect(await home.text()).toContain("This is a demonstration");
    const agencies = (await (await fetch(`${url}/api/v1/agencies`)).json()) as {
      agencies: unknown[];
    };
    expect(agencies.agencies).toHaveLength(14);

    const exited = new Promise<number | null>((resolve) =>
      child.on("exit", (code) => resolve(code)),
    );
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toMatch(/shutting down/);
    expect(output).toMatch(/"msg":"stopped"/);
  }, 60_000);

  it("refuses to start with an invalid configuration and says why", async () => {
    const child = spawn(process.execPath, entry(), {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", PORT: "not-a-port", DATABASE_URL: "mysql://x" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    child.stderr?.on("data", (d) => {
      err += d;
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(2);
    expect(err).toMatch(/PORT must be an integer/);
    expect(err).toMatch(/DATABASE_URL must start with/);
  }, 30_000);
});

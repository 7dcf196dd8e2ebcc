import { spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../support/process.js";

const root = path.resolve(import.meta.dirname, "../..");

interface Line {
  ready?: number;
  worker?: number;
  got?: Record<string, unknown>;
  start?: number;
  end?: number;
  dying?: boolean;
}

function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = "";
        res.on("data", (d) => {
          body += d;
        });
        res.on("end", () => resolve(body));
      })
      .on("error", reject);
  });
}

describe("the primary of a multi-process start", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  it("exits 1 when its workers fail before any of them listened, rather than respawn them forever", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(root, "test/fixtures/cluster/primary.mjs")],
      {
        cwd: root,
        env: { PATH: process.env.PATH ?? "", PORT: String(await freePort()), FAIL_START: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(output).toContain("a worker failed to start; stopping");
    expect(output).not.toContain("starting another");
  }, 60_000);

  it("hands a worker's halyqBroadcast message, unchanged, to every other worker and nothing else", async () => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(root, "test/fixtures/cluster/primary.mjs")],
      {
        cwd: root,
        env: { PATH: process.env.PATH ?? "", PORT: String(port), WORKERS: "3" },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      },
    );
    cleanups.push(() => {
      try {
        process.kill(-(child.pid as number), "SIGKILL");
      } catch {
        // already gone
      }
    });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    const lines = () =>
      output
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Line);
    const waitFor = async (what: string, ok: () => boolean) => {
      const end = Date.now() + 30_000;
      while (!ok()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await waitFor("three workers", () => lines().filter((l) => l.ready).length === 3);

    const sender = Number(await get(`http://127.0.0.1:${port}/send`));
    const others = [1, 2, 3].filter((w) => w !== sender);
    await waitFor("the relay", () => lines().filter((l) => l.got).length >= 2);
    await new Promise((r) => setTimeout(r, 300)); // anything more would have arrived by now
    const received = lines().filter((l) => l.got);
    expect(received.map((l) => l.worker).sort()).toEqual(others);
    for (const l of received)
      expect(l.got).toEqual({ halyqBroadcast: "sessions", from: sender, nested: { ids: [1, 2] } });

    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 60_000);

  it("hands the SQLite write turn to one worker at a time, in order, and takes it back from a worker that dies holding it", async () => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(root, "test/fixtures/cluster/primary.mjs")],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? "",
          PORT: String(port),
          WORKERS: "3",
          WORKER: "turn-worker.mjs",
          WRITE_TURNS: "1",
        },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      },
    );
    cleanups.push(() => {
      try {
        process.kill(-(child.pid as number), "SIGKILL");
      } catch {
        // already gone
      }
    });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    const lines = () =>
      output
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Line);
    const waitFor = async (what: string, ok: () => boolean) => {
      const end = Date.now() + 30_000;
      while (!ok()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await waitFor("three workers", () => lines().filter((l) => l.ready).length === 3);

    // Twelve holders at once over three workers: no two turns overlap, every one is served.
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => get(`http://127.0.0.1:${port}/hold?ms=40`)),
    );
    expect(new Set(answers).size).toBeGreaterThan(1);
    const turns = lines()
      .filter((l) => l.start !== undefined)
      .sort((a, b) => (a.start as number) - (b.start as number));
    expect(turns).toHaveLength(12);
    for (let i = 1; i < turns.length; i++)
      expect(turns[i]?.start as number).toBeGreaterThanOrEqual(turns[i - 1]?.end as number);

    // A worker dies holding the turn: the primary takes it back, the others still get theirs.
    await get(`http://127.0.0.1:${port}/die`).catch(() => "");
    await waitFor("the death", () => lines().some((l) => l.dying));
    // Its replacement listening, so that no connection is handed to the dead one meanwhile.
    await waitFor("a replacement", () => lines().filter((l) => l.ready).length === 4);
    const after = await Promise.all(
      Array.from({ length: 4 }, () => get(`http://127.0.0.1:${port}/hold?ms=10`)),
    );
    expect(after).toHaveLength(4);
    expect(lines().filter((l) => l.start !== undefined)).toHaveLength(16);
  }, 60_000);
});

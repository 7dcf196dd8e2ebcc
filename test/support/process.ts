import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { expect } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

/** A port nobody listens on at the moment of asking. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** The built entry point under `npm test` (which builds first), else the sources through tsx. */
function entry(): string[] {
  return process.env.HALYQ_TEST_DIST === "1"
    ? [path.join(root, "dist", "main.js")]
    : ["--import", "tsx", path.join(root, "src", "main.ts")];
}

/** A child process with no input whose standard output and error are kept, in order, as text. */
export function spawnCollecting(
  command: string,
  args: string[],
  options: SpawnOptions = {},
): { child: ChildProcess; output: () => string } {
  const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  return { child, output: () => output };
}

/** A Halyq process: its address, the process itself, everything it printed, and a clean stop. */
export interface Running {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
  /**
   * Signals every process of the start at once (the primary and its workers share a process
   * group): SIGKILL is a crash of the whole machine's Halyq, not of one process.
   */
  killAll(signal: NodeJS.Signals): void;
}

/** The real entry point in its own process, configured only by environment variables. */
export async function startServer(env: Record<string, string>): Promise<Running> {
  const port = await freePort();
  const { child, output } = spawnCollecting(process.execPath, entry(), {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", ...env, PORT: String(port), HOST: "127.0.0.1" },
    // Its own process group, which its workers (HALYQ_WORKERS) join: killAll reaches them all.
    detached: true,
  });
  const killAll = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // every process of the group has already exited
    }
  };
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      killAll("SIGKILL");
      throw new Error(`Halyq exited with ${child.exitCode}: ${output()}`);
    }
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      killAll("SIGKILL");
      throw new Error(`Halyq did not start: ${output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    output,
    killAll,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Runs `task(i)` for every i from 0 to `count` − 1, at most `inFlight` at a time, in order. */
export async function inParallel(
  count: number,
  inFlight: number,
  task: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

/**
 * A burst of `count` writes (`send(i)`, `inFlight` at a time) to a start that is SIGKILLed, every
 * process at once, when `killAfter` of them have been acknowledged with 201: a crash of the
 * machine mid-burst. Checks what each crash test stands on (the kill landed, nothing was
 * refused, some writes were answered and all the others never were) and returns what
 * `acknowledge` read from each answered write, by its index.
 */
export async function crashMidBurst<A>(
  run: Running,
  options: {
    count: number;
    inFlight: number;
    killAfter: number;
    send: (i: number) => Promise<Response>;
    acknowledge: (res: Response, i: number) => Promise<A> | A;
  },
): Promise<Map<number, A>> {
  const { count, killAfter } = options;
  const killed = new Promise<void>((resolve) => run.child.once("exit", () => resolve()));
  const acknowledged = new Map<number, A>();
  const refused: number[] = [];
  let failed = 0;
  await inParallel(count, options.inFlight, async (i) => {
    try {
      const res = await options.send(i);
      if (res.status !== 201) {
        refused.push(res.status);
        return;
      }
      acknowledged.set(i, await options.acknowledge(res, i));
      if (acknowledged.size === killAfter) run.killAll("SIGKILL");
    } catch {
      failed++;
    }
  });
  await killed;
  expect(run.child.signalCode).toBe("SIGKILL");
  expect(refused).toEqual([]);
  // The kill landed in the middle of the burst: some were answered, the rest never were.
  expect(acknowledged.size).toBeGreaterThanOrEqual(killAfter);
  expect(failed).toBeGreaterThan(0);
  expect(acknowledged.size + failed).toBe(count);
  return acknowledged;
}

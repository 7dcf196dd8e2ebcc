import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./process.js";

/**
 * HAProxy (Debian's package) in front of Halyq instances, as the tests and the bench start it.
 *
 *   const lb = await startHaproxy(["http://127.0.0.1:4001", "http://127.0.0.1:4002"]);
 *   await fetch(`${lb.url}/api/v1/…`);   // round-robin over the instances that answer /readyz
 *   await lb.stop();
 *
 * The configuration is the one docs/operations.md shows. What it retries, and why no more:
 *
 * - `retry-on conn-failure` (HAProxy's default, written out so nobody widens it): a request is
 *   tried again only when the connection to the server could not be made (refused, reset or timed
 *   out while connecting). Nothing of the request has reached Halyq then, so another instance may
 *   take it without any risk of a second write.
 * - Not `empty-response`, `response-timeout`, `junk-response` or any status: in all of them the
 *   request was sent. A filing that an instance committed just before it was killed would be
 *   filed again elsewhere — a second registration number for one letter. The client gets 502/504
 *   instead, which is not an acknowledgement, and it may ask again (the platform's answer to a
 *   repeated filing is its own affair, not the load balancer's guess).
 * - `option redispatch 1`: every retry goes to another server, not the dead one again;
 *   `retries 3` tries at most three more connections.
 * - Health checks on `/readyz` every 500 ms, down after 2 failures, up after 1 success: a killed
 *   instance leaves the rotation within about a second, and one that drains (SIGTERM: `/readyz`
 *   answers 503 for DRAIN_SECONDS) is taken out before it closes its listener.
 * - `option forwardfor` appends the client's address to X-Forwarded-For; Halyq, started with
 *   `TRUST_PROXY=true`, then sees the real client (rate limits key on it).
 */
export interface Haproxy {
  /** The frontend, `http://127.0.0.1:<port>`. */
  url: string;
  /** The configuration file it runs with (for a test's failure message). */
  config: string;
  /** Everything HAProxy printed (alerts and warnings; it logs no requests). */
  output: () => string;
  /** Stops HAProxy and removes its temporary directory. */
  stop(): Promise<void>;
}

/** The haproxy binary: `HAPROXY_PATH`, else the one on PATH or Debian's; null when none runs. */
export function haproxyPath(): string | null {
  const candidates = [process.env.HAPROXY_PATH, "haproxy", "/usr/sbin/haproxy"].filter(
    (c): c is string => !!c,
  );
  for (const c of candidates) {
    try {
      execFileSync(c, ["-v"], { stdio: "ignore", timeout: 10_000 });
      return c;
    } catch {
      // not this one
    }
  }
  return null;
}

/** The configuration for a frontend on `port` balancing over `servers` (base URLs). */
export function haproxyConfig(port: number, servers: string[]): string {
  const backends = servers.map((s, i) => {
    const u = new URL(s);
    return `  server halyq${i + 1} ${u.hostname}:${u.port}`;
  });
  return [
    "global",
    "  maxconn 4096",
    "",
    "defaults",
    "  mode http",
    "  option forwardfor",
    "  option redispatch 1",
    "  retries 3",
    "  retry-on conn-failure",
    "  timeout connect 2s",
    "  timeout client 30s",
    "  timeout server 30s",
    "  timeout http-request 10s",
    "  timeout queue 5s",
    "  timeout check 2s",
    "  maxconn 2048",
    "",
    "frontend halyq",
    `  bind 127.0.0.1:${port}`,
    "  default_backend instances",
    "",
    "backend instances",
    "  balance roundrobin",
    "  option httpchk GET /readyz",
    "  http-check expect status 200",
    "  default-server check inter 500ms fall 2 rise 1 maxconn 256",
    ...backends,
    "",
  ].join("\n");
}

/**
 * Starts HAProxy in the foreground (`-db`) with its own configuration in a temporary directory,
 * and waits until the frontend answers and at least one server is up (`/readyz` through it).
 */
export async function startHaproxy(servers: string[]): Promise<Haproxy> {
  const bin = haproxyPath();
  if (!bin) throw new Error("haproxy is not installed (Debian: apt-get install haproxy)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-haproxy-"));
  const port = await freePort();
  const config = path.join(dir, "haproxy.cfg");
  fs.writeFileSync(config, haproxyConfig(port, servers));
  const child: ChildProcess = spawn(bin, ["-f", config, "-db"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        fs.rmSync(dir, { recursive: true, force: true });
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once("exit", done);
      child.kill("SIGTERM");
    });
  const until = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`haproxy exited with ${child.exitCode}: ${output}`);
    }
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      await stop();
      throw new Error(`haproxy did not answer at ${url}: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, config, output: () => output, stop };
}

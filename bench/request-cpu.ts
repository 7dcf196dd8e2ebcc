/**
 * CPU time per request of the app's own work (routing, every hook, the handler), measured with
 * `process.cpuUsage()` around a fixed number of in-process requests (`inject`, no sockets), so
 * other load on the machine does not change the figure much. Prints µs of CPU per request for:
 * a health check, a static asset, a cached public page, a signed-in API read and a signed-in
 * page. `SESSION_CACHE=off` in the environment shows the session cache's share.
 *
 *   node --import tsx bench/request-cpu.ts [requests]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { buildApp } from "../src/app.js";
import { insertAccount } from "../src/capabilities/identity/account.repository.js";
import { createSession } from "../src/capabilities/identity/session.repository.js";
import { capabilities } from "../src/capabilities/index.js";
import { systemClock } from "../src/kernel/clock.js";
import { loadConfig } from "../src/platform/config.js";
import { prepareContext } from "../src/setup.js";

const requests = Number(process.argv[2]) || 2000;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-request-cpu-"));
const config = loadConfig({
  ...process.env,
  NODE_ENV: "development",
  DATA_DIR: dataDir,
  DATABASE_URL: `sqlite:${path.join(dataDir, "halyq.db")}`,
  LOG_LEVEL: "silent",
});
const ctx = await prepareContext(config, systemClock, pino({ level: "silent" }), capabilities);
const app = await buildApp(ctx, capabilities);
await app.ready();

const now = new Date();
const accountId = await insertAccount(
  ctx.db.kysely,
  {
    kind: "citizen",
    email: "cpu@bench.invalid",
    passwordHash: null,
    surname: "Бенч",
    givenName: "Замер",
    patronymic: null,
    iin: null,
    phone: null,
    language: "ru",
    emailConfirmedAt: now.toISOString(),
  },
  now.toISOString(),
);
const session = (kind: "api" | "browser") =>
  createSession(ctx.db.kysely, {
    accountId,
    kind,
    now: now.toISOString(),
    expiresAt: new Date(now.getTime() + 6 * 3_600_000).toISOString(),
  });
const api = await session("api");
const browser = await session("browser");
const asset = fs.readdirSync(path.resolve(import.meta.dirname, "../public/build"))[0];

const cases: Array<{ name: string; url: string; headers?: Record<string, string> }> = [
  { name: "GET /healthz", url: "/healthz" },
  { name: `GET /assets/${asset}`, url: `/assets/${asset}` },
  {
    name: "GET asset, signed-in browser",
    url: `/assets/${asset}`,
    headers: { cookie: `halyq_session=${browser.token}` },
  },
  { name: "GET /about (page cache)", url: "/about", headers: { "accept-language": "ru" } },
  {
    name: "GET /api/v1/me (bearer)",
    url: "/api/v1/me",
    headers: { authorization: `Bearer ${api.token}` },
  },
  {
    name: "GET /account (signed in)",
    url: "/account",
    headers: { cookie: `halyq_session=${browser.token}`, "accept-language": "ru" },
  },
];

console.log(
  `${requests} requests each, in process (inject), session cache ${config.sessionCache}, node ${process.version}`,
);
const run = async (c: (typeof cases)[number], n: number) => {
  for (let i = 0; i < n; i++) {
    const res = await app.inject({ method: "GET", url: c.url, headers: c.headers ?? {} });
    if (res.statusCode !== 200) throw new Error(`${c.name}: ${res.statusCode}`);
  }
};
// Five rounds over every case, the lowest of each kept: the figure least disturbed by others.
const best = new Map<string, number>();
for (const c of cases) await run(c, Math.min(500, requests));
for (let round = 0; round < 5; round++) {
  for (const c of cases) {
    const before = process.cpuUsage();
    await run(c, requests);
    const used = process.cpuUsage(before);
    const us = (used.user + used.system) / requests;
    best.set(c.name, Math.min(best.get(c.name) ?? Number.POSITIVE_INFINITY, us));
  }
}
for (const c of cases)
  console.log(
    `${c.name.padEnd(40)} ${(best.get(c.name) ?? 0).toFixed(1).padStart(8)} µs CPU per request`,
  );
await app.close();
await ctx.db.close();
fs.rmSync(dataDir, { recursive: true, force: true });

/**
 * CPU time per filing of the command that files an appeal (`fileAppeal`: checks, number,
 * duplicate check, audit record, the appeal and its indexes, statistics, outboxes, the group
 * commit), measured with `process.cpuUsage()` around a fixed number of filings in process, in
 * groups filed at once as the HTTP route's clients do. Sockets, routing and sessions are left
 * out, so the figure is the write path's own. Other load on the machine changes it little; the
 * lowest of five rounds is printed.
 *
 *   node --import tsx bench/filing-cpu.ts [filings per round] [--from=<SQLite file>]
 *
 * `--from` files into a copy of that database (e.g. the bench's 1,000,000 appeals,
 * bench/inbox-data.ts), where the indexes are deep; without it, into a fresh one with demo data.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { fileAppeal } from "../src/capabilities/appeals/writes.js";
import { insertAccount } from "../src/capabilities/identity/account.repository.js";
import { capabilities } from "../src/capabilities/index.js";
import { systemClock } from "../src/kernel/clock.js";
import type { Principal } from "../src/kernel/permissions.js";
import { loadConfig } from "../src/platform/config.js";
import { prepareContext } from "../src/setup.js";

const args = process.argv.slice(2);
const filings = Number(args.find((a) => /^\d+$/.test(a))) || 1000;
const from = args.find((a) => a.startsWith("--from="))?.slice("--from=".length);
/** Filings sent at once: each group shares group commits, as concurrent HTTP clients do. */
const AT_ONCE = 25;
const ROUNDS = 5;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-filing-cpu-"));
const file = path.join(dataDir, "halyq.db");
if (from) fs.copyFileSync(from, file);
const config = loadConfig({
  ...process.env,
  NODE_ENV: "development",
  DATA_DIR: dataDir,
  DATABASE_URL: `sqlite:${file}`,
  LOG_LEVEL: "silent",
});
const ctx = await prepareContext(config, systemClock, pino({ level: "silent" }), capabilities);
const now = new Date().toISOString();
const accountId = await insertAccount(
  ctx.db.kysely,
  {
    kind: "citizen",
    email: `filing-cpu-${Date.now()}@bench.invalid`,
    passwordHash: null,
    surname: "Бенч",
    givenName: "Замер",
    patronymic: null,
    iin: null,
    phone: null,
    language: "ru",
    emailConfirmedAt: now,
  },
  now,
);
const principal: Principal = { accountId, kind: "citizen", grants: [], secondFactor: false };

let n = 0;
async function fileOne(): Promise<void> {
  const i = n++;
  const house = `${i % 1000}, корпус ${Math.floor(i / 1000)}`;
  const result = await fileAppeal(
    ctx,
    { channel: "online", principal },
    {
      kind: "statement",
      agencyId: "ag-baikonur-akimat",
      categoryId: "cat-landscaping",
      subject: `Освещение во дворе дома ${house} по улице Кенесары`,
      text:
        `Во дворе дома ${house} по улице Кенесары третью неделю не горят фонари. ` +
        "Прошу проверить освещение, заменить неисправные светильники и сообщить о принятых мерах.",
      language: "ru",
      address: `г. Астана, ул. Кенесары, ${house}`,
      location: { lat: 51.16 + (i % 100) / 10_000, long: 71.45 + (i % 97) / 10_000 },
      public: i % 3 === 0,
    },
  );
  if (result.kind !== "ok") throw new Error(`filing ${i}: ${JSON.stringify(result)}`);
}
async function fileMany(count: number): Promise<void> {
  for (let done = 0; done < count; done += AT_ONCE) {
    await Promise.all(Array.from({ length: Math.min(AT_ONCE, count - done) }, fileOne));
  }
}

console.log(
  `${filings} filings a round, ${AT_ONCE} at once, into ${from ? `a copy of ${from}` : "a fresh database"}, node ${process.version}`,
);
await fileMany(Math.min(200, filings));
let best = Number.POSITIVE_INFINITY;
for (let round = 0; round < ROUNDS; round++) {
  const before = process.cpuUsage();
  await fileMany(filings);
  const used = process.cpuUsage(before);
  const us = (used.user + used.system) / filings;
  console.log(`  round ${round + 1}: ${us.toFixed(0)} µs CPU per filing`);
  best = Math.min(best, us);
}
console.log(`lowest: ${best.toFixed(0)} µs CPU per filing`);
ctx.mail.mailer.close();
await ctx.db.close();
fs.rmSync(dataDir, { recursive: true, force: true });

/**
 * Which index each query on the appeals' tables picks: runs the application's own queries (the
 * repositories, the staff inbox with the bench's mix and the web inbox's tabs, the clock's jobs,
 * "my tasks", statistics, reports, open data and Open311) once each on a database, prints the
 * plan of every SQL statement they sent (SQLite's EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN) and
 * ends with every index of the tables a filing writes and how many statements picked it. An
 * index no statement picks is a B-tree a filing writes for nothing.
 *
 *   node --import tsx bench/index-use.ts sqlite:data/bench/inbox-1m-….db
 *   node --import tsx bench/index-use.ts postgres://postgres@127.0.0.1:5432/<database>
 *
 * The database is only read. Run it on a copy of the bench's generated registry (1,000,000
 * appeals: bench/inbox-data.ts) for realistic plans.
 */
import SQLite from "better-sqlite3";
import {
  type Kysely,
  Kysely as KyselyClass,
  type LogEvent,
  PostgresDialect,
  SqliteDialect,
} from "kysely";
import pg from "pg";
import pino from "pino";
import {
  agencyInbox,
  findAppealById,
  findAppealByNumber,
  findDuplicate,
  type InboxFilter,
  listApplicantAppeals,
  similarOwnAppeals,
} from "../src/capabilities/appeals/appeal.repository.js";
import { clockScopes, undecidedAppeals } from "../src/capabilities/appeals/jobs/clock-scope.js";
import { overdueBound, termBound } from "../src/capabilities/appeals/nearest-term.js";
import { appealProfile } from "../src/capabilities/appeals/profiles.js";
import {
  appealRequestsByNumber,
  appealRequestsReceived,
  firstAppeal,
  lastRegisteredOn,
  publishedAppealPage,
} from "../src/capabilities/appeals/queries.js";
import {
  complaintFigures,
  extendedCases,
  figuresBy,
  outcomes,
  overdueCases,
} from "../src/capabilities/appeals/reports/figures.js";
import {
  firstRegisteredOn,
  loadMonthly,
  loadSums,
  overdueNow,
} from "../src/capabilities/appeals/stats/figures.js";
import { loadBodyTotals } from "../src/capabilities/appeals/stats/totals.js";
import { myTasks, overdueByBody } from "../src/capabilities/appeals/tasks/counters.js";
import { INBOX_STAGES } from "../src/capabilities/appeals/tasks/stages.js";
import { capabilities } from "../src/capabilities/index.js";
import { openDatabase } from "../src/db/database.js";
import type { Database } from "../src/db/schema.js";
import { auditTrail, latestAudit } from "../src/kernel/audit/audit.js";
import { systemClock } from "../src/kernel/clock.js";
import { loadConfig } from "../src/platform/config.js";
import { outboxBacklog } from "../src/platform/delivery/outbox.js";
import type { AppContext } from "../src/platform/manifest.js";
import { openContext } from "../src/setup.js";
import { INBOX_AGENCY } from "./inbox-data.js";

const url = process.argv[2];
if (!url) throw new Error("usage: bench/index-use.ts <sqlite:file | postgres://…>");
const postgres = url.startsWith("postgres");
/** The tables a filing writes (statistics, counters, audit record, outboxes beside the appeal). */
const TABLES = [
  "appeals",
  "appeal_counters",
  "appeal_stats",
  "appeal_body_totals",
  "audit_events",
  "mail_outbox",
  "sms_outbox",
];

const seen: { sql: string; parameters: readonly unknown[]; ms: number }[] = [];
const log = (event: LogEvent) => {
  if (event.level === "query")
    seen.push({
      sql: event.query.sql,
      parameters: event.query.parameters,
      ms: event.queryDurationMillis,
    });
};
let explain: (sql: string, parameters: readonly unknown[]) => Promise<string>;
let indexes: () => Promise<{ table: string; name: string; definition: string }[]>;
let db: Kysely<Database>;
let close: () => Promise<void>;
if (postgres) {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  db = new KyselyClass<Database>({ dialect: new PostgresDialect({ pool }), log });
  explain = async (sql, parameters) =>
    (await pool.query(`EXPLAIN ${sql}`, parameters as unknown[])).rows
      .map((r: { "QUERY PLAN": string }) => r["QUERY PLAN"].trim())
      .join("; ");
  indexes = async () =>
    (
      await pool.query(
        "SELECT tablename AS table, indexname AS name, indexdef AS definition FROM pg_indexes WHERE tablename = ANY($1) ORDER BY tablename, indexname",
        [TABLES],
      )
    ).rows;
  close = () => db.destroy();
} else {
  const sqlite = new SQLite(url.replace(/^sqlite:/, ""), { readonly: true });
  db = new KyselyClass<Database>({ dialect: new SqliteDialect({ database: sqlite }), log });
  explain = async (sql, parameters) =>
    (
      sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(parameters as unknown[])) as {
        detail: string;
      }[]
    )
      .map((r) => r.detail)
      .join("; ");
  indexes = async () => {
    const out: { table: string; name: string; definition: string }[] = [];
    for (const table of TABLES) {
      for (const i of sqlite.prepare(`PRAGMA index_list(${table})`).all() as {
        name: string;
        unique: number;
        origin: string;
        partial: number;
      }[]) {
        const columns = (sqlite.prepare(`PRAGMA index_info(${i.name})`).all() as { name: string }[])
          .map((c) => c.name)
          .join(", ");
        out.push({
          table,
          name: i.name,
          definition: `${i.unique ? "UNIQUE " : ""}(${columns})${i.origin === "pk" ? " primary key" : ""}${i.partial ? " partial" : ""}`,
        });
      }
    }
    return out;
  };
  close = () => db.destroy();
}

// The context's calendars and settings, over a connection of its own (the queries go through `db`).
const config = loadConfig({
  ...process.env,
  NODE_ENV: "development",
  DATABASE_URL: url,
  LOG_LEVEL: "silent",
});
const plain = openDatabase(url);
const base = await openContext(config, systemClock, pino({ level: "silent" }), capabilities, plain);
const ctx = { ...base, db: { ...base.db, kysely: db } } as AppContext;

const one = async <T>(q: Promise<T | undefined>): Promise<T | undefined> => q;
const sample = await db
  .selectFrom("appeals")
  .select(["id", "number", "legacy_number", "executor_id", "body_hash", "applicant_iin"])
  .where("agency_id", "=", INBOX_AGENCY)
  .where("executor_id", "is not", null)
  .orderBy("id")
  .limit(1)
  .executeTakeFirstOrThrow();
const applicant = await one(
  db
    .selectFrom("appeals")
    .select(["applicant_account_id", "agency_id", "body_hash"])
    .where("applicant_account_id", "is not", null)
    .orderBy("id")
    .limit(1)
    .executeTakeFirst(),
);
const head = await db
  .selectFrom("accounts")
  .select("id")
  .where("email", "=", "head@demo.halyq.kz")
  .executeTakeFirstOrThrow();
const today = new Date(Date.now() + 5 * 3_600_000).toISOString().slice(0, 10);
const calendar = ctx.calendars.forJurisdiction("kz");
const profile = appealProfile("kz");
const soon = calendar.addWorkingDays(today, 5);
const year = Number(today.slice(0, 4));
const report = { agencyId: INBOX_AGENCY, from: `${year}-01-01`, to: today, today };
const period = { from: `${year}-01-01`, to: today };
const principal = {
  kind: "staff",
  accountId: head.id,
  secondFactor: true,
  grants: [{ role: "head", agencyId: INBOX_AGENCY }],
} as unknown as Parameters<typeof myTasks>[1];

/** The inbox's queries: the bench's mix (bench/staff-inbox.ts) and the web inbox's tabs and orders. */
const inbox: [string, Omit<InboxFilter, "today">][] = [
  ["(no filter)", {}],
  ["page 2", { page: 2 }],
  ["received_desc", { sort: "received_desc" }],
  ["status registered", { status: "registered" }],
  ["status in_progress, due", { status: "in_progress", sort: "due" }],
  ["status awaiting_approval", { status: "awaiting_approval" }],
  ["overdue", { overdue: true }],
  ["due soon", { dueBefore: soon }],
  ["kind complaint, received_desc", { kind: "complaint", sort: "received_desc" }],
  ["channel paper, received_desc, page 3", { channel: "paper", sort: "received_desc", page: 3 }],
  ["executorId, in_progress", { executorId: sample.executor_id as string, status: "in_progress" }],
  ["answered, received_desc, page 40", { status: "answered", sort: "received_desc", page: 40 }],
  ["number, page 5", { sort: "number", page: 5 }],
  ["pageSize 100, received", { pageSize: 100, sort: "received" }],
  ["number prefix", { q: sample.number.slice(0, -2) }],
  ["words", { q: "Сейткали" }],
  ["status + kind + channel", { status: "registered", kind: "statement", channel: "online" }],
  ["page 400", { page: 400 }],
  ["kind complaint (due)", { kind: "complaint" }],
  ["channel paper (due)", { channel: "paper" }],
  ["kind + channel, received", { kind: "statement", channel: "online", sort: "received" }],
  ...INBOX_STAGES.map((stage): [string, Omit<InboxFilter, "today">] => [
    `web tab ${stage}`,
    { stage },
  ]),
  ["web tab open, received_desc", { stage: "open", sort: "received_desc" }],
  ["web tab open, number", { stage: "open", sort: "number" }],
  ["web tab done, received_desc", { stage: "done", sort: "received_desc" }],
  [
    "web mine (open first)",
    { stage: "open", executorIds: [sample.executor_id as string], openFirst: true },
  ],
  ["web overdue (nearest term)", { stage: "open", termBy: overdueBound(calendar, profile, today) }],
  [
    "web due soon (nearest term)",
    {
      stage: "open",
      termBy: termBound(calendar, profile, today, soon),
      termNotBy: overdueBound(calendar, profile, today),
    },
  ],
  ["web subject search", { q: "фонари", subjectOnly: true }],
  ["register export", { stage: "all", download: true, pageSize: 10_000, sort: "received" }],
];

const scope = clockScopes(ctx).find((s) => s.jurisdiction === "kz") ?? clockScopes(ctx)[0];
if (!scope) throw new Error("no clock scope");
type Undecided = ReturnType<typeof undecidedAppeals>;
/** A clock job's query (jobs/reminders.ts, deemed-refused.ts, escalation.ts): its narrowing by term. */
const byTerm = (narrow: (q: Undecided) => Undecided) => () =>
  narrow(undecidedAppeals(db, scope)).orderBy("due_on").orderBy("id").execute();
const workloads: [string, () => Promise<unknown>][] = [
  ...inbox.map(([name, f]): [string, () => Promise<unknown>] => [
    `inbox: ${name}`,
    () => agencyInbox(db, INBOX_AGENCY, { today, ...f }),
  ]),
  [
    "filing: findDuplicate by account",
    () =>
      findDuplicate(db, {
        agencyId: applicant?.agency_id ?? INBOX_AGENCY,
        accountId: applicant?.applicant_account_id ?? head.id,
        iin: null,
        bodyHash: applicant?.body_hash ?? sample.body_hash,
      }),
  ],
  [
    "filing: findDuplicate by IIN",
    () =>
      findDuplicate(db, {
        agencyId: INBOX_AGENCY,
        accountId: null,
        iin: "900101300123",
        bodyHash: sample.body_hash,
      }),
  ],
  ["appeal by number", () => findAppealByNumber(db, sample.number)],
  ["appeal by old number", () => findAppealByNumber(db, sample.legacy_number ?? "X-2026-000001")],
  ["appeal by id", () => findAppealById(db, sample.id)],
  ["my appeals", () => listApplicantAppeals(db, applicant?.applicant_account_id ?? head.id, [])],
  [
    "my appeals with an organisation",
    () => listApplicantAppeals(db, applicant?.applicant_account_id ?? head.id, ["org-x"]),
  ],
  [
    "similar own appeals",
    () => similarOwnAppeals(db, applicant?.applicant_account_id ?? head.id, "Освещение во дворе"),
  ],
  ["my tasks (head)", () => myTasks(ctx, principal)],
  ["metrics: overdue by body", () => overdueByBody(ctx)],
  [
    "statistics: overdue now, body",
    () => overdueNow(db, { kind: "agency", id: INBOX_AGENCY }, today),
  ],
  [
    "statistics: overdue now, level",
    () => overdueNow(db, { kind: "level", level: "district" }, today),
  ],
  ["statistics: overdue now, country", () => overdueNow(db, { kind: "national" }, today)],
  ["statistics: first registered", () => firstRegisteredOn(db)],
  ["statistics: last registered", () => lastRegisteredOn(db)],
  ["statistics: body sums", () => loadSums(db, { scopes: [`a:${INBOX_AGENCY}`] }, period)],
  ["statistics: body months", () => loadMonthly(db, `a:${INBOX_AGENCY}`, period)],
  ["open data: every body's sums", () => loadSums(db, { bodies: true }, period)],
  ["ranking: body totals", () => loadBodyTotals(db, period)],
  [
    "clock: reminders",
    byTerm((q) => q.where("due_on", ">=", scope.today).where("due_on", "<=", soon)),
  ],
  [
    "clock: deemed refused",
    byTerm((q) => q.where("due_on", "<", scope.today).where("deemed_refused_at", "is", null)),
  ],
  [
    "clock: escalation",
    byTerm((q) => q.where("due_on", "<=", today).where("escalation_level", "=", 0)),
  ],
  ["reports: by executor", () => figuresBy(db, report, "executor_id")],
  ["reports: by channel", () => figuresBy(db, report, "channel")],
  ["reports: outcomes", () => outcomes(db, report)],
  ["reports: overdue cases", () => overdueCases(db, report)],
  ["reports: extended cases", () => extendedCases(db, report)],
  ["reports: complaints", () => complaintFigures(db, report)],
  ["demo data: first appeal", () => firstAppeal(db, INBOX_AGENCY, { publicOnly: true })],
  [
    "open data: published page",
    () => publishedAppealPage(db, { year, after: sample.number, limit: 1000 }),
  ],
  ["open311: by number", () => appealRequestsByNumber(db, [sample.number])],
  [
    "open311: received in 90 days",
    () =>
      appealRequestsReceived(db, {
        start: new Date(Date.now() - 90 * 86_400_000).toISOString(),
        end: new Date().toISOString(),
        limit: 1000,
      }),
  ],
  ...(["mail_outbox", "sms_outbox"] as const).flatMap(
    (outbox): [string, () => Promise<unknown>][] => [
      [
        `delivery: ${outbox} due (deliverPending's query)`,
        () =>
          db
            .selectFrom(outbox)
            .select("id")
            .where((eb) =>
              eb.or([
                eb.and([
                  eb("status", "=", "pending"),
                  eb("next_attempt_at", "<=", new Date().toISOString()),
                ]),
                eb.and([
                  eb("status", "=", "sending"),
                  eb("claimed_at", "<=", new Date().toISOString()),
                ]),
              ]),
            )
            .orderBy("next_attempt_at")
            .limit(50)
            .execute(),
      ],
      [`metrics: ${outbox} backlog`, () => outboxBacklog(db, outbox, systemClock)],
    ],
  ),
  ["audit: an appeal's trail", () => auditTrail(db, "appeal", sample.id)],
  ["audit: head of the chain", () => latestAudit(db)],
  [
    "audit: a page of the chain",
    () =>
      db
        .selectFrom("audit_events")
        .selectAll()
        .where("seq", ">", 0)
        .orderBy("seq")
        .limit(5000)
        .execute(),
  ],
];

const picked = new Map<string, string[]>();
try {
  for (const [name, run] of workloads) {
    seen.length = 0;
    await run();
    console.log(name);
    for (const s of [...seen]) {
      const plan = await explain(s.sql, s.parameters);
      console.log(`  ${s.ms.toFixed(1).padStart(8)} ms  ${plan}`);
      for (const m of plan.matchAll(
        /(?:INDEX|Index (?:Only )?Scan(?: Backward)? using|Bitmap Index Scan on) (\w+)/g,
      )) {
        const index = m[1] as string;
        picked.set(index, [...(picked.get(index) ?? []), name]);
      }
    }
  }
  console.log("\nIndexes of the tables a filing writes, and the statements that picked each:");
  for (const i of await indexes()) {
    const by = picked.get(i.name) ?? [];
    console.log(
      `  ${String(by.length).padStart(3)}  ${i.table}.${i.name} ${i.definition}${by.length ? `: ${[...new Set(by)].join(" | ")}` : ""}`,
    );
  }
} finally {
  await close();
  await plain.close();
}

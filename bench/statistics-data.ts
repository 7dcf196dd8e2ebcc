import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { OPEN_STATUSES } from "../src/capabilities/appeals/appeal.js";
import { appealSearchText } from "../src/capabilities/appeals/appeal.repository.js";
import { endOfTerm, registrationDay } from "../src/capabilities/appeals/deadlines.js";
import { appealProfile } from "../src/capabilities/appeals/profiles.js";
import {
  factsOf,
  type StatAppeal,
  type StatMetric,
} from "../src/capabilities/appeals/stats/facts.js";
import { accumulateOpenDue, openDueRows } from "../src/capabilities/appeals/stats/open-due.js";
import { accumulate, calendarLookup } from "../src/capabilities/appeals/stats/record.js";
import { mergeSums, scopeSumsOf } from "../src/capabilities/appeals/stats/scope-sums.js";
import {
  accumulateTotals,
  addStoredTotals,
  type TotalsDelta,
  totalsRows,
} from "../src/capabilities/appeals/stats/totals.js";
import { capabilities } from "../src/capabilities/index.js";
import { addDays, createCalendarRegistry } from "../src/kernel/calendar/index.js";
import { collectMigrations } from "../src/platform/migrate.js";
import { freePort, root, startProcess } from "./harness.js";

/** Bump when the generated data changes, so a cached database of an older shape is not reused. */
export const STATS_GENERATOR_VERSION = 3;
/** "Today" of the generated year: the appeals arrive over the 365 days up to it. */
export const STATS_ANCHOR = "2026-11-27";
const DAYS = 365;

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(rand: () => number, table: [T, number][]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = rand() * total;
  for (const [v, w] of table) {
    x -= w;
    if (x < 0) return v;
  }
  return (table.at(-1) as [T, number])[0];
}

/** National shares of 2024 (69% statements, 14% information requests, 6% complaints). */
const KINDS: [string, number][] = [
  ["statement", 69],
  ["information_request", 14],
  ["complaint", 6],
  ["report", 5],
  ["proposal", 4],
  ["response", 2],
];
const CHANNELS: [string, number][] = [
  ["online", 55],
  ["api", 5],
  ["paper", 20],
  ["walk_in", 10],
  ["phone", 7],
  ["video", 3],
];
const OUTCOMES: [string, number][] = [
  ["explained", 45],
  ["satisfied", 25],
  ["partly_satisfied", 10],
  ["refused", 10],
  ["taken_into_account", 10],
];

export function cachedStatisticsPath(): string {
  const migrations = Object.keys(collectMigrations(capabilities)).sort();
  const key = createHash("sha256").update(migrations.join("\n")).digest("hex").slice(0, 10);
  return path.join(root, "data", "bench", `stats-4m4-v${STATS_GENERATOR_VERSION}-${key}.db`);
}

export interface GeneratedStatistics {
  file: string;
  seconds: number;
}

/**
 * The national year: Halyq's schema and demo data (made by starting Halyq once), about 300
 * generated bodies on every level, then `count` appeals generated as a stream. Each appeal's
 * statistics are computed by the write path's own function (`factsOf`, the same calendars and
 * legal terms) and added to `appeal_stats` in large batches, and to the country's and the
 * levels' rows by period (`scopeSumsOf`); the appeals still undecided "today" are written to
 * the appeals table too, and counted by due date by the write path's `accumulateOpenDue`.
 * Deterministic; cached in data/bench.
 */
export async function statisticsDatabase(
  count: number,
  say: (s: string) => void,
): Promise<GeneratedStatistics> {
  const file = cachedStatisticsPath();
  if (fs.existsSync(file)) return { file, seconds: 0 };
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-stats-gen-"));
  try {
    const server = await startProcess(
      [path.join(root, "dist", "main.js")],
      { DATA_DIR: dir, LOG_LEVEL: "warn", NODE_ENV: "development" },
      await freePort(),
    );
    await server.stop();
    const dbFile = path.join(dir, "halyq.db");
    const db = new SQLite(dbFile);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = OFF");
    db.pragma("cache_size = -262144");
    db.pragma("temp_store = MEMORY");
    const open = generate(db, count, say);
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.exec("ANALYZE");
    db.close();
    say(
      `  ${open.toLocaleString("en-GB")} appeals still undecided "today" written to the appeals table`,
    );
    fs.mkdirSync(path.dirname(file), { recursive: true });
    for (const old of fs.readdirSync(path.dirname(file))) {
      if (old.startsWith("stats-4m4-")) fs.rmSync(path.join(path.dirname(file), old));
    }
    fs.renameSync(dbFile, `${file}.part`);
    fs.renameSync(`${file}.part`, file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { file, seconds: (Date.now() - started) / 1000 };
}

interface GenAgency {
  id: string;
  slug: string;
  level: string;
  weight: number;
}

/** Regions with their districts, rural districts and ministries, beside the demo bodies. */
function addBodies(db: SQLite.Database): GenAgency[] {
  const now = `${STATS_ANCHOR}T00:00:00.000Z`;
  const insert = db.prepare(`INSERT INTO agencies (id, slug, parent_id, higher_body_id, kind, level,
    jurisdiction, name_kk, name_ru, name_en, active, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, 'kz', ?, ?, ?, 1, ?, ?)`);
  const made: GenAgency[] = [];
  const add = (
    id: string,
    level: string,
    kind: string,
    higher: string | null,
    n: string,
    weight: number,
  ) => {
    insert.run(id, id.slice(3), higher, higher, kind, level, `${n} (kk)`, `${n} (ru)`, n, now, now);
    made.push({ id, slug: id.slice(3), level, weight });
  };
  db.transaction(() => {
    for (let r = 1; r <= 17; r++) {
      const region = `ag-gen-region-${String(r).padStart(2, "0")}-akimat`;
      add(region, "region", "akimat", null, `Generated region ${r} akimat`, 40);
      for (let d = 1; d <= 12; d++) {
        const district = `ag-gen-region-${String(r).padStart(2, "0")}-district-${String(d).padStart(2, "0")}-akimat`;
        add(district, "district", "akimat", region, `Generated district ${r}.${d} akimat`, 12);
      }
      for (let v = 1; v <= 3; v++) {
        add(
          `ag-gen-region-${String(r).padStart(2, "0")}-rural-${v}-akimat`,
          "rural",
          "akimat",
          region,
          `Generated rural district ${r}.${v} akimat`,
          2,
        );
      }
    }
    for (let m = 1; m <= 25; m++) {
      add(
        `ag-gen-ministry-${String(m).padStart(2, "0")}`,
        "republic",
        "ministry",
        null,
        `Generated ministry ${m}`,
        30,
      );
    }
  })();
  return made;
}

function generate(db: SQLite.Database, count: number, say: (s: string) => void): number {
  const rand = random(44_000_000);
  const generated = addBodies(db);
  const demo = db
    .prepare("SELECT id, slug, level FROM agencies WHERE id NOT LIKE 'ag-gen-%'")
    .all() as {
    id: string;
    slug: string;
    level: string;
  }[];
  const agencies: [GenAgency, number][] = [
    ...generated.map((a): [GenAgency, number] => [a, a.weight]),
    ...demo.map((a): [GenAgency, number] => [{ ...a, weight: 20 }, 20]),
  ];
  const levels = new Map(
    (db.prepare("SELECT id, level FROM agencies").all() as { id: string; level: string }[]).map(
      (a) => [a.id, a.level],
    ),
  );
  const calendars = createCalendarRegistry();
  const calendarOf = calendarLookup(calendars);
  const cal = calendarOf("kz");
  const profile = appealProfile("kz");
  const upsert = db.prepare(`INSERT INTO appeal_stats (scope, grain, period, metric, dim, value)
    VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (scope, grain, period, metric, dim) DO UPDATE SET value = value + excluded.value`);
  const insertAppeal = db.prepare(`INSERT INTO appeals (
    id, number, agency_id, jurisdiction, kind, procedure, channel, status, applicant_type,
    applicant_name, applicant_language, subject, body, body_hash, language,
    registered_by_label, received_at, registered_on, due_on, original_due_on,
    deemed_refused_at, extended_at, registration_hash, created_at, updated_at, search_text
  ) VALUES (?, ?, ?, 'kz', ?, ?, ?, ?, 'person', 'Сейткали Айгерим', 'ru', ?, ?, ?, 'ru', 'online',
    ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  // Facts counted per body, day, metric and dimension, then spread over the rows they are
  // counted in (body, level, country; day, month, year) by the write path's own `accumulate`,
  // and over the bodies' totals (month and day) by its `accumulateTotals`, written at the end.
  let facts = new Map<string, number>();
  const totals = new Map<string, TotalsDelta>();
  const scopeSums = new Map<string, Map<string, number>>();
  const openDue = new Map<string, number>();
  const flush = () => {
    const deltas = new Map<string, number>();
    for (const [key, n] of facts) {
      const [agencyId, day, metric, dim] = key.split("\t") as [string, string, StatMetric, string];
      accumulate(deltas, [{ agencyId, day, metric, dim, n }], levels, 1);
      accumulateTotals(totals, [{ agencyId, day, metric, dim, n }], 1);
    }
    facts = new Map();
    scopeSumsOf(deltas, scopeSums);
    db.transaction(() => {
      for (const [key, value] of deltas) {
        const [scope, grain, period, metric, dim] = key.split("\t");
        upsert.run(scope, grain, period, metric, dim, value);
      }
    })();
  };
  const first = addDays(STATS_ANCHOR, -(DAYS - 1));
  const anchorMs = Date.parse(`${first}T00:00:00Z`);
  const todayIso = `${STATS_ANCHOR}T06:00:00.000Z`;
  const nextTo = (a: GenAgency) => {
    for (;;) {
      const b = weighted(rand, agencies);
      if (b.id !== a.id) return b;
    }
  };
  const registrationDays = new Map<string, string>();
  let openRows: unknown[][] = [];
  let open = 0;
  const serials = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    // Arrivals spread over the year, mostly in office hours (Almaty is UTC+5).
    const dayIndex = Math.floor(((i + rand()) / count) * DAYS);
    const hour = rand() < 0.8 ? 3 + rand() * 9 : 12 + rand() * 12;
    const received = new Date(anchorMs + dayIndex * 86_400_000 + hour * 3_600_000);
    const receivedAt = received.toISOString();
    const agency = weighted(rand, agencies);
    const kind = weighted(rand, KINDS);
    const channel = weighted(rand, CHANNELS);
    const quarter = String(Math.floor(received.getTime() / 900_000));
    let legal = registrationDays.get(quarter);
    if (!legal) {
      legal = registrationDay(received, profile, cal);
      registrationDays.set(quarter, legal);
    }
    const registeredOn = rand() < 0.01 ? cal.addWorkingDays(legal, 1) : legal;
    const term = profile.consideration[kind as keyof typeof profile.consideration];
    let dueOn = endOfTerm(cal, registeredOn, term);
    const redirected = kind !== "complaint" && rand() < 0.04;
    const complaintOf = kind === "complaint" && rand() < 0.6;
    const refs = {
      sourceAgencyId: redirected ? nextTo(agency).id : null,
      complaintOfAgencyId: complaintOf ? nextTo(agency).id : null,
    };
    let extendedAt: string | null = null;
    if (rand() < 0.03) {
      extendedAt = `${cal.addWorkingDays(registeredOn, 3)}T05:00:00.000Z`;
      dueOn = cal.addWorkingDays(dueOn, 10);
    }
    // Mostly answered within the term, some late, a few never.
    const fate = rand();
    const workDays =
      fate < 0.86 ? 1 + Math.floor(rand() * 14) : fate < 0.94 ? 15 + Math.floor(rand() * 20) : null;
    const answeredOn = workDays === null ? null : cal.addWorkingDays(registeredOn, workDays);
    const answeredAt =
      answeredOn &&
      `${answeredOn}T${String(4 + Math.floor(rand() * 8)).padStart(2, "0")}:00:00.000Z`;
    const answered = answeredAt !== null && answeredAt <= todayIso;
    let status = answered ? "answered" : fate < 0.97 ? "in_progress" : "registered";
    if (!answered && fate >= 0.94 && fate < 0.96) status = "withdrawn";
    // Undecided after the term: deemed refused the next day (also when answered late).
    const late = answeredOn === null || answeredOn > dueOn;
    const deemedOn = addDays(dueOn, 1);
    const deemed =
      late && deemedOn <= STATS_ANCHOR && status !== "withdrawn"
        ? `${deemedOn}T01:00:00.000Z`
        : null;
    const ratedAt =
      answered && rand() < 0.3 && answeredOn
        ? `${addDays(answeredOn, 1 + Math.floor(rand() * 5))}T08:00:00.000Z`
        : null;
    const rated = ratedAt !== null && ratedAt <= todayIso;
    const a: StatAppeal = {
      agency_id: agency.id,
      jurisdiction: "kz",
      kind,
      procedure: kind === "statement" || kind === "complaint" ? "full" : "simplified",
      channel,
      status,
      received_at: receivedAt,
      registered_on: registeredOn,
      due_on: dueOn,
      extended_at: extendedAt,
      source_appeal_id: redirected ? "source" : complaintOf ? "original" : null,
      complaint_of_id: complaintOf ? "original" : null,
      answer_outcome: answered ? weighted(rand, OUTCOMES) : null,
      answered_at: answered ? answeredAt : null,
      deemed_refused_at: deemed,
      complained_at: answered && rand() < 0.05 ? todayIso : null,
      rating_score: rated ? 1 + Math.floor(rand() * 5) : null,
      rating_resolved: rated
        ? weighted(rand, [
            ["yes", 5],
            ["partly", 3],
            ["no", 2],
          ])
        : null,
      rated_at: rated ? ratedAt : null,
    };
    for (const f of factsOf(a, refs, calendarOf)) {
      const key = `${f.agencyId}\t${f.day}\t${f.metric}\t${f.dim}`;
      facts.set(key, (facts.get(key) ?? 0) + f.n);
    }
    if ((OPEN_STATUSES as readonly string[]).includes(status)) {
      accumulateOpenDue(openDue, a, 1);
      const year = registeredOn.slice(0, 4);
      const key = `${agency.id}|${year}`;
      const serial = (serials.get(key) ?? 0) + 1;
      serials.set(key, serial);
      const number = `${agency.slug.toUpperCase()}-${year}-S${String(serial).padStart(6, "0")}`;
      const subject = `Обращение ${i}`;
      openRows.push([
        `stat-${String(i).padStart(8, "0")}`,
        number,
        agency.id,
        kind,
        a.procedure,
        channel,
        status,
        subject,
        "Прошу рассмотреть.",
        createHash("sha1").update(String(i)).digest("hex"),
        receivedAt,
        registeredOn,
        dueOn,
        dueOn,
        deemed,
        extendedAt,
        createHash("sha256").update(`stat-${i}`).digest("hex"),
        receivedAt,
        receivedAt,
        appealSearchText({ number, subject, applicant_name: "Сейткали Айгерим" }),
      ]);
      open++;
    }
    if ((i + 1) % 500_000 === 0 || i === count - 1) {
      flush();
      db.transaction(() => {
        for (const row of openRows) insertAppeal.run(...row);
      })();
      openRows = [];
      if ((i + 1) % 1_000_000 === 0) say(`  generated ${(i + 1).toLocaleString("en-GB")} appeals`);
    }
  }
  const insertTotals = db.prepare(`INSERT INTO appeal_body_totals (grain, period, agency_id,
    received, registered_on_time, answered, answered_in_term, ratings, rating_sum, resolved_yes,
    answer_days) VALUES (@grain, @period, @agency_id, @received, @registered_on_time, @answered,
    @answered_in_term, @ratings, @rating_sum, @resolved_yes, @answer_days)`);
  // The demo data's totals (made by Halyq at its first start) are added in, then rewritten.
  const demoTotals = db.prepare("SELECT * FROM appeal_body_totals").all() as Parameters<
    typeof addStoredTotals
  >[1][];
  for (const r of demoTotals) addStoredTotals(totals, r);
  db.transaction(() => {
    db.prepare("DELETE FROM appeal_body_totals").run();
    for (const row of totalsRows(totals)) insertTotals.run(row);
  })();
  // The country's and the levels' rows and the open appeals by due date, added to the demo data's.
  const upsertSums = db.prepare(`INSERT INTO appeal_scope_sums (scope, grain, period, sums)
    VALUES (?, ?, ?, ?) ON CONFLICT (scope, grain, period) DO UPDATE SET sums = excluded.sums`);
  const storedSums = db.prepare(
    "SELECT sums FROM appeal_scope_sums WHERE scope = ? AND grain = ? AND period = ?",
  );
  const upsertOpen = db.prepare(`INSERT INTO appeal_open_due (scope, grain, period, open)
    VALUES (@scope, @grain, @period, @open)
    ON CONFLICT (scope, grain, period) DO UPDATE SET open = open + excluded.open`);
  db.transaction(() => {
    for (const [key, delta] of scopeSums) {
      const [scope, grain, period] = key.split("\t") as [string, string, string];
      const stored = storedSums.get(scope, grain, period) as { sums: string } | undefined;
      upsertSums.run(scope, grain, period, mergeSums(stored?.sums ?? "{}", delta));
    }
    for (const row of openDueRows(openDue)) upsertOpen.run(row);
  })();
  return open;
}

import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { appealSearchText } from "../src/capabilities/appeals/appeal.repository.js";
import { capabilities } from "../src/capabilities/index.js";
import { collectMigrations } from "../src/platform/migrate.js";
import { freePort, root, startProcess } from "./harness.js";

/** Bump when the generated rows change, so a cached database of an older shape is not reused. */
export const GENERATOR_VERSION = 3;
export const INBOX_AGENCY = "ag-baikonur-akimat";
/** "Today" of the generated registry: every date is relative to it, so the data is the same on every run. */
export const ANCHOR = "2026-11-27";
const SPAN_DAYS = 730;

/** A seeded generator (mulberry32): the same database every time. */
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
const OPEN: [string, number][] = [
  ["registered", 30],
  ["in_progress", 45],
  ["awaiting_correction", 5],
  ["awaiting_approval", 10],
  ["answered", 10],
];
const CLOSED: [string, number][] = [
  ["answered", 86],
  ["redirected", 4],
  ["returned", 3],
  ["terminated", 3],
  ["withdrawn", 2],
  ["attached", 1],
  ["in_progress", 1],
];
const OUTCOMES: [string, number][] = [
  ["explained", 45],
  ["satisfied", 25],
  ["partly_satisfied", 10],
  ["refused", 10],
  ["taken_into_account", 10],
];
const SURNAMES = [
  "Сейткали",
  "Иванов",
  "Ахметова",
  "Нурланов",
  "Ким",
  "Жумабаев",
  "Омарова",
  "Петренко",
  "Касымов",
  "Абдрахманова",
  "Тулегенов",
  "Смагулова",
  "Ли",
  "Бекова",
  "Мухамедиев",
  "Сарсенбаева",
];
const GIVEN = ["Айгерим", "Сергей", "Дана", "Ерлан", "Асель", "Нурсултан", "Ольга", "Бауыржан"];
const TOPICS = [
  "Яма на дороге по улице",
  "Не горят фонари во дворе дома на улице",
  "Вывоз мусора у дома на улице",
  "Ремонт детской площадки на улице",
  "Отопление в доме на улице",
  "Сроки ремонта кровли дома на улице",
  "Остановка общественного транспорта на улице",
  "Место в детском саду, проживаю на улице",
  "Разрешение на строительство на улице",
  "Жер учаскесі, көше",
  "Аула абаттандыру, көше",
  "Су құбыры апаты, көше",
];
const STREETS = ["Кенесары", "Сарайшык", "Абая", "Сейфуллина", "Жибек жолы", "Богенбай батыра"];

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Where generated databases are kept, keyed by the generator's version and the migrations. */
export function cachedInboxPath(): string {
  const migrations = Object.keys(collectMigrations(capabilities)).sort();
  const key = createHash("sha256").update(migrations.join("\n")).digest("hex").slice(0, 10);
  return path.join(root, "data", "bench", `inbox-1m-v${GENERATOR_VERSION}-${key}.db`);
}

/**
 * The staff inbox database: Halyq's own schema and demo data (made by starting Halyq once), then
 * `count` appeals written straight into SQLite in large transactions. Deterministic; cached, so
 * later runs skip it. Returns the path and how long generation took (0 when cached).
 */
export async function inboxDatabase(
  count: number,
  say: (s: string) => void,
): Promise<{ file: string; seconds: number }> {
  const file = cachedInboxPath();
  if (fs.existsSync(file)) return { file, seconds: 0 };
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-inbox-gen-"));
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
    generate(db, count, say);
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.close();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    for (const old of fs.readdirSync(path.dirname(file))) {
      if (old.startsWith("inbox-1m-")) fs.rmSync(path.join(path.dirname(file), old));
    }
    fs.renameSync(dbFile, `${file}.part`);
    fs.renameSync(`${file}.part`, file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { file, seconds: (Date.now() - started) / 1000 };
}

function generate(db: SQLite.Database, count: number, say: (s: string) => void): void {
  const rand = random(20_250_319);
  const agencies = db.prepare("SELECT id, slug FROM agencies ORDER BY id").all() as {
    id: string;
    slug: string;
  }[];
  const others = agencies.filter((a) => a.id !== INBOX_AGENCY);
  const inbox = agencies.find((a) => a.id === INBOX_AGENCY);
  if (!inbox) throw new Error(`${INBOX_AGENCY} is not in the demo data`);
  // 40% to the district akimat under test; the other 60% skewed: akimats far more than
  // maslikhats, ministries in between.
  type Agency = (typeof agencies)[number];
  const weights = others.map((a): [Agency, number] => [
    a,
    a.slug.includes("maslikhat") ? 20 : a.slug.startsWith("ministry") ? 60 : 90,
  ]);
  const sum = weights.reduce((s, [, w]) => s + w, 0);
  const spread: [Agency, number][] = [
    [inbox, 40],
    ...weights.map(([a, w]): [Agency, number] => [a, (60 * w) / sum]),
  ];
  const executor = (
    db.prepare("SELECT id FROM accounts WHERE email = 'executor@demo.halyq.kz'").get() as
      | { id: string }
      | undefined
  )?.id;
  const counters = new Map<string, number>();
  for (const row of db.prepare("SELECT agency_id, year, last_value FROM appeal_counters").all() as {
    agency_id: string;
    year: number;
    last_value: number;
  }[])
    counters.set(`${row.agency_id}|${row.year}`, row.last_value);

  const insert = db.prepare(`INSERT INTO appeals (
    id, number, agency_id, jurisdiction, kind, procedure, channel, status, applicant_type,
    applicant_name, applicant_language, subject, body, body_hash, language, address,
    registered_by_label, received_at, registered_on, due_on, original_due_on, executor_id,
    answer_outcome, answered_at, closed_at, close_reason, registration_hash, created_at, updated_at,
    search_text
  ) VALUES (?, ?, ?, 'kz', ?, ?, ?, ?, 'person', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const anchorMs = Date.parse(`${ANCHOR}T12:00:00Z`);
  const growth = 0.4;
  const batch = 50_000;
  for (let start = 0; start < count; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(start + batch, count); i++) {
        // Filings grow over the two years (density rising by 40%), oldest first.
        const u = (i + rand()) / count;
        const x = (-1 + Math.sqrt(1 + growth * (2 + growth) * u)) / growth;
        const receivedMs = anchorMs - (1 - x) * SPAN_DAYS * 86_400_000;
        const receivedAt = new Date(receivedMs).toISOString();
        const registeredOn = new Date(receivedMs + 5 * 3_600_000).toISOString().slice(0, 10);
        const year = Number(registeredOn.slice(0, 4));
        const agency = weighted(rand, spread);
        const key = `${agency.id}|${year}`;
        const serial = (counters.get(key) ?? 0) + 1;
        counters.set(key, serial);
        const kind = weighted(rand, KINDS);
        const full = kind === "statement" || kind === "complaint";
        const dueOn = addDays(registeredOn, kind === "complaint" ? 28 : 21);
        const status = weighted(rand, dueOn >= ANCHOR ? OPEN : CLOSED);
        const channel = weighted(rand, CHANNELS);
        const surname = SURNAMES[Math.floor(rand() * SURNAMES.length)] as string;
        const given = GIVEN[Math.floor(rand() * GIVEN.length)] as string;
        const street = STREETS[Math.floor(rand() * STREETS.length)] as string;
        const topic = TOPICS[Math.floor(rand() * TOPICS.length)] as string;
        const house = 1 + Math.floor(rand() * 120);
        const closed = ![
          "registered",
          "in_progress",
          "awaiting_correction",
          "awaiting_approval",
        ].includes(status);
        const decidedAt = new Date(receivedMs + (3 + rand() * 18) * 86_400_000).toISOString();
        const worked =
          agency.id === INBOX_AGENCY &&
          ["in_progress", "awaiting_approval", "answered"].includes(status);
        const lang = rand() < 0.6 ? "ru" : "kk";
        const number = `${agency.slug.toUpperCase()}-${year}-${String(serial).padStart(6, "0")}`;
        const subject = `${topic} ${street}, ${house}`;
        const name = `${surname} ${given}`;
        insert.run(
          `gen-${String(i).padStart(8, "0")}`,
          number,
          agency.id,
          kind,
          full ? "full" : "simplified",
          channel,
          status,
          name,
          lang,
          subject,
          `${topic} ${street}, дом ${house}. Прошу рассмотреть и сообщить о принятых мерах.`,
          createHash("sha1").update(String(i)).digest("hex"),
          lang,
          `г. Астана, ул. ${street}, ${house}`,
          channel === "online" || channel === "api" ? "online" : "Жумабаева Дана",
          receivedAt,
          registeredOn,
          dueOn,
          dueOn,
          worked ? (executor ?? null) : null,
          status === "answered" ? weighted(rand, OUTCOMES) : null,
          status === "answered" ? decidedAt : null,
          closed ? decidedAt : null,
          status === "returned" || status === "terminated" ? "already_decided" : null,
          createHash("sha256").update(`gen-${i}`).digest("hex"),
          receivedAt,
          closed ? decidedAt : receivedAt,
          appealSearchText({ number, subject, applicant_name: name }),
        );
      }
    })();
    if ((start / batch) % 4 === 3) say(`  generated ${start + batch} appeals`);
  }
  const setCounter = db.prepare(
    `INSERT INTO appeal_counters (agency_id, year, last_value) VALUES (?, ?, ?)
     ON CONFLICT (agency_id, year) DO UPDATE SET last_value = excluded.last_value`,
  );
  db.transaction(() => {
    for (const [key, value] of counters) {
      const [agencyId, year] = key.split("|");
      setCounter.run(agencyId, Number(year), value);
    }
  })();
}

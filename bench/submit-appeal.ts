import autocannon from "autocannon";
import { sql } from "kysely";
import type { Dialect } from "../src/db/database.js";
import { countRows, onDatabase } from "./database.js";
import {
  type BenchOptions,
  type LoadResult,
  printedRow,
  type Row,
  ratioRow,
  startHalyq,
  throughput,
  writeRunLimitMs,
} from "./harness.js";
import { bearerToken } from "./sessions.js";

const AGENCY = "ag-baikonur-akimat";
/** Sign-ins stay under the per-address sign-in limit (10 a minute); filing itself has no limit. */
const SESSIONS_PER_CITIZEN = 4;

/** A full appeal, different each time so that none is taken for a duplicate of another. */
function appealBody(i: number): string {
  // A distinct address for each filing without a long run of digits, which the check for
  // personal data in public appeals would take for a phone number.
  const house = `${i % 1000}, корпус ${Math.floor(i / 1000)}`;
  return JSON.stringify({
    kind: "statement",
    agencyId: AGENCY,
    categoryId: "cat-landscaping",
    subject: `Освещение во дворе дома ${house} по улице Кенесары`,
    text:
      `Во дворе дома ${house} по улице Кенесары третью неделю не горят фонари. ` +
      "Вечером дети возвращаются из школы в темноте, пожилым жильцам трудно дойти до подъезда. " +
      "Обращались в управляющую компанию устно, ответа нет. Прошу проверить освещение, " +
      "заменить неисправные светильники и сообщить о принятых мерах и сроках их исполнения.",
    language: "ru",
    address: `г. Астана, ул. Кенесары, ${house}`,
    location: { lat: 51.16 + (i % 100) / 10_000, long: 71.45 + (i % 97) / 10_000 },
    public: i % 3 === 0,
  });
}

interface Filed extends LoadResult {
  created: number;
  /** Answers by status code. */
  statuses: Record<string, { count?: number }>;
}

/** `amount` filings over `connections`, each acknowledged only once durable; stops by itself. */
async function fileMany(
  url: string,
  tokens: string[],
  options: BenchOptions,
  amount: number,
  start: number,
): Promise<Filed> {
  if (!/^http:\/\/127\.0\.0\.1[:/]/.test(url)) throw new Error("load goes only to 127.0.0.1");
  let i = start;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        amount,
        requests: [
          {
            method: "POST",
            path: "/api/v1/appeals",
            setupRequest: (req) => {
              const n = i++;
              return {
                ...req,
                headers: {
                  "content-type": "application/json",
                  authorization: `Bearer ${tokens[n % tokens.length]}`,
                },
                body: appealBody(n),
              };
            },
          },
        ],
      },
      (err, done) => {
        clearTimeout(guard);
        if (err) reject(err);
        else resolve(done);
      },
    );
    // `amount` has no time limit of its own: never let a slow machine run on for ever.
    const guard = setTimeout(() => instance.stop(), writeRunLimitMs(options));
  });
  return {
    requestsPerSecond: throughput(result),
    p99: result.latency.p99,
    p50: result.latency.p50,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    created: Number(result.statusCodeStats?.["201"]?.count ?? 0),
    statuses: result.statusCodeStats ?? {},
  };
}

/**
 * Authenticated, durable POST /api/v1/appeals of a full appeal (validation, registration number,
 * audit entry, outbox rows), from several citizen sessions. Every filing is a distinct appeal,
 * and afterwards the database must hold exactly one appeal per 201. Goal: ≥ 0.04 × bare node:http.
 */
export async function submitAppeal(
  options: BenchOptions,
  baseline: LoadResult,
  say: (s: string) => void,
  dialect: Dialect = "sqlite",
): Promise<Row[]> {
  const halyq = await startHalyq({}, dialect);
  const db = halyq.database.open();
  try {
    const tokens: string[] = [];
    for (const email of ["citizen@demo.halyq.kz", "citizen2@demo.halyq.kz"])
      for (let k = 0; k < SESSIONS_PER_CITIZEN; k++)
        tokens.push(await bearerToken(halyq.url, email));
    const warm = await fileMany(halyq.url, tokens, options, options.connections * 20, 0);
    if (warm.errors > 0 || warm.non2xx > 0)
      throw new Error(`submit appeal warm-up: ${warm.errors} errors, ${warm.non2xx} non-2xx`);
    const before = await countRows(db, sql`SELECT count(*) FROM appeals`);
    // Enough filings to keep the load on for at least the set duration at the warm-up's rate.
    const amount = Math.max(
      options.connections * 10,
      Math.round(warm.requestsPerSecond * options.duration * 1.2),
    );
    const r = await fileMany(halyq.url, tokens, options, amount, 1_000_000);
    const allAppeals = await countRows(db, sql`SELECT count(*) FROM appeals`);
    const stored = allAppeals - before;
    const logged = await countRows(
      db,
      sql`SELECT count(*) FROM audit_events WHERE action = 'appeal.registered'`,
    );
    say(
      `  ${r.created} filings answered 201, ${stored} new appeals in the database` +
        ` (${allAppeals} appeals, ${logged} registration entries in the log); ` +
        `${Math.round(r.requestsPerSecond)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`,
    );
    if (r.errors > 0 || r.non2xx > 0)
      throw new Error(
        `submit appeal: ${r.errors} errors, ${r.non2xx} non-2xx (${JSON.stringify(r.statuses)})`,
      );
    if (stored !== r.created || r.created !== amount)
      throw new Error(`submit appeal: ${amount} sent, ${r.created} answered 201, ${stored} stored`);
    if (logged < allAppeals)
      throw new Error(`submit appeal: ${allAppeals} appeals but ${logged} registration entries`);
    const on = onDatabase(dialect);
    return [
      dialect === "sqlite"
        ? ratioRow(
            "submit appeal (durable, 8 sessions)",
            r.requestsPerSecond,
            baseline.requestsPerSecond,
            0.04,
          )
        : printedRow(`submit appeal${on}`, r.requestsPerSecond, baseline.requestsPerSecond, true),
      {
        benchmark: `submit appeal p99 latency${on}`,
        value: r.p99,
        unit: "ms",
        baseline: baseline.p99,
        ratio: baseline.p99 > 0 ? r.p99 / baseline.p99 : null,
        goal: "none (for comparison)",
        met: null,
      },
    ];
  } finally {
    await db.close();
    await halyq.stop();
  }
}

import { randomBytes, randomInt } from "node:crypto";
import { CompiledQuery, PostgresAdapter, type Transaction } from "kysely";
import type { Database } from "../../db/schema.js";
import { GroupCommitter } from "../../kernel/group-commit.js";
import type { AppContext } from "../../platform/manifest.js";
import type { CheckedBallot } from "./poll.js";

/** One ballot waiting for its batch. */
export interface Cast {
  pollId: string;
  voterKey: string;
  ballot: CheckedBallot;
}

export type CastOutcome = "accepted" | "duplicate" | "closed";

interface Pending extends Cast {
  resolve: (o: CastOutcome) => void;
  reject: (e: unknown) => void;
}

/** Fisher–Yates with a cryptographic source: the order rows are written in reveals nothing. */
export function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** A random ballot id (128 bits): unrelated to anything else and unordered. */
export function randomId(): string {
  return randomBytes(16).toString("base64url");
}

const CHUNK = 200;

const texts = new Map<string, string>();

/**
 * A multi-row INSERT as SQL text, made once per table, row count and dialect: building a
 * statement of hundreds of rows through the query builder cost more than running it.
 */
function insertSql(pg: boolean, table: string, columns: string[], rows: number, tail = ""): string {
  const key = `${pg}|${table}|${rows}|${tail}`;
  let text = texts.get(key);
  if (!text) {
    let n = 0;
    const values = Array.from(
      { length: rows },
      () => `(${columns.map(() => (pg ? `$${++n}` : "?")).join(", ")})`,
    ).join(", ");
    text = `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${values}${tail}`;
    texts.set(key, text);
  }
  return text;
}

async function insertRows<R>(
  trx: Transaction<Database>,
  table: string,
  columns: string[],
  rows: unknown[][],
  tail = "",
): Promise<R[]> {
  const pg = trx.getExecutor().adapter instanceof PostgresAdapter;
  const out: R[] = [];
  for (const chunk of chunks(rows)) {
    const r = await trx.executeQuery<R>(
      CompiledQuery.raw(insertSql(pg, table, columns, chunk.length, tail), chunk.flat()),
    );
    out.push(...r.rows);
  }
  return out;
}

const chunks = <T>(rows: T[]): T[][] =>
  Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, i) =>
    rows.slice(i * CHUNK, (i + 1) * CHUNK),
  );

/**
 * Writes one batch of ballots in the caller's transaction and says what became of each. The
 * voters' primary key (poll, voter) decides who already voted, across instances too: a row
 * that did not go in is a second ballot. Ballots and free texts are then written in a fresh
 * random order with random ids and no time, so neither their order nor any column ties one
 * to a voter row; the voter row keeps only the day.
 */
export async function writeBatch(
  trx: Transaction<Database>,
  batch: Cast[],
  now: Date,
): Promise<CastOutcome[]> {
  const outcomes: CastOutcome[] = batch.map(() => "closed");
  const iso = now.toISOString();
  const pollIds = [...new Set(batch.map((b) => b.pollId))];
  const open = new Set(
    (
      await trx
        .selectFrom("polls")
        .select("id")
        .where("id", "in", pollIds)
        .where("status", "=", "scheduled")
        .where("opens_at", "<=", iso)
        .where("closes_at", ">", iso)
        .execute()
    ).map((r) => r.id),
  );
  const seen = new Set<string>();
  const candidates: number[] = [];
  batch.forEach((b, i) => {
    if (!open.has(b.pollId)) return;
    const key = `${b.pollId}|${b.voterKey}`;
    if (seen.has(key)) outcomes[i] = "duplicate";
    else {
      seen.add(key);
      candidates.push(i);
    }
  });
  if (candidates.length === 0) return outcomes;
  const day = iso.slice(0, 10);
  const inserted = new Set<string>();
  const order = shuffle([...candidates]);
  const back = await insertRows<{ poll_id: string; voter_key: string }>(
    trx,
    "poll_voters",
    ["poll_id", "voter_key", "voted_on"],
    order.map((i) => [(batch[i] as Cast).pollId, (batch[i] as Cast).voterKey, day]),
    " ON CONFLICT (poll_id, voter_key) DO NOTHING RETURNING poll_id, voter_key",
  );
  for (const r of back) inserted.add(`${r.poll_id}|${r.voter_key}`);
  const ballots: unknown[][] = [];
  const freeTexts: unknown[][] = [];
  for (const i of candidates) {
    const b = batch[i] as Cast;
    if (!inserted.has(`${b.pollId}|${b.voterKey}`)) {
      outcomes[i] = "duplicate";
      continue;
    }
    outcomes[i] = "accepted";
    ballots.push([b.pollId, randomId(), JSON.stringify(b.ballot.answers)]);
    for (const t of b.ballot.texts)
      freeTexts.push([b.pollId, randomId(), t.questionId, t.body, "pending"]);
  }
  await insertRows(trx, "poll_ballots", ["poll_id", "id", "answers"], shuffle(ballots));
  await insertRows(
    trx,
    "poll_texts",
    ["poll_id", "id", "question_id", "body", "status"],
    shuffle(freeTexts),
  );
  return outcomes;
}

/**
 * The ballot path: concurrent ballots are gathered and written as one shuffled batch in one
 * group commit, and each caller is answered only once that batch has committed. No audit
 * record is written per ballot (it would name the voter and the moment); the voter row is
 * the record that a person voted.
 */
export class BallotBox {
  readonly #ctx: AppContext;
  readonly #committer: GroupCommitter<Database>;
  readonly #max: number;
  #queue: Pending[] = [];
  #running = false;

  constructor(ctx: AppContext, options: { maxBatch?: number } = {}) {
    this.#ctx = ctx;
    this.#committer = new GroupCommitter(ctx.db.kysely, { maxBatch: 1 });
    this.#max = options.maxBatch ?? 500;
  }

  cast(c: Cast): Promise<CastOutcome> {
    return new Promise<CastOutcome>((resolve, reject) => {
      this.#queue.push({ ...c, resolve, reject });
      if (!this.#running) {
        this.#running = true;
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) await this.#commit();
    } finally {
      this.#running = false;
      if (this.#queue.length > 0) {
        this.#running = true;
        setImmediate(() => void this.#drain());
      }
    }
  }

  /**
   * The batch is taken from the queue only once the transaction has its connection: on SQLite
   * every read waits for the one connection while a batch commits, so ballots queue up during
   * a commit and the next batch takes them all (taking it earlier gives batches of one).
   */
  async #commit(): Promise<void> {
    let batch: Pending[] = [];
    try {
      const outcomes = await this.#committer.run((trx) => {
        batch = this.#queue.splice(0, this.#max);
        return writeBatch(trx, batch, this.#ctx.clock.now());
      });
      batch.forEach((p, i) => {
        p.resolve(outcomes[i] as CastOutcome);
      });
    } catch (error) {
      if (batch.length === 1) {
        (batch[0] as Pending).reject(error);
        return;
      }
      // Something failed for the whole batch: try each alone, so only a failing one fails.
      for (const p of batch) {
        try {
          const [o] = await this.#committer.run((trx) =>
            writeBatch(trx, [p], this.#ctx.clock.now()),
          );
          p.resolve(o as CastOutcome);
        } catch (err) {
          p.reject(err);
        }
      }
    }
  }
}

const boxes = new WeakMap<AppContext, BallotBox>();

/** This app's ballot box (one per app, so tests may build several apps). */
export function ballotBox(ctx: AppContext): BallotBox {
  let b = boxes.get(ctx);
  if (!b) {
    b = new BallotBox(ctx);
    boxes.set(ctx, b);
  }
  return b;
}

import { randomBytes, randomInt } from "node:crypto";
import { CompiledQuery, type Kysely, PostgresAdapter, type Transaction } from "kysely";
import type { Clock } from "../../kernel/clock.js";
import { GroupCommitter } from "../../kernel/group-commit.js";

/**
 * What became of one ballot in its batch: durable, a second ballot of the same voter, or the
 * vote had closed by the time the batch was written.
 */
export type CastOutcome = "accepted" | "duplicate" | "closed";

/**
 * Writes one batch of a capability's ballots in the caller's transaction and says what became
 * of each, in the batch's order. The capability's own voters and ballots tables, its own
 * check that the vote is still open.
 */
export type BatchWriter<DB, C> = (
  trx: Transaction<DB>,
  batch: C[],
  now: Date,
) => Promise<CastOutcome[]>;

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

const chunks = <T>(rows: T[]): T[][] =>
  Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, i) =>
    rows.slice(i * CHUNK, (i + 1) * CHUNK),
  );

/**
 * Inserts rows (in the given order) with multi-row statements of up to 200 rows; `tail` is
 * appended to each (e.g. `ON CONFLICT … DO NOTHING RETURNING …`) and the returned rows are
 * gathered. Table and column names are the caller's constants, never input.
 */
export async function insertRows<R, DB>(
  trx: Transaction<DB>,
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

/** Where a batch's voters are recorded: the capability's voters table and its two key columns. */
export interface VoterRoll {
  table: string;
  /** The vote's column (a poll, a cycle) and the voter key's column; together the primary key. */
  scopeColumn: string;
  voterColumn: string;
}

/**
 * The voter step every secret vote shares: of a batch's ballots whose vote is open, each
 * voter's first goes on the roll (in a fresh random order, with only the day); a second
 * ballot of one voter, in the batch or already on the roll from another batch or instance,
 * is a duplicate. Returns the indexes of the ballots that went on the roll, to be written;
 * `outcomes` is marked "duplicate" for the others it looked at.
 */
export async function enrolVoters<C, DB>(
  trx: Transaction<DB>,
  roll: VoterRoll,
  batch: C[],
  outcomes: CastOutcome[],
  keys: { isOpen: (c: C) => boolean; scope: (c: C) => string; voter: (c: C) => string },
  day: string,
): Promise<number[]> {
  const keyOf = (c: C) => `${keys.scope(c)}|${keys.voter(c)}`;
  const seen = new Set<string>();
  const candidates: number[] = [];
  batch.forEach((c, i) => {
    if (!keys.isOpen(c)) return;
    const key = keyOf(c);
    if (seen.has(key)) outcomes[i] = "duplicate";
    else {
      seen.add(key);
      candidates.push(i);
    }
  });
  if (candidates.length === 0) return [];
  const back = await insertRows<Record<string, string>, DB>(
    trx,
    roll.table,
    [roll.scopeColumn, roll.voterColumn, "voted_on"],
    shuffle([...candidates]).map((i) => {
      const c = batch[i] as C;
      return [keys.scope(c), keys.voter(c), day];
    }),
    ` ON CONFLICT (${roll.scopeColumn}, ${roll.voterColumn}) DO NOTHING RETURNING ${roll.scopeColumn}, ${roll.voterColumn}`,
  );
  const inserted = new Set(back.map((r) => `${r[roll.scopeColumn]}|${r[roll.voterColumn]}`));
  return candidates.filter((i) => {
    if (inserted.has(keyOf(batch[i] as C))) return true;
    outcomes[i] = "duplicate";
    return false;
  });
}

interface Pending<C> {
  cast: C;
  resolve: (o: CastOutcome) => void;
  reject: (e: unknown) => void;
}

/**
 * The ballot path of any secret vote: concurrent ballots are gathered and written by the
 * capability's batch writer as one batch in one group commit, and each caller is answered
 * only once that batch has committed. No audit record is written per ballot (it would name
 * the voter and the moment); the voter row is the record that a person voted.
 */
export class BallotBox<DB, C> {
  readonly #clock: Clock;
  readonly #write: BatchWriter<DB, C>;
  readonly #committer: GroupCommitter<DB>;
  readonly #max: number;
  #queue: Pending<C>[] = [];
  #running = false;

  constructor(
    db: Kysely<DB>,
    clock: Clock,
    write: BatchWriter<DB, C>,
    options: { maxBatch?: number } = {},
  ) {
    this.#clock = clock;
    this.#write = write;
    this.#committer = new GroupCommitter(db, { maxBatch: 1 });
    this.#max = options.maxBatch ?? 500;
  }

  cast(c: C): Promise<CastOutcome> {
    return new Promise<CastOutcome>((resolve, reject) => {
      this.#queue.push({ cast: c, resolve, reject });
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
    let batch: Pending<C>[] = [];
    try {
      const outcomes = await this.#committer.run((trx) => {
        batch = this.#queue.splice(0, this.#max);
        return this.#write(
          trx,
          batch.map((p) => p.cast),
          this.#clock.now(),
        );
      });
      batch.forEach((p, i) => {
        p.resolve(outcomes[i] as CastOutcome);
      });
    } catch (error) {
      if (batch.length === 1) {
        (batch[0] as Pending<C>).reject(error);
        return;
      }
      // Something failed for the whole batch: try each alone, so only a failing one fails.
      for (const p of batch) {
        try {
          const [o] = await this.#committer.run((trx) =>
            this.#write(trx, [p.cast], this.#clock.now()),
          );
          p.resolve(o as CastOutcome);
        } catch (err) {
          p.reject(err);
        }
      }
    }
  }
}

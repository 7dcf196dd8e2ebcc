import type { Kysely, Transaction } from "kysely";

type Work<DB, T> = (trx: Transaction<DB>) => Promise<T>;

interface Pending<DB> {
  work: Work<DB, unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit: writes that arrive together share one transaction, and each caller is answered
 * only after that transaction has committed (so an acknowledgement always means durable).
 * Work is checked before it is queued, so a failure inside is rare: when one happens, the
 * batch rolls back and each piece runs again alone, so only the failing one fails (work must
 * therefore be safe to run again after a rollback). Throughput comes from paying for one
 * commit (one fsync) per batch instead of one per request.
 */
export class GroupCommitter<DB> {
  /**
   * Told the size of every batch that committed, with the committer's name (the operations
   * metrics listen here; the kernel knows nothing of them).
   */
  static onCommit: ((size: number, name: string) => void) | null = null;
  readonly #db: Kysely<DB>;
  readonly #maxBatch: number;
  readonly #name: string;
  readonly #beforeCommit: Work<DB, void> | undefined;
  #queue: Pending<DB>[] = [];
  #running = false;

  /**
   * `beforeCommit` runs in the transaction after every piece of a batch (and after a piece
   * run again alone), before the commit: where the pieces' shared writes are made at once.
   */
  constructor(
    db: Kysely<DB>,
    options: { maxBatch?: number; name?: string; beforeCommit?: Work<DB, void> } = {},
  ) {
    this.#db = db;
    this.#maxBatch = options.maxBatch ?? 64;
    this.#name = options.name ?? "writes";
    this.#beforeCommit = options.beforeCommit;
  }

  /** Runs `work` in the next batch; resolves with its value once the batch has committed. */
  run<T>(work: Work<DB, T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.#running) {
        this.#running = true;
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, this.#maxBatch);
        await this.#commit(batch);
      }
    } finally {
      this.#running = false;
      if (this.#queue.length > 0) {
        this.#running = true;
        setImmediate(() => void this.#drain());
      }
    }
  }

  async #commit(batch: Pending<DB>[]): Promise<void> {
    const values: unknown[] = [];
    try {
      await this.#db.transaction().execute(async (trx) => {
        for (const p of batch) values.push(await p.work(trx));
        await this.#beforeCommit?.(trx);
      });
    } catch (error) {
      if (batch.length === 1) {
        (batch[0] as Pending<DB>).reject(error);
        return;
      }
      // One piece failed and took the batch with it: run each alone, so only it fails.
      for (const p of batch) {
        try {
          p.resolve(
            await this.#db.transaction().execute(async (trx) => {
              const value = await p.work(trx);
              await this.#beforeCommit?.(trx);
              return value;
            }),
          );
        } catch (err) {
          p.reject(err);
        }
      }
      return;
    }
    GroupCommitter.onCommit?.(batch.length, this.#name);
    batch.forEach((p, i) => {
      p.resolve(values[i]);
    });
  }
}

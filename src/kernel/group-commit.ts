import type { Kysely, Transaction } from "kysely";
import type { Database } from "../db/schema.js";

type Work<T> = (trx: Transaction<Database>) => Promise<T>;

interface Pending {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit: writes that arrive together share one transaction, and each caller is answered
 * only after that transaction has committed (so an acknowledgement always means durable).
 * Each piece of work runs in its own savepoint, so one that fails rolls back alone and its
 * caller gets the error, while the rest of the batch commits. Throughput comes from paying
 * for one commit (one fsync) per batch instead of one per request.
 */
export class GroupCommitter {
  readonly #db: Kysely<Database>;
  readonly #maxBatch: number;
  #queue: Pending[] = [];
  #running = false;

  constructor(db: Kysely<Database>, options: { maxBatch?: number } = {}) {
    this.#db = db;
    this.#maxBatch = options.maxBatch ?? 64;
  }

  /** Runs `work` in the next batch; resolves with its value once the batch has committed. */
  run<T>(work: Work<T>): Promise<T> {
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

  async #commit(batch: Pending[]): Promise<void> {
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    let trx: Awaited<ReturnType<ReturnType<Kysely<Database>["startTransaction"]>["execute"]>>;
    try {
      trx = await this.#db.startTransaction().execute();
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    try {
      if (batch.length === 1) {
        // Alone: no savepoint needed; a failure rolls the whole (one-item) transaction back.
        const only = batch[0] as Pending;
        try {
          outcomes.push({ ok: true, value: await only.work(trx) });
        } catch (error) {
          await trx.rollback().execute();
          only.reject(error);
          return;
        }
      } else {
        for (const p of batch) {
          const sp = await trx.savepoint("item").execute();
          try {
            const value = await p.work(sp);
            await sp.releaseSavepoint("item").execute();
            outcomes.push({ ok: true, value });
          } catch (error) {
            await sp.rollbackToSavepoint("item").execute();
            outcomes.push({ ok: false, error });
          }
        }
      }
      await trx.commit().execute();
    } catch (error) {
      try {
        await trx.rollback().execute();
      } catch {
        // the connection is gone; the transaction died with it
      }
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => {
      const o = outcomes[i];
      if (o?.ok) p.resolve(o.value);
      else p.reject(o?.error);
    });
  }
}

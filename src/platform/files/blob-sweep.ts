/** Which of these keys some row still references. */
export type ReferencedKeys = (sha256s: string[]) => Promise<Set<string>>;

const KEY = /^[0-9a-f]{64}$/;
const BATCH = 500;

/** Whether a string is a content key (a SHA-256 in lowercase hex). */
export const isBlobKey = (key: string): boolean => KEY.test(key);

/**
 * What a store offers the sweep — the age of its contents and a removal that checks it again —
 * and the removal of unreferenced contents built on them, the same for every store.
 */
export abstract class StaleRemoval {
  /** Of these keys, those stored and last written (or written again) before `before`. */
  abstract writtenBefore(keys: string[], before: Date): Promise<string[]>;
  /**
   * Takes one content away if it is still last written before `before`: an upload of the same
   * content refreshes that time before it writes its row, so it is never taken from under it.
   */
  abstract removeIfStale(key: string, before: Date): Promise<boolean>;

  /**
   * Removes the stored contents among `sha256s` that no row references and that were last
   * written or reused before `before` (younger ones may belong to an upload whose row is not
   * written yet). Content still referenced is never touched. Returns how many were removed.
   */
  async removeUnreferenced(
    sha256s: Iterable<string>,
    referenced: ReferencedKeys,
    before: Date,
  ): Promise<number> {
    const keys = [...new Set(sha256s)].filter(isBlobKey);
    let removed = 0;
    for (let i = 0; i < keys.length; i += BATCH) {
      const old = await this.writtenBefore(keys.slice(i, i + BATCH), before);
      if (old.length === 0) continue;
      const inUse = await referenced(old);
      for (const key of old) {
        if (!inUse.has(key) && (await this.removeIfStale(key, before))) removed++;
      }
    }
    return removed;
  }
}

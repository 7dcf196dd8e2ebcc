/** One stored page: the body as sent and when it stops being served. */
export interface CachedPage {
  body: string;
  contentType: string;
  expires: number;
}

/**
 * A short-lived in-memory copy of public pages, keyed by language and URL. Staleness across
 * instances is bounded by the TTL; `invalidate()` empties this instance's copy at once after a
 * change made here.
 */
export class PageCache {
  readonly #entries = new Map<string, CachedPage>();
  constructor(
    readonly ttlMs: number,
    readonly maxEntries = 2000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): CachedPage | undefined {
    const e = this.#entries.get(key);
    if (!e) return undefined;
    if (e.expires <= this.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return e;
  }

  set(key: string, body: string, contentType: string): void {
    if (this.ttlMs <= 0) return;
    if (this.#entries.size >= this.maxEntries)
      this.#entries.delete(this.#entries.keys().next().value as string);
    this.#entries.set(key, { body, contentType, expires: this.now() + this.ttlMs });
  }

  invalidate(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}

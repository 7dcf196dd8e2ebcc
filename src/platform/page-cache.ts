import type { Broadcast } from "./broadcast.js";

/** One stored page: the body as sent and when it stops being served. */
export interface CachedPage {
  body: string;
  contentType: string;
  expires: number;
}

/** The broadcast topic on which every process empties its copy of public pages. */
export const PAGES_TOPIC = "page-cache.invalidate";

/**
 * A short-lived in-memory copy of public pages, keyed by language and URL. `invalidate()`
 * empties this process's copy at once and, through the broadcast, every other process's (the
 * other workers, the other instances) as soon as the message arrives; the TTL bounds staleness
 * whatever happens to the message.
 */
export class PageCache {
  readonly #entries = new Map<string, CachedPage>();
  constructor(
    readonly ttlMs: number,
    readonly maxEntries = 2000,
    private readonly now: () => number = Date.now,
    private readonly broadcast: Broadcast | null = null,
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

  /** Empties every process's copy: this one now, the others when the message reaches them. */
  invalidate(): void {
    this.clear();
    void this.broadcast?.publish(PAGES_TOPIC, null);
  }

  /** Empties this process's copy only. */
  clear(): void {
    this.#entries.clear();
  }

  /** Empties this copy whenever any process invalidates; a server calls it once (returns the unsubscribe). */
  listen(): () => void {
    return this.broadcast?.subscribe(PAGES_TOPIC, () => this.clear()) ?? (() => {});
  }

  get size(): number {
    return this.#entries.size;
  }
}

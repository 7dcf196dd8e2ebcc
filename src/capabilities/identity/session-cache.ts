import type { RoleGrant } from "../../kernel/permissions.js";
import type { Broadcast } from "../../platform/broadcast.js";
import type { AppContext } from "../../platform/manifest.js";
import type { SessionHolder, SessionRecord } from "./session.repository.js";

/** The broadcast topic that tells every process which sessions to forget. */
export const SESSIONS_TOPIC = "identity.sessions";

/** What one signed-in request needs of its session, as read from the database. */
export interface CachedSession {
  session: SessionRecord;
  holder: SessionHolder;
  grants: RoleGrant[];
}

/** Sessions or accounts whose cached lookups every process must drop. */
export interface Forget {
  sessions?: string[];
  accounts?: string[];
}

/** How long a lookup is kept at most; a session's own end (and idle limit) is checked on each use. */
export const SESSION_CACHE_MS = 60_000;
const SESSION_CACHE_ENTRIES = 10_000;

/**
 * Whether this deployment may keep sessions in memory: only where a revocation reaches every
 * process that may hold a copy (`SESSION_CACHE`: `off` never, `on` always, `auto` — the
 * default — with `REDIS_URL`, or on SQLite, whose processes are one machine's cluster workers
 * told through IPC). PostgreSQL without Redis may have instances nobody tells: off.
 */
export function sessionCacheAllowed(ctx: Pick<AppContext, "config" | "db">): boolean {
  const mode = ctx.config.sessionCache;
  if (mode === "off") return false;
  if (mode === "on") return true;
  return ctx.config.redisUrl !== null || ctx.db.dialect === "sqlite";
}

/**
 * The session lookups of this process, by the session's id hash: bounded (least recently used
 * go first) and short-lived. Unknown tokens are never kept (a token created a moment later on
 * another instance must work here at once). Every change that ends or alters a session or its
 * holder publishes on `SESSIONS_TOPIC` after it commits (`forgetSessions`); each process drops
 * the entries at once. A lookup that was reading the database while such a message arrived is
 * not kept (it may have read the row before the change committed). While the broadcast is not
 * live (Redis unreachable) nothing is kept or served from here.
 */
export class SessionCache {
  readonly #entries = new Map<string, { value: CachedSession; until: number }>();
  readonly #byAccount = new Map<string, Set<string>>();
  /** Counts the messages received: a lookup begun under another count is not kept. */
  #generation = 0;
  #wasLive: boolean;
  readonly #unsubscribe: Array<() => void>;

  constructor(
    private readonly broadcast: Broadcast,
    private readonly now: () => number,
    readonly maxAgeMs = SESSION_CACHE_MS,
    readonly maxEntries = SESSION_CACHE_ENTRIES,
  ) {
    this.#wasLive = broadcast.live;
    this.#unsubscribe = [
      broadcast.subscribe(SESSIONS_TOPIC, (payload) => this.#forget(payload as Forget)),
      broadcast.onGap(() => this.clear()),
    ];
  }

  /** The generation to hand back to `set` after reading the database. */
  get generation(): number {
    return this.#generation;
  }

  get(idHash: string): CachedSession | undefined {
    if (!this.#live()) return undefined;
    const e = this.#entries.get(idHash);
    if (!e) return undefined;
    if (e.until <= this.now()) {
      this.#drop(idHash);
      return undefined;
    }
    // Least recently used goes first: a hit moves to the end.
    this.#entries.delete(idHash);
    this.#entries.set(idHash, e);
    return e.value;
  }

  /** Keeps a lookup read while the generation was `generation`, unless a message came since. */
  set(value: CachedSession, generation: number): void {
    if (generation !== this.#generation || !this.#live()) return;
    const idHash = value.session.idHash;
    this.#drop(idHash);
    if (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#drop(oldest);
    }
    const until = Math.min(this.now() + this.maxAgeMs, Date.parse(value.session.expiresAt));
    this.#entries.set(idHash, { value, until });
    let set = this.#byAccount.get(value.session.accountId);
    if (!set) {
      set = new Set();
      this.#byAccount.set(value.session.accountId, set);
    }
    set.add(idHash);
  }

  /** This process's own change of `lastSeenAt`, so the idle check reads what was written. */
  touched(idHash: string, lastSeenAt: string): void {
    const e = this.#entries.get(idHash);
    if (e) e.value = { ...e.value, session: { ...e.value.session, lastSeenAt } };
  }

  /** Drops one entry here only (the entry proved stale, e.g. it looks idle). */
  drop(idHash: string): void {
    this.#drop(idHash);
  }

  clear(): void {
    this.#generation++;
    this.#entries.clear();
    this.#byAccount.clear();
  }

  get size(): number {
    return this.#entries.size;
  }

  close(): void {
    for (const u of this.#unsubscribe) u();
    this.clear();
  }

  /** Not live: clear, so that what was kept before a gap is never served after it. */
  #live(): boolean {
    const live = this.broadcast.live;
    if (live !== this.#wasLive) {
      this.#wasLive = live;
      this.clear();
    }
    return live;
  }

  #forget(f: Forget): void {
    this.#generation++;
    for (const idHash of f.sessions ?? []) this.#drop(idHash);
    for (const accountId of f.accounts ?? []) {
      for (const idHash of [...(this.#byAccount.get(accountId) ?? [])]) this.#drop(idHash);
      this.#byAccount.delete(accountId);
    }
  }

  #drop(idHash: string): void {
    const e = this.#entries.get(idHash);
    if (!e) return;
    this.#entries.delete(idHash);
    const set = this.#byAccount.get(e.value.session.accountId);
    set?.delete(idHash);
    if (set?.size === 0) this.#byAccount.delete(e.value.session.accountId);
  }
}

/**
 * Tells every process (this one at once, the others through the broadcast) to forget these
 * sessions and every session of these accounts. Call it after the change has committed, never
 * inside its transaction: a process that read the row before the commit would keep it again.
 */
export async function forgetSessions(ctx: Pick<AppContext, "broadcast">, f: Forget): Promise<void> {
  const sessions = f.sessions?.filter(Boolean) ?? [];
  const accounts = f.accounts?.filter(Boolean) ?? [];
  if (sessions.length === 0 && accounts.length === 0) return;
  await ctx.broadcast.publish(SESSIONS_TOPIC, { sessions, accounts });
}

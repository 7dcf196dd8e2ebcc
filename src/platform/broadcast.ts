import cluster from "node:cluster";
import { randomUUID } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import type { Redis } from "ioredis";
import { openRedis } from "./redis.js";

/** A message to every process of the deployment; small JSON values only. */
export type BroadcastHandler = (payload: unknown) => void;

/** How messages leave this process. */
export type BroadcastTransport = "local" | "ipc" | "redis";

/**
 * A small bus that tells every process of a deployment — this one, the other workers on this
 * machine, the other instances — that something changed, so each can forget what it keeps in
 * memory (sessions, public pages). A message is delivered to this process at once, inside
 * `publish`, and to the others as soon as the transport carries it: nothing is queued or
 * replayed, so a holder of a per-process copy must treat `live === false` (Redis unreachable)
 * as "messages may be missed" and stop serving from memory until it is live again.
 *
 * - `local`: one process; publish only delivers here.
 * - `ipc`: a node:cluster worker. The message goes to the primary as
 *   `{ halyqBroadcast: true, topic, payload }`, which sends it unchanged to every other worker.
 * - `redis`: `REDIS_URL` set. One channel, `<REDIS_PREFIX>broadcast`, shared by every process
 *   of every instance (cluster workers included, so nothing also goes over IPC and nothing is
 *   delivered twice). Both connections (a subscriber needs its own) are opened with the first
 *   subscription: a process that never subscribes, such as a command-line run, publishes to
 *   itself only and leaves nothing open.
 */
export interface Broadcast {
  readonly transport: BroadcastTransport;
  /** Whether a message published by another process reaches this one now. */
  readonly live: boolean;
  /**
   * Delivers here at once, then hands the message to the transport; resolves once the
   * transport has taken it (Redis answered the PUBLISH, the IPC channel sent it). Never rejects:
   * a failure is logged, and the others' copies age out.
   */
  publish(topic: string, payload: unknown): Promise<void>;
  /** Calls `handler` for every message on `topic`, this process's own included; returns the unsubscribe. */
  subscribe(topic: string, handler: BroadcastHandler): () => void;
  /**
   * Calls `handler` whenever messages may have been missed (the Redis subscriber reconnected
   * after a gap): what was kept from before may be stale.
   */
  onGap(handler: () => void): () => void;
  close(): Promise<void>;
}

/** What the primary of a cluster relays unchanged to every other worker. */
export interface BroadcastMessage {
  halyqBroadcast: true;
  topic: string;
  payload: unknown;
}

export function isBroadcastMessage(m: unknown): m is BroadcastMessage {
  return (
    typeof m === "object" &&
    m !== null &&
    (m as { halyqBroadcast?: unknown }).halyqBroadcast === true &&
    typeof (m as { topic?: unknown }).topic === "string"
  );
}

/** The process channel of a cluster worker (or any child with IPC), as the transport needs it. */
export interface IpcChannel {
  send(message: BroadcastMessage, callback: (err: Error | null) => void): unknown;
  on(event: "message", listener: (message: unknown) => void): unknown;
  off(event: "message", listener: (message: unknown) => void): unknown;
  readonly connected?: boolean;
}

export interface BroadcastOptions {
  redisUrl: string | null;
  redisPrefix: string;
  log: FastifyBaseLogger;
  /** The IPC channel to use when there is no Redis; by default the process's own in a cluster worker. */
  ipc?: IpcChannel | null;
}

class Handlers {
  readonly #byTopic = new Map<string, Set<BroadcastHandler>>();
  constructor(private readonly log: FastifyBaseLogger) {}

  add(topic: string, handler: BroadcastHandler): () => void {
    let set = this.#byTopic.get(topic);
    if (!set) {
      set = new Set();
      this.#byTopic.set(topic, set);
    }
    set.add(handler);
    return () => set.delete(handler);
  }

  deliver(topic: string, payload: unknown): void {
    for (const handler of this.#byTopic.get(topic) ?? []) {
      try {
        handler(payload);
      } catch (err) {
        this.log.error({ err, topic }, "broadcast handler failed");
      }
    }
  }
}

/** The broadcast this process's configuration calls for (see `Broadcast`). */
export function createBroadcast(options: BroadcastOptions): Broadcast {
  if (options.redisUrl) return redisBroadcast(options.redisUrl, options.redisPrefix, options.log);
  const ipc =
    options.ipc !== undefined
      ? options.ipc
      : cluster.isWorker
        ? (process as unknown as IpcChannel)
        : null;
  return ipc ? ipcBroadcast(ipc, options.log) : localBroadcast(options.log);
}

function localBroadcast(log: FastifyBaseLogger): Broadcast {
  const handlers = new Handlers(log);
  return {
    transport: "local",
    live: true,
    publish: async (topic, payload) => handlers.deliver(topic, payload),
    subscribe: (topic, handler) => handlers.add(topic, handler),
    onGap: () => () => {},
    close: async () => {},
  };
}

function ipcBroadcast(channel: IpcChannel, log: FastifyBaseLogger): Broadcast {
  const handlers = new Handlers(log);
  const listener = (m: unknown) => {
    if (isBroadcastMessage(m)) handlers.deliver(m.topic, m.payload);
  };
  let listening = false;
  return {
    transport: "ipc",
    get live() {
      return channel.connected !== false;
    },
    async publish(topic, payload) {
      handlers.deliver(topic, payload);
      await new Promise<void>((resolve) => {
        const failed = (err: unknown) => {
          // The primary is gone; this worker is about to be stopped with it.
          log.error({ err, topic }, "broadcast to the other workers failed");
          resolve();
        };
        try {
          channel.send({ halyqBroadcast: true, topic, payload }, (err) =>
            err ? failed(err) : resolve(),
          );
        } catch (err) {
          failed(err);
        }
      });
    },
    subscribe(topic, handler) {
      if (!listening) {
        channel.on("message", listener);
        listening = true;
      }
      return handlers.add(topic, handler);
    },
    onGap: () => () => {},
    async close() {
      if (listening) channel.off("message", listener);
      listening = false;
    },
  };
}

/** How long a publish waits for Redis to take a message before it logs and gives up. */
const PUBLISH_WAIT_MS = 1_000;

function redisBroadcast(url: string, prefix: string, log: FastifyBaseLogger): Broadcast {
  const handlers = new Handlers(log);
  const gapHandlers = new Set<() => void>();
  const channel = `${prefix}broadcast`;
  // Messages this process sent come back from Redis; they were delivered here already.
  const origin = randomUUID();
  let publisher: Redis | null = null;
  let subscriber: Redis | null = null;
  let subscribed = false;
  let closed = false;

  const openPublisher = (): Redis | null => {
    if (!publisher && !closed) {
      publisher = openRedis(url, { queueUntilConnected: true });
      publisher?.on("error", (err) =>
        log.warn({ err: err.message }, "Redis broadcast unreachable"),
      );
    }
    return publisher;
  };

  const openSubscriber = () => {
    if (subscriber || closed) return;
    const sub = openRedis(url, { queueUntilConnected: true });
    if (!sub) return;
    subscriber = sub;
    let everSubscribed = false;
    sub.on("error", (err) => log.warn({ err: err.message }, "Redis broadcast unreachable"));
    sub.on("close", () => {
      subscribed = false;
    });
    sub.on("message", (from: string, raw: string) => {
      if (from !== channel) return;
      let m: { origin?: unknown; topic?: unknown; payload?: unknown };
      try {
        m = JSON.parse(raw);
      } catch {
        return;
      }
      if (m.origin === origin || typeof m.topic !== "string") return;
      handlers.deliver(m.topic, m.payload);
    });
    // Subscribed afresh on every connection; between a drop and the new subscription this
    // process is not live, and whatever was published meanwhile is lost: say so.
    sub.on("ready", () => {
      sub.subscribe(channel).then(
        () => {
          if (closed) return;
          subscribed = true;
          if (everSubscribed) for (const h of gapHandlers) h();
          everSubscribed = true;
        },
        (err: Error) => log.warn({ err: err.message }, "Redis broadcast subscription failed"),
      );
    });
  };

  return {
    transport: "redis",
    get live() {
      return subscribed && subscriber?.status === "ready";
    },
    async publish(topic, payload) {
      handlers.deliver(topic, payload);
      // Opened with the first subscription: a process that never subscribes (a command-line
      // run, a template being prepared) only tells itself, and leaves no connection open.
      const redis = publisher;
      if (!redis) return;
      let timer: NodeJS.Timeout | undefined;
      try {
        // Bounded: a request that revokes a session never waits long on an unreachable Redis.
        await Promise.race([
          redis.publish(channel, JSON.stringify({ origin, topic, payload })),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error("no answer within 1 s")), PUBLISH_WAIT_MS);
          }),
        ]);
      } catch (err) {
        // The others keep what they hold until it ages out (sessions: at most a minute); a
        // process whose own subscriber lost Redis has already stopped serving from memory.
        log.error({ err: (err as Error).message, topic }, "broadcast through Redis failed");
      } finally {
        clearTimeout(timer);
      }
    },
    subscribe(topic, handler) {
      openSubscriber();
      openPublisher();
      return handlers.add(topic, handler);
    },
    onGap(handler) {
      gapHandlers.add(handler);
      return () => gapHandlers.delete(handler);
    },
    async close() {
      closed = true;
      subscribed = false;
      subscriber?.disconnect();
      publisher?.disconnect();
      subscriber = null;
      publisher = null;
    },
  };
}

/**
 * How wrong passwords and second-factor codes slow down further guessing, per (account,
 * client), after OWASP's device-cookie model (docs/security.md has the figures):
 *
 * - a client showing a valid device token for the account is counted on its own;
 * - any other client is counted twice: for the account from its address, and for the account
 *   from every such client together; either counter can pause it.
 *
 * Nothing here ends a session or stops a device that signed in before: a pause only refuses
 * further guesses from the clients it counts. Counters are keyed by the e-mail address typed,
 * not by whether an account has it, so a pause looks the same for an unknown address.
 */
import { createHmac } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { AppContext } from "../../platform/manifest.js";
import type { IdentitySettings, ThrottleRule } from "./account.js";
import { normaliseEmail } from "./account.js";
import { deviceFor } from "./auth/device-tokens.js";

type Db = Kysely<Database>;

/** Who is guessing: the client's address and the device tokens it showed. */
export interface Client {
  ip: string;
  deviceTokens: readonly string[];
}

/** What an attempt is about: the e-mail typed (or the account's own) and, if known, the account. */
export interface Target {
  email: string | null;
  accountId: string | null;
  /** The account's stored password hash: device tokens hold only for the password they were given under. */
  credential?: string | null;
}

interface Counter {
  key: string;
  rule: ThrottleRule;
}

/** An attempt that may go ahead: it is already counted as wrong until `attemptRight` says otherwise. */
export interface Attempt {
  subject: string;
  counters: Counter[];
  /** The device counter, when the client showed a valid token for the account. */
  device: string | null;
  /** The count of the account's untrusted clients with this attempt, when it was counted there. */
  untrustedFailures: number | null;
}

export type Gate = { kind: "open"; attempt: Attempt } | { kind: "paused"; until: Date };

/** How long the attempt after `failures` wrong ones must wait, in minutes (0: none). */
export function delayMinutes(rule: ThrottleRule, failures: number): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.firstDelayMinutes * 2 ** (failures - rule.free), rule.maxDelayMinutes);
}

/** Until when a counter refuses attempts, or null when the next one may go ahead now. */
export function pausedUntil(
  rule: ThrottleRule,
  failures: number,
  lastFailureAt: string,
  now: Date,
  forgetAfterHours: number,
): Date | null {
  const last = Date.parse(lastFailureAt);
  if (now.getTime() - last >= forgetAfterHours * 3_600_000) return null;
  const until = last + delayMinutes(rule, failures) * 60_000;
  return until > now.getTime() ? new Date(until) : null;
}

/**
 * The part of a client address that counts as one client: an IPv4 address, or the /64 network
 * of an IPv6 address (one subscriber usually holds a whole /64).
 */
export function addressOf(ip: string): string {
  if (isIPv4(ip)) return ip;
  if (!isIPv6(ip)) return ip;
  let text = ip.toLowerCase().split("%")[0] ?? "";
  // A dotted IPv4 tail ("::ffff:1.2.3.4") as the two groups it stands for.
  const dotted = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(2).map(Number) as [number, number, number, number];
    text = `${dotted[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail = ""] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = (
    text.includes("::")
      ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right]
      : left
  ).map((g) => Number.parseInt(g, 16));
  // An IPv4 address mapped into IPv6 (::ffff:a.b.c.d, in either spelling) is that IPv4 client.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [hi = 0, lo = 0] = groups.slice(6);
    return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}

function keyed(secret: Buffer, ...parts: string[]): string {
  return createHmac("sha256", secret)
    .update(`sign-in\n${parts.join("\n")}`)
    .digest("base64url");
}

/** The hash every counter of one account (or one e-mail address typed) shares. */
export function throttleSubject(secret: Buffer, target: Target): string {
  return keyed(
    secret,
    target.email ? `email:${normaliseEmail(target.email)}` : `account:${target.accountId ?? ""}`,
  );
}

async function readCounter(db: Db, key: string) {
  return db
    .selectFrom("sign_in_throttle")
    .select(["failures", "last_failure_at"])
    .where("key", "=", key)
    .executeTakeFirst();
}

/**
 * Counts one attempt on a counter unless it is paused, atomically: a compare-and-set on the
 * row, so attempts sent in parallel are each counted and none slips past a pause.
 */
async function claim(
  db: Db,
  subject: string,
  c: Counter,
  now: Date,
  forgetAfterHours: number,
): Promise<{ ok: true; failures: number } | { ok: false; until: Date }> {
  const at = now.toISOString();
  for (let round = 0; round < 20; round++) {
    const row = await readCounter(db, c.key);
    if (!row) {
      const r = await db
        .insertInto("sign_in_throttle")
        .values({ key: c.key, subject, failures: 1, last_failure_at: at })
        .onConflict((oc) => oc.column("key").doNothing())
        .executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) === 1) return { ok: true, failures: 1 };
      continue;
    }
    const failures = Number(row.failures);
    const until = pausedUntil(c.rule, failures, row.last_failure_at, now, forgetAfterHours);
    if (until) return { ok: false, until };
    const stale = now.getTime() - Date.parse(row.last_failure_at) >= forgetAfterHours * 3_600_000;
    const next = (stale ? 0 : failures) + 1;
    const r = await db
      .updateTable("sign_in_throttle")
      .set({ failures: next, last_failure_at: at })
      .where("key", "=", c.key)
      .where("failures", "=", row.failures)
      .where("last_failure_at", "=", row.last_failure_at)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 1) return { ok: true, failures: next };
  }
  // Twenty lost races in a row: someone is hammering this counter; let them wait.
  return { ok: false, until: new Date(now.getTime() + 60_000) };
}

/** Takes back one counted attempt (it was right after all). */
async function release(db: Db, key: string): Promise<void> {
  await db
    .updateTable("sign_in_throttle")
    .set((eb) => ({ failures: eb("failures", "-", 1) }))
    .where("key", "=", key)
    .where("failures", ">", 0)
    .execute();
}

/** The paused moment of a counter, read without counting. */
async function peek(db: Db, c: Counter, now: Date, forgetAfterHours: number) {
  const row = await readCounter(db, c.key);
  return row
    ? pausedUntil(c.rule, Number(row.failures), row.last_failure_at, now, forgetAfterHours)
    : null;
}

/**
 * Decides whether a password or code may be checked for this client, and counts the attempt
 * as wrong before it is checked (so a burst cannot outrun the count). Call `attemptRight` when
 * the secret was right; otherwise `attemptWrong`.
 */
export async function beginAttempt(
  ctx: AppContext,
  settings: IdentitySettings,
  target: Target,
  client: Client,
): Promise<Gate> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const s = settings.throttle;
  const subject = throttleSubject(ctx.secret, target);
  let devicePausedUntil: Date | null = null;
  const device = target.accountId
    ? deviceFor(
        ctx.secret,
        client.deviceTokens,
        target.accountId,
        now,
        s.deviceDays,
        target.credential ?? "",
      )
    : undefined;
  if (device) {
    const counter = {
      key: `d:${keyed(ctx.secret, "device", device.accountId, device.nonce)}`,
      rule: s.device,
    };
    const claimed = await claim(db, subject, counter, now, s.forgetAfterHours);
    if (claimed.ok)
      return {
        kind: "open",
        attempt: { subject, counters: [counter], device: counter.key, untrustedFailures: null },
      };
    // A paused device is one more untrusted client (OWASP): it may still try where they may.
    devicePausedUntil = claimed.until;
  }
  const address: Counter = {
    key: `a:${keyed(ctx.secret, "address", subject, addressOf(client.ip))}`,
    rule: s.address,
  };
  const untrusted: Counter = { key: `u:${subject}`, rule: s.untrusted };
  const paused = (until: Date): Gate => ({
    kind: "paused",
    until:
      devicePausedUntil && devicePausedUntil.getTime() < until.getTime()
        ? devicePausedUntil
        : until,
  });
  const waits = (
    await Promise.all([address, untrusted].map((c) => peek(db, c, now, s.forgetAfterHours)))
  ).filter((d): d is Date => d !== null);
  if (waits.length > 0) return paused(new Date(Math.max(...waits.map((d) => d.getTime()))));
  const first = await claim(db, subject, address, now, s.forgetAfterHours);
  if (!first.ok) return paused(first.until);
  const second = await claim(db, subject, untrusted, now, s.forgetAfterHours);
  if (!second.ok) {
    await release(db, address.key);
    return paused(second.until);
  }
  return {
    kind: "open",
    attempt: {
      subject,
      counters: [address, untrusted],
      device: null,
      untrustedFailures: second.failures,
    },
  };
}

/**
 * The secret was right: the attempt is taken back. When the person is now fully signed in on a
 * device that had a token, that device's counter starts again from zero.
 */
export async function attemptRight(
  ctx: AppContext,
  attempt: Attempt,
  fullySignedIn: boolean,
): Promise<void> {
  const db = ctx.db.kysely;
  if (attempt.device && fullySignedIn) {
    await db.deleteFrom("sign_in_throttle").where("key", "=", attempt.device).execute();
    return;
  }
  for (const c of attempt.counters) await release(db, c.key);
}

/**
 * Whether this wrong attempt is the one that starts the delays for the account's untrusted
 * clients (the moment to tell the owner): reached once per counting period.
 */
export function startsPause(settings: IdentitySettings, attempt: Attempt): boolean {
  return attempt.untrustedFailures === settings.throttle.address.free;
}

/** Clears every counter of an account (a password reset proves the person holds the address). */
export async function clearThrottle(db: Db, secret: Buffer, target: Target): Promise<void> {
  await db
    .deleteFrom("sign_in_throttle")
    .where("subject", "=", throttleSubject(secret, target))
    .execute();
}

/**
 * Deletes counters that have started again from zero anyway (no wrong attempt for the
 * forgetting period), so guesses at made-up addresses do not pile up. Safe on every instance.
 */
export async function forgetQuietCounters(
  ctx: AppContext,
  settings: IdentitySettings,
): Promise<number> {
  const before = new Date(
    ctx.clock.now().getTime() - settings.throttle.forgetAfterHours * 3_600_000,
  ).toISOString();
  const r = await ctx.db.kysely
    .deleteFrom("sign_in_throttle")
    .where("last_failure_at", "<=", before)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Whole minutes until a moment, at least one (for "try again in N minutes"). */
export function minutesUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}

/** Whole seconds until a moment, at least one (the Retry-After header of a refusal). */
export function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

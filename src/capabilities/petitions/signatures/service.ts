import { getSetting } from "../../../kernel/settings.js";
import type { AppContext } from "../../../platform/manifest.js";
import { checkThreshold } from "../index.js";
import { SignatureBatcher } from "./batcher.js";
import { DEFAULT_LIMITS, parseLimits, type SigningLimits, WindowLimiter } from "./rate-limit.js";

/** One instance's signing machinery: its batcher and its rate limiters. */
export interface Signing {
  batcher: SignatureBatcher;
  limits: SigningLimits;
  perAccount: WindowLimiter;
  perAddress: WindowLimiter;
}

export const LIMITS_SETTING = "petition_signatures.rate_limits";

const instances = new WeakMap<AppContext, Signing>();

const THRESHOLD_CHECK_MS = 1000;

/**
 * After signatures commit, asks the life cycle whether the petition reached its threshold: at
 * most once a second per petition (a surge commits many batches a second), and always once
 * after the last batch, so a petition moves on within about a second of its deciding signature.
 */
function thresholdChecks(ctx: AppContext): (petitionIds: string[]) => void {
  const last = new Map<string, number>();
  const pending = new Set<string>();
  return (petitionIds) => {
    for (const id of petitionIds) {
      if (pending.has(id)) continue;
      pending.add(id);
      const wait = Math.max(
        0,
        (last.get(id) ?? -THRESHOLD_CHECK_MS) + THRESHOLD_CHECK_MS - performance.now(),
      );
      setTimeout(() => {
        pending.delete(id);
        last.set(id, performance.now());
        checkThreshold(ctx, id).catch((err: unknown) =>
          ctx.log.warn({ err, petitionId: id }, "threshold check after signing failed"),
        );
      }, wait).unref();
    }
  };
}

function make(ctx: AppContext, limits: SigningLimits): Signing {
  const s: Signing = {
    batcher: new SignatureBatcher(ctx.db.kysely, ctx.clock),
    limits,
    perAccount: new WindowLimiter(limits.perAccount),
    perAddress: new WindowLimiter(limits.perAddress),
  };
  s.batcher.onCommitted(thresholdChecks(ctx));
  instances.set(ctx, s);
  return s;
}

/** Sets up signing for an app, reading the rate limits from the instance settings. */
export async function startSigning(ctx: AppContext): Promise<Signing> {
  const existing = instances.get(ctx);
  if (existing) return existing;
  return make(ctx, parseLimits(await getSetting(ctx.db.kysely, LIMITS_SETTING)));
}

export function signing(ctx: AppContext): Signing {
  return instances.get(ctx) ?? make(ctx, DEFAULT_LIMITS);
}

/** Counts one signing attempt against both limits; false when either is used up. */
export function withinLimits(ctx: AppContext, accountId: string, ip: string): boolean {
  const s = signing(ctx);
  const now = ctx.clock.now().getTime();
  const byAccount = s.perAccount.take(accountId, now);
  const byAddress = s.perAddress.take(ip, now);
  return byAccount && byAddress;
}

/** Replaces this instance's limits (an operator's change without a restart; tests). */
export function applyLimits(ctx: AppContext, limits: SigningLimits): void {
  const s = signing(ctx);
  s.limits = limits;
  s.perAccount = new WindowLimiter(limits.perAccount);
  s.perAddress = new WindowLimiter(limits.perAddress);
}

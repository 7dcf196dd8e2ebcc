/**
 * Attempts per key in fixed one-minute windows, in this instance's memory (each instance
 * counts its own; behind a balancer that spreads clients, the effective limit is per instance).
 * The map is emptied when the window turns, so it never holds more than one minute of keys.
 */
export class WindowLimiter {
  #window = -1;
  #counts = new Map<string, number>();

  constructor(
    readonly limit: number,
    readonly windowMs = 60_000,
  ) {}

  /** Counts one attempt; false when `key` has used up the window. */
  take(key: string, nowMs: number): boolean {
    const window = Math.floor(nowMs / this.windowMs);
    if (window !== this.#window) {
      this.#window = window;
      this.#counts = new Map();
    }
    const n = (this.#counts.get(key) ?? 0) + 1;
    this.#counts.set(key, n);
    return n <= this.limit;
  }
}

export interface SigningLimits {
  /** Signing and withdrawing attempts per account per minute. */
  perAccount: number;
  /** The same per client address (kept high: many people share one address behind NAT). */
  perAddress: number;
}

export const DEFAULT_LIMITS: SigningLimits = { perAccount: 20, perAddress: 600 };

/** Limits from the instance setting `petition_signatures.rate_limits` (JSON), else the defaults. */
export function parseLimits(raw: string | undefined): SigningLimits {
  if (!raw) return DEFAULT_LIMITS;
  try {
    const v = JSON.parse(raw) as Partial<SigningLimits>;
    const ok = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 1;
    return {
      perAccount: ok(v.perAccount) ? v.perAccount : DEFAULT_LIMITS.perAccount,
      perAddress: ok(v.perAddress) ? v.perAddress : DEFAULT_LIMITS.perAddress,
    };
  } catch {
    return DEFAULT_LIMITS;
  }
}

import { describe, expect, it } from "vitest";
import {
  cookieWithToken,
  deviceFor,
  issueDeviceToken,
  tokensOfCookie,
  verifyDeviceToken,
} from "./auth/device-tokens.js";
import { addressOf, delayMinutes, minutesUntil, pausedUntil } from "./sign-in-throttle.js";

const rule = { free: 5, firstDelayMinutes: 1, maxDelayMinutes: 60 };

describe("the delays after wrong attempts", () => {
  it("gives the free attempts, then doubles the wait up to its ceiling", () => {
    expect([0, 4, 5, 6, 7, 10, 11, 50].map((n) => delayMinutes(rule, n))).toEqual([
      0, 0, 1, 2, 4, 32, 60, 60,
    ]);
  });

  it("pauses from the last wrong attempt, and forgets a counter left alone for a day", () => {
    const last = "2025-03-19T05:00:00.000Z";
    const at = (iso: string) => new Date(iso);
    expect(pausedUntil(rule, 4, last, at("2025-03-19T05:00:01Z"), 24)).toBeNull();
    expect(pausedUntil(rule, 6, last, at("2025-03-19T05:01:00Z"), 24)?.toISOString()).toBe(
      "2025-03-19T05:02:00.000Z",
    );
    expect(pausedUntil(rule, 6, last, at("2025-03-19T05:02:00Z"), 24)).toBeNull();
    expect(pausedUntil(rule, 40, last, at("2025-03-19T05:59:00Z"), 24)).not.toBeNull();
    expect(pausedUntil(rule, 40, last, at("2025-03-20T05:00:00Z"), 24)).toBeNull();
    expect(minutesUntil(at("2025-03-19T05:01:01Z"), at(last))).toBe(2);
    expect(minutesUntil(at(last), at(last))).toBe(1);
  });

  it("counts an IPv6 subscriber's /64 as one client, and IPv4-mapped addresses as IPv4", () => {
    expect(addressOf("203.0.113.5")).toBe("203.0.113.5");
    expect(addressOf("::ffff:203.0.113.5")).toBe("203.0.113.5");
    expect(addressOf("2001:db8:0:12::1")).toBe("2001:db8:0:12::/64");
    expect(addressOf("2001:0db8:0000:0012:ffff:1:2:3")).toBe("2001:db8:0:12::/64");
    expect(addressOf("2001:db8::")).toBe("2001:db8:0:0::/64");
  });

  it("reads an IPv4 address mapped into IPv6 in either spelling as that IPv4 address", () => {
    expect(addressOf("::ffff:cb00:7105")).toBe("203.0.113.5");
    expect(addressOf("::FFFF:C633:6401")).toBe("198.51.100.1");
    expect(addressOf("0:0:0:0:0:ffff:198.51.100.1")).toBe("198.51.100.1");
    // Two IPv4 clients are never one client because of how their addresses were written.
    expect(addressOf("::ffff:cb00:7105")).not.toBe(addressOf("::ffff:c633:6401"));
  });
});

describe("device tokens", () => {
  const secret = Buffer.alloc(32, 7);
  const now = new Date("2025-03-19T05:00:00Z");
  const account = "0b6f1c2e-5d1a-4a57-9a0e-3f2b1c4d5e6f";

  it("hold for their account, password and age, and not once altered or signed with another secret", () => {
    const pw = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
    const token = issueDeviceToken(secret, account, now, pw);
    expect(verifyDeviceToken(secret, token, now, 365, pw)?.accountId).toBe(account);
    expect(verifyDeviceToken(Buffer.alloc(32, 8), token, now, 365, pw)).toBeUndefined();
    const altered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    expect(verifyDeviceToken(secret, altered, now, 365, pw)).toBeUndefined();
    const other = token.replace(account, "0b6f1c2e-5d1a-4a57-9a0e-3f2b1c4d5e60");
    expect(verifyDeviceToken(secret, other, now, 365, pw)).toBeUndefined();
    const later = new Date(now.getTime() + 366 * 86_400_000);
    expect(verifyDeviceToken(secret, token, later, 365, pw)).toBeUndefined();
    expect(deviceFor(secret, ["junk", token], account, now, 365, pw)?.accountId).toBe(account);
    expect(deviceFor(secret, [token], "someone-else", now, 365, pw)).toBeUndefined();
    // A new password (a new salted hash) voids the tokens given under the old one.
    expect(deviceFor(secret, [token], account, now, 365, `${pw}x`)).toBeUndefined();
  });

  it("keep one token per account in a browser's cookie, five accounts at most", () => {
    let cookie: string | undefined;
    for (let i = 0; i < 7; i++)
      cookie = cookieWithToken(cookie, issueDeviceToken(secret, `acc-${i}`, now, ""), `acc-${i}`);
    const fresh = issueDeviceToken(secret, "acc-6", now, "");
    cookie = cookieWithToken(cookie, fresh, "acc-6");
    const tokens = tokensOfCookie(cookie);
    expect(tokens).toHaveLength(5);
    expect(tokens[0]).toBe(fresh);
    expect(tokens.filter((t) => t.startsWith("acc-6."))).toHaveLength(1);
  });
});

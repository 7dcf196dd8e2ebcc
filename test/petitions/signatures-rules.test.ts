import { describe, expect, it } from "vitest";
import { addressTraits, emailDomain } from "../../src/capabilities/petitions/signatures/address.js";
import {
  parseLimits,
  WindowLimiter,
} from "../../src/capabilities/petitions/signatures/rate-limit.js";
import {
  regionOf,
  significantPrefix,
  withinTerritory,
} from "../../src/capabilities/petitions/signatures/territory.js";

describe("territory of a petition (KATO hierarchy)", () => {
  it.each([
    ["710000000", "71"],
    ["711410000", "711410"],
    ["111010000", "111010"],
    ["113200000", "1132"],
    ["113245100", "113245100"],
  ])("names %s by the prefix %s", (code, prefix) => {
    expect(significantPrefix(code)).toBe(prefix);
  });

  it.each([
    // residence, territory, may sign
    ["711410000", null, true],
    [null, null, true],
    ["711410000", "711410000", true],
    ["711310000", "711410000", false],
    ["711410000", "710000000", true],
    ["711310000", "710000000", true],
    ["751210000", "710000000", false],
    ["113245100", "113200000", true],
    ["113345100", "113200000", false],
    ["710000000", "711410000", false],
    [null, "711410000", false],
    ["71141", "711410000", false],
    ["711410000", "7114", false],
  ] as const)("residence %s, territory %s → %s", (residence, territory, allowed) => {
    expect(withinTerritory(residence, territory)).toBe(allowed);
  });

  it("gives the region of a district", () => {
    expect(regionOf("711410000")).toBe("710000000");
    expect(regionOf("113245100")).toBe("110000000");
    expect(regionOf(null)).toBeNull();
    expect(regionOf("x")).toBeNull();
  });
});

describe("what is kept of a signer's address", () => {
  const secret = Buffer.from("0123456789abcdef0123456789abcdef");
  it("keeps a keyed hash and the /24 network of IPv4, never the address", () => {
    const a = addressTraits(secret, "203.0.113.7");
    expect(a.subnet).toBe("203.0.113.0/24");
    expect(a.addressHash).toMatch(/^[0-9a-f]{20}$/);
    expect(JSON.stringify(a)).not.toContain("203.0.113.7");
    expect(addressTraits(secret, "::ffff:203.0.113.7")).toEqual(a);
    expect(addressTraits(secret, "203.0.113.8").addressHash).not.toBe(a.addressHash);
    expect(
      addressTraits(Buffer.from("another secret of the instance"), "203.0.113.7").addressHash,
    ).not.toBe(a.addressHash);
  });
  it("keeps the /48 of IPv6", () => {
    expect(addressTraits(secret, "2001:db8:85a3::8a2e:370:7334").subnet).toBe("2001:db8:85a3::/48");
    expect(addressTraits(secret, "2001:db8::1").subnet).toBe("2001:db8:0::/48");
    expect(addressTraits(secret, "not an address")).toEqual({ addressHash: null, subnet: null });
  });
  it("takes the e-mail domain in lower case", () => {
    expect(emailDomain("A.B@Mail.KZ")).toBe("mail.kz");
    expect(emailDomain(null)).toBeNull();
    expect(emailDomain("nodomain")).toBeNull();
  });
});

describe("signing limits", () => {
  it("counts attempts per key in one-minute windows", () => {
    const l = new WindowLimiter(2);
    expect([l.take("a", 0), l.take("a", 1), l.take("a", 2), l.take("b", 3)]).toEqual([
      true,
      true,
      false,
      true,
    ]);
    expect(l.take("a", 60_000)).toBe(true);
  });
  it("reads the instance setting, falling back to defaults", () => {
    expect(parseLimits('{"perAccount":5,"perAddress":50}')).toEqual({
      perAccount: 5,
      perAddress: 50,
    });
    expect(parseLimits('{"perAccount":0}')).toEqual(parseLimits(undefined));
    expect(parseLimits("not json")).toEqual(parseLimits(undefined));
  });
});

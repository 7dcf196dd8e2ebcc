import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { currentTotp, newTotpSecret, totpQrSvg, totpStep, totpUri, verifyTotp } from "./totp.js";

/** RFC 6238's SHA-1 seed, the ASCII "12345678901234567890", in base32. */
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

/** RFC 6238 Appendix B (SHA-1); six digits are the last six of the eight it lists. */
const RFC_VECTORS: Array<[number, string]> = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

const at = (seconds: number) => new Date(seconds * 1000);

/** An independent RFC 4226/6238 implementation on node:crypto, to cross-check otplib. */
function referenceTotp(base32: string, seconds: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of base32) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g)?.map((b) => Number.parseInt(b, 2)) ?? []);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(seconds / 30)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = (mac[19] ?? 0) & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

describe("TOTP", () => {
  it("matches the RFC 6238 test vectors", () => {
    for (const [seconds, eight] of RFC_VECTORS) {
      const code = eight.slice(-6);
      expect(currentTotp(RFC_SECRET, at(seconds))).toBe(code);
      expect(verifyTotp(RFC_SECRET, code, at(seconds))).toBe(Math.floor(seconds / 30));
    }
  });

  it("makes 20-byte base32 secrets that agree with an independent implementation", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    for (const seconds of [0, 59, 1_700_000_000, 1_700_000_029, 1_700_000_030]) {
      expect(currentTotp(secret, at(seconds))).toBe(referenceTotp(secret, seconds));
    }
  });

  it("accepts the previous, current and next step and returns the step that matched", () => {
    const now = at(1_700_000_015); // 15 s into step 56 666 667
    const step = totpStep(now);
    expect(step).toBe(56_666_667);
    const codeAt = (s: number) => currentTotp(RFC_SECRET, at(s * 30));
    expect(verifyTotp(RFC_SECRET, codeAt(step), now)).toBe(step);
    expect(verifyTotp(RFC_SECRET, codeAt(step - 1), now)).toBe(step - 1);
    expect(verifyTotp(RFC_SECRET, codeAt(step + 1), now)).toBe(step + 1);
    expect(verifyTotp(RFC_SECRET, codeAt(step - 2), now)).toBeNull();
    expect(verifyTotp(RFC_SECRET, codeAt(step + 2), now)).toBeNull();
  });

  it("holds the ±1 window at the edges of a step too", () => {
    const step = 56_666_667;
    const codeAt = (s: number) => currentTotp(RFC_SECRET, at(s * 30));
    for (const now of [at(step * 30), at(step * 30 + 29)]) {
      expect(verifyTotp(RFC_SECRET, codeAt(step - 1), now)).toBe(step - 1);
      expect(verifyTotp(RFC_SECRET, codeAt(step + 1), now)).toBe(step + 1);
      expect(verifyTotp(RFC_SECRET, codeAt(step - 2), now)).toBeNull();
      expect(verifyTotp(RFC_SECRET, codeAt(step + 2), now)).toBeNull();
    }
  });

  it("with window 0 accepts the current step only", () => {
    const now = at(1_700_000_015);
    const step = totpStep(now);
    const codeAt = (s: number) => currentTotp(RFC_SECRET, at(s * 30));
    expect(verifyTotp(RFC_SECRET, codeAt(step), now, { window: 0 })).toBe(step);
    expect(verifyTotp(RFC_SECRET, codeAt(step - 1), now, { window: 0 })).toBeNull();
  });

  it("lets the caller refuse a replay: the same code gives the same step", () => {
    const now = at(1_111_111_111);
    const code = currentTotp(RFC_SECRET, now);
    const first = verifyTotp(RFC_SECRET, code, now);
    const again = verifyTotp(RFC_SECRET, code, at(1_111_111_111 + 20));
    expect(first).not.toBeNull();
    expect(again).toBe(first);
  });

  it("refuses anything but six digits, and ignores spaces", () => {
    const now = at(59);
    expect(verifyTotp(RFC_SECRET, "287 082", now)).toBe(1);
    expect(verifyTotp(RFC_SECRET, " 287082\n", now)).toBe(1);
    for (const bad of [
      "",
      "28708",
      "2870820",
      "94287082",
      "28708a",
      "２８７０８２",
      "-28708",
      "287.08",
    ]) {
      expect(verifyTotp(RFC_SECRET, bad, now)).toBeNull();
    }
  });

  it("accepts 80-bit secrets such as the demo accounts' JBSWY3DPEHPK3PXP, and 160-bit ones", () => {
    for (const secret of ["JBSWY3DPEHPK3PXP", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"]) {
      for (const seconds of [59, 1_111_111_111, 1_700_000_000]) {
        const code = currentTotp(secret, at(seconds));
        expect(code).toBe(referenceTotp(secret, seconds));
        expect(verifyTotp(secret, code, at(seconds))).toBe(Math.floor(seconds / 30));
      }
    }
    expect(() => verifyTotp("JBSWY3DP", "123456", at(59))).toThrow();
  });

  it("builds the otpauth URI authenticator apps expect", () => {
    const uri = new URL(totpUri({ secret: RFC_SECRET, accountName: "aigerim@mail.kz" }));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Halyq:aigerim@mail.kz");
    expect(uri.searchParams.get("secret")).toBe(RFC_SECRET);
    expect(uri.searchParams.get("issuer")).toBe("Halyq");
  });

  it("draws the URI as an accessible SVG without inline styles", async () => {
    const uri = totpUri({ secret: RFC_SECRET, accountName: "a&b@mail.kz" });
    const svg = await totpQrSvg(uri, "QR code <for> your app");
    expect(svg).toMatch(
      /^<svg role="img" xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"/,
    );
    expect(svg).toContain("<title>QR code &lt;for&gt; your app</title>");
    expect(svg.indexOf("<title>")).toBeLessThan(svg.indexOf("<path"));
    expect(svg).not.toMatch(/style=/);
    expect(svg.endsWith("</svg>")).toBe(true);
    expect(await totpQrSvg(uri)).toContain("<title>QR code for your authenticator app</title>");
  });
});

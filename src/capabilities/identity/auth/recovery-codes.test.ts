import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  hashRecoveryCode,
  newRecoveryCodes,
  normaliseRecoveryCode,
  RECOVERY_ALPHABET,
} from "./recovery-codes.js";

describe("recovery codes", () => {
  it("come ten at a time by default, distinct, as xxxx-xxxx-xxxx without look-alikes", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}$/);
    }
    expect(newRecoveryCodes(3)).toHaveLength(3);
  });

  it("use an alphabet free of 0, 1, i, l and o", () => {
    expect(RECOVERY_ALPHABET).toHaveLength(31);
    expect(RECOVERY_ALPHABET).not.toMatch(/[01ilo]/);
    const seen = new Set(newRecoveryCodes(200).join("").replace(/-/g, ""));
    expect(seen.size).toBe(31);
  });

  it("normalise what people type: case, dashes, spaces", () => {
    expect(normaliseRecoveryCode(" K7Q2-9MZT-4HFX ")).toBe("k7q29mzt4hfx");
    expect(normaliseRecoveryCode("k7q2 9mzt 4hfx")).toBe("k7q29mzt4hfx");
    expect(normaliseRecoveryCode("k7q2–9mzt—4hfx")).toBe("k7q29mzt4hfx");
    expect(normaliseRecoveryCode("ｋ７ｑ２９ｍｚｔ４ｈｆｘ")).toBe("k7q29mzt4hfx");
  });

  it("hash the normalised form with SHA-256, so any spelling of a code matches", () => {
    const expected = createHash("sha256").update("k7q29mzt4hfx").digest("hex");
    expect(hashRecoveryCode("k7q2-9mzt-4hfx")).toBe(expected);
    expect(hashRecoveryCode("K7Q2 9MZT 4HFX")).toBe(expected);
    expect(hashRecoveryCode("k7q2-9mzt-4hfy")).not.toBe(expected);
  });
});

import { hash, parseOptions } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import {
  ARGON2_OPTIONS,
  DUMMY_HASH,
  hashPassword,
  needsRehash,
  passwordProblems,
  verifyAgainstDummy,
  verifyPassword,
} from "./passwords.js";

describe("password hashing", () => {
  it("hashes with argon2id at OWASP's parameters and verifies only the right password", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, "correct horse battery")).toBe(true);
    expect(await verifyPassword(stored, "correct horse batterY")).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it("salts: the same password never hashes the same twice", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it("treats canonically equivalent spellings as the same password (NFKC)", async () => {
    const stored = await hashPassword("Sälem álem 2024"); // precomposed ä and á
    expect(await verifyPassword(stored, "Sa\u0308lem a\u0301lem 2024")).toBe(true);
  });

  it("asks for a rehash when a stored hash used other parameters", async () => {
    const weak = await hash("old password", { memoryCost: 4096, timeCost: 1, parallelism: 1 });
    expect(needsRehash(weak)).toBe(true);
    expect(await verifyPassword(weak, "old password")).toBe(true);
  });

  it("has a dummy hash that costs exactly what a real check costs, and never matches", async () => {
    const o = parseOptions(DUMMY_HASH);
    expect(o).toMatchObject({
      algorithm: ARGON2_OPTIONS.algorithm,
      memoryCost: ARGON2_OPTIONS.memoryCost,
      timeCost: ARGON2_OPTIONS.timeCost,
      parallelism: ARGON2_OPTIONS.parallelism,
    });
    const real = parseOptions(await hashPassword("anything at all"));
    expect(o).toEqual(real);
    expect(await verifyAgainstDummy("anything at all")).toBe(false);
    expect(needsRehash(DUMMY_HASH)).toBe(false);
  });
});

describe("password rules", () => {
  const context = ["aigerim.sadykova@mail.kz", "901205400349"];

  it("accepts a long, unremarkable password", () => {
    expect(passwordProblems("steppe horses at dawn", context)).toEqual([]);
  });

  it("wants at least 10 and at most 128 characters, counted as characters not bytes", () => {
    expect(passwordProblems("abcdefghi", [])).toEqual(["identity.password_too_short"]);
    expect(passwordProblems("abcdefghij", [])).toEqual([]);
    expect(passwordProblems("x".repeat(128), [])).toEqual([]);
    expect(passwordProblems("x".repeat(129), [])).toEqual(["identity.password_too_long"]);
    // Ten Kazakh letters are ten characters, though twenty UTF-8 bytes.
    expect(passwordProblems("әңғүұқөһіә", [])).toEqual([]);
    // Four emoji are eight UTF-16 code units but four characters.
    expect(passwordProblems("🐎🐎🐎🐎", [])).toContain("identity.password_too_short");
  });

  it("refuses the e-mail's local part or the IIN, alone or inside, in any case", () => {
    expect(passwordProblems("aigerim.sadykova", context)).toEqual([
      "identity.password_contains_personal_data",
    ]);
    expect(passwordProblems("My-AIGERIM.SADYKOVA-1!", context)).toEqual([
      "identity.password_contains_personal_data",
    ]);
    expect(passwordProblems("901205400349", context)).toEqual([
      "identity.password_contains_personal_data",
    ]);
    expect(passwordProblems("pin 901205400349 ok", context)).toEqual([
      "identity.password_contains_personal_data",
    ]);
  });

  it("ignores context too short to mean anything", () => {
    expect(passwordProblems("a long enough password", ["a@b.kz", ""])).toEqual([]);
  });

  it("refuses the commonest passwords whatever their case", () => {
    expect(passwordProblems("1234567890", [])).toEqual(["identity.password_too_common"]);
    expect(passwordProblems("QwertyUiop", [])).toEqual(["identity.password_too_common"]);
    expect(passwordProblems("Kazakhstan", [])).toEqual(["identity.password_too_common"]);
    expect(passwordProblems("password", [])).toEqual([
      "identity.password_too_short",
      "identity.password_too_common",
    ]);
  });
});

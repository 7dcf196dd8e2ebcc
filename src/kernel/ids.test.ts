import { describe, expect, it } from "vitest";
import {
  checkDigit,
  hasValidCheckDigit,
  isValidIin,
  parseBin,
  parseIin,
  withCheckDigit,
} from "./ids.js";

/** Independent re-statement of the published algorithm, to cross-check over many prefixes. */
function reference(first11: string): number | null {
  const d = [...first11].map(Number);
  let s = 0;
  for (let i = 0; i < 11; i++) s += (i + 1) * (d[i] as number);
  let r = s % 11;
  if (r === 10) {
    s = 0;
    for (let i = 0; i < 11; i++) s += (((i + 2) % 11) + 1) * (d[i] as number);
    r = s % 11;
  }
  return r === 10 ? null : r;
}

describe("check digit", () => {
  it("matches a reference implementation on pseudo-random prefixes", () => {
    let seed = 42;
    for (let n = 0; n < 5000; n++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const prefix = String(seed).padStart(11, "7").slice(0, 11);
      expect(checkDigit(prefix)).toBe(reference(prefix));
    }
  });

  it("uses the second pass when the first gives 10", () => {
    // 1·0+…: find a prefix whose first pass is 10 and check the second pass decides.
    const prefix = "00000000010"; // first pass: 10·1 = 10
    expect(reference(prefix)).not.toBeNull();
    expect(checkDigit(prefix)).toBe((1 * 1) % 11);
  });

  it("never issues a prefix whose both passes give 10", () => {
    // Search for such a prefix and make sure no twelfth digit makes it valid.
    let found: string | undefined;
    for (let i = 0; i < 200000 && !found; i++) {
      const p = String(i).padStart(11, "0");
      if (reference(p) === null) found = p;
    }
    expect(found).toBeDefined();
    for (let c = 0; c <= 9; c++) expect(hasValidCheckDigit(`${found}${c}`)).toBe(false);
  });

  it("rejects anything but twelve digits", () => {
    for (const v of ["", "12345678901", "1234567890123", "12345678901a", " 123456789012"]) {
      expect(hasValidCheckDigit(v)).toBe(false);
    }
  });
});

describe("IIN", () => {
  it("reads birth date and sex", () => {
    const male1990 = withCheckDigit("90031530012") ?? withCheckDigit("90031530013");
    expect(male1990).not.toBeNull();
    expect(parseIin(male1990 as string)).toEqual({ birthDate: "1990-03-15", sex: "male" });
    const female2004 = withCheckDigit("04122960045") ?? withCheckDigit("04122960046");
    expect(parseIin(female2004 as string)).toEqual({ birthDate: "2004-12-29", sex: "female" });
  });

  it("rejects a wrong check digit, an impossible date and an unknown century", () => {
    const good = withCheckDigit("90031530012") as string;
    const wrong = `${good.slice(0, 11)}${(Number(good[11]) + 1) % 10}`;
    expect(isValidIin(wrong)).toBe(false);
    const feb30 = withCheckDigit("90023030012") ?? withCheckDigit("90023030013");
    expect(isValidIin(feb30 as string)).toBe(false);
    const century7 = withCheckDigit("90031570012") ?? withCheckDigit("90031570013");
    expect(isValidIin(century7 as string)).toBe(false);
  });
});

describe("BIN", () => {
  it("reads registration month and entity type", () => {
    const bin = withCheckDigit("15034000012") ?? withCheckDigit("15034000013");
    expect(parseBin(bin as string, 2026)).toEqual({ registered: "2015-03", entityType: 4 });
    const old = withCheckDigit("97054000012") ?? withCheckDigit("97054000013");
    expect(parseBin(old as string, 2026)?.registered).toBe("1997-05");
  });

  it("rejects a month of 13 and an unknown entity type", () => {
    const m13 = withCheckDigit("15134000012") ?? withCheckDigit("15134000013");
    expect(parseBin(m13 as string, 2026)).toBeNull();
    const t9 = withCheckDigit("15039000012") ?? withCheckDigit("15039000013");
    expect(parseBin(t9 as string, 2026)).toBeNull();
  });
});

/**
 * Kazakhstan's individual (IIN) and business (BIN) identification numbers: twelve digits, the
 * last a check digit computed in two passes of weighted sums modulo 11.
 */

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/** The check digit for eleven digits, or null when the prefix is never issued (r = 10 twice). */
export function checkDigit(first11: string): number | null {
  if (!/^\d{11}$/.test(first11)) return null;
  const digits = [...first11].map(Number);
  const weighted = (weights: number[]) =>
    digits.reduce((sum, d, i) => sum + d * (weights[i] ?? 0), 0) % 11;
  let r = weighted(FIRST_WEIGHTS);
  if (r === 10) r = weighted(SECOND_WEIGHTS);
  return r === 10 ? null : r;
}

/** True for twelve digits whose last digit is the check digit of the first eleven. */
export function hasValidCheckDigit(value: string): boolean {
  if (!/^\d{12}$/.test(value)) return false;
  const expected = checkDigit(value.slice(0, 11));
  return expected !== null && expected === Number(value[11]);
}

export type Sex = "male" | "female";

export interface IinInfo {
  birthDate: string;
  sex: Sex;
}

const CENTURY_BY_DIGIT: Record<string, number> = {
  "1": 1800,
  "2": 1800,
  "3": 1900,
  "4": 1900,
  "5": 2000,
  "6": 2000,
};

/**
 * Reads the birth date and sex from an IIN. Returns null when the number is not a valid IIN:
 * wrong length, failing check digit, unknown century digit or impossible date.
 */
export function parseIin(value: string): IinInfo | null {
  if (!hasValidCheckDigit(value)) return null;
  const centuryDigit = value[6] ?? "";
  const century = CENTURY_BY_DIGIT[centuryDigit];
  if (century === undefined) return null;
  const year = century + Number(value.slice(0, 2));
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return null;
  }
  return {
    birthDate: date.toISOString().slice(0, 10),
    sex: Number(centuryDigit) % 2 === 1 ? "male" : "female",
  };
}

export function isValidIin(value: string): boolean {
  return parseIin(value) !== null;
}

export interface BinInfo {
  /** Registration year and month, YYYY-MM. */
  registered: string;
  /** Entity type digit: 4 resident legal entity, 5 non-resident, 6 individual entrepreneur (joint). */
  entityType: number;
}

/**
 * Reads a BIN: YYMM of registration, entity type (4, 5 or 6), attribute, serial, check digit.
 * The century is not encoded: a two-digit year after `currentYear`'s is taken as 19YY.
 */
export function parseBin(value: string, currentYear: number): BinInfo | null {
  if (!hasValidCheckDigit(value)) return null;
  const month = Number(value.slice(2, 4));
  if (month < 1 || month > 12) return null;
  const entityType = Number(value[4]);
  if (entityType < 4 || entityType > 6) return null;
  const yy = Number(value.slice(0, 2));
  const year = yy > currentYear % 100 ? 1900 + yy : 2000 + yy;
  return { registered: `${year}-${String(month).padStart(2, "0")}`, entityType };
}

export function isValidBin(value: string, currentYear: number): boolean {
  return parseBin(value, currentYear) !== null;
}

/** Builds a valid number from eleven digits (tests and demo data), or null if never issued. */
export function withCheckDigit(first11: string): string | null {
  const c = checkDigit(first11);
  return c === null ? null : `${first11}${c}`;
}

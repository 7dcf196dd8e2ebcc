/**
 * What personal data looks like in free text, decided once for every public output (pages,
 * feeds, Open311, open data, exports, the public API) and for the warning at filing.
 *
 * People do write their IIN, phone number or card number into a text they chose to publish;
 * it is still personal data, so it never leaves in a public output. The rules:
 *
 * - The text is read after NFKC normalisation, character by character, and every decimal digit
 *   of any script (fullwidth, Arabic-Indic, Devanagari, mathematical, circled…) counts as its
 *   ASCII digit. What is replaced is the span of the original text, so the rest is untouched.
 * - A digit run is digit groups joined by at most five separator characters each: anything that
 *   is neither a letter nor a digit (a run of blanks and invisible characters of any length,
 *   line breaks and combining marks included, counting as one; spaces of every width, NBSP,
 *   zero-width spaces,
 *   `/ _ | · . - ( ) +` …; a modifier letter such as `ー` counts as a separator), except a comma
 *   or semicolon followed by a space and the end of a sentence (`!`, `?`), which separate list
 *   items in ordinary writing. A leading `+` or opening bracket belongs to the run.
 * - A run with 7 digits or more is personal data (an IIN or BIN has 12, a Kazakh phone 10–11,
 *   an international one 8–15 after `+`, a local one 7, a card 13–19; an account or contract
 *   number is the applicant's own too) unless the whole run is one of the ordinary shapes:
 *   a date (`01.02.2025`, `2025-02-01`, with a time `10:30` and as a range), a time, years
 *   (`2019–2025`, `2019 2020 2021`), an amount grouped by thousands of at most nine digits
 *   before its decimals (`1 500 000`, `12 500,50`), or a registration number whose letters
 *   precede it (`BAIKONUR-DISTRICT-AKIMAT-2026-000013`, `PET-2026-000001`). Shorter runs (house
 *   and flat numbers, years, small amounts) are kept.
 * - An e-mail address, also written `name (at) mail.kz`, `name [at] mail (dot) kz`, `(собака)`.
 *
 * A run that mixes an ordinary shape with more digits is removed whole (over-redaction is the
 * safe side); numbers spelt with letters (`nine hundred…`, `9OO1O1` with the letter O) are not
 * recognised: the warning at filing is what asks the person not to publish them.
 */

import type { Translate } from "../../kernel/i18n.js";

export const REMOVED = "[…]";

/** What a span of personal data looks like, for the warning at filing. */
export type PersonalDataKind = "iin" | "phone" | "email" | "card" | "number";

export interface PersonalDataSpan {
  kind: PersonalDataKind;
  /** The span in the original text, in UTF-16 units: [start, end). */
  start: number;
  end: number;
}

/** Seven digits or more is a phone number, an IIN or BIN, a card or account number. */
const MIN_DIGITS = 7;

const DIGIT = /^\p{Nd}$/u;
/** The ASCII digit of any Unicode decimal digit (their blocks run 0–9 in order). */
function asciiDigit(ch: string): string {
  let cp = ch.codePointAt(0) ?? 0;
  let steps = 0;
  while (steps < 10 && DIGIT.test(String.fromCodePoint(cp - 1))) {
    cp--;
    steps++;
  }
  // A block of several digit sets in a row (mathematical digits) restarts every ten.
  return String(steps % 10);
}

interface Normalised {
  text: string;
  /**
   * For every UTF-16 unit of `text`, the original span of the character it came from; null
   * when `text` is the original itself.
   */
  from: number[] | null;
  to: number[] | null;
}

/**
 * Characters that NFKC leaves as they are and that are no digit but ASCII ones: ASCII and the
 * Cyrillic block (Kazakh and Russian letters), by far the most of what people write here.
 */
const PLAIN = /^[\t\n\r\u0020-\u007e\u0400-\u04ff\u2010-\u2015\u00ab\u00bb\u2018-\u201e]*$/u;

/** PLAIN for one character, without a regular expression (the slow path runs it per character). */
function isPlain(ch: string): boolean {
  if (ch.length !== 1) return false;
  const c = ch.charCodeAt(0);
  return (
    c < 0x80 ||
    (c >= 0x400 && c <= 0x4ff) ||
    (c >= 0x2010 && c <= 0x2015) ||
    c === 0xab ||
    c === 0xbb ||
    (c >= 0x2018 && c <= 0x201e)
  );
}

/** NFKC per character with every decimal digit made ASCII, keeping the way back. */
function normalise(text: string): Normalised {
  if (PLAIN.test(text)) return { text, from: null, to: null };
  let out = "";
  const from: number[] = [];
  const to: number[] = [];
  let at = 0;
  for (const ch of text) {
    let n = ch;
    if (!isPlain(ch)) {
      n = "";
      for (const c of ch.normalize("NFKC")) {
        n += c >= "0" && c <= "9" ? c : DIGIT.test(c) ? asciiDigit(c) : c;
      }
    }
    for (let k = 0; k < n.length; k++) {
      from.push(at);
      to.push(at + ch.length);
    }
    out += n;
    at += ch.length;
  }
  return { text: out, from, to };
}

/** The characters that end an address's token (an `@` splits one; it never ends it). */
const EMAIL_TOKEN = /[^\s<>()[\],;:"'«»]+/gu;

/**
 * The addresses in a text: in each token, a name before an `@` and a domain after it holding a
 * dot with something on either side (trailing dots are not the address's). Read token by
 * token without backtracking, so the time is linear in the text's length whatever it holds
 * (a regular expression for the same shape took seconds on a long run of letters and an `@`).
 */
function emailSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (const m of text.matchAll(EMAIL_TOKEN)) {
    const token = m[0];
    let at = token.indexOf("@");
    // Where the next address's name may start: after the last address, or the last `@`.
    let from = 0;
    while (at !== -1) {
      const next = token.indexOf("@", at + 1);
      let end = next === -1 ? token.length : next;
      while (end > at + 1 && token[end - 1] === ".") end--;
      const domain = token.slice(at + 1, end);
      if (at > from && domain.slice(1, -1).includes(".")) {
        spans.push({ start: m.index + from, end: m.index + end });
        from = end;
      } else {
        from = at + 1;
      }
      at = next;
    }
  }
  return spans;
}

/**
 * An address spelt out, `name (at) mail (dot) kz`; its name starts where a word does (the
 * lookbehind keeps the search linear on a long run of letters).
 */
const EMAIL_SPELT =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+\s*[([]\s*(?:at|собака|ат)\s*[)\]]\s*[\p{L}\p{N}-]+(?:\s*(?:\.|[([]\s*(?:dot|точка|нүкте)\s*[)\]])\s*[\p{L}\p{N}-]+)+/giu;

/** Whether a text may hold a spelt-out address at all (the full pattern is costly). */
const SPELT_HINT = /[([]\s*(?:at|собака|ат)\s*[)\]]/iu;

/**
 * Blanks and invisible characters (spaces and line breaks of any length, zero-width and
 * directional marks, combining marks): however many there are in a row, they count as one
 * separator, since a reader does not see them as more (HTML folds spaces; marks have no width).
 * Matched whole and never given back (the lookahead and the backreference to its own group,
 * numbered as it stands in DIGIT_RUN, make it atomic).
 */
const blank = (group: number) => `(?=([\\s\\p{Mn}\\p{Me}\\p{Cf}]+))\\${group}`;
/** A visible separator character between digit groups (see the rules above). */
const MARK = String.raw`(?:[^\p{L}\p{N},;!?\s\p{Mn}\p{Me}\p{Cf}]|\p{Lm}|[,;](?!\s))`;
/** Between two digit groups: at most five separators, a run of blanks counting as one. */
const SEP = `(?:${blank(1)}(?:${MARK}(?:${blank(2)})?){0,4}|(?:${MARK}(?:${blank(3)})?){1,5})`;
const DIGIT_RUN = new RegExp(String.raw`\+?[([]?\d+(?:${SEP}\d+)*`, "gu");

const DAY = String.raw`(?:0?[1-9]|[12]\d|3[01])`;
const MONTH = "(?:0?[1-9]|1[0-2])";
const YEAR = String.raw`(?:19|20)\d\d`;
const TIME = String.raw`(?:[01]?\d|2[0-3])[:.][0-5]\d(?:[:.][0-5]\d)?`;
const DATE = `(?:${DAY}[./-]${MONTH}[./-]${YEAR}|${YEAR}[./-]${MONTH}[./-]${DAY})`;
const DATE_TIME = String.raw`${DATE}(?:[\sT,]{1,3}${TIME})?`;
/** Separators between the parts of a range or list: spaces, dashes of every kind, slashes. */
const RANGE = String.raw`\s*[-‐-―−/]\s*|\s+`;
const ORDINARY = [
  new RegExp(`^${DATE_TIME}(?:(?:${RANGE})${DATE_TIME})?$`, "u"),
  new RegExp(`^${TIME}(?:(?:${RANGE})${TIME})?$`, "u"),
  new RegExp(String.raw`^${YEAR}(?:(?:${RANGE}|\s*,)${YEAR})*$`, "u"),
  // Thousands grouped by a space of any width, an apostrophe or a dot; decimals after a comma or dot.
  /^\d{1,3}(?:[\s.'’]\d{3}){1,2}(?:[.,]\d{1,2})?$/u,
];
/** A registration number: letters, a dash, a year, a dash, a sequence. */
const REGISTRATION_TAIL = /^(?:19|20)\d\d-\d{1,8}$/u;
const LETTERS_BEFORE = /[\p{Lu}\d]-$/u;

/** What a run of `digits` (ASCII only) with or without a leading plus is. */
function kindOf(digits: string, plus: boolean): PersonalDataKind {
  const n = digits.length;
  if (plus) return "phone";
  if (n === 12) return "iin";
  if ((n === 11 && /^[78]/.test(digits)) || (n === 10 && digits.startsWith("7"))) return "phone";
  if (n >= 13 && n <= 19) return "card";
  if (n <= 11) return "phone";
  return "number";
}

function isOrdinary(run: string, before: string): boolean {
  if (run.startsWith("+")) return false;
  if (REGISTRATION_TAIL.test(run) && LETTERS_BEFORE.test(before)) return true;
  return ORDINARY.some((shape) => shape.test(run));
}

/** The spans of personal data in `text`, in order, not overlapping. */
export function findPersonalData(text: string): PersonalDataSpan[] {
  if (!text) return [];
  const n = normalise(text);
  const found: { kind: PersonalDataKind; start: number; end: number }[] = [];
  if (n.text.includes("@")) for (const s of emailSpans(n.text)) found.push({ kind: "email", ...s });
  if (SPELT_HINT.test(n.text))
    for (const m of n.text.matchAll(EMAIL_SPELT))
      found.push({ kind: "email", start: m.index, end: m.index + m[0].length });
  for (const m of n.text.matchAll(DIGIT_RUN)) {
    const start = m.index;
    const end = start + m[0].length;
    if (found.some((f) => start < f.end && end > f.start)) continue;
    const run = m[0];
    const digits = run.replace(/\D/g, "");
    const plus = run.startsWith("+") && digits.length >= 8;
    if (digits.length < MIN_DIGITS && !plus) continue;
    if (isOrdinary(run, n.text.slice(Math.max(0, start - 2), start))) continue;
    found.push({ kind: kindOf(digits, plus), start, end });
  }
  found.sort((a, b) => a.start - b.start);
  const spans: PersonalDataSpan[] = [];
  for (const f of found) {
    const start = n.from ? (n.from[f.start] ?? 0) : f.start;
    const end = n.to ? (n.to[f.end - 1] ?? text.length) : f.end;
    const last = spans.at(-1);
    if (last && start < last.end) {
      last.end = Math.max(last.end, end);
      continue;
    }
    spans.push({ kind: f.kind, start, end });
  }
  return spans;
}

/** `text` with every span of personal data replaced by REMOVED. */
export function redactPersonalData(text: string): string {
  const spans = findPersonalData(text);
  if (spans.length === 0) return text;
  let out = "";
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + REMOVED;
    at = s.end;
  }
  return out + text.slice(at);
}

/** As redactPersonalData, keeping null and undefined as they are. */
export function redactOptional<T extends string | null | undefined>(text: T): T {
  return (typeof text === "string" ? redactPersonalData(text) : text) as T;
}

/** The kinds of personal data in these texts, each once, in a stable order. */
export function personalDataKinds(...texts: (string | null | undefined)[]): PersonalDataKind[] {
  const kinds = new Set<PersonalDataKind>();
  for (const text of texts) {
    if (text) for (const s of findPersonalData(text)) kinds.add(s.kind);
  }
  const order: PersonalDataKind[] = ["iin", "phone", "email", "card", "number"];
  return order.filter((k) => kinds.has(k));
}

/** The kinds found, named in the reader's language ("an IIN or BIN, a phone number"). */
export function namePersonalData(t: Translate, kinds: readonly PersonalDataKind[]): string {
  return kinds.map((k) => t(`privacy.kind.${k}`)).join(", ");
}

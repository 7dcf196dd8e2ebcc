/**
 * Words of a search: what a query is split into, how a word is cut to its stem, and the
 * snippet around the first hit. The same on SQLite and PostgreSQL: the index holds words as
 * written ('simple' on PostgreSQL, `unicode61` on SQLite) and a query's stems match them as
 * prefixes, so "площадка" finds "площадку" and "жағалау" finds "жағалауына" on both databases.
 */

/** The longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 200;
/** Words of a query beyond this are ignored. */
export const MAX_TERMS = 8;
/** A stem shorter than this matches too much as a prefix: such a word is matched whole. */
const MIN_STEM = 3;
/** A word is cut to at most this many characters. */
const MAX_WORD = 40;

/**
 * Endings of Kazakh (plural, possessive and case endings), Russian (noun and adjective
 * endings) and English (plural and verb endings), longest first. A query's language is not
 * known (a Kazakh word may be typed on the Russian pages), so one list serves all three:
 * over-cutting finds a little more, which a search may; the ranking puts whole-word and title
 * hits first.
 */
const ENDINGS = [
  // Kazakh: plural + possessive + case, then the parts alone.
  "ларының",
  "лерінің",
  "дарының",
  "дерінің",
  "тарының",
  "терінің",
  "ларына",
  "леріне",
  "дарына",
  "деріне",
  "тарына",
  "теріне",
  "лардың",
  "лердің",
  "дардың",
  "дердің",
  "тардың",
  "тердің",
  "ларды",
  "лерді",
  "дарды",
  "дерді",
  "тарды",
  "терді",
  "ларда",
  "лерде",
  "дарда",
  "дерде",
  "тарда",
  "терде",
  "лардан",
  "лерден",
  "дардан",
  "дерден",
  "тардан",
  "терден",
  "ларға",
  "лерге",
  "дарға",
  "дерге",
  "тарға",
  "терге",
  "ының",
  "інің",
  "ында",
  "інде",
  "ынан",
  "інен",
  "ына",
  "іне",
  "ымен",
  "імен",
  "ның",
  "нің",
  "дың",
  "дің",
  "тың",
  "тің",
  "лар",
  "лер",
  "дар",
  "дер",
  "тар",
  "тер",
  "нда",
  "нде",
  "дан",
  "ден",
  "тан",
  "тен",
  "нан",
  "нен",
  "мен",
  "бен",
  "пен",
  "ға",
  "ге",
  "қа",
  "ке",
  "на",
  "не",
  "ны",
  "ні",
  "ды",
  "ді",
  "ты",
  "ті",
  "да",
  "де",
  "та",
  "те",
  "сы",
  "сі",
  "ын",
  "ін",
  "ы",
  "і",
  // Russian.
  "иями",
  "ями",
  "ами",
  "иях",
  "ого",
  "его",
  "ому",
  "ему",
  "ыми",
  "ими",
  "ая",
  "яя",
  "ое",
  "ее",
  "ые",
  "ие",
  "ый",
  "ий",
  "ой",
  "ую",
  "юю",
  "ых",
  "их",
  "ым",
  "им",
  "ов",
  "ев",
  "ей",
  "ам",
  "ям",
  "ах",
  "ях",
  "ом",
  "ем",
  "ию",
  "ия",
  "ии",
  "а",
  "я",
  "о",
  "е",
  "у",
  "ю",
  "ь",
  "й",
  "и",
  // English.
  "ings",
  "ing",
  "ies",
  "es",
  "ed",
  "s",
].sort((a, b) => b.length - a.length);

/**
 * Operators of other search engines, written in capitals: people type them meaning "and", "or",
 * "not", "near", so they are left out of the query rather than looked for.
 */
const OPERATORS = new Set(["AND", "OR", "NOT", "NEAR"]);

/** Lowercased words of a text: letters and digits (any script), everything else a separator. */
export function wordsOf(text: string): string[] {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** A word cut to its stem: endings removed (up to three) while at least three letters remain. */
export function stem(word: string): string {
  let w = word.slice(0, MAX_WORD);
  for (let round = 0; round < 3; round++) {
    const ending = ENDINGS.find((e) => w.endsWith(e) && w.length - e.length >= MIN_STEM);
    if (!ending) break;
    w = w.slice(0, -ending.length);
  }
  return w;
}

/**
 * A query's terms: its words of two characters or more (digits count), stemmed, without
 * repeats; nothing of the query's punctuation survives, so no full-text operator (quotes, `*`,
 * `-`, parentheses) reaches the database; `AND`, `OR`, `NOT` and `NEAR` in capitals are
 * left out.
 */
export function queryTerms(q: string): string[] {
  const terms: string[] = [];
  const words = q
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && !OPERATORS.has(w))
    .map((w) => w.toLowerCase());
  for (const w of words) {
    if (w.length < 2) continue;
    const s = stem(w);
    if (!terms.includes(s)) terms.push(s);
    if (terms.length === MAX_TERMS) break;
  }
  return terms;
}

/** Whether a word of the text is a hit for one of the terms. */
function hits(word: string, terms: string[]): boolean {
  const w = word.normalize("NFKC").toLowerCase();
  return terms.some((t) => w.startsWith(t));
}

/** A piece of a snippet; `hit` marks a word that matched. */
export interface SnippetPart {
  text: string;
  hit: boolean;
}

/**
 * Up to about `size` characters of `text` around its first hit (or its start), cut at word
 * boundaries, with "…" where it was cut and each matching word marked.
 */
export function snippet(text: string, terms: string[], size = 220): SnippetPart[] {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length === 0) return [];
  const tokens = flat.split(/([\p{L}\p{N}]+)/u);
  let offset = 0;
  let first = -1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? "";
    if (i % 2 === 1 && hits(token, terms)) {
      first = offset;
      break;
    }
    offset += token.length;
  }
  let start = first <= 60 ? 0 : first - 60;
  if (start > 0) {
    const space = flat.indexOf(" ", start);
    start = space >= 0 && space < first ? space + 1 : first;
  }
  let end = Math.min(flat.length, start + size);
  if (end < flat.length) {
    const space = flat.lastIndexOf(" ", end);
    if (space > start) end = space;
  }
  const part = flat.slice(start, end);
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: "… ", hit: false });
  const pieces = part.split(/([\p{L}\p{N}]+)/u);
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] ?? "";
    if (piece.length === 0) continue;
    const hit = i % 2 === 1 && hits(piece, terms);
    const last = parts[parts.length - 1];
    if (last && last.hit === hit && !hit) last.text += piece;
    else parts.push({ text: piece, hit });
  }
  if (end < flat.length) parts.push({ text: " …", hit: false });
  return parts;
}

/** A snippet as plain text (the API's). */
export const snippetText = (parts: SnippetPart[]): string => parts.map((p) => p.text).join("");

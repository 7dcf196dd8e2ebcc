import { formatNumber } from "./format/index.js";

/** The three languages of every page: Kazakh (the state language), Russian and English. */
export type Locale = "kk" | "ru" | "en";
export const LOCALES: readonly Locale[] = ["kk", "ru", "en"];

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** A nested message tree as kept in the JSON catalogues. */
export interface MessageTree {
  [key: string]: string | MessageTree;
}

export type Catalogue = Map<string, string>;
export type Catalogues = Record<Locale, Catalogue>;
export type Params = Record<string, string | number>;
export type Translate = (key: string, params?: Params) => string;

/** Flattens {"a": {"b": "x"}} into "a.b" → "x". */
export function flatten(tree: MessageTree, prefix = "", into: Catalogue = new Map()): Catalogue {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") into.set(key, v);
    else flatten(v, key, into);
  }
  return into;
}

/** Deep-merges message trees, so a capability can keep each part's messages in files of their own. */
export function mergeMessageTrees(...trees: MessageTree[]): MessageTree {
  const out: MessageTree = {};
  for (const tree of trees) {
    for (const [k, v] of Object.entries(tree)) {
      const prev = out[k];
      out[k] = typeof v === "object" && typeof prev === "object" ? mergeMessageTrees(prev, v) : v;
    }
  }
  return out;
}

/** Merges catalogues from many sources; a key defined twice is a programming error. */
export function mergeCatalogues(sources: Partial<Record<Locale, MessageTree>>[]): Catalogues {
  const out: Catalogues = { kk: new Map(), ru: new Map(), en: new Map() };
  for (const source of sources) {
    for (const locale of LOCALES) {
      const tree = source[locale];
      if (!tree) continue;
      for (const [k, v] of flatten(tree)) {
        if (out[locale].has(k)) throw new Error(`Message key defined twice: ${locale}:${k}`);
        out[locale].set(k, v);
      }
    }
  }
  return out;
}

/** Keys present in one locale and missing in another, as "locale:key" strings. */
export function missingKeys(catalogues: Catalogues): string[] {
  const all = new Set<string>();
  for (const l of LOCALES) for (const k of catalogues[l].keys()) all.add(k);
  const missing: string[] = [];
  for (const l of LOCALES)
    for (const k of all) if (!catalogues[l].has(k)) missing.push(`${l}:${k}`);
  return missing.sort();
}

const PLACEHOLDER_AND_STOP = /\{(\w+)\}(\.?)/g;
/** Numeric parameters written as they are, not as quantities: a year is never «2 026». */
const NOT_A_QUANTITY = /year|code|bin|iin|number|ticket|version|id$/i;

/**
 * A translator for one locale. A missing key returns the key itself (visible, never a crash);
 * the catalogue test makes sure none is missing. `{name}` placeholders take params; a
 * `{count, plural, one {# item} other {# items}}` form picks by Intl.PluralRules, `#` being the number
 * written as the language writes numbers («20 000»), as is any number given for a placeholder
 * that counts or measures (not a year, code or version).
 */
export function translator(catalogues: Catalogues, locale: Locale): Translate {
  const plural = new Intl.PluralRules(locale);
  return (key, params) => {
    const template = catalogues[locale].get(key);
    if (template === undefined) return key;
    if (!params) return template;
    const withPlurals = template.replace(
      /\{(\w+), plural, ((?:\w+ \{[^}]*\}\s*)+)\}/g,
      (_m, name: string, forms: string) => {
        const n = Number(params[name]);
        const options = new Map<string, string>();
        for (const f of forms.matchAll(/(\w+) \{([^}]*)\}/g))
          options.set(f[1] as string, f[2] as string);
        const form = options.get(plural.select(n)) ?? options.get("other") ?? "";
        return form.replace(/#/g, formatNumber(n, locale, { maximumFractionDigits: 2 }));
      },
    );
    // A value that ends a sentence itself («до 7 марта 2027 г.») takes the template's full stop.
    return withPlurals.replace(PLACEHOLDER_AND_STOP, (m, name: string, stop: string) => {
      const raw = params[name];
      if (raw === undefined) return m;
      const value =
        typeof raw === "number" && Number.isFinite(raw) && !NOT_A_QUANTITY.test(name)
          ? formatNumber(raw, locale, { maximumFractionDigits: 2 })
          : String(raw);
      return stop && value.endsWith(".") ? value : value + stop;
    });
  };
}

/**
 * Picks the best locale from an Accept-Language header (q-values honoured; "kk-KZ" matches
 * "kk"); undefined when none of ours is acceptable.
 */
export function negotiateLocale(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...rest] = part.trim().split(";");
      const q = rest.map((r) => r.trim()).find((r) => r.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((x) => x.tag && Number.isFinite(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    if (isLocale(base)) return base;
  }
  return undefined;
}

/** The language's own name, for the switcher (always shown in that language). */
export const LOCALE_NAMES: Record<Locale, string> = { kk: "Қазақша", ru: "Русский", en: "English" };

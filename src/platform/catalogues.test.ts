import { describe, expect, it } from "vitest";
import { capabilities } from "../capabilities/index.js";
import { errorCatalogue } from "../kernel/errors.js";
import {
  LOCALES,
  mergeCatalogues,
  missingKeys,
  negotiateLocale,
  translator,
} from "../kernel/i18n.js";
import { buildCatalogues } from "../web/catalogues.js";

describe("catalogues", () => {
  const catalogues = buildCatalogues(capabilities);

  it("every locale has every key any locale has", () => {
    expect(missingKeys(catalogues)).toEqual([]);
  });

  it("every error code's message key exists in every locale", () => {
    for (const locale of LOCALES) {
      for (const { key } of Object.values(errorCatalogue)) {
        expect(catalogues[locale].has(key), `${locale}:${key}`).toBe(true);
      }
    }
  });

  it("every navigation label exists", () => {
    for (const c of capabilities) {
      for (const item of c.navigation ?? []) {
        for (const l of LOCALES)
          expect(catalogues[l].has(item.labelKey), `${l}:${item.labelKey}`).toBe(true);
      }
    }
  });

  it("no message is empty and placeholders agree across locales", () => {
    // A plural's branches (`one {…}`) are text, not placeholders, whatever their script. A
    // date's phrases (`{dueBy}`, `{dueFrom}`, `{dueOn}`) are that date in the words a language needs.
    const placeholders = (s: string) =>
      [...s.replace(/\b(?:zero|one|two|few|many|other)\s*\{/g, "(").matchAll(/\{(\w+)[,}]/g)]
        .map((m) => (m[1] as string).replace(/(?<=[a-z])(?:By|From|On)$/, ""))
        .sort()
        .filter((v, i, a) => a.indexOf(v) === i);
    for (const [key, en] of catalogues.en) {
      for (const l of LOCALES) {
        const text = catalogues[l].get(key) ?? "";
        expect(text.trim(), `${l}:${key}`).not.toBe("");
        expect(placeholders(text), `${l}:${key}`).toEqual(placeholders(en));
      }
    }
  });

  it("detects a missing key", () => {
    const c = mergeCatalogues([{ kk: { a: "x" }, ru: { a: "x", b: "y" }, en: { a: "x" } }]);
    expect(missingKeys(c)).toEqual(["en:b", "kk:b"]);
  });

  it("refuses a key defined twice", () => {
    expect(() => mergeCatalogues([{ en: { a: "x" } }, { en: { a: "y" } }])).toThrow(/twice/);
  });
});

describe("translator", () => {
  const c = mergeCatalogues([
    {
      ru: {
        n: "{count, plural, one {# орган} few {# органа} many {# органов} other {# органа}}",
        hi: "Привет, {name}",
      },
      en: { n: "{count, plural, one {# body} other {# bodies}}", hi: "Hello, {name}" },
    },
  ]);

  it("fills placeholders and plural forms by the language's rules", () => {
    const ru = translator(c, "ru");
    expect(ru("n", { count: 1 })).toBe("1 орган");
    expect(ru("n", { count: 3 })).toBe("3 органа");
    expect(ru("n", { count: 11 })).toBe("11 органов");
    expect(ru("n", { count: 21 })).toBe("21 орган");
    expect(translator(c, "en")("n", { count: 2 })).toBe("2 bodies");
    expect(translator(c, "en")("hi", { name: "Aigerim" })).toBe("Hello, Aigerim");
  });

  it("shows the key rather than failing on a missing message", () => {
    expect(translator(c, "en")("missing.key")).toBe("missing.key");
  });
});

describe("Accept-Language", () => {
  it.each([
    ["kk-KZ,kk;q=0.9,ru;q=0.8", "kk"],
    ["ru-RU,ru;q=0.9,en-US;q=0.8", "ru"],
    ["de-DE,en;q=0.5,ru;q=0.7", "ru"],
    ["en", "en"],
    ["fr, de", undefined],
    ["ru;q=0, en", "en"],
    ["", undefined],
  ])("%s → %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

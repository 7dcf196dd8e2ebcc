import { describe, expect, it } from "vitest";
import { queryTerms, snippet, snippetText, stem } from "./words.js";

describe("search words", () => {
  it("cuts Kazakh, Russian and English endings to a stem that prefixes other forms", () => {
    const pairs: [string, string][] = [
      ["площадка", "площадку"],
      ["площадки", "площадку"],
      ["спортивные", "спортивную"],
      ["жағалауы", "жағалауына"],
      ["велосипедтер", "велосипед"],
      ["жолдары", "жолын"],
      ["кітапханалардың", "кітапхана"],
      ["petitions", "petition"],
      ["libraries", "library"],
    ];
    for (const [typed, indexed] of pairs) expect(indexed.startsWith(stem(typed)), typed).toBe(true);
    // At least three letters stay.
    expect(stem("дом")).toBe("дом");
    expect(stem("ала")).toBe("ала");
  });

  it("keeps only words: no operator or quote reaches the engine", () => {
    expect(queryTerms('"площадку" AND (спортивную) OR NOT -яма* NEAR')).toEqual([
      "площадк",
      "спортивн",
      "яма",
    ]);
    expect(queryTerms('*** "" ( ) - ^')).toEqual([]);
    expect(queryTerms("a + 45")).toEqual(["45"]);
    for (const term of queryTerms("title_ru:парк {x} [y] 'z' a&b|c <-> d!")) {
      expect(term).toMatch(/^[\p{L}\p{N}]+$/u);
    }
    expect(queryTerms("один два три четыре пять шесть семь восемь девять десять")).toHaveLength(8);
  });

  it("takes a snippet around the first hit and marks the matching words", () => {
    const text = `${"Начало текста. ".repeat(20)}Просим построить крытую площадку во дворе. ${"Конец. ".repeat(40)}`;
    const parts = snippet(text, queryTerms("площадка"));
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(["площадку"]);
    const plain = snippetText(parts);
    expect(plain.startsWith("… ")).toBe(true);
    expect(plain.endsWith(" …")).toBe(true);
    expect(plain.length).toBeLessThan(240);
    expect(snippetText(snippet("Короткий текст", ["нет"]))).toBe("Короткий текст");
    expect(snippet("", ["x"])).toEqual([]);
  });
});

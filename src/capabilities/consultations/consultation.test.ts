import { describe, expect, it } from "vitest";
import { atomFeed, xmlEscape } from "../../web/atom.js";
import { parseDraftText } from "./commands/draft-text.js";
import { consultationStatus, inLanguage, publicName, splitParagraphs } from "./consultation.js";
import { median } from "./measures.js";

describe("consultation rules", () => {
  it.each([
    ["2025-04-06", null, "open"],
    ["2025-04-07", null, "open"],
    ["2025-04-08", null, "closed"],
    ["2025-04-06", "2025-04-10T09:00:00Z", "reported"],
  ] as const)("on %s (report %s) the discussion is %s", (today, report, status) => {
    expect(
      consultationStatus({ closes_on: "2025-04-07", report_published_at: report }, today),
    ).toBe(status);
  });

  it("splits text at blank lines, whatever the line ends, keeping breaks inside a paragraph", () => {
    expect(splitParagraphs("One\r\nstill one\r\n\r\nTwo\n \t\nThree\n\n\n")).toEqual([
      "One\nstill one",
      "Two",
      "Three",
    ]);
  });

  it("needs the same paragraphs in every language given", () => {
    const good = parseDraftText({ text_ru: "А\n\nБ", text_en: "A\n\nB" });
    expect(good.ok && good.paragraphs[1]).toEqual({
      number: 2,
      text_kk: null,
      text_ru: "Б",
      text_en: "B",
    });
    const bad = parseDraftText({ text_ru: "А\n\nБ", text_en: "A" });
    expect(bad.ok ? [] : bad.issues.map((i) => i.field)).toEqual(["text_en"]);
    expect(parseDraftText({}).ok).toBe(false);
  });

  it("reads a paragraph in the reader's language or the first one given", () => {
    const p = { text_kk: null, text_ru: "Текст", text_en: "Text" };
    expect(inLanguage(p, "en")).toEqual({ text: "Text", lang: "en" });
    expect(inLanguage(p, "kk")).toEqual({ text: "Текст", lang: "ru" });
  });

  it("shows commenters by first name and initial", () => {
    expect(publicName("Айгерим", "Сейткали")).toBe("Айгерим С.");
  });

  it("takes the median of an odd and an even count", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe("report and feed writing", () => {
  it("escapes XML and drops characters XML cannot hold", () => {
    expect(xmlEscape(`<a href="x">&'\u0001`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
    const feed = atomFeed({
      id: "urn:x",
      title: "T & T",
      self: "http://h/f.atom",
      alternate: "http://h/",
      updated: "2025-03-19T00:00:00.000Z",
      lang: "kk",
      entries: [],
    });
    expect(feed).toContain('<title type="text">T &amp; T</title>');
    expect(feed.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  });
});

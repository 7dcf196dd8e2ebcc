import { describe, expect, it } from "vitest";
import { isSafeHref, parseMarkup, plainText } from "./markup.js";
import {
  checkDraft,
  freshnessOf,
  monthsBefore,
  nextState,
  PUBLICATION_STATES,
  staleBefore,
} from "./publication.js";
import { DEFAULT_SETTINGS, parseSettings } from "./settings.js";

describe("the transition table", () => {
  const table: [string, "edit" | "submit" | "approve" | "return", string | null][] = [
    ["draft", "edit", "draft"],
    ["draft", "submit", "submitted"],
    ["draft", "approve", null],
    ["draft", "return", null],
    ["submitted", "edit", null],
    ["submitted", "submit", null],
    ["submitted", "approve", "approved"],
    ["submitted", "return", "returned"],
    ["returned", "edit", "draft"],
    ["returned", "submit", "submitted"],
    ["returned", "approve", null],
    ["approved", "edit", "draft"],
    ["approved", "submit", null],
    ["approved", "approve", null],
    ["approved", "return", null],
    ["unknown", "edit", null],
  ];
  it.each(table)("%s —%s→ %s", (from, step, to) => expect(nextState(from, step)).toBe(to));
  it("covers every state", () => {
    for (const s of PUBLICATION_STATES) expect(table.some(([from]) => from === s)).toBe(true);
  });
});

describe("drafts", () => {
  const empty = { kk: "", ru: "", en: "" };
  it("need at least one language, each with a title and a body", () => {
    expect(checkDraft({ title: empty, body: empty }).map((i) => i.key)).toEqual([
      "publications.validation.language",
    ]);
    expect(
      checkDraft({ title: { ...empty, ru: "Заголовок" }, body: { ...empty, ru: "Текст" } }),
    ).toEqual([]);
    expect(checkDraft({ title: { ...empty, kk: "Тақырып" }, body: empty })).toEqual([
      { field: "body-kk", key: "publications.validation.body" },
    ]);
    expect(checkDraft({ title: empty, body: { ...empty, en: "Text" } })).toEqual([
      { field: "title-en", key: "publications.validation.title" },
    ]);
  });
});

describe("freshness", () => {
  it("counts calendar months back, clamped to the month's end", () => {
    expect(monthsBefore("2025-03-19", 6)).toBe("2024-09-19");
    expect(monthsBefore("2025-08-31", 6)).toBe("2025-02-28");
    expect(monthsBefore("2024-08-31", 6)).toBe("2024-02-29");
    expect(monthsBefore("2025-01-15", 13)).toBe("2023-12-15");
    expect(staleBefore(new Date("2025-03-19T05:00:00.000Z"), 6)).toBe("2024-09-19T05:00:00.000Z");
  });
  it("is fresh on the limit, stale just before it, missing when not public", () => {
    const cutoff = "2024-09-19T05:00:00.000Z";
    const page = (updated_at: string, unpublished_at: string | null = null) => ({
      published_at: "2020-01-01T00:00:00.000Z",
      updated_at,
      unpublished_at,
    });
    expect(freshnessOf(page(cutoff), cutoff)).toBe("fresh");
    expect(freshnessOf(page("2024-09-19T04:59:59.999Z"), cutoff)).toBe("stale");
    expect(freshnessOf(page(cutoff, "2025-01-01T00:00:00.000Z"), cutoff)).toBe("missing");
    expect(freshnessOf(undefined, cutoff)).toBe("missing");
  });
});

describe("settings", () => {
  it("takes valid overrides and ignores malformed ones", () => {
    expect(parseSettings({})).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ staleMonths: "12", sections: "budget, contacts" })).toEqual({
      staleMonths: 12,
      sections: ["budget", "contacts"],
    });
    expect(parseSettings({ staleMonths: "0" }).staleMonths).toBe(6);
    expect(parseSettings({ staleMonths: "61" }).staleMonths).toBe(6);
    expect(parseSettings({ staleMonths: "6.5" }).staleMonths).toBe(6);
    expect(parseSettings({ sections: "contacts,<script>" }).sections).toEqual(
      DEFAULT_SETTINGS.sections,
    );
  });
});

describe("the tiny markup", () => {
  it("reads headings, lists, paragraphs and safe links, and nothing else", () => {
    const blocks = parseMarkup(
      "## Hours\r\n\r\n- Monday\n- Tuesday\n\nLine one\nline [two](https://a.kz/x) [x](javascript:alert(1)) <b>",
    );
    expect(blocks).toEqual([
      { kind: "heading", text: [{ kind: "text", text: "Hours" }] },
      {
        kind: "list",
        items: [[{ kind: "text", text: "Monday" }], [{ kind: "text", text: "Tuesday" }]],
      },
      {
        kind: "paragraph",
        lines: [
          [{ kind: "text", text: "Line one" }],
          [
            { kind: "text", text: "line " },
            { kind: "link", text: "two", href: "https://a.kz/x" },
            { kind: "text", text: " [x](javascript:alert(1)) <b>" },
          ],
        ],
      },
    ]);
  });
  it("allows https and local paths only", () => {
    for (const ok of ["https://gov.kz", "/news", "/agencies/x?lang=ru"])
      expect(isSafeHref(ok), ok).toBe(true);
    for (const bad of [
      "http://gov.kz",
      "//evil.kz",
      "/\\evil.kz",
      "javascript:alert(1)",
      "https://u:p@x.kz",
      "data:text/html,x",
    ])
      expect(isSafeHref(bad), bad).toBe(false);
  });
  it("gives plain text for summaries, shortened", () => {
    expect(plainText("## A\n\n- b\n- c\n\n[d](/x) e")).toBe("A b c d e");
    expect(plainText("x".repeat(400), 10)).toBe(`${"x".repeat(9)}…`);
  });
});

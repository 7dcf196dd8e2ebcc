import { describe, expect, it } from "vitest";
import { diffParagraphs, diffWords } from "./diff.js";

describe("differences between versions of a draft", () => {
  it("finds paragraphs kept, changed, removed and added, numbered in each version", () => {
    const changes = diffParagraphs(
      ["One.", "Fees are 100 tenge.", "Three.", "Four."],
      ["One.", "Fees are 200 tenge.", "Four.", "Five."],
    );
    expect(changes.map((c) => c.kind)).toEqual(["same", "changed", "removed", "same", "added"]);
    expect(changes[1]).toMatchObject({ kind: "changed", from: 2, to: 2 });
    expect(changes[2]).toEqual({ kind: "removed", from: 3, text: "Three." });
    expect(changes[3]).toEqual({ kind: "same", from: 4, to: 3, text: "Four." });
    expect(changes[4]).toEqual({ kind: "added", to: 4, text: "Five." });
  });

  it("marks the words that changed inside a paragraph", () => {
    const words = diffWords("Fees are 100 tenge.", "Fees are 200 tenge.");
    expect(words.filter((w) => w.kind === "del").map((w) => w.text)).toEqual(["100"]);
    expect(words.filter((w) => w.kind === "ins").map((w) => w.text)).toEqual(["200"]);
    expect(words.map((w) => (w.kind === "ins" ? "" : w.text)).join("")).toBe("Fees are 100 tenge.");
  });

  it("reads unchanged versions as unchanged and handles empty ones", () => {
    expect(diffParagraphs(["a", "b"], ["a", "b"]).every((c) => c.kind === "same")).toBe(true);
    expect(diffParagraphs([], ["a"])).toEqual([{ kind: "added", to: 1, text: "a" }]);
    expect(diffParagraphs(["a"], [])).toEqual([{ kind: "removed", from: 1, text: "a" }]);
  });
});

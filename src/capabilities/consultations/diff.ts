import { diffArrays, diffWordsWithSpace } from "diff";

/** A run of words in a changed paragraph: kept, inserted or deleted. */
export interface WordPart {
  kind: "same" | "ins" | "del";
  text: string;
}

/** How one paragraph of the newer version relates to the older one. */
export type ParagraphChange =
  | { kind: "same"; from: number; to: number; text: string }
  | { kind: "added"; to: number; text: string }
  | { kind: "removed"; from: number; text: string }
  | { kind: "changed"; from: number; to: number; words: WordPart[] };

/**
 * Paragraph-level differences between two versions (texts in order, numbered from 1):
 * a run of removed paragraphs followed by a run of added ones is read as paragraphs changed
 * in place, pair by pair, with their words marked; what is left over is removed or added.
 */
export function diffParagraphs(older: string[], newer: string[]): ParagraphChange[] {
  const out: ParagraphChange[] = [];
  let from = 1;
  let to = 1;
  const chunks = diffArrays(older, newer);
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i];
    if (!chunk) continue;
    if (!chunk.added && !chunk.removed) {
      for (const text of chunk.value) out.push({ kind: "same", from: from++, to: to++, text });
      continue;
    }
    if (chunk.removed) {
      const next = chunks[i + 1];
      const added = next?.added ? next.value : [];
      if (next?.added) i++;
      const pairs = Math.min(chunk.value.length, added.length);
      for (let k = 0; k < pairs; k++) {
        out.push({
          kind: "changed",
          from: from++,
          to: to++,
          words: diffWords(chunk.value[k] as string, added[k] as string),
        });
      }
      for (const text of chunk.value.slice(pairs))
        out.push({ kind: "removed", from: from++, text });
      for (const text of added.slice(pairs)) out.push({ kind: "added", to: to++, text });
      continue;
    }
    for (const text of chunk.value) out.push({ kind: "added", to: to++, text });
  }
  return out;
}

/** Words kept, inserted and deleted between two texts of a paragraph. */
export function diffWords(older: string, newer: string): WordPart[] {
  return diffWordsWithSpace(older, newer).map((c) => ({
    kind: c.added ? "ins" : c.removed ? "del" : "same",
    text: c.value,
  }));
}

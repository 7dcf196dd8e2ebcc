/**
 * The tiny markup publications are written in (no HTML is ever interpreted): blocks are
 * separated by blank lines; a block whose first line starts with "## " is a heading; a
 * block whose lines all start with "- " is a list; anything else is a paragraph (single
 * line breaks kept). Inside text, [words](address) is a link when the address is https or
 * a path on this site; anything else stays as typed.
 */
export type Inline = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };
export type Block =
  | { kind: "heading"; text: Inline[] }
  | { kind: "list"; items: Inline[][] }
  | { kind: "paragraph"; lines: Inline[][] };

const LINK = /\[([^\]\n]{1,300})\]\(([^)\s]{1,2000})\)/g;

/** An address a reader may follow: https with a host and no credentials, or a local path. */
export function isSafeHref(href: string): boolean {
  if (/^\/(?![/\\])[^\s]*$/.test(href)) return true;
  try {
    const u = new URL(href);
    return u.protocol === "https:" && u.hostname !== "" && !u.username && !u.password;
  } catch {
    return false;
  }
}

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(LINK)) {
    const [all, words = "", href = ""] = m;
    if (!isSafeHref(href)) continue;
    const at = m.index ?? 0;
    if (at > last) out.push({ kind: "text", text: text.slice(last, at) });
    out.push({ kind: "link", text: words, href });
    last = at + all.length;
  }
  if (last < text.length) out.push({ kind: "text", text: text.slice(last) });
  return out;
}

export function parseMarkup(source: string): Block[] {
  return source
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter((b) => b !== "")
    .map((b): Block => {
      const lines = b.split("\n").map((l) => l.trim());
      if (lines.length === 1 && lines[0]?.startsWith("## "))
        return { kind: "heading", text: parseInline(lines[0].slice(3).trim()) };
      if (lines.every((l) => l.startsWith("- ")))
        return { kind: "list", items: lines.map((l) => parseInline(l.slice(2).trim())) };
      return { kind: "paragraph", lines: lines.map(parseInline) };
    });
}

/** The text without markup: for feed summaries and descriptions. */
export function plainText(source: string, max = 300): string {
  const text = parseMarkup(source)
    .flatMap((b) => (b.kind === "heading" ? [b.text] : b.kind === "list" ? b.items : b.lines))
    .map((parts) => parts.map((p) => p.text).join(""))
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

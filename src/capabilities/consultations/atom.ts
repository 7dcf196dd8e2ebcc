/** Characters XML 1.0 allows: tab, line feed, carriage return and everything from space up. */
function allowedInXml(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code !== 0xfffe && code !== 0xffff)
  );
}

/** Escapes text for XML content and attribute values. */
export function xmlEscape(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .split("")
    .filter((ch) => allowedInXml(ch.charCodeAt(0)))
    .join("");
}

export interface AtomEntry {
  id: string;
  title: string;
  link: string;
  updated: string;
  summary: string;
  author: string;
}

/** An Atom 1.0 feed (RFC 4287): every element the standard requires, every text escaped. */
export function atomFeed(feed: {
  id: string;
  title: string;
  self: string;
  link: string;
  updated: string;
  lang: string;
  entries: AtomEntry[];
}): string {
  const e = xmlEscape;
  const entries = feed.entries
    .map(
      (x) =>
        `  <entry>\n    <id>${e(x.id)}</id>\n    <title>${e(x.title)}</title>\n` +
        `    <link rel="alternate" type="text/html" href="${e(x.link)}"/>\n` +
        `    <updated>${e(x.updated)}</updated>\n    <author><name>${e(x.author)}</name></author>\n` +
        `    <summary>${e(x.summary)}</summary>\n  </entry>\n`,
    )
    .join("");
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n` +
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${e(feed.lang)}">\n` +
    `  <id>${e(feed.id)}</id>\n  <title>${e(feed.title)}</title>\n` +
    `  <link rel="self" type="application/atom+xml" href="${e(feed.self)}"/>\n` +
    `  <link rel="alternate" type="text/html" href="${e(feed.link)}"/>\n` +
    `  <updated>${e(feed.updated)}</updated>\n${entries}</feed>\n`
  );
}

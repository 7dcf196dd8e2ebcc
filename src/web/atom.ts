/** Escapes text for XML content and attribute values; drops characters XML 1.0 forbids. */
export function xmlEscape(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export interface AtomEntry {
  id: string;
  title: string;
  /** Language of the title and summary, when it differs from the feed's. */
  lang?: string;
  updated: string;
  published?: string;
  link: string;
  summary: string;
  author: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  lang: string;
  updated: string;
  self: string;
  alternate: string;
  entries: AtomEntry[];
}

/** An Atom 1.0 feed (RFC 4287), every text escaped; every capability's feed is written by it. */
export function atomFeed(feed: AtomFeed): string {
  const e = xmlEscape;
  const entries = feed.entries.map(
    (x) => `  <entry${x.lang ? ` xml:lang="${e(x.lang)}"` : ""}>
    <id>${e(x.id)}</id>
    <title type="text">${e(x.title)}</title>
    <updated>${e(x.updated)}</updated>${x.published ? `\n    <published>${e(x.published)}</published>` : ""}
    <link rel="alternate" type="text/html" href="${e(x.link)}"/>
    <author><name>${e(x.author)}</name></author>
    <summary type="text">${e(x.summary)}</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${e(feed.lang)}">
  <id>${e(feed.id)}</id>
  <title type="text">${e(feed.title)}</title>
  <updated>${e(feed.updated)}</updated>
  <link rel="self" type="application/atom+xml" href="${e(feed.self)}"/>
  <link rel="alternate" type="text/html" href="${e(feed.alternate)}"/>
  <generator>Halyq</generator>
${entries.join("\n")}
</feed>
`;
}

import type { TestApp } from "./app.js";

/** Links a crawl does not follow: sign-out, language switches, files, feeds and data. */
const SKIP =
  /^\/(logout|sign-out|language\/|files\/|api\/|open311\/)|\.(csv|xlsx|json|atom|xml|ics|pdf|svg|png|txt)(\?|$)|[?&](format|download)=/;

/** A path's shape: numbers and ids become placeholders, so a list of 50 petitions is one shape. */
export function pathShape(path: string): string {
  const [bare = "", query] = path.split("?");
  const shape = bare
    .split("/")
    .map((part) =>
      /\d/.test(part) || /^[A-Za-z0-9_-]{16,}$/.test(part) || /^ag-/.test(part) ? ":id" : part,
    )
    .join("/");
  const keys = query
    ? [...new URLSearchParams(query).keys()]
        .filter((k) => k !== "lang")
        .sort()
        .join("&")
    : "";
  return keys ? `${shape}?${keys}` : shape;
}

function links(html: string, onlyMain: boolean): string[] {
  let part = html;
  if (onlyMain) {
    const start = html.indexOf("<main");
    const end = html.indexOf("</main>");
    part = start >= 0 && end > start ? html.slice(start, end) : "";
  }
  const found: string[] = [];
  for (const m of part.matchAll(/<a\s[^>]*href="(\/[^"#]*)"/g)) {
    const href = (m[1] ?? "").replaceAll("&amp;", "&");
    if (!href.startsWith("//") && !SKIP.test(href)) found.push(href);
  }
  return found;
}

/**
 * The pages a signed-in person reaches: every link of the home page (their menu, the footer's
 * other sections), then the links in the main part of those pages, at most `perShape` pages of
 * each shape and `limit` in all. Only pages answering 200 are kept.
 */
export async function crawlSignedIn(
  t: TestApp,
  cookie: string,
  { perShape = 1, limit = 40 } = {},
): Promise<string[]> {
  const seen = new Map<string, number>();
  const pages: string[] = [];
  const take = (path: string) => {
    const shape = pathShape(path);
    const n = seen.get(shape) ?? 0;
    if (n >= perShape || pages.includes(path) || pages.length >= limit) return false;
    seen.set(shape, n + 1);
    pages.push(path);
    return true;
  };
  const get = async (path: string) => {
    const res = await t.app.inject({ method: "GET", url: path, headers: { cookie } });
    return res.statusCode === 200 && String(res.headers["content-type"]).includes("text/html")
      ? res.body
      : null;
  };
  const home = await get("/");
  if (home === null) return [];
  take("/");
  const first: string[] = [];
  for (const href of links(home, false)) if (take(href)) first.push(href);
  for (const path of first) {
    const html = await get(path);
    if (html === null) {
      pages.splice(pages.indexOf(path), 1);
      continue;
    }
    for (const href of links(html, true)) {
      if (!take(href)) continue;
      if ((await get(href)) === null) pages.splice(pages.indexOf(href), 1);
    }
  }
  return pages;
}

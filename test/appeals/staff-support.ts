import type { TestApp } from "../support/app.js";
import type { SignedIn } from "../support/sessions.js";

/** A page as a browser without JavaScript gets it, with the person's session and language. */
export async function getPage(t: TestApp, who: SignedIn | null, url: string, lang = "en") {
  const res = await t.app.inject({
    url,
    headers: { ...(who ? { cookie: who.cookie } : {}), "accept-language": lang },
  });
  return { status: res.statusCode, body: res.body, location: res.headers.location };
}

/** A form post as the browser sends it, with the session's CSRF token. */
export async function postForm(
  t: TestApp,
  who: SignedIn,
  url: string,
  fields: Record<string, string>,
  lang = "en",
) {
  const res = await t.app.inject({
    method: "POST",
    url,
    headers: {
      cookie: who.cookie,
      "content-type": "application/x-www-form-urlencoded",
      "accept-language": lang,
    },
    payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
  });
  return { status: res.statusCode, body: res.body, location: res.headers.location };
}

/** Message keys that reached the page untranslated (a key missing from every catalogue). */
export function untranslated(html: string): string[] {
  return [...html.matchAll(/\b(appeals|forms|layout)\.[a-z_]+\.[a-z_.]+/g)].map((m) => m[0]);
}

/** The rows of the inbox table: each appeal number in the order shown. */
export function inboxNumbers(html: string): string[] {
  return [
    ...html.matchAll(/<a class="govuk-link[^"]*" href="\/office\/appeals\/([A-Z0-9-]+)">/g),
  ].map((m) => m[1] ?? "");
}

import type { TestApp } from "./app.js";
import type { SignedIn } from "./sessions.js";

export interface ApiOptions {
  /** The language asked for, as the `halyq_lang` cookie (the account's or the browser's otherwise). */
  lang?: "kk" | "ru" | "en";
  /** More request headers, e.g. `accept-language`. */
  headers?: Record<string, string>;
}

/**
 * A JSON API call with a browser session (cookie and CSRF header, as the pages' scripts send
 * them), or anonymous; answers the status and the parsed body.
 */
export async function api(
  t: TestApp,
  who: SignedIn | null,
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  url: string,
  body?: unknown,
  options: ApiOptions = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the API answered
): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = { ...options.headers };
  const cookies = [who?.cookie, options.lang ? `halyq_lang=${options.lang}` : undefined].filter(
    Boolean,
  );
  if (cookies.length > 0) headers.cookie = cookies.join("; ");
  if (who) headers["x-csrf-token"] = who.csrf;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await t.app.inject({
    method,
    url,
    headers,
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  return { status: res.statusCode, json: res.body ? JSON.parse(res.body) : null };
}

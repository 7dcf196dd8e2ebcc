import { createHmac, randomBytes } from "node:crypto";
import { hashToken } from "../../src/capabilities/identity/auth/tokens.js";
import type { TestApp } from "./app.js";
import type { SignedIn } from "./sessions.js";

/** Cookies as a browser keeps them for one site: name → value. */
class Jar {
  readonly #cookies = new Map<string, string>();
  take(setCookies: string[]) {
    for (const c of setCookies) {
      const [pair] = c.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }
}

const setCookiesOf = (h: Record<string, unknown>): string[] => {
  const v = h["set-cookie"];
  return Array.isArray(v) ? v.map(String) : v ? [String(v)] : [];
};

/**
 * Signs in to Halyq through the national e-ID as a person would, without a browser: Halyq's
 * own routes through the test app, the OpenID Connect provider (test/support/oidc-provider.ts)
 * over real HTTP, its development login and consent forms posted as its pages would. Gives
 * the Halyq cookie header afterwards (with the new session) and where Halyq sent the person.
 * `cookie` is a Halyq session to sign in from (linking the e-ID to a signed-in account).
 */
export async function eidSignIn(
  t: TestApp,
  login: string,
  cookie = "",
): Promise<{ cookie: string; location: string; status: number; body: string }> {
  const halyq = new Jar();
  if (cookie) halyq.take(cookie.split("; "));
  const start = await t.app.inject({
    method: "GET",
    url: "/login/eid",
    headers: { cookie: halyq.header() },
  });
  halyq.take(setCookiesOf(start.headers));
  let url = String(start.headers.location ?? "");
  if (!url.startsWith("http")) throw new Error(`no redirect to the provider: ${start.statusCode}`);
  const publicUrl = t.ctx.config.publicUrl;
  const provider = new Jar();
  for (let step = 0; step < 20 && !url.startsWith(publicUrl); step++) {
    let res = await fetch(url, { redirect: "manual", headers: { cookie: provider.header() } });
    provider.take(res.headers.getSetCookie());
    if (res.status === 200) {
      const html = await res.text();
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (!prompt) throw new Error(`unexpected provider page: ${html.slice(0, 500)}`);
      const form = new URLSearchParams(
        prompt === "login" ? { prompt, login, password: "any" } : { prompt },
      );
      res = await fetch(url, {
        method: "POST",
        redirect: "manual",
        headers: {
          cookie: provider.header(),
          "content-type": "application/x-www-form-urlencoded",
        },
        body: form.toString(),
      });
      provider.take(res.headers.getSetCookie());
    }
    const next = res.headers.get("location");
    if (!next) throw new Error(`the provider stopped at ${res.status}: ${await res.text()}`);
    url = new URL(next, url).toString();
  }
  const back = new URL(url);
  const done = await t.app.inject({
    method: "GET",
    url: `${back.pathname}${back.search}`,
    headers: { cookie: halyq.header() },
  });
  halyq.take(setCookiesOf(done.headers));
  return {
    cookie: halyq.header(),
    location: String(done.headers.location ?? ""),
    status: done.statusCode,
    body: done.body,
  };
}

/**
 * A signed-in session (its cookie) as the API helpers take it: the session's holder and a
 * fresh CSRF cookie with the token that matches it, as the pages would hand out.
 */
export async function signedInFrom(t: TestApp, cookieHeader: string): Promise<SignedIn> {
  const token = /(?:^|; )halyq_session=([^;]+)/.exec(cookieHeader)?.[1];
  if (!token) throw new Error("no session cookie");
  const idHash = hashToken(token);
  const row = await t.ctx.db.kysely
    .selectFrom("sessions")
    .select("account_id")
    .where("id_hash", "=", idHash)
    .executeTakeFirstOrThrow();
  const csrfCookie = randomBytes(24).toString("base64url");
  const csrf = createHmac("sha256", t.ctx.secret)
    .update(`${csrfCookie}|${idHash}`)
    .digest("base64url");
  return {
    accountId: row.account_id,
    cookie: `halyq_session=${token}; halyq_csrf=${csrfCookie}`,
    csrf,
    token,
  };
}

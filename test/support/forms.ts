import type { FastifyInstance } from "fastify";
import type { TestApp } from "./app.js";

/**
 * What the form helpers need of an app: its `inject`. A `TestApp` in this process, or a Halyq
 * running in its own process, through `remoteApp` (test/support/remote-app.ts).
 */
export interface Injectable {
  app: Pick<FastifyInstance, "inject">;
}

/** Cookies from a response's Set-Cookie headers, merged into a cookie jar (name → value). */
export function collectCookies(
  jar: Map<string, string>,
  setCookie: string | string[] | undefined,
): void {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  for (const c of list) {
    const [pair = "", ...attrs] = c.split(";");
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attrs.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
    if (!value || expired) jar.delete(name);
    else jar.set(name, value);
  }
}

/**
 * A browser without JavaScript, through `inject`: it keeps cookies, reads the CSRF token from
 * the form it was shown and posts forms the way a browser does (url-encoded).
 */
export class FormClient {
  readonly jar = new Map<string, string>();
  constructor(
    private readonly t: Injectable,
    private readonly lang = "en",
    /** The client's address, as the app sees it (inject's default is 127.0.0.1). */
    private readonly remoteAddress?: string,
  ) {}

  get cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async get(url: string) {
    const res = await this.t.app.inject({
      url,
      headers: { cookie: this.cookie, "accept-language": this.lang },
      ...(this.remoteAddress ? { remoteAddress: this.remoteAddress } : {}),
    });
    collectCookies(this.jar, res.headers["set-cookie"]);
    return res;
  }

  /** GETs `page`, takes the CSRF token from its form, and posts `fields` to `action`. */
  async submit(
    page: string,
    action: string,
    fields: Record<string, string>,
    csrfOverride?: string,
  ) {
    const shown = await this.get(page);
    const csrf = csrfOverride ?? /name="_csrf" value="([^"]+)"/.exec(shown.body)?.[1] ?? "";
    return this.post(action, { _csrf: csrf, ...fields });
  }

  async post(action: string, fields: Record<string, string>) {
    const res = await this.t.app.inject({
      method: "POST",
      url: action,
      headers: {
        cookie: this.cookie,
        "content-type": "application/x-www-form-urlencoded",
        "accept-language": this.lang,
      },
      payload: new URLSearchParams(fields).toString(),
      ...(this.remoteAddress ? { remoteAddress: this.remoteAddress } : {}),
    });
    collectCookies(this.jar, res.headers["set-cookie"]);
    return res;
  }
}

/** The first link of a given path in the newest outbox mail to `to`. */
export async function linkFromOutbox(t: TestApp, to: string, path: string): Promise<string> {
  const rows = await t.ctx.db.kysely
    .selectFrom("mail_outbox")
    .select(["body_text", "created_at"])
    .where("to_address", "=", to)
    .orderBy("created_at", "desc")
    .execute();
  const pattern = new RegExp(`https?://\\S+${path.replace(/[?]/g, "\\?")}\\S*`);
  for (const row of rows) {
    const m = pattern.exec(row.body_text);
    if (m) return new URL(m[0]).pathname + new URL(m[0]).search;
  }
  throw new Error(`no ${path} link in mail to ${to}`);
}

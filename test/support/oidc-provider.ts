/**
 * A real OpenID Connect provider (oidc-provider 9) on 127.0.0.1 standing in for the national
 * e-ID in tests: one confidential client, PKCE required, accounts given by the test, and
 * oidc-provider's built-in development login and consent pages (any password is accepted).
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
// @ts-expect-error -- oidc-provider ships no type declarations (and @types/oidc-provider is not installed)
import Provider from "oidc-provider";

/** The claims a test account carries; `sub` is the account's key in `accounts`. */
export interface ProviderAccount {
  iin: string;
  email: string;
  family_name: string;
  given_name: string;
  middle_name?: string;
  /** Further claims, released under `profile` when named in `profileClaims`. */
  [claim: string]: string | undefined;
}

export interface StartedOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

/** The part of oidc-provider's Provider this file uses. */
interface ProviderInstance {
  callback(): http.RequestListener;
}

/**
 * Starts the provider on a free port. `iin` is released under the `profile` scope, next to the
 * names, so "openid profile email" yields everything. By default all claims are put in the ID
 * token; `claimsInIdToken: false` keeps them to UserInfo (oidc-provider's own default, and what
 * OpenID Connect Core prescribes for the code flow), to exercise clients that must ask there.
 */
export async function startOidcProvider(options: {
  redirectUris: string[];
  clientId?: string;
  clientSecret?: string;
  accounts: Record<string, ProviderAccount>;
  claimsInIdToken?: boolean;
  /** Extra claim names released under the `profile` scope (e.g. the residence's KATO code). */
  profileClaims?: string[];
}): Promise<StartedOidcProvider> {
  const clientId = options.clientId ?? "halyq-test";
  const clientSecret = options.clientSecret ?? randomBytes(24).toString("base64url");

  let handler: http.RequestListener = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const signingKey = {
    ...privateKey.export({ format: "jwk" }),
    kid: "test",
    alg: "RS256",
    use: "sig",
  };

  const provider: ProviderInstance = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    pkce: { required: () => true },
    claims: {
      openid: ["sub"],
      profile: [
        "family_name",
        "given_name",
        "middle_name",
        "iin",
        ...(options.profileClaims ?? []),
      ],
      email: ["email", "email_verified"],
    },
    conformIdTokenClaims: options.claimsInIdToken === false,
    findAccount(_ctx: unknown, sub: string) {
      const account = options.accounts[sub];
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, ...account, email_verified: true }),
      };
    },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    jwks: { keys: [signingKey] },
    features: { devInteractions: { enabled: true } },
    // Explicit lifetimes (seconds) also keep oidc-provider from printing a notice for each.
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 3600,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
    },
    renderError(ctx: { type: string; body: string }, out: Record<string, string>) {
      ctx.type = "text/plain";
      ctx.body = `${out.error}: ${out.error_description}`;
    },
  });
  handler = provider.callback();

  return {
    issuer,
    clientId,
    clientSecret,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function decodeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/**
 * Plays the browser at the provider: opens the authorization URL, fills the development login
 * form (login = the account key, any password), answers the consent page and returns the URL
 * the provider finally redirects to (the client's redirect URI with code or error). With
 * `cancel: "login"` or `"consent"` it follows the page's "[ Cancel ]" link instead.
 */
export async function signInAtProvider(
  authorizationUrl: URL | string,
  login: string,
  options: { password?: string; cancel?: "login" | "consent" } = {},
): Promise<URL> {
  const start = new URL(authorizationUrl);
  const origin = start.origin;
  const cookies = new Map<string, string>();

  async function go(url: URL, body?: URLSearchParams): Promise<Response> {
    const headers: Record<string, string> = {
      cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; "),
    };
    if (body) headers["content-type"] = "application/x-www-form-urlencoded";
    const res = await fetch(url, {
      method: body ? "POST" : "GET",
      headers,
      body,
      redirect: "manual",
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return res;
  }

  let res = await go(start);
  for (let hop = 0; hop < 20; hop++) {
    const location = res.headers.get("location");
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel();
      const next = new URL(location, res.url || origin);
      if (next.origin !== origin) return next;
      res = await go(next);
      continue;
    }
    const html = await res.text();
    if (res.status !== 200)
      throw new Error(`provider answered ${res.status}: ${html.slice(0, 500)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`no interaction form in: ${html.slice(0, 500)}`);
    if (options.cancel === prompt) {
      const abort = /<a href="([^"]+)">\[ Cancel \]<\/a>/.exec(html)?.[1];
      if (!abort) throw new Error("no cancel link on the provider's page");
      res = await go(new URL(decodeHtml(abort), origin));
      continue;
    }
    const form = new URLSearchParams({ prompt });
    if (prompt === "login") {
      form.set("login", login);
      form.set("password", options.password ?? "any password");
    }
    res = await go(new URL(decodeHtml(action), origin), form);
  }
  throw new Error("too many redirects at the provider");
}

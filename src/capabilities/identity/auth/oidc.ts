/**
 * Sign-in through the national e-ID, an OpenID Connect provider: authorization code flow with
 * PKCE (S256), state and nonce. A thin layer over openid-client 6 that returns the person's
 * name, e-mail and IIN and turns every failure into one typed error.
 */
import * as client from "openid-client";

/** A discovered provider and how to talk to it; opaque to callers. */
export interface OidcProvider {
  readonly config: client.Configuration;
  readonly scope: string;
}

/** What must survive the round trip to the provider (in a short-lived, signed cookie). */
export interface LoginExpectation {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * Who the provider says signed in. Claims the provider did not send (or sent as anything but a
 * non-empty string) are null. The IIN is passed on as given: check it with kernel/ids.ts.
 */
export interface OidcIdentity {
  subject: string;
  iin: string | null;
  /** KATO code (9 digits) of the registered address, when the provider gives one. */
  residence?: string | null;
  email: string | null;
  surname: string | null;
  givenName: string | null;
  patronymic: string | null;
}

export type OidcLoginErrorCode =
  /** The callback's state is missing or not the one this browser was sent with (CSRF). */
  | "state_mismatch"
  /** The provider answered with an OAuth error (the person cancelled, the code was reused…). */
  | "provider_error"
  /** The provider's answer failed validation (signature, issuer, audience, nonce, expiry…). */
  | "invalid_response";

/** The one error finishLogin throws; `providerError` carries the OAuth `error` code if any. */
export class OidcLoginError extends Error {
  readonly code: OidcLoginErrorCode;
  readonly providerError: string | null;
  constructor(
    code: OidcLoginErrorCode,
    message: string,
    options: { providerError?: string | null; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "OidcLoginError";
    this.code = code;
    this.providerError = options.providerError ?? null;
  }
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Fetches the provider's discovery document and prepares a confidential client
 * (client_secret_basic). Plain http is allowed only for an issuer on the loopback interface
 * (tests, local development); anywhere else it is refused before any request is made.
 */
export async function discoverProvider(options: {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
}): Promise<OidcProvider> {
  const issuer = new URL(options.issuer);
  const execute: Array<(config: client.Configuration) => void> = [];
  if (issuer.protocol === "http:") {
    if (!LOOPBACK_HOSTS.has(issuer.hostname)) {
      throw new Error(`OIDC issuer must use https: ${options.issuer}`);
    }
    execute.push(client.allowInsecureRequests);
  }
  const config = await client.discovery(
    issuer,
    options.clientId,
    { client_secret: options.clientSecret },
    client.ClientSecretBasic(options.clientSecret),
    { execute },
  );
  return { config, scope: options.scope ?? "openid profile email" };
}

/**
 * Starts a sign-in: the URL to send the browser to and the values to keep until it comes back.
 * `redirectUri` must be registered with the provider exactly as given.
 */
export async function beginLogin(
  provider: OidcProvider,
  redirectUri: string,
): Promise<LoginExpectation & { url: URL }> {
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(provider.config, {
    redirect_uri: redirectUri,
    scope: provider.scope,
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { url, state, nonce, codeVerifier };
}

function claimString(claims: Record<string, unknown>, name: string): string | null {
  const value = claims[name];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

const WANTED_CLAIMS = ["family_name", "given_name", "middle_name", "email"];

/**
 * Completes a sign-in from the URL the provider redirected to: checks state, exchanges the code
 * (with the PKCE verifier), validates the ID token (signature, issuer, audience, nonce, expiry)
 * and reads the person's claims. Providers that keep profile claims out of the ID token (as
 * OpenID Connect Core allows for the code flow) are asked at their UserInfo endpoint.
 */
export async function finishLogin(
  provider: OidcProvider,
  callbackUrl: URL,
  expected: LoginExpectation,
  iinClaim = "iin",
  residenceClaim = "residence_kato",
): Promise<OidcIdentity> {
  const params = callbackUrl.searchParams;
  if (params.get("state") !== expected.state) {
    throw new OidcLoginError("state_mismatch", "OIDC callback state does not match");
  }
  const error = params.get("error");
  if (error !== null) {
    const description = params.get("error_description");
    throw new OidcLoginError(
      "provider_error",
      `OIDC provider refused: ${error}${description ? ` (${description})` : ""}`,
      { providerError: error },
    );
  }

  let claims: Record<string, unknown>;
  try {
    const tokens = await client.authorizationCodeGrant(provider.config, callbackUrl, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new OidcLoginError("invalid_response", "OIDC response has no ID token");
    claims = { ...idToken };
    const missing = [...WANTED_CLAIMS, iinClaim].some((c) => claims[c] === undefined);
    if (missing && provider.config.serverMetadata().userinfo_endpoint) {
      const info = await client.fetchUserInfo(provider.config, tokens.access_token, idToken.sub);
      claims = { ...info, ...idToken };
    }
  } catch (err) {
    throw toLoginError(err);
  }

  const subject = claimString(claims, "sub");
  if (subject === null) throw new OidcLoginError("invalid_response", "OIDC identity has no sub");
  return {
    subject,
    iin: claimString(claims, iinClaim),
    residence: katoClaim(claims, residenceClaim),
    email: claimString(claims, "email"),
    surname: claimString(claims, "family_name"),
    givenName: claimString(claims, "given_name"),
    patronymic: claimString(claims, "middle_name"),
  };
}

/** A KATO code claim: nine digits (a number is accepted too), else nothing. */
function katoClaim(claims: Record<string, unknown>, name: string): string | null {
  const v = claims[name];
  const text = typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : "";
  return /^\d{9}$/.test(text) ? text : null;
}

function toLoginError(err: unknown): OidcLoginError {
  if (err instanceof OidcLoginError) return err;
  if (err instanceof client.AuthorizationResponseError || err instanceof client.ResponseBodyError) {
    return new OidcLoginError("provider_error", `OIDC provider refused: ${err.error}`, {
      providerError: err.error,
      cause: err,
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new OidcLoginError("invalid_response", `OIDC response rejected: ${message}`, {
    cause: err,
  });
}

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type StartedOidcProvider,
  signInAtProvider,
  startOidcProvider,
} from "../../../../test/support/oidc-provider.js";
import { isValidIin } from "../../../kernel/ids.js";
import {
  beginLogin,
  discoverProvider,
  finishLogin,
  type OidcLoginError,
  type OidcProvider,
} from "./oidc.js";

const REDIRECT_URI = "http://127.0.0.1:9/auth/e-id/callback";

const ACCOUNTS = {
  aigerim: {
    iin: "901205400349",
    email: "aigerim@mail.kz",
    family_name: "Sadykova",
    given_name: "Aigerim",
    middle_name: "Serikovna",
  },
  dana: {
    iin: "050315600784",
    email: "dana@mail.kz",
    family_name: "Omarova",
    given_name: "Dana",
  },
};

async function rejection(promise: Promise<unknown>): Promise<OidcLoginError> {
  try {
    await promise;
  } catch (err) {
    return err as OidcLoginError;
  }
  throw new Error("expected a rejection");
}

describe("national e-ID sign-in (OpenID Connect, against a real provider)", () => {
  let idp: StartedOidcProvider;
  let provider: OidcProvider;

  beforeAll(async () => {
    idp = await startOidcProvider({ redirectUris: [REDIRECT_URI], accounts: ACCOUNTS });
    provider = await discoverProvider({
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
    });
  });
  afterAll(() => idp?.stop());

  it("test accounts carry valid IINs", () => {
    for (const a of Object.values(ACCOUNTS)) expect(isValidIin(a.iin)).toBe(true);
  });

  it("begins with PKCE S256, state, nonce and the openid profile email scope", async () => {
    const login = await beginLogin(provider, REDIRECT_URI);
    const q = login.url.searchParams;
    expect(login.url.origin).toBe(idp.issuer);
    expect(q.get("response_type")).toBe("code");
    expect(q.get("client_id")).toBe(idp.clientId);
    expect(q.get("redirect_uri")).toBe(REDIRECT_URI);
    expect(q.get("scope")).toBe("openid profile email");
    expect(q.get("code_challenge_method")).toBe("S256");
    expect(q.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get("code_challenge")).not.toBe(login.codeVerifier);
    expect(q.get("state")).toBe(login.state);
    expect(q.get("nonce")).toBe(login.nonce);
    const other = await beginLogin(provider, REDIRECT_URI);
    expect(other.state).not.toBe(login.state);
    expect(other.nonce).not.toBe(login.nonce);
    expect(other.codeVerifier).not.toBe(login.codeVerifier);
  });

  it("shows oidc-provider's development login and consent forms (what the browser test drives)", async () => {
    const login = await beginLogin(provider, REDIRECT_URI);
    const first = await fetch(login.url, { redirect: "manual" });
    const location = first.headers.get("location") ?? "";
    expect(location).toMatch(/^\/interaction\/[\w-]+$/);
    const cookie = first.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const page = await (await fetch(new URL(location, idp.issuer), { headers: { cookie } })).text();
    expect(page).toContain("<h1>Sign-in</h1>");
    expect(page).toContain('<input type="hidden" name="prompt" value="login"/>');
    expect(page).toMatch(/<input required type="text" name="login" placeholder="Enter any login"/);
    expect(page).toMatch(
      /<input required type="password" name="password" placeholder="and password"/,
    );
    expect(page).toContain('<button type="submit" class="login login-submit">Sign-in</button>');
    expect(page).toContain(">[ Cancel ]</a>");
  });

  it("signs in end to end and returns the person's names, e-mail and IIN", async () => {
    const login = await beginLogin(provider, REDIRECT_URI);
    const callback = await signInAtProvider(login.url, "aigerim");
    expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
    expect(callback.searchParams.get("code")).toBeTruthy();
    expect(await finishLogin(provider, callback, login)).toEqual({
      subject: "aigerim",
      iin: "901205400349",
      email: "aigerim@mail.kz",
      surname: "Sadykova",
      givenName: "Aigerim",
      patronymic: "Serikovna",
      // The provider releases no residence claim for this person.
      residence: null,
    });
  });

  it("gives null for claims the provider does not send", async () => {
    const login = await beginLogin(provider, REDIRECT_URI);
    const identity = await finishLogin(
      provider,
      await signInAtProvider(login.url, "dana"),
      login,
      "kz_iin",
    );
    expect(identity).toMatchObject({ subject: "dana", patronymic: null, iin: null });
  });

  it("refuses a callback whose state is not the expected one, before redeeming the code", async () => {
    const login = await beginLogin(provider, REDIRECT_URI);
    const callback = await signInAtProvider(login.url, "aigerim");
    const other = await beginLogin(provider, REDIRECT_URI);
    const err = await rejection(finishLogin(provider, callback, { ...login, state: other.state }));
    expect(err.name).toBe("OidcLoginError");
    expect(err.code).toBe("state_mismatch");
    // The code was not spent: the right expectation still completes.
    expect((await finishLogin(provider, callback, login)).subject).toBe("aigerim");

    const stripped = new URL(callback);
    stripped.searchParams.delete("state");
    expect((await rejection(finishLogin(provider, stripped, login))).code).toBe("state_mismatch");
  });

  it("reports a cancelled sign-in as a provider error", async () => {
    for (const cancel of ["login", "consent"] as const) {
      const login = await beginLogin(provider, REDIRECT_URI);
      const callback = await signInAtProvider(login.url, "aigerim", { cancel });
      expect(callback.searchParams.get("error")).toBe("access_denied");
      const err = await rejection(finishLogin(provider, callback, login));
      expect(err.code).toBe("provider_error");
      expect(err.providerError).toBe("access_denied");
    }
  });

  it("refuses to redeem a code twice", async () => {
    const login = await beginLogin(provider, REDIRECT_URI);
    const callback = await signInAtProvider(login.url, "aigerim");
    await finishLogin(provider, callback, login);
    const err = await rejection(finishLogin(provider, callback, login));
    expect(err.code).toBe("provider_error");
    expect(err.providerError).toBe("invalid_grant");
  });

  it("refuses a wrong PKCE verifier", async () => {
    const login = await beginLogin(provider, REDIRECT_URI);
    const callback = await signInAtProvider(login.url, "aigerim");
    const other = await beginLogin(provider, REDIRECT_URI);
    const err = await rejection(
      finishLogin(provider, callback, { ...login, codeVerifier: other.codeVerifier }),
    );
    expect(err.code).toBe("provider_error");
    expect(err.providerError).toBe("invalid_grant");
  });

  it("refuses an ID token whose nonce is not the expected one", async () => {
    const login = await beginLogin(provider, REDIRECT_URI);
    const callback = await signInAtProvider(login.url, "aigerim");
    const err = await rejection(finishLogin(provider, callback, { ...login, nonce: "forged" }));
    expect(err.code).toBe("invalid_response");
    expect(err.cause).toBeInstanceOf(Error);
  });
});

describe("national e-ID sign-in with profile claims only at UserInfo", () => {
  it("asks UserInfo for what the ID token lacks", async () => {
    const idp = await startOidcProvider({
      redirectUris: [REDIRECT_URI],
      accounts: ACCOUNTS,
      claimsInIdToken: false,
      clientId: "halyq",
      clientSecret: "a-test-secret-that-is-long-enough-for-hs256",
    });
    try {
      const provider = await discoverProvider({
        issuer: idp.issuer,
        clientId: "halyq",
        clientSecret: "a-test-secret-that-is-long-enough-for-hs256",
      });
      const login = await beginLogin(provider, REDIRECT_URI);
      const identity = await finishLogin(
        provider,
        await signInAtProvider(login.url, "aigerim"),
        login,
      );
      expect(identity).toEqual({
        subject: "aigerim",
        iin: "901205400349",
        email: "aigerim@mail.kz",
        surname: "Sadykova",
        givenName: "Aigerim",
        patronymic: "Serikovna",
        residence: null,
      });
    } finally {
      await idp.stop();
    }
  });
});

describe("provider discovery", () => {
  it("refuses plain http except on the loopback interface", async () => {
    await expect(
      discoverProvider({ issuer: "http://idp.example.kz", clientId: "a", clientSecret: "b" }),
    ).rejects.toThrow(/must use https/);
  });

  it("fails when nothing answers at the issuer", async () => {
    await expect(
      discoverProvider({ issuer: "http://127.0.0.1:9", clientId: "a", clientSecret: "b" }),
    ).rejects.toThrow();
  });
});

import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import { signInAs } from "../support/sessions.js";

/** The body as sent, decoded by its content-encoding. */
function decoded(res: { headers: Record<string, unknown>; rawPayload: Buffer }): string {
  const encoding = res.headers["content-encoding"];
  if (encoding === "br") return zlib.brotliDecompressSync(res.rawPayload).toString("utf8");
  if (encoding === "gzip") return zlib.gunzipSync(res.rawPayload).toString("utf8");
  return res.rawPayload.toString("utf8");
}

describe.each(testDialects())("compression on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect, { env: { PAGE_CACHE_SECONDS: "60" } });
  });
  afterAll(async () => t.close());

  const urls = {
    html: "/statistics?lang=en",
    json: "/api/v1/agencies",
    css: "/assets/halyq.css",
    xml: "/open311/v2/services.xml",
  };

  it.each(Object.entries(urls))(
    "%s: br or gzip as Accept-Encoding asks, identity without it, the same body",
    async (_kind, url) => {
      const plain = await t.app.inject({ url, headers: { "accept-language": "en" } });
      expect(plain.statusCode, url).toBe(200);
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(plain.body.length).toBeGreaterThan(1024);
      for (const [accept, expected] of [
        ["gzip, deflate, br", "br"],
        ["gzip", "gzip"],
        ["br;q=0.5, gzip;q=1", "gzip"],
        ["identity", undefined],
        ["compress", undefined],
      ] as const) {
        const res = await t.app.inject({
          url,
          headers: { "accept-language": "en", "accept-encoding": accept },
        });
        expect(res.statusCode, `${url} ${accept}`).toBe(200);
        expect(res.headers["content-encoding"], `${url} ${accept}`).toBe(expected);
        if (expected) {
          expect(res.rawPayload.length, url).toBeLessThan(plain.rawPayload.length / 2);
          expect(String(res.headers.vary ?? ""), url).toMatch(/accept-encoding/i);
        }
        expect(decoded(res), `${url} ${accept}`).toBe(plain.body);
      }
    },
  );

  it("the page cache stores the plain page and serves it compressed or not", async () => {
    t.ctx.pageCache.invalidate();
    const url = "/agencies/astana-akimat";
    const first = await t.app.inject({
      url,
      headers: { "accept-language": "en", "accept-encoding": "br" },
    });
    expect(first.headers["content-encoding"]).toBe("br");
    // The language's Vary stays, the encoding's is added.
    expect(String(first.headers.vary)).toMatch(/accept-language/i);
    expect(String(first.headers.vary)).toMatch(/accept-encoding/i);
    expect(t.ctx.pageCache.size).toBe(1);
    const cachedPlain = await t.app.inject({ url, headers: { "accept-language": "en" } });
    expect(cachedPlain.headers["content-encoding"]).toBeUndefined();
    expect(cachedPlain.body).toContain("<!DOCTYPE html>");
    expect(decoded(first)).toBe(cachedPlain.body);
    const cachedGzip = await t.app.inject({
      url,
      headers: { "accept-language": "en", "accept-encoding": "gzip" },
    });
    expect(cachedGzip.headers["content-encoding"]).toBe("gzip");
    expect(decoded(cachedGzip)).toBe(cachedPlain.body);
  });

  it("HEAD still answers: the plain representation's headers and no body", async () => {
    const plain = await t.app.inject({ url: urls.json });
    const res = await t.app.inject({
      method: "HEAD",
      url: urls.json,
      headers: { "accept-encoding": "gzip" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.headers["content-type"]).toBe(plain.headers["content-type"]);
    expect(Number(res.headers["content-length"])).toBe(plain.rawPayload.length);
    expect(res.rawPayload.length).toBe(0);
  });

  it("a plain answer and a HEAD say too that they vary by Accept-Encoding, so no cache hands one to the wrong client", async () => {
    for (const url of [urls.html, urls.json, urls.xml, "/open-data/appeals.csv"]) {
      for (const [method, accept] of [
        ["GET", undefined],
        ["GET", "identity"],
        ["HEAD", "gzip"],
        ["HEAD", undefined],
      ] as const) {
        const res = await t.app.inject({
          method,
          url,
          headers: { "accept-language": "en", ...(accept ? { "accept-encoding": accept } : {}) },
        });
        expect(res.statusCode, `${method} ${url}`).toBe(200);
        const vary = String(res.headers.vary ?? "");
        expect(vary, `${method} ${url} ${accept}`).toMatch(/accept-encoding/i);
        expect(vary.match(/accept-encoding/gi), `${method} ${url}`).toHaveLength(1);
      }
    }
  });

  it("a signed-in person's pages are not compressed: their personal data never sits next to reflected input in a compressed body (BREACH)", async () => {
    const me = await signInAs(t, { email: "breach-target@example.kz" });
    const page = await t.app.inject({
      url: "/account?saved=breach-target%40example.k",
      headers: { cookie: me.cookie, "accept-language": "en", "accept-encoding": "br, gzip" },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-encoding"]).toBeUndefined();
    // The page holds the person's e-mail and echoes the query (the language links' next=).
    expect(page.body).toContain("breach-target@example.kz");
    expect(page.body).toContain("saved%3Dbreach-target%2540example.k");
    expect(page.headers["cache-control"]).toBe("no-store");
    // A page for nobody in particular is still compressed.
    const open = await t.app.inject({
      url: urls.html,
      headers: { "accept-language": "en", "accept-encoding": "br" },
    });
    expect(open.headers["content-encoding"]).toBe("br");
  });

  it("precompressed assets keep their stored file; CSV downloads are compressed too", async () => {
    const asset = await t.app.inject({
      url: "/assets/govuk-frontend.min.js",
      headers: { "accept-encoding": "br" },
    });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["content-encoding"]).toBe("br");
    const plain = await t.app.inject({ url: "/assets/govuk-frontend.min.js" });
    expect(decoded(asset)).toBe(plain.body);

    const csv = await t.app.inject({
      url: "/open-data/appeals.csv",
      headers: { "accept-encoding": "gzip" },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-encoding"]).toBe("gzip");
    const again = await t.app.inject({ url: "/open-data/appeals.csv" });
    expect(decoded(csv)).toBe(again.body);
  });

  it("a request body sent compressed is not inflated", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/session",
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
      payload: zlib.gzipSync(JSON.stringify({ email: "x@example.kz", password: "x" })),
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });

  it("a form's CSRF token differs in every page (nothing secret repeats in compressed pages) and each is accepted", async () => {
    const first = await t.app.inject({ url: "/login", headers: { "accept-encoding": "br" } });
    const cookie = String(first.headers["set-cookie"] ?? "").match(/halyq_csrf=[^;]+/)?.[0];
    expect(cookie).toBeDefined();
    const token = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
    const second = await t.app.inject({ url: "/login", headers: { cookie: String(cookie) } });
    const a = token(decoded(first));
    const b = token(second.body);
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect(a).not.toBe(b);
    for (const sent of [a, b, "forged-token-forged-token-forged-token-forge"]) {
      const res = await t.app.inject({
        method: "POST",
        url: "/login",
        headers: { cookie: String(cookie), "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({
          _csrf: String(sent),
          email: "nobody@example.kz",
          password: "wrong-password",
        }).toString(),
      });
      if (sent === a || sent === b) expect(res.statusCode).not.toBe(403);
      else expect(res.statusCode).toBe(403);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";

describe.each(testDialects())("HTTP security on %s", (dialect) => {
  let t: TestApp;
  let tls: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    tls = await startTestApp(dialect, { env: { PUBLIC_URL: "https://halyq.example.kz" } });
  });
  afterAll(async () => {
    await t.close();
    await tls.close();
  });

  it("sends a CSP without inline script and forbids framing", async () => {
    for (const url of ["/", "/agencies", "/api/v1/agencies", "/nope"]) {
      const res = await t.app.inject({ url });
      const csp = String(res.headers["content-security-policy"]);
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).not.toContain("unsafe-inline");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("object-src 'none'");
      expect(res.headers["x-content-type-options"], url).toBe("nosniff");
      expect(res.headers["referrer-policy"], url).toBe("strict-origin-when-cross-origin");
      expect(res.headers["strict-transport-security"], url).toBeUndefined();
    }
  });

  it("pages carry no inline script or style", async () => {
    const res = await t.app.inject({ url: "/calendar?day=1&month=1&year=2025&days=1" });
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.body).not.toMatch(/\sstyle=/);
    expect(res.body).not.toMatch(/\son[a-z]+=/);
  });

  it("sends HSTS and a Secure language cookie when reached over TLS", async () => {
    const res = await tls.app.inject({ url: "/" });
    expect(res.headers["strict-transport-security"]).toMatch(/max-age=31536000/);
    const sw = await tls.app.inject({ url: "/language/en?next=/" });
    expect(String(sw.headers["set-cookie"])).toMatch(/Secure/);
  });

  it("escapes what people type into pages", async () => {
    const res = await t.app.inject({
      url: `/agencies?q=${encodeURIComponent('"><script>alert(1)</script>')}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain("<script>alert(1)</script>");
    expect(res.body).toContain("&lt;script>");
  });

  it("rejects oversized and malformed bodies with coded errors", async () => {
    const big = await t.app.inject({
      method: "POST",
      url: "/api/v1/agencies",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ x: "a".repeat(2 * 1024 * 1024) }),
    });
    expect([404, 413]).toContain(big.statusCode);
    expect(["NOT_FOUND", "PAYLOAD_TOO_LARGE"]).toContain(big.json().error.code);
  });

  it("an unexpected failure shows a generic page with no internals", async () => {
    const broken = await startTestApp(dialect);
    broken.app.log.level = "silent";
    await broken.ctx.db.kysely.schema.dropTable("agency_competences").execute();
    const page = await broken.app.inject({
      url: "/agencies/astana-akimat",
      headers: { "accept-language": "en" },
    });
    expect(page.statusCode).toBe(500);
    expect(page.body).toContain("Sorry, there is a problem with the service");
    expect(page.body).not.toMatch(/agency_competences|stack|at .*\.ts/);
    const api = await broken.app.inject({ url: "/api/v1/agencies/astana-akimat" });
    expect(api.statusCode).toBe(500);
    expect(api.json()).toEqual({ error: { code: "INTERNAL", message: expect.any(String) } });
    expect(api.body).not.toContain("agency_competences");
    await broken.close();
  });
});

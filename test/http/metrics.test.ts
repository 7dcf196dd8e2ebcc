import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";

const TOKEN = "metrics-token-for-tests-0123456789";

describe.each(testDialects())("operations metrics on %s", (dialect) => {
  let t: TestApp;
  let plain: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect, { env: { METRICS_TOKEN: TOKEN } });
    plain = await startTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
    await plain.close();
  });

  const scrape = (token?: string) =>
    t.app.inject({
      method: "GET",
      url: "/metrics",
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it("answers only the bearer token, and not at all without METRICS_TOKEN", async () => {
    expect((await scrape()).statusCode).toBe(401);
    expect((await scrape("wrong-token-wrong-token-wrong-tok")).statusCode).toBe(401);
    expect((await scrape(TOKEN)).statusCode).toBe(200);
    const none = await plain.app.inject({
      method: "GET",
      url: "/metrics",
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(none.statusCode).toBe(404);
  });

  it("reports requests by route pattern, outboxes, and overdue appeals per body", async () => {
    await t.app.inject({ method: "GET", url: "/api/v1/agencies" });
    await t.app.inject({ method: "GET", url: "/api/v1/agencies/no-such-body" });
    const res = await scrape(TOKEN);
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    const text = res.body;
    expect(text).toMatch(
      /halyq_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/agencies",status="2xx"\} [1-9]/,
    );
    // The pattern, not the URL: an id never becomes a label.
    expect(text).toContain('route="/api/v1/agencies/:slug",status="4xx"');
    expect(text).not.toContain("no-such-body");
    expect(text).toMatch(/halyq_outbox_depth\{outbox="mail_outbox"\} \d+/);
    expect(text).toMatch(/halyq_outbox_oldest_age_seconds\{outbox="sms_outbox"\} [\d.]+/);
    // The demo data has appeals past their terms at the test clock.
    const overdue = [...text.matchAll(/halyq_appeals_overdue\{agency="([^"]+)"\} (\d+)/g)];
    expect(overdue.length).toBeGreaterThan(0);
    const total = overdue.reduce((n, m) => n + Number(m[2]), 0);
    expect(total).toBeGreaterThan(0);
  });

  it("counts group-commit batches of filings", async () => {
    const before = (await scrape(TOKEN)).body;
    const count = (text: string) =>
      Number(
        /halyq_group_commit_batch_size_count\{committer="appeals"\} (\d+)/.exec(text)?.[1] ?? 0,
      );
    const { signInAsExisting } = await import("../support/sessions.js");
    const who = await signInAsExisting(t, "citizen@demo.halyq.kz");
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/appeals",
      headers: { cookie: who.cookie, "x-csrf-token": who.csrf, "content-type": "application/json" },
      payload: {
        kind: "statement",
        agencyId: "ag-baikonur-akimat",
        subject: "Metrics filing",
        text: "The lamps in the yard do not work since last week.",
        language: "en",
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(count((await scrape(TOKEN)).body)).toBe(count(before) + 1);
  });
});

import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.js";
import { capabilities } from "../../src/capabilities/index.js";
import { FixedClock } from "../../src/kernel/clock.js";
import { loadConfig } from "../../src/platform/config.js";
import { createLogger } from "../../src/platform/logger.js";
import type { AppContext } from "../../src/platform/manifest.js";
import { prepareContext } from "../../src/setup.js";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";

describe("the access log", () => {
  const lines: string[] = [];
  let database: TestDatabase;
  let ctx: AppContext;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger("info", sink);
    const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: database.url, DEMO_DATA: "off" });
    ctx = await prepareContext(
      config,
      new FixedClock("2025-03-19T05:00:00Z"),
      log,
      capabilities,
      database.open(),
    );
    app = await buildApp(ctx, capabilities);
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    ctx?.mail.mailer.close();
    await ctx?.db.close();
    await database?.drop();
  });

  it("logs the path of a request but not what its query string carried", async () => {
    await app.inject({
      url: "/office/appeals?q=%D0%A1%D0%B5%D0%B9%D1%82%D0%BA%D0%B0%D0%BB%D0%B8&next=aigerim%40example.kz",
    });
    const logged = lines.join("");
    expect(logged).toContain('"path":"/office/appeals"');
    expect(logged).not.toContain("aigerim");
    expect(logged).not.toContain("%D0%A1");
    expect(logged).not.toContain("Сейткали");
  });
});

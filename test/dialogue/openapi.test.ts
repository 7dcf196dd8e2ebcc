import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";

describe.each(testDialects())("open dialogue in the OpenAPI file on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it("describes every dialogue route with its methods", async () => {
    const doc = JSON.parse((await t.app.inject({ url: "/api/openapi.json" })).body);
    const paths = doc.paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths["/api/v1/dialogue/{agencyId}/questions"] ?? {}).sort()).toEqual([
      "get",
      "post",
    ]);
    expect(Object.keys(paths["/api/v1/dialogue/questions/{id}/support"] ?? {}).sort()).toEqual([
      "delete",
      "post",
    ]);
    expect(paths["/api/v1/dialogue/questions/{id}/moderation"]?.post).toBeDefined();
    expect(paths["/api/v1/dialogue/questions/{id}/answer"]?.post).toBeDefined();
  });
});

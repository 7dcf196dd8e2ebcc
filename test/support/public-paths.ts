import { capabilities } from "../../src/capabilities/index.js";
import type { TestApp } from "./app.js";

/** Every public page the capabilities declare, plus the site's own (and its 404 page). */
export async function allPublicPaths(t: TestApp): Promise<string[]> {
  const paths = ["/", "/participation", "/about", "/accessibility", "/api/docs", "/no-such-page"];
  for (const c of capabilities) if (c.publicPaths) paths.push(...(await c.publicPaths(t.ctx)));
  return paths;
}

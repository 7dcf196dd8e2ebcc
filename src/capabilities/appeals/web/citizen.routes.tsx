import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../platform/manifest.js";
import { attachmentDownloadRoutes } from "../attachments/download.routes.js";
import { appealPageRoutes } from "./citizen/appeal.routes.js";
import { filingRoutes } from "./citizen/filing.routes.js";
import { appealMapRoutes } from "./citizen/map.routes.js";
import { publicRoutes } from "./citizen/public.routes.js";

export { publicAppealPaths } from "./citizen/public.routes.js";

/** The applicant's pages: filing, "my appeals", an appeal's page, slip, rating, complaint. */
export async function citizenRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // Filing takes multipart uploads: its own scope, so no other route accepts them.
  await app.register(async (scope) => filingRoutes(scope, ctx));
  await appealPageRoutes(app, ctx);
  await publicRoutes(app, ctx);
  await appealMapRoutes(app, ctx);
  await attachmentDownloadRoutes(app, ctx);
}

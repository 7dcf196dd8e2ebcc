import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../platform/manifest.js";
import { signatureApiRoutes } from "./api.routes.js";
import { signatureOfficeRoutes } from "./office.routes.js";
import { startSigning } from "./service.js";
import { signatureWebRoutes } from "./web.routes.js";

/** Signing: the web form's POST, the API's `POST /api/v1/petitions/{id}/signatures`, withdrawal. */
export async function signatureRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await startSigning(ctx);
  await signatureApiRoutes(app, ctx);
  await signatureWebRoutes(app, ctx);
  await signatureOfficeRoutes(app, ctx);
}

import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../kernel/manifest.js";

/** Signing: the web form's POST, the API's `POST /api/v1/petitions/{id}/signatures`, withdrawal. */
export async function signatureRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}

import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../platform/manifest.js";

/** Proposals: a resident's form, drafts, neighbours' support and each proposal's public page. */
export async function proposalRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}

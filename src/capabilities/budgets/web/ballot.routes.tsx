import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../platform/manifest.js";

/** The vote: the ballot of a territory, its confirmation and receipt, and the published results. */
export async function ballotRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}

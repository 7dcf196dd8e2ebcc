import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../platform/manifest.js";

/** The JSON API's proposal filing. */
export async function budgetProposalApi(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}

import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../platform/manifest.js";

/** The JSON API's ballot. */
export async function budgetBallotApi(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}

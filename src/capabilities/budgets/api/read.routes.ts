import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../platform/manifest.js";

/** The JSON API's reads: cycles, one cycle, its proposals and projects. */
export async function budgetReadApi(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}

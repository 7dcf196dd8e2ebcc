import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../platform/manifest.js";

/** The expert council: its members, conflicts of interest and a reasoned decision on each proposal. */
export async function councilRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}

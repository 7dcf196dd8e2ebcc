import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../platform/manifest.js";

/** Cycles: the public list and page of each cycle, and the body's office pages to open and run them. */
export async function cycleRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}

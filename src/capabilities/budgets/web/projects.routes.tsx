import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../platform/manifest.js";

/** Implementation: the winners' projects, their stages, photos and news, followers and questions. */
export async function projectRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}

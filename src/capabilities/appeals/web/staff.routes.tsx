import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../kernel/manifest.js";

/** Staff pages: a body's inbox, the case page with every step, the registrar's desk. */
export async function staffRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}

import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../kernel/manifest.js";

/** The applicant's pages: filing, "my appeals", an appeal's page, slip, rating, complaint. */
export async function citizenRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}

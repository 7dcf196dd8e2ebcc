import type { CapabilityManifest } from "../../../kernel/manifest.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };
import { signatureRoutes } from "./routes.js";

/** Signing petitions: one signature per person, durable before it is acknowledged, exact counts. */
export const petitionSignaturesManifest: CapabilityManifest = {
  name: "petition-signatures",
  locales: { kk, ru, en },
  async routes(app, ctx) {
    await signatureRoutes(app, ctx);
  },
};

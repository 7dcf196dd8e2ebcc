import { mergeMessageTrees as merge } from "../../../kernel/i18n.js";
import type { CapabilityManifest } from "../../../platform/manifest.js";
import { petitionNumbers } from "../index.js";
import { seedDemoSignatures } from "./demo-data.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import queueEn from "./locales/queue.en.json" with { type: "json" };
import queueKk from "./locales/queue.kk.json" with { type: "json" };
import queueRu from "./locales/queue.ru.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };
import { migrations } from "./migrations/index.js";
import { signatureModeration } from "./moderation.js";
import { mySignatures } from "./my-halyq.js";
import { signaturePolicies } from "./policies.js";
import { signatureRoutes } from "./routes.js";

/** Signing petitions: one signature per person, durable before it is acknowledged, exact counts. */
export const petitionSignaturesManifest: CapabilityManifest = {
  name: "petition-signatures",
  tables: ["petition_signatures", "petition_signature_tallies"],
  migrations,
  locales: { kk: merge(kk, queueKk), ru: merge(ru, queueRu), en: merge(en, queueEn) },
  moderation: [signatureModeration],
  policies: signaturePolicies,
  navigation: [
    {
      href: "/office/petitions/signatures",
      labelKey: "nav.office_petition_signatures",
      audience: "staff",
      order: 20,
      roles: ["moderator", "head"],
    },
  ],
  seedDemo: seedDemoSignatures,
  async routes(app, ctx) {
    await signatureRoutes(app, ctx);
  },
  async publicPaths(ctx) {
    const open = await petitionNumbers(
      ctx.db.kysely,
      ["collecting", "consideration", "decided"],
      1,
    );
    return open.map((number) => `/petitions/${encodeURIComponent(number)}/signers`);
  },
  myHalyq: mySignatures,
};

import type { CapabilityManifest } from "../../platform/manifest.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };
import { migrations } from "./migrations/index.js";
import { referencedDocumentBlobs } from "./repository.js";
import { verifyRoutes } from "./web/verify.routes.js";

/**
 * Signed documents: the register of outgoing letters bodies sign (the PDF and its detached CMS
 * signature in the file store, who signed, when, with which certificate) and the public page
 * where anyone checks one by its number or its file (docs/capabilities/documents.md).
 */
export const documentsManifest: CapabilityManifest = {
  name: "documents",
  tables: ["document_signatures"],
  migrations,
  locales: { kk, ru, en },
  navigation: [
    { href: "/verify", labelKey: "nav.verify", audience: "public", place: "more", order: 90 },
  ],
  async routes(app, ctx) {
    await verifyRoutes(app, ctx);
  },
  publicPaths: async () => ["/verify", "/verify?number=BKA-2026-0001%2F1"],
  blobs: referencedDocumentBlobs,
};

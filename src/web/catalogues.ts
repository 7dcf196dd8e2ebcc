import { mergeCatalogues } from "../kernel/i18n.js";
import type { CapabilityManifest } from "../platform/manifest.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };

/** The shell's own messages plus every capability's, as one set of catalogues. */
export function buildCatalogues(capabilities: CapabilityManifest[]) {
  return mergeCatalogues([{ kk, ru, en }, ...capabilities.map((c) => c.locales ?? {})]);
}

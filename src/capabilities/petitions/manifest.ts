import type { CapabilityManifest } from "../../kernel/manifest.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };

/** E-petitions (citizens' e-initiative): drafts, co-initiators, admissibility, decisions. */
export const petitionsManifest: CapabilityManifest = {
  name: "petitions",
  locales: { kk, ru, en },
};

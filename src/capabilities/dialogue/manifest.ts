import type { CapabilityManifest } from "../../kernel/manifest.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };

/** Open dialogue: public questions to heads of bodies and their answers. */
export const dialogueManifest: CapabilityManifest = {
  name: "dialogue",
  locales: { kk, ru, en },
};

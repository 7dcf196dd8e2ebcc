import type { CapabilityManifest } from "../../kernel/manifest.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };

/** Polls, surveys and local votes: one person, one ballot, stored apart from the voter. */
export const pollsManifest: CapabilityManifest = {
  name: "polls",
  locales: { kk, ru, en },
};

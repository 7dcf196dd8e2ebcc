import type { CapabilityManifest } from "../../platform/manifest.js";
import { seedDemoSurvey } from "./demo-data.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };
import { purgeReceipts } from "./record-answer.js";
import { surveyRoutes } from "./web/survey.routes.js";
import { surveyAfterInteraction } from "./web/survey-prompt.js";

/** The portal survey: one optional question after a finished interaction. */
export const surveyManifest: CapabilityManifest = {
  name: "survey",
  tables: ["survey_answers", "survey_receipts"],
  locales: { kk, ru, en },
  async routes(app, ctx) {
    await surveyRoutes(app, ctx);
  },
  seedDemo: seedDemoSurvey,
  jobs: (ctx) => [
    {
      name: "survey.purge-receipts",
      everyMs: 3_600_000,
      async run() {
        await purgeReceipts(ctx);
      },
    },
  ],
  publicPaths: async () => ["/survey/results", "/survey/thanks?counted=1&return=%2Fappeals"],
  afterInteraction: surveyAfterInteraction,
};

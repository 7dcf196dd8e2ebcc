import type { CapabilityManifest } from "../../platform/manifest.js";
import { pollApiRoutes } from "./api.routes.js";
import { publishDuePolls } from "./commands/publish.js";
import { seedDemoPolls } from "./demo-data.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };
import { migrations } from "./migrations/index.js";
import { pollTextModeration } from "./moderation.js";
import { myVotes } from "./my-halyq.js";
import { openPolls } from "./open-now.js";
import { pollPolicies } from "./policies.js";
import { officePollRoutes } from "./web/office.routes.js";
import { publicPollPaths, publicPollRoutes } from "./web/public.routes.js";

/** Polls, surveys and local votes: one person, one ballot, stored apart from the voter. */
export const pollsManifest: CapabilityManifest = {
  name: "polls",
  tables: ["polls", "poll_ballots", "poll_texts", "poll_voters"],
  migrations,
  locales: { kk, ru, en },
  moderation: [pollTextModeration],
  policies: pollPolicies,
  navigation: [
    { href: "/polls", labelKey: "nav.polls", audience: "public", place: "participation" },
    {
      href: "/office/polls",
      labelKey: "nav.office_polls",
      audience: "staff",
      order: 30,
      roles: ["head", "executor", "moderator"],
    },
  ],
  async routes(app, ctx) {
    await pollApiRoutes(app, ctx);
    await publicPollRoutes(app, ctx);
    await officePollRoutes(app, ctx);
  },
  jobs: (ctx) => [
    {
      name: "polls.publish",
      everyMs: 15_000,
      async run() {
        await publishDuePolls(ctx);
      },
    },
  ],
  seedDemo: seedDemoPolls,
  publicPaths: publicPollPaths,
  openNow: openPolls,
  myHalyq: myVotes,
};

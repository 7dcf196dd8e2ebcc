import type { CapabilityManifest } from "../../platform/manifest.js";
import { DEFAULT_IDENTITY_SETTINGS } from "./account.js";
import { accountRoutes } from "./account.routes.js";
import { identityApiRoutes } from "./api.routes.js";
import { seedDemoAccounts } from "./demo-accounts.js";
import { deskRoutes } from "./desk/desk.routes.js";
import { eidRoutes } from "./eid.routes.js";
import { identityRoutes } from "./identity.routes.js";
import en from "./locales/en.json" with { type: "json" };
import kk from "./locales/kk.json" with { type: "json" };
import ru from "./locales/ru.json" with { type: "json" };
import { migrations } from "./migrations/index.js";
import { identityPolicies } from "./policies.js";
import { sessionPlugin } from "./session-plugin.js";
import { forgetQuietCounters } from "./sign-in-throttle.js";

const settings = DEFAULT_IDENTITY_SETTINGS;

/** People and sign-in: citizens, organisations, staff with a second factor, the national e-ID. */
export const identityManifest: CapabilityManifest = {
  name: "identity",
  tables: [
    "accounts",
    "account_roles",
    "email_tokens",
    "organisations",
    "organisation_members",
    "recovery_codes",
    "sessions",
    "identity_verifications",
    "sign_in_throttle",
    "staff_departments",
    "staff_positions",
    "staff_substitutions",
  ],
  migrations,
  policies: identityPolicies,
  locales: { kk, ru, en },
  navigation: [
    {
      href: "/office/identity",
      labelKey: "nav.office_identity",
      audience: "staff",
      order: 50,
      roles: ["registrar"],
    },
  ],
  async plugins(app, ctx) {
    await sessionPlugin(settings, ctx.config.publicUrl.startsWith("https:"))(app, ctx);
  },
  async routes(app, ctx) {
    const secure = ctx.config.publicUrl.startsWith("https:");
    const catalogues = () => ctx.catalogues;
    await identityRoutes(settings, catalogues, secure)(app, ctx);
    await accountRoutes(secure, settings)(app, ctx);
    await identityApiRoutes(settings, catalogues)(app, ctx);
    await eidRoutes(settings, catalogues, secure)(app, ctx);
    await deskRoutes(app, ctx);
  },
  jobs: (ctx) => [
    {
      name: "identity.forget-sign-in-counters",
      everyMs: 3_600_000,
      async run() {
        await forgetQuietCounters(ctx, settings);
      },
    },
  ],
  async seedDemo(ctx, trx) {
    await seedDemoAccounts(trx, ctx.clock);
  },
  async publicPaths() {
    return [
      "/register",
      "/login",
      "/password/forgot",
      "/password/reset?token=abc",
      "/confirm?token=unknown",
    ];
  },
};

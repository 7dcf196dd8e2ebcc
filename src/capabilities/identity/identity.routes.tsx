import type { FastifyInstance } from "fastify";
import type { Catalogues } from "../../kernel/i18n.js";
import type { AppContext } from "../../platform/manifest.js";
import type { IdentitySettings } from "./account.js";
import { identityKit } from "./routes/kit.js";
import { passwordRoutes } from "./routes/password.routes.js";
import { registrationRoutes } from "./routes/registration.routes.js";
import { signInRoutes } from "./routes/sign-in.routes.js";
import { twoFactorRoutes } from "./routes/two-factor.routes.js";

export { authLimit } from "./routes/kit.js";

/** Registration, e-mail confirmation, sign-in with the second factor, sign-out, password reset. */
export function identityRoutes(
  settings: IdentitySettings,
  catalogues: () => Catalogues,
  secure: boolean,
) {
  return async (app: FastifyInstance, ctx: AppContext) => {
    const kit = identityKit(ctx, settings, catalogues, secure);
    await registrationRoutes(app, kit);
    await signInRoutes(app, kit);
    await twoFactorRoutes(app, kit);
    await passwordRoutes(app, kit);
  };
}

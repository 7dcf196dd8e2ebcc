import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { HalyqError } from "../../kernel/errors.js";
import type { Catalogues } from "../../kernel/i18n.js";
import { identityVerified } from "../../kernel/identity-assurance.js";
import { ROLES } from "../../kernel/permissions.js";
import type { AppContext } from "../../platform/manifest.js";
import { requireApi } from "../../web/guards.js";
import type { IdentitySettings } from "./account.js";
import { findAccount } from "./account.repository.js";
import { DEVICE_HEADER } from "./auth/device-tokens.js";
import { registerCitizen } from "./commands/register.js";
import { signIn, signOut } from "./commands/sign-in.js";
import { authLimit } from "./identity.routes.js";
import { minutesUntil, secondsUntil } from "./sign-in-throttle.js";

const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
    ),
  }),
});
const NewAccount = Type.Object(
  {
    surname: Type.String({ maxLength: 100 }),
    givenName: Type.String({ maxLength: 100 }),
    patronymic: Type.Optional(Type.String({ maxLength: 100 })),
    iin: Type.String({ maxLength: 20, description: "12 digits with a valid check digit" }),
    email: Type.String({ maxLength: 254 }),
    phone: Type.Optional(Type.String({ maxLength: 30 })),
    password: Type.String({ maxLength: 200 }),
    language: Type.Optional(
      Type.Union([Type.Literal("kk"), Type.Literal("ru"), Type.Literal("en")]),
    ),
  },
  { additionalProperties: false },
);
const Credentials = Type.Object(
  {
    email: Type.String({ maxLength: 254 }),
    password: Type.String({ maxLength: 200 }),
    totp: Type.Optional(
      Type.String({
        maxLength: 10,
        description: "Staff: the current code of the authenticator app",
      }),
    ),
  },
  { additionalProperties: false },
);
const Me = Type.Object({
  id: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  roles: Type.Array(
    Type.Object({
      role: Type.Union(ROLES.map((r) => Type.Literal(r))),
      agencyId: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  agencyId: Type.Union([Type.String(), Type.Null()], {
    description: "The body of the caller's first role, if any",
  }),
  language: Type.String(),
  identityVerified: Type.Boolean({
    description:
      "Whether the caller's identity is verified (national e-ID sign-in, or a registrar's check of an identity document in person), not only declared at registration. Votes, referendums, petition signatures and co-initiation need it (403 IDENTITY_NOT_VERIFIED otherwise); appeals do not.",
  }),
});

/** Accounts and sessions for programs: register, get a bearer token, ask who you are. */
export function identityApiRoutes(settings: IdentitySettings, catalogues: () => Catalogues) {
  return async (app: FastifyInstance, ctx: AppContext) => {
    const deps = () => ({ ctx, settings, catalogues: catalogues() });

    app.post<{ Body: Static<typeof NewAccount> }>(
      "/api/v1/accounts",
      {
        config: { rateLimit: authLimit(ctx) },
        schema: {
          operationId: "registerAccount",
          tags: ["identity"],
          summary: "Register a citizen account; a confirmation link is e-mailed",
          body: NewAccount,
          response: {
            201: Type.Object({ id: Type.String(), emailConfirmationSent: Type.Boolean() }),
            400: ErrorBody,
            409: ErrorBody,
          },
        },
      },
      async (request, reply) => {
        const result = await registerCitizen(
          deps(),
          {
            ...request.body,
            patronymic: request.body.patronymic ?? "",
            phone: request.body.phone ?? "",
          },
          request.locale,
        );
        if (result.kind === "invalid") {
          const iin = result.issues.find(
            (i) => i.field === "iin" && i.key === "identity.error.iin_invalid",
          );
          if (iin) throw new HalyqError("INVALID_IIN");
          throw new HalyqError("VALIDATION", {}, result.issues);
        }
        if (result.kind === "conflict") throw new HalyqError("ALREADY_REGISTERED");
        if (result.kind !== "ok") throw new HalyqError("INTERNAL");
        return reply.status(201).send({ id: result.value.accountId, emailConfirmationSent: true });
      },
    );

    app.post<{ Body: Static<typeof Credentials> }>(
      "/api/v1/session",
      {
        config: { rateLimit: authLimit(ctx), auth: "none" },
        schema: {
          operationId: "signIn",
          tags: ["identity"],
          summary:
            "Sign in: a bearer token for the Authorization header (staff add their TOTP code)",
          description:
            "Wrong passwords and codes slow down further guessing per (account, client). A " +
            "successful sign-in returns a device token; send it back in the X-Device-Token " +
            "header on later sign-ins to the same account, and guessing by anyone else never " +
            "pauses this client. A paused client gets 429 SIGN_IN_PAUSED with Retry-After.",
          headers: Type.Object({
            "x-device-token": Type.Optional(
              Type.String({
                maxLength: 200,
                description: "The device token a previous sign-in to this account returned",
              }),
            ),
          }),
          body: Credentials,
          response: {
            200: Type.Object({
              token: Type.String(),
              expiresAt: Type.String(),
              deviceToken: Type.String({
                description:
                  "Keep it (it is a secret of this client) and send it as X-Device-Token next time",
              }),
            }),
            401: ErrorBody,
            429: ErrorBody,
          },
        },
      },
      async (request, reply) => {
        const sent = request.headers[DEVICE_HEADER];
        const outcome = await signIn(deps(), {
          ...request.body,
          kind: "api",
          client: { ip: request.ip, deviceTokens: typeof sent === "string" ? [sent] : [] },
          userAgent: request.headers["user-agent"] ?? "",
        });
        if (outcome.kind === "paused") {
          const now = ctx.clock.now();
          reply.header("retry-after", String(secondsUntil(outcome.until, now)));
          throw new HalyqError("SIGN_IN_PAUSED", { minutes: minutesUntil(outcome.until, now) });
        }
        if (outcome.kind !== "ok") {
          request.log.info(
            { event: "sign_in_refused", outcome: outcome.kind, ip: request.ip },
            "sign-in refused",
          );
          throw new HalyqError(
            outcome.kind === "second_factor_required"
              ? "SECOND_FACTOR_REQUIRED"
              : "INVALID_CREDENTIALS",
          );
        }
        return {
          token: outcome.token,
          expiresAt: outcome.expiresAt,
          // The API has no second step: an "ok" here is a full sign-in.
          deviceToken: outcome.deviceToken ?? "",
        };
      },
    );

    app.delete(
      "/api/v1/session",
      {
        schema: {
          operationId: "signOut",
          tags: ["identity"],
          summary: "Sign out: the bearer token stops working",
          response: { 204: Type.Null(), 401: ErrorBody },
        },
      },
      async (request, reply) => {
        requireApi(request);
        if (request.sessionKey) await signOut(ctx, request.sessionKey);
        return reply.status(204).send();
      },
    );

    app.get(
      "/api/v1/me",
      {
        schema: {
          operationId: "getMe",
          tags: ["identity"],
          summary: "Who the caller is: id, e-mail, roles and body",
          response: { 200: Me, 401: ErrorBody },
        },
      },
      async (request) => {
        const p = requireApi(request);
        const account = await findAccount(ctx.db.kysely, p.accountId);
        if (!account) throw new HalyqError("UNAUTHENTICATED");
        return {
          id: account.id,
          email: account.email,
          kind: account.kind,
          roles: account.grants,
          agencyId: account.grants.find((g) => g.agencyId !== null)?.agencyId ?? null,
          language: account.language,
          identityVerified: identityVerified(account.identity),
        };
      },
    );
  };
}

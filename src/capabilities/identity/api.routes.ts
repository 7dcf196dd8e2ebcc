import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { HalyqError } from "../../kernel/errors.js";
import type { Catalogues } from "../../kernel/i18n.js";
import { ROLES } from "../../kernel/permissions.js";
import type { AppContext } from "../../platform/manifest.js";
import { requireApi } from "../../web/guards.js";
import type { IdentitySettings } from "./account.js";
import { findAccount } from "./account.repository.js";
import { registerCitizen } from "./commands/register.js";
import { signIn, signOut } from "./commands/sign-in.js";
import { authLimit } from "./identity.routes.js";

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
          body: Credentials,
          response: {
            200: Type.Object({ token: Type.String(), expiresAt: Type.String() }),
            401: ErrorBody,
          },
        },
      },
      async (request) => {
        const outcome = await signIn(deps(), {
          ...request.body,
          kind: "api",
          userAgent: request.headers["user-agent"] ?? "",
        });
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
        return { token: outcome.token, expiresAt: outcome.expiresAt };
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
        };
      },
    );
  };
}

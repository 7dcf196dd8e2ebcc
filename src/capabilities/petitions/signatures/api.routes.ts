import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { AppContext } from "../../../platform/manifest.js";
import { ErrorBody } from "../../../web/api-schemas.js";
import { requireApi } from "../../../web/guards.js";
import { residenceOf } from "../../identity/index.js";
import { petitionForSigning } from "../index.js";
import { addressTraits } from "./address.js";
import { withdrawSignature } from "./commands.js";
import { SIGNING_ERRORS, type SigningError, signErrorCode } from "./outcomes.js";
import { signatureOf } from "./repository.js";
import { signing, withinLimits } from "./service.js";

const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const SignBody = Type.Object(
  {
    notify: Type.Optional(
      Type.Boolean({
        description:
          "Tell me about this petition's milestones (default false); the body may be left out",
      }),
    ),
    showName: Type.Optional(
      Type.Boolean({
        description:
          "Show my given name and the first letter of my surname in the public list of signers (default true). With false the signature counts the same but is not listed.",
      }),
    ),
  },
  { additionalProperties: false },
);
const Signature = Type.Object({
  id: Type.String(),
  petitionId: Type.String(),
  signedAt: Type.String({ description: "ISO 8601 instant, UTC" }),
  notify: Type.Boolean(),
  showName: Type.Boolean({ description: "Whether the signer is named in the public list" }),
});
const MySignature = Type.Object({
  petitionId: Type.String(),
  signedAt: Type.String(),
  notify: Type.Boolean(),
  showName: Type.Boolean({ description: "Whether the signer is named in the public list" }),
  status: Type.Union([Type.Literal("valid"), Type.Literal("invalidated")]),
});

/** Sends a signing error as every API error is sent: `{"error": {"code", "message"}}`. */
export function sendSigningError(request: FastifyRequest, reply: FastifyReply, code: SigningError) {
  const { status, key } = SIGNING_ERRORS[code];
  return reply
    .status(status)
    .type("application/json; charset=utf-8")
    .send({ error: { code, message: request.t(key) } });
}

export async function findPetition(ctx: AppContext, by: { id: string } | { number: string }) {
  return petitionForSigning(ctx.db.kysely, by);
}

/** Signing through the API: sign, see and withdraw one's own signature. */
export async function signatureApiRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.post<{ Params: Static<typeof Params>; Body: Static<typeof SignBody> | undefined }>(
    "/api/v1/petitions/:id/signatures",
    {
      // A signature needs no body: none at all is read as `{}`.
      preValidation: (request, _reply, done) => {
        if (request.body === undefined || request.body === null) request.body = {};
        done();
      },
      schema: {
        operationId: "signPetition",
        tags: ["petitions"],
        summary:
          "Sign a petition as the caller (a citizen whose identity is verified by e-ID or in person; 403 IDENTITY_NOT_VERIFIED for a declared one). 201 only once the signature is durable; 409 ALREADY_SIGNED for a second signature by the same person (IIN)",
        params: Params,
        body: SignBody,
        response: {
          201: Signature,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
          422: ErrorBody,
          429: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const principal = requireApi(request);
      const denied = ctx.policy.refusal(principal, "petition_signatures.sign");
      if (denied === "identity_not_verified") throw new HalyqError("IDENTITY_NOT_VERIFIED");
      if (denied) return sendSigningError(request, reply, "CITIZENS_ONLY");
      if (!withinLimits(ctx, principal.accountId, request.ip)) throw new HalyqError("RATE_LIMITED");
      const notify = request.body?.notify === true;
      const showName = request.body?.showName !== false;
      const outcome = await signing(ctx).batcher.sign({
        petitionId: request.params.id,
        accountId: principal.accountId,
        notify,
        showName,
        ...addressTraits(ctx.secret, request.ip),
      });
      if (outcome.kind === "signed")
        return reply.status(201).send({
          id: outcome.id,
          petitionId: request.params.id,
          signedAt: outcome.signedAt,
          notify,
          showName,
        });
      const code = signErrorCode(outcome);
      if (code === "NOT_FOUND" || code === null) throw new HalyqError("NOT_FOUND");
      if (code === "IDENTITY_NOT_VERIFIED") throw new HalyqError(code);
      return sendSigningError(request, reply, code);
    },
  );

  app.get<{ Params: Static<typeof Params> }>(
    "/api/v1/petitions/:id/signatures/mine",
    {
      schema: {
        operationId: "getMyPetitionSignature",
        tags: ["petitions"],
        summary: "The caller's own signature of a petition (404 NO_SIGNATURE when none)",
        params: Params,
        response: { 200: MySignature, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const principal = requireApi(request);
      const petition = await findPetition(ctx, { id: request.params.id });
      if (!petition) throw new HalyqError("NOT_FOUND");
      const signer = await residenceOf(ctx.db.kysely, principal.accountId);
      const mine =
        signer?.iin && signer.identityVerified
          ? await signatureOf(ctx.db.kysely, petition.id, signer.iin)
          : null;
      if (!mine) return sendSigningError(request, reply, "NO_SIGNATURE");
      return {
        petitionId: petition.id,
        signedAt: mine.signed_at,
        notify: Number(mine.notify) === 1,
        showName: Number(mine.show_name) === 1,
        status: mine.invalidated_at ? ("invalidated" as const) : ("valid" as const),
      };
    },
  );

  app.delete<{ Params: Static<typeof Params> }>(
    "/api/v1/petitions/:id/signatures/mine",
    {
      schema: {
        operationId: "withdrawPetitionSignature",
        tags: ["petitions"],
        summary:
          "Withdraw the caller's signature while collection is open (the count drops; signing again is allowed while it stays open)",
        params: Params,
        response: {
          200: Type.Object({ status: Type.Literal("withdrawn") }),
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
          429: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const principal = requireApi(request);
      if (!withinLimits(ctx, principal.accountId, request.ip)) throw new HalyqError("RATE_LIMITED");
      const petition = await findPetition(ctx, { id: request.params.id });
      if (!petition) throw new HalyqError("NOT_FOUND");
      const outcome = await withdrawSignature(ctx, principal, petition);
      if (outcome.kind === "withdrawn") return { status: "withdrawn" as const };
      if (outcome.kind === "closed") return sendSigningError(request, reply, "SIGNING_CLOSED");
      return sendSigningError(request, reply, "NO_SIGNATURE");
    },
  );
}

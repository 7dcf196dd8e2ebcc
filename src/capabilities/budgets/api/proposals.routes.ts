import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { AppContext } from "../../../platform/manifest.js";
import { ErrorBody } from "../../../web/api-schemas.js";
import { requireApi } from "../../../web/guards.js";
import { checkAmount, phaseAt } from "../budget.js";
import {
  checkInput,
  MAX_ADDRESS,
  MAX_DESCRIPTION,
  MAX_TITLE,
  phaseRefusal,
  proposeRefusal,
  proposerOf,
  type Reason,
  saveDraft,
} from "../commands/proposals.js";
import { findCycle, territoriesOf } from "../proposal.repository.js";

const ProposalBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: MAX_TITLE }),
    description: Type.String({ minLength: 1, maxLength: MAX_DESCRIPTION }),
    category: Type.String({ minLength: 1, maxLength: 40 }),
    territory: Type.String({
      pattern: "^[0-9]{9,12}$",
      description: "KATO code of a territory of the cycle",
    }),
    address: Type.Optional(Type.String({ maxLength: MAX_ADDRESS })),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    costEstimate: Type.Integer({
      minimum: 1,
      maximum: 1_000_000_000_000,
      description: "Whole tenge",
    }),
    organisationBin: Type.Optional(
      Type.String({
        pattern: "^[0-9]{12}$",
        description: "Filing for a housing managing body (ОСИ, КСК) the caller represents",
      }),
    ),
    submit: Type.Optional(
      Type.Boolean({
        description:
          "false (the default) files a draft; true is refused with FILES_REQUIRED (nothing is stored), since the sketch, estimate and photos are added on the draft's page",
      }),
    ),
  },
  { additionalProperties: false },
);

const Created = Type.Object({
  id: Type.String(),
  status: Type.Literal("draft"),
  links: Type.Object({
    page: Type.String({ description: "The draft's page (its author only)" }),
    finish: Type.String({ description: "Where the author adds the files and submits it" }),
  }),
});

function refuse(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  reason: Reason,
  details?: unknown,
) {
  return reply
    .status(status)
    .type("application/json; charset=utf-8")
    .send({
      error: {
        code,
        message: request.t(reason.key, reason.params),
        ...(details ? { details } : {}),
      },
    });
}

/** The JSON API's proposal filing. */
export async function budgetProposalApi(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.post<{ Params: { id: string }; Body: Static<typeof ProposalBody> }>(
    "/api/v1/budgets/:id/proposals",
    {
      schema: {
        operationId: "fileBudgetProposal",
        tags: ["budgets"],
        summary:
          "File a participatory budget proposal as a draft (201 with the page where its sketch, estimate and photos are added and it is submitted). Files cannot be sent as JSON: `submit: true` answers 400 FILES_REQUIRED naming the missing files. 403 IDENTITY_NOT_VERIFIED or NOT_ELIGIBLE with the reason, 409 PHASE_CLOSED outside the proposals phase",
        body: ProposalBody,
        response: {
          201: Created,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const principal = requireApi(request);
      const cycle = await findCycle(ctx.db.kysely, request.params.id);
      if (!cycle || phaseAt(cycle, ctx.clock.now()) === "draft") throw new HalyqError("NOT_FOUND");
      const territories = await territoriesOf(ctx.db.kysely, cycle.id);
      const locale = request.locale;
      const phase = phaseRefusal(ctx, cycle, locale);
      if (phase) return refuse(request, reply, 409, "PHASE_CLOSED", phase);
      const proposer = await proposerOf(ctx, principal);
      const b = request.body;
      const org = b.organisationBin
        ? proposer.organisations.find((o) => o.bin === b.organisationBin)
        : undefined;
      if (b.organisationBin && !org)
        return refuse(request, reply, 403, "NOT_ELIGIBLE", {
          key: "budgets.proposals.error.not_representative",
        });
      if (!org) {
        const why = await proposeRefusal(
          ctx,
          principal,
          { ...proposer, organisations: [] },
          cycle,
          territories,
          locale,
        );
        if (why)
          return refuse(
            request,
            reply,
            403,
            why.key === "errors.identity_not_verified" ? "IDENTITY_NOT_VERIFIED" : "NOT_ELIGIBLE",
            why,
          );
      }
      const cost = checkAmount("costEstimate", b.costEstimate);
      const input = {
        title: b.title.trim(),
        description: b.description.trim(),
        category: b.category,
        territory: b.territory,
        address: b.address?.trim() ?? "",
        lat: b.lat ?? null,
        lng: b.lng ?? null,
        cost: typeof cost === "number" ? cost : null,
        organisationId: org?.id ?? "",
        language: locale,
      };
      const issues = await checkInput(ctx, proposer, cycle, territories, input);
      if (typeof cost !== "number") issues.push(cost);
      if ((input.lat === null) !== (input.lng === null))
        issues.push({ field: "lat", key: "map.error.point_invalid" });
      if (!input.address && input.lat === null)
        issues.push({ field: "address", key: "budgets.proposals.missing.address" });
      const notResident = issues.find(
        (i) => i.field === "territory" && i.key.startsWith("budgets.refusal."),
      );
      if (notResident)
        return refuse(request, reply, 403, "NOT_ELIGIBLE", {
          key: notResident.key,
          ...(notResident.params ? { params: notResident.params } : {}),
        });
      if (issues.length > 0) throw new HalyqError("VALIDATION", {}, issues);
      if (b.submit) {
        // Files cannot come as JSON: nothing is stored, and the answer names what is missing.
        const missing = (["sketch", "estimate", "photo"] as const).map((field) => ({
          field,
          message: request.t(`budgets.proposals.missing.${field}`),
        }));
        return refuse(
          request,
          reply,
          400,
          "FILES_REQUIRED",
          {
            key: "budgets.proposals.api.files_required",
            params: { files: missing.map((m) => m.message).join("; ") },
          },
          missing,
        );
      }
      const id = await saveDraft(ctx, principal, proposer, cycle, null, input, []);
      if (!id) throw new HalyqError("CONFLICT");
      const page = `${ctx.config.publicUrl}/budgets/${cycle.id}/proposals/${id}`;
      return reply
        .status(201)
        .send({ id, status: "draft" as const, links: { page, finish: `${page}/edit` } });
    },
  );
}

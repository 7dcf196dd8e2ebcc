import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { appendAudit } from "../../../kernel/audit/audit.js";
import { HalyqError } from "../../../kernel/errors.js";
import type { Principal } from "../../../kernel/permissions.js";
import type { FieldIssue } from "../../../kernel/result.js";
import type { AppContext } from "../../../platform/manifest.js";
import { type FormBody, FormBodySchema, one } from "../../../web/forms.js";
import { staffOnly } from "../../../web/guards.js";
import { agencyNames } from "../../agencies/index.js";
import { findAccountRow } from "../account.repository.js";
import { DeskPage, type DeskValues } from "./desk-page.js";
import { findCitizenForDesk, releaseDeclaredIin, verifyInPerson } from "./verify-in-person.js";

const DONE = ["verified", "verified_released", "released"] as const;
type Done = (typeof DONE)[number];

/** The bodies where this member of staff is a registrar (the policy decides each one again). */
function registrarBodies(ctx: AppContext, principal: Principal): string[] {
  return [
    ...new Set(
      principal.grants
        .filter((g) => g.role === "registrar" && g.agencyId !== null)
        .map((g) => g.agencyId as string),
    ),
  ]
    .filter((agencyId) => ctx.policy.can(principal, "identity.verify_in_person", { agencyId }))
    .sort();
}

/** The registrar's desk: find a citizen, record an in-person check of their document. */
export async function deskRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  const desk = (request: FastifyRequest, reply: FastifyReply) => {
    const principal = staffOnly(request, reply);
    if (!principal) return null;
    const bodies = registrarBodies(ctx, principal);
    if (bodies.length === 0) throw new HalyqError("FORBIDDEN");
    return { principal, bodies };
  };

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    bodies: string[],
    state: {
      query: string;
      accountId?: string;
      values?: DeskValues;
      issues?: FieldIssue[];
      problem?: string;
      done?: Done;
    },
    status?: number,
  ) => {
    const account = state.accountId
      ? await findAccountRow(db, { id: state.accountId }).then((r) =>
          r?.kind === "citizen" ? r : undefined,
        )
      : await findCitizenForDesk(ctx, state.query);
    // Looking a person up shows their name, e-mail address and IIN: each lookup is audited,
    // so a registrar's searches (by IIN too) can be reviewed like the checks they record.
    const principal = request.principal;
    if (account && principal)
      await appendAudit(db, ctx.clock, [
        {
          actor: { id: principal.accountId, label: `account:${principal.accountId}` },
          action: "account.shown_at_desk",
          subjectType: "account",
          subjectId: account.id,
          data: {
            by: state.accountId ? "account" : /^\d{12}$/.test(state.query) ? "iin" : "email",
          },
        },
      ]);
    const names = await agencyNames(db, bodies);
    const issues = state.issues ?? [];
    const title = request.t("identity.desk.title");
    return reply.page(
      title,
      <DeskPage
        t={request.t}
        locale={request.locale}
        csrf={reply.csrfToken()}
        query={state.query}
        searched={state.query !== ""}
        account={account}
        bodies={bodies.map((id) => ({ id, name: names.get(id)?.[request.locale] ?? id }))}
        values={
          state.values ?? {
            agencyId: bodies[0] ?? "",
            documentKind: "",
            documentReference: "",
            iin: "",
            accountCode: "",
          }
        }
        issues={issues}
        problem={state.problem}
        done={state.done}
      />,
      {
        hasErrors: issues.length > 0 || state.problem !== undefined,
        ...(status ? { status } : {}),
      },
    );
  };

  app.get<{ Querystring: { q?: string; done?: string; account?: string } }>(
    "/office/identity",
    {
      schema: {
        querystring: {
          type: "object",
          properties: {
            q: { type: "string", maxLength: 200 },
            done: { type: "string", maxLength: 30 },
            account: { type: "string", maxLength: 64 },
          },
        },
      },
    },
    async (request, reply) => {
      const d = desk(request, reply);
      if (!d) return reply;
      const done = DONE.find((x) => x === request.query.done);
      const account = request.query.account;
      return show(request, reply, d.bodies, {
        query: (request.query.q ?? "").trim(),
        ...(done && account ? { done, accountId: account } : {}),
      });
    },
  );

  app.post<{ Body: FormBody }>(
    "/office/identity/verify",
    { schema: { body: FormBodySchema } },
    async (request, reply) => {
      const d = desk(request, reply);
      if (!d) return reply;
      const values: DeskValues = {
        agencyId: one(request.body, "agencyId"),
        documentKind: one(request.body, "documentKind"),
        documentReference: one(request.body, "documentReference"),
        iin: one(request.body, "iin"),
        accountCode: one(request.body, "accountCode"),
      };
      const accountId = one(request.body, "accountId");
      const query = one(request.body, "q").slice(0, 200);
      const release = one(request.body, "action") === "release";
      const result = release
        ? await releaseDeclaredIin(ctx, d.principal, { ...values, accountId })
        : await verifyInPerson(ctx, d.principal, { ...values, accountId });
      switch (result.kind) {
        case "ok": {
          const done: Done = release
            ? "released"
            : "released" in result.value && result.value.released
              ? "verified_released"
              : "verified";
          return reply.redirect(
            `/office/identity?done=${done}&account=${encodeURIComponent(result.value.accountId)}`,
            303,
          );
        }
        case "invalid":
          return show(
            request,
            reply,
            d.bodies,
            { query, accountId, values, issues: result.issues },
            400,
          );
        case "conflict":
          return show(
            request,
            reply,
            d.bodies,
            {
              query,
              accountId,
              values,
              problem: request.t(
                `identity.desk.error.${String(result.params?.reason ?? "iin_verified_elsewhere")}`,
              ),
            },
            409,
          );
        case "not_found":
          throw new HalyqError("NOT_FOUND");
        default:
          throw new HalyqError("FORBIDDEN");
      }
    },
  );
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FieldIssue } from "../../kernel/result.js";
import type { AppContext } from "../../platform/manifest.js";
import { requirePage } from "../../web/guards.js";
import type { IdentitySettings } from "./account.js";
import { findAccount } from "./account.repository.js";
import {
  addOrganisation,
  addRepresentative,
  deleteAccount,
  organisationsOf,
  updateProfile,
} from "./commands/profile.js";
import { deskCode } from "./desk/desk-code.js";
import { browserClient, pausedIssue } from "./routes/kit.js";
import { SESSION_COOKIE, sessionCookieOptions } from "./session-plugin.js";
import { secondsUntil } from "./sign-in-throttle.js";
import { AccountPage, type AccountPageProps } from "./views/account-page.js";
import { MessagePage } from "./views/auth-pages.js";

type Body = Record<string, string | undefined>;

/** The account page: details, contacts and language, organisations, sessions, deletion. */
export function accountRoutes(secure: boolean, settings: IdentitySettings) {
  return async (app: FastifyInstance, ctx: AppContext) => {
    const show = async (
      request: FastifyRequest,
      reply: FastifyReply,
      accountId: string,
      issues: FieldIssue[] = [],
      overrides: Partial<AccountPageProps["values"]> = {},
      notice?: string,
      status?: number,
    ) => {
      const account = await findAccount(ctx.db.kysely, accountId);
      if (!account) return reply.redirect("/login", 303);
      const values = {
        phone: account.phone ?? "",
        language: account.language,
        notifyEmail: account.notifyEmail,
        notifySms: account.notifySms,
        orgName: "",
        bin: "",
        repEmail: "",
        repOrg: "",
        ...overrides,
      };
      return reply.page(
        request.t("identity.account.title"),
        <AccountPage
          t={request.t}
          locale={request.locale}
          csrf={reply.csrfToken()}
          account={account}
          organisations={await organisationsOf(ctx, accountId)}
          canAdminister={ctx.policy.can(request.principal, "admin.access")}
          eidAvailable={ctx.config.oidc !== undefined}
          deskCode={
            account.kind === "citizen" && account.identity !== "in_person"
              ? deskCode(ctx.secret, account.id, ctx.clock.now())
              : null
          }
          issues={issues}
          values={values}
          notice={notice}
        />,
        { hasErrors: issues.length > 0, status: status ?? (issues.length > 0 ? 400 : 200) },
      );
    };

    app.get<{ Querystring: { saved?: string; representative?: string } }>(
      "/account",
      async (request, reply) => {
        const p = requirePage(request, reply);
        if (!p) return reply;
        return show(
          request,
          reply,
          p.accountId,
          [],
          {},
          request.query.representative
            ? request.t("identity.account.representative_added")
            : request.query.saved
              ? request.t("identity.account.saved")
              : undefined,
        );
      },
    );

    app.post("/account", async (request, reply) => {
      const p = requirePage(request, reply);
      if (!p) return reply;
      const b = (request.body ?? {}) as Body;
      const input = {
        phone: b.phone ?? "",
        language: b.language ?? "",
        notifyEmail: b.notifyEmail === "yes",
        notifySms: b.notifySms === "yes",
      };
      const result = await updateProfile(ctx, p.accountId, input);
      if (result.kind === "invalid") return show(request, reply, p.accountId, result.issues, input);
      return reply.redirect(`/account?saved=1&lang=${input.language}`, 303);
    });

    app.post("/account/organisations", async (request, reply) => {
      const p = requirePage(request, reply);
      if (!p) return reply;
      const b = (request.body ?? {}) as Body;
      const values = { orgName: b.orgName ?? "", bin: b.bin ?? "" };
      const result = await addOrganisation(ctx, p.accountId, {
        name: values.orgName,
        bin: values.bin,
      });
      if (result.kind === "invalid") {
        return show(
          request,
          reply,
          p.accountId,
          result.issues.map((i) => (i.field === "name" ? { ...i, field: "orgName" } : i)),
          values,
        );
      }
      if (result.kind === "conflict")
        return show(
          request,
          reply,
          p.accountId,
          [{ field: "bin", key: "identity.error.org_taken" }],
          values,
        );
      return reply.redirect("/account?saved=1", 303);
    });

    app.post<{ Params: { id: string } }>(
      "/account/organisations/:id/representatives",
      async (request, reply) => {
        const p = requirePage(request, reply);
        if (!p) return reply;
        const email = (request.body as Body | undefined)?.repEmail ?? "";
        const result = await addRepresentative(ctx, p.accountId, request.params.id, email);
        if (result.kind === "invalid")
          return show(request, reply, p.accountId, result.issues, {
            repEmail: email,
            repOrg: request.params.id,
          });
        return reply.redirect("/account?representative=1", 303);
      },
    );

    app.post("/account/delete", async (request, reply) => {
      const p = requirePage(request, reply);
      if (!p) return reply;
      if (p.kind !== "citizen") return reply.redirect("/account", 303);
      const result = await deleteAccount(
        { ctx, settings, catalogues: ctx.catalogues },
        p.accountId,
        (request.body as Body | undefined)?.password ?? "",
        browserClient(request),
      );
      if (result.kind === "paused") {
        reply.header("retry-after", String(secondsUntil(result.until, ctx.clock.now())));
        return show(
          request,
          reply,
          p.accountId,
          [pausedIssue(ctx, "password", result.until)],
          {},
          undefined,
          429,
        );
      }
      if (result.kind === "invalid") return show(request, reply, p.accountId, result.issues);
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(secure));
      const t = request.t;
      return reply.page(
        t("identity.deleted.title"),
        <MessagePage title={t("identity.deleted.title")} paragraphs={[t("identity.deleted.p1")]} />,
      );
    });
  };
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FieldIssue } from "../../../kernel/result.js";
import { confirmEmail, registerCitizen } from "../commands/register.js";
import { MessagePage, RegisterPage } from "../views/auth-pages.js";

import { type Body, field, type IdentityKit } from "./kit.js";

/** Registration and e-mail confirmation. */
export async function registrationRoutes(app: FastifyInstance, kit: IdentityKit): Promise<void> {
  const { settings, deps, limited } = kit;
  const showRegister = (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Body,
    issues: FieldIssue[],
  ) =>
    reply.page(
      request.t("identity.register.title"),
      <RegisterPage
        t={request.t}
        csrf={reply.csrfToken()}
        issues={issues}
        values={values as Record<string, string>}
        locale={request.locale}
      />,
      { hasErrors: issues.length > 0, status: issues.length > 0 ? 400 : 200 },
    );

  app.get("/register", async (request, reply) => showRegister(request, reply, {}, []));

  app.post("/register", limited, async (request, reply) => {
    const b = (request.body ?? {}) as Body;
    const input = {
      surname: field(b, "surname"),
      givenName: field(b, "givenName"),
      patronymic: field(b, "patronymic"),
      iin: field(b, "iin").replace(/\s+/g, ""),
      email: field(b, "email"),
      phone: field(b, "phone"),
      password: field(b, "password"),
      language: field(b, "language"),
    };
    const result = await registerCitizen(deps(), input, request.locale);
    if (result.kind === "invalid")
      return showRegister(request, reply, { ...input, password: "" }, result.issues);
    // A taken e-mail or IIN gets the same answer as a new registration: its owner is mailed instead.
    const t = request.t;
    return reply.page(
      t("identity.check_email.title"),
      <MessagePage
        title={t("identity.check_email.title")}
        paragraphs={[
          t("identity.check_email.p1", { email: input.email.trim() }),
          t("identity.check_email.p2", { hours: settings.emailTokenHours }),
        ]}
      />,
    );
  });

  app.get<{ Querystring: { token?: string } }>("/confirm", async (request, reply) => {
    const t = request.t;
    const ok = request.query.token
      ? await confirmEmail(deps(), String(request.query.token))
      : false;
    return reply.page(
      ok ? t("identity.confirmed.title") : t("identity.link_invalid.title"),
      ok ? (
        <MessagePage
          title={t("identity.confirmed.title")}
          paragraphs={[t("identity.confirmed.p1")]}
          link={{ href: "/login", text: t("identity.login.title") }}
        />
      ) : (
        <MessagePage
          title={t("identity.link_invalid.title")}
          paragraphs={[t("identity.link_invalid.p1")]}
          link={{ href: "/password/forgot", text: t("identity.login.forgot") }}
        />
      ),
      { status: ok ? 200 : 400 },
    );
  });
}

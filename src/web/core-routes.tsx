import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { isLocale, type Translate } from "../kernel/i18n.js";
import type { AppContext, NavigationItem } from "../platform/manifest.js";
import { ApiDocs, type OpenApiDocument } from "./api-docs.js";
import { LICENCE, Rich } from "./components/foreign.js";
import { requirePage } from "./guards.js";
import { HomePage } from "./home-page.js";
import { LANGUAGE_COOKIE } from "./i18n-plugin.js";
import { MyHalyqPage } from "./my-halyq-page.js";
import { landingFor, navigationFor } from "./navigation.js";
import type { SiteInfo } from "./request-context.js";

/**
 * Only same-site paths may be a redirect target: never "//host", "/\\host" or "https://…", and
 * no control characters (browsers drop tabs and newlines, turning "/\t/host" into "//host").
 */
export function safeLocalPath(next: unknown): string {
  if (typeof next !== "string" || next.length > 2000) return "/";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (!/^\/(?![/\\])[^\x00-\x1f\x7f\\]*$/.test(next)) return "/";
  return next;
}

/** Pages and endpoints that belong to the site itself rather than to a capability. */
export async function coreRoutes(app: FastifyInstance, ctx: AppContext, site: SiteInfo) {
  app.addSchema({
    $id: "halyqHealth",
    type: "object",
    properties: { status: { type: "string" }, database: { type: "string" } },
  });
  // What a visitor is offered: these pages are the same for everyone (and cached for visitors).
  const offered = navigationFor(site.navigation, null, ctx.policy);
  const links = (items: NavigationItem[], t: Translate) => (
    <ul class="govuk-list govuk-list--spaced">
      {items.map((item) => (
        <li key={item.href}>
          <a class="govuk-link govuk-link--no-visited-state" href={item.href}>
            {t(item.labelKey)}
          </a>
        </li>
      ))}
    </ul>
  );

  app.get("/", { config: { pageCache: true } }, async (request, reply) => {
    const t = request.t;
    const openNow = await ctx.openNow({ t, locale: request.locale });
    return reply.page(t("home.title"), <HomePage t={t} openNow={openNow} more={offered.more} />);
  });

  // "My Halyq": a citizen's own page. Visitors sign in first; staff have their inbox instead.
  app.get("/my", async (request, reply) => {
    const principal = requirePage(request, reply);
    if (!principal) return reply;
    if (principal.kind === "staff")
      return reply.redirect(landingFor(site.navigation, principal, ctx.policy), 303);
    const t = request.t;
    const sections = await ctx.myHalyq(principal, { t, locale: request.locale });
    return reply.page(t("my.title"), <MyHalyqPage t={t} sections={sections} />);
  });

  // The landing page of the channels of participation that capabilities place under it.
  app.get("/participation", { config: { pageCache: true } }, async (request, reply) => {
    const t = request.t;
    return reply.page(
      t("participation.title"),
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{t("participation.title")}</h1>
          <p class="govuk-body">{t("participation.lead")}</p>
          {links(offered.participation, t)}
        </div>
      </div>,
    );
  });

  app.get("/about", { config: { pageCache: true } }, async (request, reply) => {
    const t = request.t;
    return reply.page(
      t("about.title"),
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{t("about.title")}</h1>
          <p class="govuk-body">{t("about.p1")}</p>
          <h2 class="govuk-heading-m">{t("about.criteria_heading")}</h2>
          <ul class="govuk-list govuk-list--bullet">
            <li>{t("about.criterion_accessibility")}</li>
            <li>{t("about.criterion_speed")}</li>
            <li>{t("about.criterion_satisfaction")}</li>
          </ul>
          <p class="govuk-body">
            <Rich t={t} message="about.licence" slots={{ licence: LICENCE }} />
          </p>
        </div>
      </div>,
    );
  });

  app.get("/accessibility", { config: { pageCache: true } }, async (request, reply) => {
    const t = request.t;
    return reply.page(
      t("accessibility.title"),
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{t("accessibility.title")}</h1>
          <p class="govuk-body">{t("accessibility.p1")}</p>
          <ul class="govuk-list govuk-list--bullet">
            <li>{t("accessibility.item_languages")}</li>
            <li>{t("accessibility.item_nojs")}</li>
            <li>{t("accessibility.item_keyboard")}</li>
            <li>{t("accessibility.item_zoom")}</li>
            <li>{t("accessibility.item_testing")}</li>
          </ul>
          <h2 class="govuk-heading-m">{t("accessibility.report_heading")}</h2>
          <p class="govuk-body">{t("accessibility.report")}</p>
        </div>
      </div>,
    );
  });

  app.get<{ Params: { lang: string }; Querystring: { next?: string } }>(
    "/language/:lang",
    {
      schema: {
        hide: true,
        params: {
          type: "object",
          properties: { lang: { type: "string", enum: ["kk", "ru", "en"] } },
        },
        querystring: { type: "object", properties: { next: { type: "string", maxLength: 2000 } } },
      },
    },
    async (request, reply) => {
      const lang = request.params.lang;
      if (isLocale(lang)) {
        reply.setCookie(LANGUAGE_COOKIE, lang, {
          path: "/",
          maxAge: 365 * 24 * 3600,
          httpOnly: true,
          sameSite: "lax",
          secure: site.secureCookies,
        });
      }
      return reply.redirect(safeLocalPath(request.query.next), 303);
    },
  );

  app.get(
    "/healthz",
    {
      schema: {
        operationId: "getHealth",
        tags: ["system"],
        summary: "Health check: 200 when the database answers, 503 otherwise",
        response: {
          200: { $ref: "halyqHealth#" },
          503: { $ref: "halyqHealth#" },
        },
      },
    },
    async (_request, reply) => {
      try {
        await sql`SELECT 1`.execute(ctx.db.kysely);
        return { status: "ok", database: ctx.db.dialect };
      } catch (err) {
        ctx.log.error({ err }, "health check failed");
        return reply.status(503).send({ status: "unavailable", database: ctx.db.dialect });
      }
    },
  );

  app.get(
    "/readyz",
    {
      schema: {
        operationId: "getReadiness",
        tags: ["system"],
        summary:
          "Readiness: 200 when this instance takes work (migrated, database answering), 503 while it drains before shutting down or when the database does not answer",
        response: {
          200: { $ref: "halyqHealth#" },
          503: { $ref: "halyqHealth#" },
        },
      },
    },
    async (_request, reply) => {
      if (ctx.instance.draining)
        return reply.status(503).send({ status: "draining", database: ctx.db.dialect });
      try {
        await sql`SELECT 1`.execute(ctx.db.kysely);
        return { status: "ready", database: ctx.db.dialect };
      } catch (err) {
        ctx.log.error({ err }, "readiness check failed");
        return reply.status(503).send({ status: "unavailable", database: ctx.db.dialect });
      }
    },
  );

  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  app.get(
    "/api/docs",
    { schema: { hide: true }, config: { pageCache: true } },
    async (request, reply) => {
      const t = request.t;
      return reply.page(
        t("api_docs.title"),
        <ApiDocs t={t} spec={app.swagger() as OpenApiDocument} />,
      );
    },
  );
}

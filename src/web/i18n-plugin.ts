import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { isLocale, type Locale, negotiateLocale, translator } from "../kernel/i18n.js";
import type { SiteInfo } from "./request-context.js";

export const LANGUAGE_COOKIE = "halyq_lang";

/**
 * Picks each request's language: `?lang=` for one page, then the saved choice (a cookie set
 * by the switcher), then Accept-Language, then the configured default.
 */
export const i18nPlugin = fp(
  async (app: FastifyInstance, opts: { site: SiteInfo; defaultLocale: Locale }) => {
    const translators = {
      kk: translator(opts.site.catalogues, "kk"),
      ru: translator(opts.site.catalogues, "ru"),
      en: translator(opts.site.catalogues, "en"),
    };
    app.decorateRequest("locale", "kk");
    app.decorateRequest("t", null as never);
    app.addHook("onRequest", (request, reply, done) => {
      const query = request.query as Record<string, unknown> | undefined;
      const fromQuery = query?.lang;
      const fromCookie = request.cookies[LANGUAGE_COOKIE];
      const locale: Locale = isLocale(fromQuery)
        ? fromQuery
        : isLocale(fromCookie)
          ? fromCookie
          : (negotiateLocale(request.headers["accept-language"]) ?? opts.defaultLocale);
      request.locale = locale;
      request.t = translators[locale];
      reply.header("content-language", locale);
      reply.header("vary", "Accept-Language, Cookie");
      done();
    });
  },
  { name: "halyq-i18n", dependencies: ["@fastify/cookie"] },
);

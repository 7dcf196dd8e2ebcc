import type { FastifyInstance, FastifyReply } from "fastify";
import fp from "fastify-plugin";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { Layout } from "./layout.js";
import { navigationFor } from "./navigation.js";
import type { PageOptions, SiteInfo } from "./request-context.js";

/** Adds `reply.page(title, body)`: the body rendered inside the layout, in the request's language. */
export const renderPlugin = fp(
  async (app: FastifyInstance, opts: { site: SiteInfo }) => {
    app.decorateReply(
      "page",
      function page(this: FastifyReply, title: string, body: VNode, options: PageOptions = {}) {
        const request = this.request;
        const t = request.t;
        const fullTitle = options.hasErrors ? `${t("layout.error_prefix")} ${title}` : title;
        const html = renderToString(
          <Layout
            site={opts.site}
            locale={request.locale}
            t={t}
            path={request.url}
            title={fullTitle}
            navigation={navigationFor(opts.site.navigation, request.principal, opts.site.policy)}
            counts={request.navigationCounts ?? []}
            viewer={request.principal ? { csrf: this.csrfToken() } : null}
            withMap={options.map === true}
          >
            {body}
          </Layout>,
        );
        if (options.status) this.status(options.status);
        this.header("content-type", "text/html; charset=utf-8");
        return this.send(`<!DOCTYPE html>${html}`);
      },
    );
  },
  { name: "halyq-render", dependencies: ["halyq-i18n"] },
);

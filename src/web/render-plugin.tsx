import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { Layout } from "./layout.js";
import { navigationFor } from "./navigation.js";
import { loadPlot, PlotNotLoaded } from "./plot.js";
import type { PageOptions, SiteInfo } from "./request-context.js";

/**
 * Adds `reply.page(title, body)`: the body rendered inside the layout, in the request's language.
 * A page with a chart drawn before this process has loaded Observable Plot (`web/plot.ts`) is
 * rendered again, and sent, once it has.
 */
export const renderPlugin = fp(
  async (app: FastifyInstance, opts: { site: SiteInfo }) => {
    app.decorateReply(
      "page",
      function page(
        this: FastifyReply,
        title: string,
        body: VNode,
        options: PageOptions = {},
      ): FastifyReply {
        const request = this.request;
        const t = request.t;
        const fullTitle = options.hasErrors ? `${t("layout.error_prefix")} ${title}` : title;
        let html: string;
        try {
          html = render(request, fullTitle, body, options, this);
        } catch (err) {
          if (!(err instanceof PlotNotLoaded)) throw err;
          // Sent once Plot has loaded; a reply returned unsent tells Fastify it will be sent.
          loadPlot()
            .then(() => this.page(title, body, options))
            .catch((e: unknown) => this.send(e));
          return this;
        }
        if (options.status) this.status(options.status);
        this.header("content-type", "text/html; charset=utf-8");
        return this.send(`<!DOCTYPE html>${html}`);
      },
    );

    function render(
      request: FastifyRequest,
      fullTitle: string,
      body: VNode,
      options: PageOptions,
      reply: FastifyReply,
    ): string {
      const t = request.t;
      return renderToString(
        <Layout
          site={opts.site}
          locale={request.locale}
          t={t}
          path={request.url}
          title={fullTitle}
          navigation={navigationFor(opts.site.navigation, request.principal, opts.site.policy)}
          counts={request.navigationCounts ?? []}
          viewer={request.principal ? { csrf: reply.csrfToken() } : null}
          withMap={options.map === true}
        >
          {body}
        </Layout>,
      );
    }
  },
  { name: "halyq-render", dependencies: ["halyq-i18n"] },
);

import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { HalyqError } from "../../kernel/errors.js";
import type { AppContext } from "../../platform/manifest.js";
import { ErrorBody } from "../../web/api-schemas.js";
import { type PublicationRow, publicBodies, publicTitles } from "./publication.js";
import { agencyBySlug, agencyCards, listLive } from "./publication.repository.js";
import { sectionsOf } from "./web/public.routes.js";

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Texts = Type.Object({
  kk: Nullable(Type.String()),
  ru: Nullable(Type.String()),
  en: Nullable(Type.String()),
});
const NewsItem = Type.Object({
  id: Type.String(),
  agency: Type.String({ description: "The body's slug" }),
  title: Texts,
  body: Type.Object(
    { kk: Nullable(Type.String()), ru: Nullable(Type.String()), en: Nullable(Type.String()) },
    {
      description:
        'In Halyq\'s tiny markup: paragraphs, "## " headings, "- " lists, [text](url) links',
    },
  ),
  publishedAt: Type.String({ description: "ISO 8601 instant, UTC" }),
  updatedAt: Type.String({ description: "ISO 8601 instant, UTC: last approved change" }),
  url: Type.String(),
});
const NewsQuery = Type.Object(
  {
    agency: Type.Optional(Type.String({ maxLength: 100, description: "A body's slug" })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
const Information = Type.Object({
  agency: Type.String(),
  staleAfterMonths: Type.Integer({
    description: "Pages not updated for this long are out of date",
  }),
  freshShare: Type.Union([Type.Number(), Type.Null()], {
    description: "Share (0 to 1) of the standard sections updated within the limit",
  }),
  sections: Type.Array(
    Type.Object({
      section: Type.String(),
      freshness: Type.Union([
        Type.Literal("fresh"),
        Type.Literal("stale"),
        Type.Literal("missing"),
      ]),
      title: Type.Union([Texts, Type.Null()]),
      updatedAt: Nullable(Type.String()),
      url: Nullable(Type.String()),
    }),
  ),
});

/** The publications API: the news (all bodies or one), and a body's official information. */
export async function publicationApiRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;
  const base = ctx.config.publicUrl;

  app.get<{ Querystring: Static<typeof NewsQuery> }>(
    "/api/v1/news",
    {
      schema: {
        operationId: "listNews",
        tags: ["publications"],
        summary: "News published by state bodies, newest first (all bodies, or one by its slug)",
        querystring: NewsQuery,
        response: {
          200: Type.Object({
            items: Type.Array(NewsItem),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
          400: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 25;
      let agencyId: string | undefined;
      if (q.agency) {
        const agency = await agencyBySlug(db, q.agency);
        if (!agency) throw new HalyqError("NOT_FOUND");
        agencyId = agency.id;
      }
      const rows = await listLive(db, {
        kind: "news",
        ...(agencyId ? { agencyId } : {}),
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      const cards = await agencyCards(
        db,
        rows.map((r) => r.agency_id),
      );
      const item = (r: PublicationRow) => {
        const slug = cards.get(r.agency_id)?.slug ?? "";
        return {
          id: r.id,
          agency: slug,
          title: publicTitles(r),
          body: publicBodies(r),
          publishedAt: r.published_at ?? "",
          updatedAt: r.updated_at ?? r.published_at ?? "",
          url: `${base}/agencies/${slug}/news/${r.id}`,
        };
      };
      return { items: rows.map(item), page, pageSize };
    },
  );

  app.get<{ Params: { slug: string } }>(
    "/api/v1/agencies/:slug/information",
    {
      schema: {
        operationId: "getAgencyInformation",
        tags: ["publications"],
        summary:
          "A body's official information: each standard section, when it was last updated, and whether it is out of date",
        response: { 200: Information, 404: ErrorBody },
      },
    },
    async (request) => {
      const agency = await agencyBySlug(db, request.params.slug);
      if (!agency) throw new HalyqError("NOT_FOUND");
      const { entries, months } = await sectionsOf(ctx, agency.id);
      const fresh = entries.filter((e) => e.freshness === "fresh").length;
      return {
        agency: agency.slug,
        staleAfterMonths: months,
        freshShare: entries.length > 0 ? fresh / entries.length : null,
        sections: entries.map((e) => {
          const live = e.freshness !== "missing" && e.row;
          return {
            section: e.section,
            freshness: e.freshness,
            title: live && e.row ? publicTitles(e.row) : null,
            updatedAt: live && e.row ? e.row.updated_at : null,
            url: live ? `${base}/agencies/${agency.slug}/information/${e.section}` : null,
          };
        }),
      };
    },
  );
}

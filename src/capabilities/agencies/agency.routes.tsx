import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { HalyqError } from "../../kernel/errors.js";
import type { AppContext } from "../../platform/manifest.js";
import { ErrorBody } from "../../web/api-schemas.js";
import {
  AGENCY_KINDS,
  AGENCY_LEVELS,
  type Agency,
  type AgencyKind,
  CATEGORY_SCOPES,
} from "./agency.js";
import {
  categoriesOfAgency,
  findAgenciesByIds,
  findAgencyBySlug,
  listAgencies,
  listCategories,
  listCompetences,
} from "./agency.repository.js";
import { AgencyPage, CategoriesPage, DirectoryPage } from "./views/agency-views.js";

const Names = Type.Object({ kk: Type.String(), ru: Type.String(), en: Type.String() });
const AgencySummary = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  names: Names,
  kind: Type.Union(AGENCY_KINDS.map((k) => Type.Literal(k))),
  level: Type.Union(AGENCY_LEVELS.map((k) => Type.Literal(k))),
  jurisdiction: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  higherBodyId: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
});
const AgencyDetail = Type.Composite([
  AgencySummary,
  Type.Object({
    territoryCode: Type.Union([Type.String(), Type.Null()]),
    address: Type.Union([Names, Type.Null()]),
    hours: Type.Union([Names, Type.Null()], { description: "When the body receives visitors" }),
    head: Type.Union([Names, Type.Null()], { description: "The name of the body's head" }),
    phone: Type.Union([Type.String(), Type.Null()]),
    email: Type.Union([Type.String(), Type.Null()]),
    website: Type.Union([Type.String(), Type.Null()]),
    categoryIds: Type.Array(Type.String()),
  }),
]);
const CategoryOut = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  scope: Type.Union(CATEGORY_SCOPES.map((s) => Type.Literal(s))),
  names: Names,
  agencyIds: Type.Array(Type.String()),
});
const SlugParams = Type.Object({ slug: Type.String({ pattern: "^[a-z0-9-]{1,80}$" }) });
const DirectoryQuery = Type.Object({
  kind: Type.Optional(Type.Union([Type.Literal(""), ...AGENCY_KINDS.map((k) => Type.Literal(k))])),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  lang: Type.Optional(Type.String()),
});

function summary(a: Agency): Static<typeof AgencySummary> {
  return {
    id: a.id,
    slug: a.slug,
    names: a.names,
    kind: a.kind,
    level: a.level,
    jurisdiction: a.jurisdiction,
    parentId: a.parentId,
    higherBodyId: a.higherBodyId,
    active: a.active,
  };
}

function matches(a: Agency, q: string): boolean {
  const needle = q.toLocaleLowerCase();
  return Object.values(a.names).some((n) => n.toLocaleLowerCase().includes(needle));
}

async function loadAgencyPage(ctx: AppContext, slug: string) {
  const db = ctx.db.kysely;
  const agency = await findAgencyBySlug(db, slug);
  if (!agency) throw new HalyqError("NOT_FOUND");
  const related = await findAgenciesByIds(
    db,
    [agency.parentId, agency.higherBodyId].filter((x): x is string => x !== null),
  );
  const [children, categories] = await Promise.all([
    listAgencies(db, { parentId: agency.id }),
    categoriesOfAgency(db, agency.id),
  ]);
  return {
    agency,
    parent: related.find((r) => r.id === agency.parentId),
    higherBody: related.find((r) => r.id === agency.higherBodyId),
    children,
    categories,
  };
}

async function categoriesWithAgencies(ctx: AppContext) {
  const db = ctx.db.kysely;
  const [categories, competences, agencies] = await Promise.all([
    listCategories(db),
    listCompetences(db),
    listAgencies(db),
  ]);
  const byId = new Map(agencies.map((a) => [a.id, a]));
  return categories.map((category) => ({
    category,
    agencies: competences
      .filter((c) => c.categoryId === category.id)
      .map((c) => byId.get(c.agencyId))
      .filter((a): a is Agency => a !== undefined),
  }));
}

/** The public directory of bodies and categories, as pages and as JSON. */
export async function agencyRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get<{ Querystring: Static<typeof DirectoryQuery> }>(
    "/agencies",
    { schema: { hide: true, querystring: DirectoryQuery }, config: { pageCache: true } },
    async (request, reply) => {
      const kind = request.query.kind ? (request.query.kind as AgencyKind) : undefined;
      const query = (request.query.q ?? "").trim();
      let agencies = await listAgencies(ctx.db.kysely, kind ? { kind } : {});
      if (query) agencies = agencies.filter((a) => matches(a, query));
      return reply.page(
        request.t("agencies.directory_title"),
        <DirectoryPage
          t={request.t}
          locale={request.locale}
          agencies={agencies}
          kind={kind}
          query={query}
        />,
      );
    },
  );

  app.get<{ Params: Static<typeof SlugParams> }>(
    "/agencies/:slug",
    { schema: { hide: true, params: SlugParams }, config: { pageCache: true } },
    async (request, reply) => {
      const data = await loadAgencyPage(ctx, request.params.slug);
      const body = { id: data.agency.id, slug: data.agency.slug };
      const view = { t: request.t, locale: request.locale };
      const [sections, actions] = await Promise.all([
        ctx.bodySections(body, { ...view, principal: request.principal ?? null }),
        data.agency.active ? ctx.bodyActions(body, view) : [],
      ]);
      return reply.page(
        data.agency.names[request.locale],
        <AgencyPage
          t={request.t}
          locale={request.locale}
          {...data}
          sections={sections}
          actions={actions}
        />,
      );
    },
  );

  app.get(
    "/categories",
    { schema: { hide: true }, config: { pageCache: true } },
    async (request, reply) => {
      const categories = await categoriesWithAgencies(ctx);
      return reply.page(
        request.t("agencies.categories_title"),
        <CategoriesPage t={request.t} locale={request.locale} categories={categories} />,
      );
    },
  );

  app.get<{ Querystring: { kind?: AgencyKind; parent?: string } }>(
    "/api/v1/agencies",
    {
      schema: {
        operationId: "listAgencies",
        tags: ["agencies"],
        summary:
          "State bodies: id, names in three languages, kind, level and place in the hierarchy",
        querystring: Type.Object({
          kind: Type.Optional(
            Type.Union(
              AGENCY_KINDS.map((k) => Type.Literal(k)),
              { description: "Only bodies of this kind" },
            ),
          ),
          parent: Type.Optional(
            Type.String({
              maxLength: 80,
              description: "Only direct subordinates of the body with this id",
            }),
          ),
        }),
        response: { 200: Type.Object({ agencies: Type.Array(AgencySummary) }) },
      },
    },
    async (request) => {
      const { kind, parent } = request.query;
      const agencies = await listAgencies(ctx.db.kysely, {
        ...(kind ? { kind } : {}),
        ...(parent ? { parentId: parent } : {}),
      });
      return { agencies: agencies.map(summary) };
    },
  );

  app.get<{ Params: Static<typeof SlugParams> }>(
    "/api/v1/agencies/:slug",
    {
      schema: {
        operationId: "getAgency",
        tags: ["agencies"],
        summary: "One state body with its contacts and the categories it is competent for",
        params: SlugParams,
        response: { 200: AgencyDetail, 404: ErrorBody },
      },
    },
    async (request) => {
      const { agency, categories } = await loadAgencyPage(ctx, request.params.slug);
      return {
        ...summary(agency),
        territoryCode: agency.territoryCode,
        address: agency.address,
        hours: agency.hours,
        head: agency.head,
        phone: agency.phone,
        email: agency.email,
        website: agency.website,
        categoryIds: categories.map((c) => c.id),
      };
    },
  );

  app.get(
    "/api/v1/categories",
    {
      schema: {
        operationId: "listCategories",
        tags: ["agencies"],
        summary: "Appeal categories with the bodies competent for each",
        response: { 200: Type.Object({ categories: Type.Array(CategoryOut) }) },
      },
    },
    async () => {
      const rows = await categoriesWithAgencies(ctx);
      return {
        categories: rows.map(({ category, agencies }) => ({
          id: category.id,
          slug: category.slug,
          scope: category.scope,
          names: category.names,
          agencyIds: agencies.map((a) => a.id),
        })),
      };
    },
  );
}

import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import { type AppContext, SEARCH_KINDS, type SearchKind } from "../../../platform/manifest.js";
import { PlainDateString } from "../../../web/api-schemas.js";
import { checkSearch, MAX_PAGE, runSearch, searchBodies } from "../query.js";
import { MAX_QUERY_LENGTH, snippetText } from "../words.js";
import { SearchPage } from "./search-page.js";

const Kind = Type.Unsafe<SearchKind>({
  type: "string",
  enum: [...SEARCH_KINDS],
  description:
    "body (a state body), appeal (a public appeal), petition (a published petition), draft (a draft act under public discussion), meeting (a hearing or meeting), question (a published question to a head), publication (news or official information)",
});

const SearchQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: MAX_QUERY_LENGTH,
      description:
        "Words to look for, in any of the three languages; every word must match the beginning of a word (endings may differ). Punctuation and operators are ignored. Control characters are refused.",
    }),
    kind: Type.Optional(Kind),
    body: Type.Optional(Type.String({ maxLength: 100, description: "A state body's slug" })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  },
  { additionalProperties: false },
);

const Hit = Type.Object({
  kind: Kind,
  id: Type.String({ description: "The document's id within its kind" }),
  title: Type.String(),
  language: Type.String({
    description:
      "The language of the title and snippet: the request's when the document has it, else its own",
  }),
  snippet: Type.String({ description: "Plain text around the first match; personal data removed" }),
  date: PlainDateString,
  url: Type.String({ description: "Its public page (absolute URL)" }),
  body: Type.Union([Type.Object({ slug: Type.String(), name: Type.String() }), Type.Null()]),
});

/** The search page and its API: the same parameters, the same checks, the same index. */
export async function searchRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const base = ctx.config.publicUrl.replace(/\/$/, "");

  app.get<{ Querystring: Record<string, unknown> }>("/search", async (request, reply) => {
    const { t, locale } = request;
    const raw = request.query ?? {};
    const bodies = await searchBodies(ctx, locale);
    // Echoed as text (Preact escapes it), without control characters, which HTML may not hold.
    const echo = (v: unknown) =>
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
      typeof v === "string" ? v.replace(/[\u0000-\u001f\u007f-\u009f]/gu, " ").slice(0, 1000) : "";
    const props = {
      t,
      locale,
      q: echo(raw.q),
      kind: echo(raw.kind),
      body: echo(raw.body),
      bodies,
    };
    // No query yet: the form alone.
    if (raw.q === undefined && raw.kind === undefined && raw.body === undefined) {
      return reply.page(t("search.title"), <SearchPage {...props} issues={[]} found={null} />);
    }
    const { request: search, issues } = checkSearch(raw, bodies);
    if (issues.length > 0) {
      return reply.page(t("search.title"), <SearchPage {...props} issues={issues} found={null} />, {
        status: 400,
        hasErrors: true,
      });
    }
    const { total, results } = await runSearch(ctx, search, locale, bodies);
    const pages = Math.min(MAX_PAGE, Math.max(1, Math.ceil(total / search.pageSize)));
    return reply.page(
      `${search.q} — ${t("search.title")}`,
      <SearchPage
        {...props}
        q={echo(search.q)}
        issues={[]}
        found={{ total, results, page: search.page, pages }}
      />,
    );
  });

  app.get<{ Querystring: Static<typeof SearchQuery> }>(
    "/api/v1/search",
    {
      schema: {
        operationId: "search",
        tags: ["search"],
        summary:
          "Search public content: bodies, public appeals, petitions, drafts, meetings, questions to heads, publications",
        description:
          "Finds public documents in Kazakh, Russian and English, best matches first (title matches weigh more), then newest. The index is refreshed every 30 seconds on every instance, and before answering when it is older than 60 seconds: a change is found within about 30 seconds. Titles and snippets are in the request's language where the document has it.",
        querystring: SearchQuery,
        response: {
          200: Type.Object({
            query: Type.String(),
            items: Type.Array(Hit),
            total: Type.Integer({ description: "How many documents match" }),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
        },
      },
      config: { auth: "none" },
    },
    async (request) => {
      const { locale } = request;
      const bodies = await searchBodies(ctx, locale);
      const { request: search, issues } = checkSearch(
        request.query,
        bodies,
        request.query.pageSize ?? 20,
      );
      if (issues.length > 0) throw new HalyqError("VALIDATION", {}, issues);
      const { total, results } = await runSearch(ctx, search, locale, bodies);
      return {
        query: search.q,
        items: results.map((r) => ({
          kind: r.kind,
          id: r.id,
          title: r.title,
          language: r.language,
          snippet: snippetText(r.snippet),
          date: r.date,
          url: `${base}${r.url}`,
          body: r.body ? { slug: r.body.slug, name: r.body.names[locale] } : null,
        })),
        total,
        page: search.page,
        pageSize: search.pageSize,
      };
    },
  );
}

import type { FastifyInstance } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { Locale } from "../../../kernel/i18n.js";
import type { AppContext, BodyPageView, BodyRef } from "../../../platform/manifest.js";
import { atomFeed } from "../../../web/atom.js";
import { describeFiles, fileOperation } from "../../../web/openapi.js";
import { plainText } from "../markup.js";
import {
  freshnessOf,
  PUBLICATION_ID,
  type PublicationRow,
  pick,
  publicBodies,
  publicTitles,
  staleBefore,
} from "../publication.js";
import {
  agencyBySlug,
  agencyCards,
  findPublication,
  informationOf,
  listLive,
  recentlyUpdatedNews,
} from "../publication.repository.js";
import { isSection, publicationSettings } from "../settings.js";
import {
  type AgencyCard,
  ArticlePage,
  BodyPublications,
  InformationIndexPage,
  InformationPage,
  NewsListPage,
  type SectionEntry,
} from "./public-views.js";

type SlugParams = { Params: { slug: string } };

/** A body's standard sections with their pages and freshness now. */
export async function sectionsOf(
  ctx: AppContext,
  agencyId: string,
): Promise<{ entries: SectionEntry[]; months: number }> {
  const settings = await publicationSettings(ctx);
  const cutoff = staleBefore(ctx.clock.now(), settings.staleMonths);
  const pages = await informationOf(ctx.db.kysely, agencyId);
  const entries = settings.sections.map((section) => {
    const row = pages.find((r) => r.section === section);
    return { section, row, freshness: freshnessOf(row, cutoff) };
  });
  return { entries, months: settings.staleMonths };
}

/**
 * The publications' section on a body's page in the directory (the manifest's `bodySections`):
 * links to its information and news, and, for the body's own editors only, how many sections
 * are out of date (a notice the public cannot act on).
 */
export async function bodyPublications(ctx: AppContext, body: BodyRef, view: BodyPageView) {
  const editor = ctx.policy.can(view.principal, "publication.write", { agencyId: body.id });
  const freshness = editor ? await sectionsOf(ctx, body.id) : undefined;
  return <BodyPublications t={view.t} slug={body.slug} freshness={freshness} />;
}

const card = (a: {
  slug: string;
  name_kk: string;
  name_ru: string;
  name_en: string;
}): AgencyCard => ({
  slug: a.slug,
  names: { kk: a.name_kk, ru: a.name_ru, en: a.name_en },
});

/** A sample of every kind of public publication page (HTML pages; the feeds are tested apart). */
export async function publicPublicationPaths(ctx: AppContext): Promise<string[]> {
  const db = ctx.db.kysely;
  const paths = ["/news"];
  const [news] = await listLive(db, { kind: "news", limit: 1 });
  const [info] = await listLive(db, { kind: "information", limit: 1 });
  const cards = await agencyCards(db, [news?.agency_id ?? "", info?.agency_id ?? ""]);
  const newsAgency = news ? cards.get(news.agency_id) : undefined;
  if (news && newsAgency)
    paths.push(
      `/agencies/${newsAgency.slug}/news`,
      `/agencies/${newsAgency.slug}/news/${news.id}`,
      `/agencies/${newsAgency.slug}/information`,
    );
  const infoAgency = info ? cards.get(info.agency_id) : undefined;
  if (info && infoAgency) paths.push(`/agencies/${infoAgency.slug}/information/${info.section}`);
  return paths;
}

function feed(
  ctx: AppContext,
  locale: Locale,
  title: string,
  path: string,
  alternate: string,
  rows: PublicationRow[],
  agencies: Map<string, AgencyCard>,
): string {
  const base = ctx.config.publicUrl;
  return atomFeed({
    id: `${base}${path}`,
    title,
    lang: locale,
    updated: rows[0]?.updated_at ?? "2026-01-01T00:00:00.000Z",
    self: `${base}${path}`,
    alternate: `${base}${alternate}`,
    entries: rows.map((n) => {
      const agency = agencies.get(n.agency_id);
      const t = pick(publicTitles(n), locale);
      const b = pick(publicBodies(n), t.lang);
      return {
        id: `urn:uuid:${n.id}`,
        title: t.text,
        ...(t.lang !== locale ? { lang: t.lang } : {}),
        updated: n.updated_at ?? n.published_at ?? n.created_at,
        ...(n.published_at ? { published: n.published_at } : {}),
        link: `${base}/agencies/${agency?.slug ?? ""}/news/${n.id}`,
        summary: plainText(b.text),
        author: agency ? agency.names[locale] : "Halyq",
      };
    }),
  });
}

/** News and official information for everyone, and the Atom feeds. */
export async function publicPublicationRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): Promise<void> {
  app.addHook(
    "onRoute",
    describeFiles({
      "/news.atom": fileOperation({
        operationId: "getNewsFeed",
        tags: ["feeds"],
        summary: "Atom feed of every body's news, newest first",
        types: { "application/atom+xml": { type: "string" } },
      }),
      "/agencies/:slug/news.atom": fileOperation({
        operationId: "getAgencyNewsFeed",
        tags: ["feeds"],
        summary: "Atom feed of one body's news",
        types: { "application/atom+xml": { type: "string" } },
        statuses: ["404"],
      }),
    }),
  );
  const db = ctx.db.kysely;
  // Publication dates are shown in the default jurisdiction's zone.
  const zone = ctx.calendars.forJurisdiction().rules.timeZone;
  const atom = "application/atom+xml; charset=utf-8";

  const body = async (slug: string) => {
    const a = await agencyBySlug(db, slug);
    if (!a) throw new HalyqError("NOT_FOUND");
    return { id: a.id, card: card(a) };
  };

  app.get("/news", { config: { pageCache: true } }, async (request, reply) => {
    const items = await listLive(db, { kind: "news", limit: 50 });
    const agencies = await agencyCards(
      db,
      items.map((n) => n.agency_id),
    );
    return reply.page(
      request.t("publications.news.portal_title"),
      <NewsListPage
        t={request.t}
        locale={request.locale}
        zone={zone}
        title={request.t("publications.news.portal_title")}
        items={items}
        agencies={agencies}
        agency={null}
        feed="/news.atom"
      />,
    );
  });

  app.get("/news.atom", { config: { pageCache: true } }, async (request, reply) => {
    const rows = await recentlyUpdatedNews(db, { limit: 50 });
    const agencies = await agencyCards(
      db,
      rows.map((n) => n.agency_id),
    );
    const xml = feed(
      ctx,
      request.locale,
      request.t("publications.news.portal_title"),
      "/news.atom",
      "/news",
      rows,
      agencies,
    );
    return reply.header("content-type", atom).send(xml);
  });

  app.get<SlugParams>(
    "/agencies/:slug/news",
    { config: { pageCache: true } },
    async (request, reply) => {
      const agency = await body(request.params.slug);
      const items = await listLive(db, { kind: "news", agencyId: agency.id, limit: 100 });
      const title = request.t("publications.news.body_title", {
        agency: agency.card.names[request.locale],
      });
      return reply.page(
        title,
        <NewsListPage
          t={request.t}
          locale={request.locale}
          zone={zone}
          title={title}
          items={items}
          agencies={new Map([[agency.id, agency.card]])}
          agency={agency.card}
          feed={`/agencies/${agency.card.slug}/news.atom`}
        />,
      );
    },
  );

  app.get<SlugParams>(
    "/agencies/:slug/news.atom",
    { config: { pageCache: true } },
    async (request, reply) => {
      const agency = await body(request.params.slug);
      const rows = await recentlyUpdatedNews(db, { agencyId: agency.id, limit: 50 });
      const xml = feed(
        ctx,
        request.locale,
        request.t("publications.news.body_title", { agency: agency.card.names[request.locale] }),
        `/agencies/${agency.card.slug}/news.atom`,
        `/agencies/${agency.card.slug}/news`,
        rows,
        new Map([[agency.id, agency.card]]),
      );
      return reply.header("content-type", atom).send(xml);
    },
  );

  app.get<{ Params: { slug: string; id: string } }>(
    "/agencies/:slug/news/:id",
    { config: { pageCache: true } },
    async (request, reply) => {
      const agency = await body(request.params.slug);
      const id = request.params.id;
      const row = PUBLICATION_ID.test(id) ? await findPublication(db, id) : undefined;
      if (
        !row ||
        row.agency_id !== agency.id ||
        row.kind !== "news" ||
        !row.published_at ||
        row.unpublished_at
      )
        throw new HalyqError("NOT_FOUND");
      return reply.page(
        pick(publicTitles(row), request.locale).text,
        <ArticlePage
          t={request.t}
          locale={request.locale}
          zone={zone}
          row={row}
          agency={agency.card}
          path={`/agencies/${agency.card.slug}/news/${row.id}`}
        />,
      );
    },
  );

  app.get<SlugParams>(
    "/agencies/:slug/information",
    { config: { pageCache: true } },
    async (request, reply) => {
      const agency = await body(request.params.slug);
      const { entries, months } = await sectionsOf(ctx, agency.id);
      return reply.page(
        `${request.t("publications.information.title")} — ${agency.card.names[request.locale]}`,
        <InformationIndexPage
          t={request.t}
          locale={request.locale}
          zone={zone}
          agency={agency.card}
          entries={entries}
          months={months}
        />,
      );
    },
  );

  app.get<{ Params: { slug: string; section: string } }>(
    "/agencies/:slug/information/:section",
    { config: { pageCache: true } },
    async (request, reply) => {
      const agency = await body(request.params.slug);
      const section = request.params.section;
      if (!isSection(section)) throw new HalyqError("NOT_FOUND");
      const { entries, months } = await sectionsOf(ctx, agency.id);
      const entry = entries.find((e) => e.section === section);
      if (!entry?.row || entry.freshness === "missing") throw new HalyqError("NOT_FOUND");
      return reply.page(
        pick(publicTitles(entry.row), request.locale).text,
        <InformationPage
          t={request.t}
          locale={request.locale}
          zone={zone}
          agency={agency.card}
          entry={{ ...entry, row: entry.row }}
          months={months}
          path={`/agencies/${agency.card.slug}/information/${section}`}
        />,
      );
    },
  );
}

import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { HalyqError } from "../../../kernel/errors.js";
import type { AppContext } from "../../../platform/manifest.js";
import { agencyNames, findAgency } from "../../agencies/index.js";
import {
  bodiesWithCycles,
  bodyToday,
  cycleFigures,
  publicCycle,
  publicCyclesOf,
} from "../accountability.js";
import {
  BodiesPage,
  BodyAccountabilityPage,
  CycleAccountabilityPage,
} from "./accountability-view.js";

const BodyQuery = Type.Object({
  body: Type.Optional(Type.String({ maxLength: 100 })),
});

/**
 * Accountability pages: one cycle's figures per territory (`/budgets/:id/accountability`), a
 * body's cycles side by side (`/budgets/accountability?body=<id>`), and without a body the
 * bodies that run participatory budgets.
 */
export async function accountabilityRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  app.get<{ Querystring: { body?: string } }>(
    "/budgets/accountability",
    { schema: { hide: true, querystring: BodyQuery } },
    async (request, reply) => {
      const t = request.t;
      const locale = request.locale;
      const now = ctx.clock.now();
      const bodyId = request.query.body;
      if (!bodyId) {
        const bodies = await bodiesWithCycles(db, now);
        const names = await agencyNames(
          db,
          bodies.map((b) => b.agencyId),
        );
        const rows = bodies
          .filter((b) => names.has(b.agencyId))
          .map((b) => ({
            id: b.agencyId,
            names: names.get(b.agencyId) as { kk: string; ru: string; en: string },
            cycles: b.cycles,
          }))
          .sort((a, b) => a.names[locale].localeCompare(b.names[locale], locale));
        return reply.page(
          t("budgets.accountability.bodies.title"),
          <BodiesPage t={t} locale={locale} bodies={rows} />,
        );
      }
      const agency = await findAgency(db, bodyId);
      if (!agency) throw new HalyqError("NOT_FOUND");
      const cycles = await publicCyclesOf(db, agency.id, now);
      const figures = await cycleFigures(db, cycles, now, await bodyToday(ctx, agency.id));
      return reply.page(
        t("budgets.accountability.body.title", { body: agency.names[locale] }),
        <BodyAccountabilityPage
          t={t}
          locale={locale}
          bodyName={agency.names[locale]}
          cycles={figures}
        />,
      );
    },
  );

  app.get<{ Params: { id: string } }>("/budgets/:id/accountability", {}, async (request, reply) => {
    const now = ctx.clock.now();
    const cycle = await publicCycle(db, request.params.id, now);
    if (!cycle) throw new HalyqError("NOT_FOUND");
    const [f] = await cycleFigures(db, [cycle], now, await bodyToday(ctx, cycle.agency_id));
    const agency = await findAgency(db, cycle.agency_id);
    if (!f || !agency) throw new HalyqError("NOT_FOUND");
    const t = request.t;
    const locale = request.locale;
    return reply.page(
      t("budgets.accountability.cycle.title", { year: String(f.year) }),
      <CycleAccountabilityPage t={t} locale={locale} f={f} bodyName={agency.names[locale]} />,
    );
  });
}

import { Readable } from "node:stream";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HalyqError } from "../../kernel/errors.js";
import type { AppContext } from "../../platform/manifest.js";
import { csvLine } from "../../web/csv.js";
import { fileOperation } from "../../web/openapi.js";
import { APPEAL_FIELDS, type AppealScope, appealRecordPages } from "./appeal-records.js";
import { bodyFigures, FIGURE_FIELDS, type FigureRecord } from "./body-figures.js";
import { loadLookups } from "./lookups.js";
import { type DataVersion, dataVersion } from "./versions.js";

/** The licence every dataset is published under. */
export const LICENCE = {
  id: "CC-BY-4.0",
  url: "https://creativecommons.org/licenses/by/4.0/",
} as const;

type Format = "csv" | "json";
const CONTENT_TYPE: Record<Format, string> = {
  csv: "text/csv; charset=utf-8; header=present",
  json: "application/json; charset=utf-8",
};

/**
 * Sets the validators and answers 304 when the client's copy is current. Returns true when
 * the reply is already sent.
 */
function notModified(request: FastifyRequest, reply: FastifyReply, etag: string, v: DataVersion) {
  reply.header("etag", etag);
  if (v.lastModified) reply.header("last-modified", v.lastModified.toUTCString());
  reply.header("cache-control", "public, max-age=300");
  reply.header("access-control-allow-origin", "*");
  reply.header("cross-origin-resource-policy", "cross-origin");
  const match = request.headers["if-none-match"];
  if (typeof match === "string") {
    const tags = match.split(",").map((s) => s.trim());
    if (tags.includes(etag) || tags.includes("*")) {
      reply.code(304).send();
      return true;
    }
    return false;
  }
  const since = request.headers["if-modified-since"];
  if (typeof since === "string" && v.lastModified) {
    const t = Date.parse(since);
    if (!Number.isNaN(t) && Math.floor(v.lastModified.getTime() / 1000) * 1000 <= t) {
      reply.code(304).send();
      return true;
    }
  }
  return false;
}

/** The appeals dataset, written out as it is read, a keyset page at a time. */
async function* appealsText(
  ctx: AppContext,
  format: Format,
  scope: AppealScope,
  generatedAt: string,
): AsyncGenerator<string> {
  const lookups = await loadLookups(ctx.db.kysely);
  if (format === "csv") {
    yield csvLine(APPEAL_FIELDS);
    for await (const page of appealRecordPages(ctx, lookups, scope)) {
      yield page.map((r) => csvLine(APPEAL_FIELDS.map((f) => r[f]))).join("");
    }
    return;
  }
  const head = {
    dataset: scope.year === undefined ? "appeals" : `appeals-${scope.year}`,
    licence: LICENCE.id,
    licence_url: LICENCE.url,
    generated_at: generatedAt,
    fields: APPEAL_FIELDS,
  };
  yield `${JSON.stringify(head).slice(0, -1)},"records":[`;
  let first = true;
  for await (const page of appealRecordPages(ctx, lookups, scope)) {
    const text = page.map((r) => JSON.stringify(r)).join(",\n");
    yield first ? `\n${text}` : `,\n${text}`;
    first = false;
  }
  yield "\n]}\n";
}

const figureCache = new WeakMap<AppContext, { tag: string; rows: Promise<FigureRecord[]> }>();

/** The per-body figures, computed once per data version (every export of a version shares them). */
function figuresFor(ctx: AppContext, v: DataVersion): Promise<FigureRecord[]> {
  const cached = figureCache.get(ctx);
  if (cached && cached.tag === v.tag) return cached.rows;
  const rows = loadLookups(ctx.db.kysely).then((l) => bodyFigures(ctx, l));
  figureCache.set(ctx, { tag: v.tag, rows });
  rows.catch(() => figureCache.delete(ctx));
  return rows;
}

const FILE = /^(appeals|statistics)(?:-(\d{4}))?\.(csv|json)$/;

/** Stable URLs of the open datasets: appeals (all, or one year) and per-body figures. */
export async function exportRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get<{ Params: { file: string } }>(
    "/open-data/:file",
    {
      config: {
        openapi: fileOperation({
          operationId: "getOpenDataFile",
          tags: ["open-data"],
          summary:
            "An open dataset (CC BY 4.0): appeals.csv|json, appeals-<year>.csv|json (one record per appeal, no personal data), statistics.csv|json (per body and year); fields in docs/capabilities/open-data.md. Any origin; ETag and Last-Modified",
          types: {
            "text/csv": { type: "string" },
            "application/json": {
              type: "object",
              required: ["dataset", "records"],
              properties: { dataset: { type: "string" }, records: { type: "array" } },
            },
          },
          statuses: ["304", "404"],
        }),
      },
      schema: {
        hide: true,
        params: { type: "object", properties: { file: { type: "string", maxLength: 40 } } },
      },
    },
    async (request, reply) => {
      const m = FILE.exec(request.params.file);
      if (!m) throw new HalyqError("NOT_FOUND");
      const [, dataset, yearText, ext] = m as unknown as [
        string,
        "appeals" | "statistics",
        string | undefined,
        Format,
      ];
      if (dataset === "statistics" && yearText) throw new HalyqError("NOT_FOUND");
      const year = yearText ? Number(yearText) : undefined;
      if (year !== undefined && (year < 2000 || year > 2100)) throw new HalyqError("NOT_FOUND");
      const v = await dataVersion(ctx);
      const etag = `W/"${request.params.file}-${v.tag}"`;
      if (notModified(request, reply, etag, v)) return reply;
      const generatedAt = ctx.clock.now().toISOString();
      reply.header("content-type", CONTENT_TYPE[ext]);
      reply.header("content-disposition", `attachment; filename="halyq-${request.params.file}"`);
      if (dataset === "appeals") {
        return reply.send(
          Readable.from(appealsText(ctx, ext, year === undefined ? {} : { year }, generatedAt)),
        );
      }
      const rows = await figuresFor(ctx, v);
      if (ext === "csv") {
        return reply.send(
          csvLine(FIGURE_FIELDS) +
            rows.map((r) => csvLine(FIGURE_FIELDS.map((f) => r[f]))).join(""),
        );
      }
      return reply.send(
        JSON.stringify({
          dataset: "statistics",
          licence: LICENCE.id,
          licence_url: LICENCE.url,
          generated_at: generatedAt,
          fields: FIGURE_FIELDS,
          records: rows,
        }),
      );
    },
  );
}

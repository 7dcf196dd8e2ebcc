import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../../../../db/schema.js";
import type { Locale, Translate } from "../../../../kernel/i18n.js";
import { DISTRICT_COLLECTIONS, districtAt } from "../../../../platform/geo/districts.js";
import type { AppContext } from "../../../../platform/manifest.js";
import { redactPersonalData } from "../../../../platform/privacy/redact.js";
import { PointsMap, pointAttributes } from "../../../../web/components/map.js";
import { formatDate } from "../../../../web/format.js";
import { StatusTag } from "./shared.js";

/** At most this many appeals are listed and marked: the newest. */
const LIMIT = 200;

interface PlacedAppeal {
  number: string;
  subject: string;
  status: string;
  registeredOn: string;
  lat: number;
  lon: number;
  district: string | undefined;
}

/**
 * Public appeals (duplicates aside) that mark a point, newest first: only what the public list
 * shows (the subject with personal data removed, the status, the date) and the point, which
 * the applicant marked on an appeal they made public. Never an applicant's name or contacts.
 */
async function placedPublicAppeals(db: Kysely<Database>): Promise<PlacedAppeal[]> {
  const rows = await db
    .selectFrom("appeals")
    .select(["number", "subject", "status", "registered_on", "lat", "lon"])
    .where("public", "=", 1)
    .where("status", "!=", "attached")
    .where("lat", "is not", null)
    .where("lon", "is not", null)
    .orderBy("received_at", "desc")
    .orderBy("id")
    .limit(LIMIT)
    .execute();
  return rows.map((r) => {
    const lat = Number(r.lat);
    const lon = Number(r.lon);
    return {
      number: r.number,
      subject: redactPersonalData(r.subject),
      status: r.status,
      registeredOn: r.registered_on,
      lat,
      lon,
      district: districtAt({ lat, long: lon })?.kato,
    };
  });
}

function MapPage({
  t,
  locale,
  appeals,
  districts,
  district,
}: {
  t: Translate;
  locale: Locale;
  appeals: PlacedAppeal[];
  districts: { kato: string; name: string }[];
  district: string;
}) {
  const names = new Map(districts.map((d) => [d.kato, d.name]));
  return (
    <>
      <a href="/appeals/public" class="govuk-back-link">
        {t("appeals.citizen.map.list")}
      </a>
      <h1 class="govuk-heading-l">{t("appeals.citizen.map.title")}</h1>
      <p class="govuk-body">{t("appeals.citizen.map.lead")}</p>
      {districts.length > 0 ? (
        <form method="get" action="/appeals/map" class="halyq-inline-form">
          <div class="govuk-form-group">
            <label class="govuk-label govuk-label--s" for="district">
              {t("appeals.citizen.map.near")}
            </label>
            <select class="govuk-select" id="district" name="district">
              <option value="" selected={district === ""}>
                {t("appeals.citizen.map.everywhere")}
              </option>
              {districts.map((d) => (
                <option key={d.kato} value={d.kato} selected={d.kato === district}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="govuk-button govuk-button--secondary">
            {t("appeals.citizen.map.show")}
          </button>
        </form>
      ) : null}
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <PointsMap t={t} listId="placed-appeals" label={t("appeals.citizen.map.map_label")} />
        </div>
        <div class="govuk-grid-column-one-third">
          <h2 class="govuk-heading-s">
            {t("appeals.citizen.map.count", { count: appeals.length })}
          </h2>
          {appeals.length > 0 ? (
            <ul class="govuk-list" id="placed-appeals">
              {appeals.map((a) => (
                <li key={a.number} {...pointAttributes(a)}>
                  <a class="govuk-link" href={`/appeals/public/${encodeURIComponent(a.number)}`}>
                    {a.subject}
                  </a>
                  <br />
                  <StatusTag t={t} status={a.status} />{" "}
                  <span class="govuk-body-s">
                    {formatDate(a.registeredOn, locale, "long")}
                    {a.district && names.has(a.district) ? ` · ${names.get(a.district)}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p class="govuk-body" id="placed-appeals">
              {t("appeals.citizen.map.empty")}
            </p>
          )}
        </div>
      </div>
    </>
  );
}

/** Public appeals near a place: a list that works alone, and a map of it when maps are on. */
export async function appealMapRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;
  app.get<{ Querystring: { district?: string } }>(
    "/appeals/map",
    { config: { pageCache: true } },
    async (request, reply) => {
      const t = request.t;
      const locale = request.locale;
      const districts = DISTRICT_COLLECTIONS.filter(
        (c) => c.jurisdiction === ctx.config.defaultJurisdiction,
      )
        .flatMap((c) => c.districts)
        .map((d) => ({ kato: d.kato, name: d.names[locale] }))
        .sort((a, b) => a.name.localeCompare(b.name, locale));
      // Any other value (several, unknown) shows every district, as the form's first choice does.
      const wanted = request.query.district;
      const district = districts.find((d) => d.kato === wanted)?.kato ?? "";
      const all = await placedPublicAppeals(db);
      const appeals = district ? all.filter((a) => a.district === district) : all;
      return reply.page(
        t("appeals.citizen.map.title"),
        <MapPage
          t={t}
          locale={locale}
          appeals={appeals}
          districts={districts}
          district={district}
        />,
        { map: true },
      );
    },
  );
}

import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { plainDate, toPlainDate } from "../../kernel/calendar/index.js";
import { cutAt, periodOf } from "../../kernel/time/period.js";
import type { AppContext } from "../../platform/manifest.js";
import {
  APPEAL_KINDS,
  CHANNELS,
  figuresOf,
  firstRegisteredOn,
  loadSums,
} from "../appeals/index.js";
import type { Lookups } from "./lookups.js";

/**
 * Per-body figures of each calendar year on the three criteria, read from the statistics
 * capability's aggregates (the same figures as its pages and `/api/v1/stats`): each counted on
 * the day it happened — received on the day of registration, answers on the day answered,
 * ratings on the day rated. The current year runs to today.
 */
export const FIGURE_FIELDS = [
  "year",
  "body",
  "body_name_kk",
  "body_name_ru",
  "body_name_en",
  "body_level",
  "received",
  ...CHANNELS.map((c) => `channel_${c}` as const),
  ...APPEAL_KINDS.map((k) => `kind_${k}` as const),
  "share_registered_on_time",
  "mean_working_days_to_registration",
  "redirects_received",
  "redirects_sent",
  "answered",
  "median_working_days_to_answer",
  "p90_working_days_to_answer",
  "share_answered_on_time",
  "extensions",
  "deemed_refusals",
  "ratings",
  "average_rating",
  "share_resolved_yes",
  "share_resolved_partly",
  "share_resolved_no",
  "share_answers_complained_about",
  "complaints_decided",
  "complaints_upheld",
] as const;
export type FigureField = (typeof FIGURE_FIELDS)[number];
export type FigureRecord = Record<FigureField, string | number | null>;

const round = (n: number | null, digits = 4) =>
  n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits;

/** Years from the first appeal's registration to today, newest first. */
async function years(db: Kysely<Database>, today: string): Promise<number[]> {
  const first = await firstRegisteredOn(db);
  if (!first) return [];
  const out: number[] = [];
  for (let y = Number(today.slice(0, 4)); y >= Number(first.slice(0, 4)); y--) {
    out.push(y);
  }
  return out;
}

/** Every body's figures per year, newest year first, bodies by short name; bodies with none left out. */
export async function bodyFigures(ctx: AppContext, lookups: Lookups): Promise<FigureRecord[]> {
  const db = ctx.db.kysely;
  const today = toPlainDate(ctx.clock.now(), ctx.calendars.forJurisdiction().rules.timeZone);
  const out: FigureRecord[] = [];
  for (const year of await years(db, today)) {
    const period = cutAt(periodOf("year", plainDate(year, 1, 1)), today);
    const sums = await loadSums(db, { bodies: true }, period);
    const rows: FigureRecord[] = [];
    for (const [scope, s] of sums) {
      const body = lookups.bodies.get(scope.slice(2));
      if (!body) continue;
      const f = figuresOf(s);
      const a = f.accessibility;
      rows.push({
        year,
        body: body.slug,
        body_name_kk: body.names.kk,
        body_name_ru: body.names.ru,
        body_name_en: body.names.en,
        body_level: body.level,
        received: a.received,
        ...(Object.fromEntries(
          CHANNELS.map((c) => [`channel_${c}`, a.byChannel[c] ?? 0]),
        ) as Record<`channel_${(typeof CHANNELS)[number]}`, number>),
        ...(Object.fromEntries(APPEAL_KINDS.map((k) => [`kind_${k}`, a.byKind[k] ?? 0])) as Record<
          `kind_${(typeof APPEAL_KINDS)[number]}`,
          number
        >),
        share_registered_on_time: round(a.registeredOnTimeShare),
        mean_working_days_to_registration: round(a.registrationDaysMean, 2),
        redirects_received: a.redirectsReceived,
        redirects_sent: a.redirectsSent,
        answered: f.speed.answered,
        median_working_days_to_answer: f.speed.medianDays,
        p90_working_days_to_answer: f.speed.p90Days,
        share_answered_on_time: round(f.speed.inTermShare),
        extensions: f.speed.extensions,
        deemed_refusals: f.speed.deemedRefusals,
        ratings: f.satisfaction.ratings,
        average_rating: round(f.satisfaction.averageRating, 2),
        share_resolved_yes: round(f.satisfaction.resolvedYesShare),
        share_resolved_partly: round(f.satisfaction.resolvedPartlyShare),
        share_resolved_no: round(f.satisfaction.resolvedNoShare),
        share_answers_complained_about: round(f.satisfaction.complainedShare),
        complaints_decided: f.satisfaction.complaintsDecided,
        complaints_upheld: f.satisfaction.complaintsUpheld,
      });
    }
    rows.sort((x, y) => (String(x.body) < String(y.body) ? -1 : 1));
    out.push(...rows);
  }
  return out;
}

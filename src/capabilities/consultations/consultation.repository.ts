import type { Kysely, Selectable } from "kysely";
import type { Database } from "../../db/schema.js";
import { toPlainDate, type WorkingCalendar } from "../../kernel/calendar/index.js";
import type { AppContext } from "../../platform/manifest.js";
import { agencyNames, jurisdictionOf } from "../agencies/index.js";
import type { ConsultationStatus } from "./consultation.js";
import type {
  ConsultationCommentsTable,
  ConsultationParagraphsTable,
  ConsultationsTable,
  ConsultationVersionsTable,
} from "./consultations.table.js";

type Db = Kysely<Database>;
export type ConsultationRow = Selectable<ConsultationsTable>;
export type VersionRow = Selectable<ConsultationVersionsTable>;
export type ParagraphRow = Selectable<ConsultationParagraphsTable>;
export type CommentRow = Selectable<ConsultationCommentsTable>;

/** A draft with the version under discussion (the latest). */
export interface Draft {
  consultation: ConsultationRow;
  version: VersionRow;
}

/** A body's calendar and its today: windows are counted and closed on the body's own days. */
export interface BodyDays {
  jurisdiction: string;
  calendar: WorkingCalendar;
  today: string;
}

/** The calendar of the body's jurisdiction and today's date in its time zone. */
export async function bodyDays(ctx: AppContext, db: Db, agencyId: string): Promise<BodyDays> {
  const calendar = ctx.calendars.forJurisdiction(await jurisdictionOf(db, agencyId));
  return {
    jurisdiction: calendar.rules.code,
    calendar,
    today: toPlainDate(ctx.clock.now(), calendar.rules.timeZone),
  };
}

/** Today in the default jurisdiction's zone, for lists that span bodies. */
export function defaultToday(ctx: AppContext): string {
  return toPlainDate(ctx.clock.now(), ctx.calendars.forJurisdiction().rules.timeZone);
}

export async function findDraft(db: Db, id: string): Promise<Draft | undefined> {
  const consultation = await db
    .selectFrom("consultations")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!consultation) return undefined;
  const version = await db
    .selectFrom("consultation_versions")
    .selectAll()
    .where("consultation_id", "=", id)
    .where("number", "=", consultation.current_version)
    .executeTakeFirstOrThrow();
  return { consultation, version };
}

export async function versionsOf(db: Db, consultationId: string): Promise<VersionRow[]> {
  return db
    .selectFrom("consultation_versions")
    .selectAll()
    .where("consultation_id", "=", consultationId)
    .orderBy("number")
    .execute();
}

export async function paragraphsOf(db: Db, versionId: string): Promise<ParagraphRow[]> {
  return db
    .selectFrom("consultation_paragraphs")
    .selectAll()
    .where("version_id", "=", versionId)
    .orderBy("number")
    .execute();
}

/** A comment with its agree and disagree counts. */
export type CommentWithVotes = CommentRow & { agree: number; disagree: number };

/** Comments of the given versions in the order they were made, with their vote counts. */
export async function commentsOf(db: Db, versionIds: string[]): Promise<CommentWithVotes[]> {
  if (versionIds.length === 0) return [];
  const rows = await db
    .selectFrom("consultation_comments")
    .selectAll()
    .where("version_id", "in", versionIds)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  if (rows.length === 0) return [];
  const votes = await db
    .selectFrom("consultation_votes")
    .select(["comment_id", "value", (eb) => eb.fn.countAll<number | string>().as("n")])
    .where(
      "comment_id",
      "in",
      rows.map((r) => r.id),
    )
    .groupBy(["comment_id", "value"])
    .execute();
  const count = (id: string, value: number) =>
    Number(votes.find((v) => v.comment_id === id && Number(v.value) === value)?.n ?? 0);
  return rows.map((r) => ({ ...r, agree: count(r.id, 1), disagree: count(r.id, -1) }));
}

/** The given person's votes on these comments, by comment id. */
export async function votesBy(
  db: Db,
  accountId: string,
  commentIds: string[],
): Promise<Map<string, number>> {
  if (commentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("consultation_votes")
    .select(["comment_id", "value"])
    .where("account_id", "=", accountId)
    .where("comment_id", "in", commentIds)
    .execute();
  return new Map(rows.map((r) => [r.comment_id, Number(r.value)]));
}

export async function isSubscribed(
  db: Db,
  consultationId: string,
  accountId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("consultation_subscriptions")
    .select("account_id")
    .where("consultation_id", "=", consultationId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return row !== undefined;
}

/** One line of a list of drafts. */
export type DraftListRow = ConsultationRow & {
  version_id: string;
  opens_on: string;
  closes_on: string;
  report_published_at: string | null;
  comment_count: number;
};

/**
 * Drafts with their current version, newest first, optionally of one body and in one status
 * (as of `today`), one page at a time.
 */
export async function listDrafts(
  db: Db,
  filter: {
    agencyId?: string;
    status?: ConsultationStatus;
    today: string;
    limit: number;
    offset?: number;
  },
): Promise<{ rows: DraftListRow[]; total: number }> {
  let q = db
    .selectFrom("consultations as c")
    .innerJoin("consultation_versions as v", (j) =>
      j.onRef("v.consultation_id", "=", "c.id").onRef("v.number", "=", "c.current_version"),
    );
  if (filter.agencyId) q = q.where("c.agency_id", "=", filter.agencyId);
  if (filter.status === "reported") q = q.where("v.report_published_at", "is not", null);
  if (filter.status === "open")
    q = q.where("v.report_published_at", "is", null).where("v.closes_on", ">=", filter.today);
  if (filter.status === "closed")
    q = q.where("v.report_published_at", "is", null).where("v.closes_on", "<", filter.today);
  const [rows, total] = await Promise.all([
    q
      .selectAll("c")
      .select([
        "v.id as version_id",
        "v.opens_on",
        "v.closes_on",
        "v.report_published_at",
        (eb) =>
          eb
            .selectFrom("consultation_comments as k")
            .select((e) => e.fn.countAll<number | string>().as("n"))
            .whereRef("k.consultation_id", "=", "c.id")
            .as("comment_count"),
      ])
      .orderBy("v.opens_on", "desc")
      .orderBy("c.created_at", "desc")
      .orderBy("c.id")
      .limit(filter.limit)
      .offset(filter.offset ?? 0)
      .execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, comment_count: Number(r.comment_count ?? 0) })),
    total: Number(total.n),
  };
}

/** Names of bodies in the reader's language, by id. */
export async function bodyNames(
  db: Db,
  ids: string[],
  locale: "kk" | "ru" | "en",
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const names = await agencyNames(db, unique);
  return new Map([...names].map(([id, n]) => [id, n[locale]]));
}

import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { dateParams } from "../../../kernel/format/index.js";
import type { Translate } from "../../../kernel/i18n.js";
import { redactPersonalData } from "../../../platform/privacy/redact.js";
import {
  type AppealRequest,
  appealProfile,
  appealRequestsByNumber,
  appealRequestsReceived,
  OPEN_STATUSES,
  OUTCOMES,
  RETURN_REASONS,
  TERMINATE_REASONS,
} from "../../appeals/index.js";
import type { Lookups } from "../lookups.js";
import type { Item } from "./format.js";

/** The most requests one list answer holds (GeoReport v2: 1,000 or 90 days, whichever is fewer). */
export const MAX_REQUESTS = 1000;
export const MAX_SPAN_DAYS = 90;

export type RequestRow = AppealRequest;

/** Criteria of `GET requests`, already checked. */
export interface RequestQuery {
  numbers?: string[];
  /** Any of these categories (none: every category). */
  categoryIds?: string[];
  /** ISO instants, inclusive. */
  start: string;
  end: string;
  statuses?: ("open" | "closed")[];
}

/** Requests by number (the spec: this overrides every other criterion), in the order asked. */
export async function requestsByNumber(
  db: Kysely<Database>,
  numbers: string[],
): Promise<RequestRow[]> {
  if (numbers.length === 0) return [];
  const rows = await appealRequestsByNumber(db, numbers);
  const byNumber = new Map(
    rows.flatMap((r) => [[r.number, r] as const, [r.legacy_number ?? r.number, r] as const]),
  );
  return numbers.map((n) => byNumber.get(n)).filter((r): r is RequestRow => r !== undefined);
}

/** Requests received in [start, end], newest first, at most MAX_REQUESTS. */
export async function listRequests(db: Kysely<Database>, q: RequestQuery): Promise<RequestRow[]> {
  const statuses = new Set(q.statuses ?? []);
  return appealRequestsReceived(db, {
    start: q.start,
    end: q.end,
    ...(q.categoryIds ? { categoryIds: q.categoryIds } : {}),
    ...(statuses.size === 1 ? { open: statuses.has("open") } : {}),
    limit: MAX_REQUESTS,
  });
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The UTC offset of a zone on a day, as ISO 8601 writes it ("+05:00", or "Z"). */
export function zoneOffset(timeZone: string, day: string): string {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    offsetFormatters.set(timeZone, f);
  }
  const name =
    f.formatToParts(new Date(`${day}T12:00:00Z`)).find((p) => p.type === "timeZoneName")?.value ??
    "GMT";
  const m = /GMT([+-]\d{2}:\d{2})/.exec(name);
  return m && m[1] !== "+00:00" ? (m[1] as string) : "Z";
}

/** The end of the legal term: the close of the body's office on the due date, in its zone. */
export function expectedDatetime(jurisdiction: string, dueOn: string): string {
  const profile = appealProfile(jurisdiction);
  return `${dueOn}T${profile.officeHours.closes}:00${zoneOffset(profile.timeZone, dueOn)}`;
}

/** An instant as the spec's w3c subset writes it, without milliseconds. */
export const w3c = (iso: string): string => iso.replace(/\.\d{3}Z$/, "Z");

const REASONS: readonly string[] = [
  ...RETURN_REASONS,
  ...TERMINATE_REASONS,
  "anonymous",
  "duplicate",
  "redirected",
  "forwarded",
  "withdrawn",
];

/** What the body has done, in the reader's language: the status, then the outcome or reason. */
export function statusNotes(
  t: Translate,
  row: Pick<RequestRow, "status" | "answer_outcome" | "close_reason">,
): string {
  const parts = [t(`appeals.status.${row.status}`)];
  if (
    row.status === "answered" &&
    row.answer_outcome &&
    (OUTCOMES as readonly string[]).includes(row.answer_outcome)
  ) {
    parts.push(t(`appeals.outcome.${row.answer_outcome}`));
  } else if (row.close_reason && REASONS.includes(row.close_reason)) {
    parts.push(t(`appeals.reason.${row.close_reason}`));
  }
  return parts.join(": ");
}

/** Open while the body owes a decision; closed otherwise (GeoReport has only the two). */
export const openOrClosed = (status: string): "open" | "closed" =>
  (OPEN_STATUSES as readonly string[]).includes(status) ? "open" : "closed";

/**
 * One service request with the spec's field names. No applicant's data: the description and
 * coordinates only when the applicant made the appeal public, the place only as the district.
 */
export function serviceRequest(
  t: Translate,
  locale: "kk" | "ru" | "en",
  lookups: Lookups,
  row: RequestRow,
): Item {
  const category = row.category_id ? lookups.categories.get(row.category_id) : undefined;
  const body = lookups.bodies.get(row.agency_id);
  const district =
    row.district_code && lookups.territories.has(row.district_code) ? row.district_code : null;
  return {
    service_request_id: row.number,
    status: openOrClosed(row.status),
    status_notes: statusNotes(t, row),
    service_name: category ? category.names[locale] : null,
    service_code: category ? category.slug : null,
    description: row.public_text ? redactPersonalData(row.public_text) : null,
    agency_responsible: body ? body.names[locale] : null,
    service_notice: t("open_data.open311.service_notice", dateParams("due", row.due_on, locale)),
    requested_datetime: w3c(row.received_at),
    updated_datetime: w3c(row.updated_at),
    expected_datetime: expectedDatetime(row.jurisdiction, row.due_on),
    address: null,
    address_id: district,
    zipcode: null,
    lat: row.public_lat === null ? null : Number(row.public_lat),
    long: row.public_lon === null ? null : Number(row.public_lon),
    media_url: null,
  };
}

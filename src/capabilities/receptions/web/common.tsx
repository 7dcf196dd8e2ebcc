import type { Locale, Translate } from "../../../kernel/i18n.js";
import { StatusTag as Tag, type TagColour } from "../../../web/components/kit.js";
import { formatDateTime, formatEventTime } from "../../../web/format.js";

/** A form as @fastify/formbody parses it. */
export type FormBody = Record<string, string | string[] | undefined>;

export const nameIn = (
  row: { name_kk: string; name_ru: string; name_en: string },
  locale: Locale,
): string => (locale === "kk" ? row.name_kk : locale === "ru" ? row.name_ru : row.name_en);

export const personName = (row: { surname: string; given_name: string }) =>
  `${row.surname} ${row.given_name}`;

/** When a slot runs, in the body's zone and the reader's language. */
export const slotTime = (
  s: { starts_at: string; ends_at: string; time_zone: string },
  locale: Locale,
) => formatEventTime(s, locale);

/** An instant as a date and time in a zone and the reader's language. */
export function instantIn(iso: string, timeZone: string, locale: Locale): string {
  return formatDateTime(iso, locale, timeZone, "full");
}

/** Every value of a repeated form field. */
export function many(body: FormBody | undefined, name: string): string[] {
  const v = body?.[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => x.trim());
}

const TAG: Record<string, TagColour> = {
  booked: "blue",
  waiting: "blue",
  resolved: "green",
  appeal: "purple",
};

/** A booking's or ticket's status as the kit's tag, in its colour. */
export function StatusTag({ t, status }: { t: Translate; status: string }) {
  return <Tag colour={TAG[status] ?? "grey"}>{t(`receptions.status.${status}`)}</Tag>;
}

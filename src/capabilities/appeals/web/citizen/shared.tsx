import type { Kysely } from "kysely";
import type { Database } from "../../../../db/schema.js";
import type { Locale, Translate } from "../../../../kernel/i18n.js";
import { findAgency, agencyNames as namesOfAgencies } from "../../../agencies/index.js";

const TAG_COLOURS: Record<string, string> = {
  registered: "govuk-tag--blue",
  in_progress: "govuk-tag--light-blue",
  awaiting_correction: "govuk-tag--yellow",
  awaiting_approval: "govuk-tag--turquoise",
  answered: "govuk-tag--green",
  redirected: "govuk-tag--purple",
  returned: "govuk-tag--orange",
  terminated: "govuk-tag--grey",
  withdrawn: "govuk-tag--grey",
  attached: "govuk-tag--grey",
};

/** An appeal's status as a GOV.UK tag. */
export function StatusTag({ t, status }: { t: Translate; status: string }) {
  return (
    <strong class={`govuk-tag ${TAG_COLOURS[status] ?? "govuk-tag--grey"}`}>
      {t(`appeals.status.${status}`)}
    </strong>
  );
}

/** An instant as the reader reads it, on the wall clock of the body's time zone. */
export { formatDateTime } from "../../../../web/format.js";

/**
 * Text as the person wrote it: paragraphs at blank lines, line breaks kept; `lang` when it is
 * in another language than the page (WCAG 3.1.2), so a screen reader reads it in its own voice.
 */
export function Paragraphs({ text, lang }: { text: string; lang?: string | undefined }) {
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim() !== "");
  return (
    <div lang={lang}>
      {paragraphs.map((p, i) => {
        const lines = p.split("\n");
        return (
          <p key={i} class="govuk-body">
            {lines.map((line, j) => (
              <span key={j}>
                {j > 0 ? <br /> : null}
                {line}
              </span>
            ))}
          </p>
        );
      })}
    </div>
  );
}

/** The language to mark on a text written in `written`, on a page in `page`: none when the same. */
export function otherLang(written: string | null | undefined, page: string): string | undefined {
  return written && written !== page ? written : undefined;
}

export interface AgencyCard {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  website: string | null;
}

/** A body's name and public contacts in the reader's language. */
export async function agencyCard(
  db: Kysely<Database>,
  id: string,
  locale: Locale,
): Promise<AgencyCard | undefined> {
  const a = await findAgency(db, id);
  if (!a) return undefined;
  return {
    id: a.id,
    name: a.names[locale],
    phone: a.phone,
    email: a.email,
    address: a.address?.[locale] ?? null,
    website: a.website,
  };
}

/** Names of several bodies at once, for lists. */
export async function agencyNames(
  db: Kysely<Database>,
  ids: string[],
  locale: Locale,
): Promise<Map<string, string>> {
  const names = await namesOfAgencies(db, ids);
  return new Map([...names].map(([id, n]) => [id, n[locale]]));
}

/** "1.2 MB" / "340 KB": a file size as people read it. */
export function fileSize(bytes: number, t: Translate): string {
  if (bytes >= 1024 * 1024) {
    return t("appeals.attachments.size_mb", { n: Math.round((bytes / 1048576) * 10) / 10 });
  }
  return t("appeals.attachments.size_kb", { n: Math.max(1, Math.round(bytes / 1024)) });
}

export const MEDIA_LABELS: Record<string, string> = {
  "application/pdf": "PDF",
  "image/jpeg": "JPEG",
  "image/png": "PNG",
};

/** A list of files with download links. */
export function FileList({
  t,
  number,
  files,
}: {
  t: Translate;
  number: string;
  files: { id: string; file_name: string; media_type: string; size: number }[];
}) {
  if (files.length === 0) return null;
  return (
    <ul class="govuk-list">
      {files.map((f) => (
        <li key={f.id}>
          <a
            class="govuk-link"
            href={`/appeals/${encodeURIComponent(number)}/attachments/${f.id}`}
            download
          >
            {f.file_name}
          </a>{" "}
          <span class="govuk-hint govuk-!-display-inline">
            ({MEDIA_LABELS[f.media_type] ?? f.media_type}, {fileSize(Number(f.size), t)})
          </span>
        </li>
      ))}
    </ul>
  );
}

/** One field of a posted form, as text ("" when absent; the first when repeated). */
export function field(body: unknown, name: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === "string" ? first : "";
}

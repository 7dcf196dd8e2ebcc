import type { Locale, Translate } from "../../../kernel/i18n.js";
import type { FieldIssue } from "../../../kernel/result.js";
import { StatusTag as KitStatusTag, type TagColour } from "../../../web/components/kit.js";
import type { DialogueBody } from "../question.repository.js";

export const bodyName = (body: DialogueBody, locale: Locale): string => body[`name_${locale}`];

/** Where a body's questions live in public. */
export const bodyPath = (body: DialogueBody) => `/dialogue/${encodeURIComponent(body.slug)}`;
export const questionPath = (body: DialogueBody, id: string) =>
  `${bodyPath(body)}/questions/${encodeURIComponent(id)}`;

/** Issues keyed by the id of the input to focus, for the error summary and field messages. */
export const withIds = (issues: FieldIssue[], prefix: string): FieldIssue[] =>
  issues.map((i) => ({ ...i, field: `${prefix}${i.field}` }));

const TAGS: Record<string, TagColour> = {
  pending: "yellow",
  rejected: "red",
  published: "blue",
  answered: "green",
  registered_as_appeal: "purple",
};

export function StatusTag({ t, status }: { t: Translate; status: string }) {
  return (
    <KitStatusTag colour={TAGS[status] ?? "grey"}>{t(`dialogue.status.${status}`)}</KitStatusTag>
  );
}

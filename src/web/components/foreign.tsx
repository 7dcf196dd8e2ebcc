import type { VNode } from "preact";
import type { Translate } from "../../kernel/i18n.js";

const MARK = "\u0000";

/**
 * A translated sentence with parts that are not words of the page's language (a licence's
 * English name marked with its `lang`, a header name or a JSON shape as code): each slot's
 * placeholder in the message is filled with its element.
 */
export function Rich(p: {
  t: Translate;
  message: string;
  slots: Record<string, VNode>;
  /** The message's other parameters (counts, plain text). */
  params?: Record<string, string | number>;
}) {
  const names = Object.keys(p.slots);
  const marks = Object.fromEntries(names.map((n, i) => [n, `${MARK}${i}${MARK}`]));
  const parts = p.t(p.message, { ...p.params, ...marks }).split(MARK);
  return (
    <>
      {parts.map((part, i) => {
        if (i % 2 === 0) return part;
        const name = names[Number(part)];
        return name === undefined ? part : p.slots[name];
      })}
    </>
  );
}

/** The licence Halyq is published under, by its English name. */
export const LICENCE = <span lang="en">GNU Affero General Public License</span>;

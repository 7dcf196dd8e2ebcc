import type { Locale } from "../kernel/i18n.js";

const KAZAKH = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

/**
 * The language a person most likely wrote a text in, when Halyq did not ask (a comment, a
 * question to a head): Kazakh when its Cyrillic uses Kazakh letters (ә, ғ, қ, ң, ө, ұ, ү, һ, і)
 * often enough, Russian for other Cyrillic, English for Latin; undefined for too few letters.
 * Only for `lang` attributes (WCAG 3.1.2): a wrong guess changes a screen reader's voice, nothing
 * else.
 */
export function writtenIn(text: string): Locale | undefined {
  let kazakh = 0;
  let cyrillic = 0;
  let latin = 0;
  for (const ch of text) {
    if (KAZAKH.test(ch)) kazakh++;
    else if (CYRILLIC.test(ch)) cyrillic++;
    else if (LATIN.test(ch)) latin++;
  }
  const letters = kazakh + cyrillic + latin;
  if (letters < 3) return undefined;
  if (latin > kazakh + cyrillic) return "en";
  // A Russian text naming a Kazakh place («Байқоңыр») keeps its share of Kazakh letters
  // under 5%; Kazakh prose has about 8–12%.
  return kazakh / (kazakh + cyrillic) >= 0.05 ? "kk" : "ru";
}

/** The `lang` to put on a text of unknown language on a page in `page`: none when the same. */
export function langOf(text: string, page: Locale): Locale | undefined {
  const lang = writtenIn(text);
  return lang && lang !== page ? lang : undefined;
}

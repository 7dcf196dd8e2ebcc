/**
 * Kazakh case endings for a word a date phrase ends on (a month name): the ending follows the
 * word's last vowel (back а, о, ұ, ы or front ә, ө, ү, і, е, и) and its last sound (a vowel, a
 * sonorant, a voiced or a voiceless consonant), as the language's vowel harmony wants.
 */
export type KazakhCase = "dative" | "ablative" | "locative";

const BACK = new Set([..."аоұыяю"]);
const FRONT = new Set([..."әөүіеэи"]);
/** Voiceless consonants (and б, в, г, д, which sound voiceless at a word's end). */
const VOICELESS = new Set([..."пфкқтсшщхһцчбвгд"]);
/** Nasals: the ablative after them is -нан/-нен. */
const NASAL = new Set([..."мнң"]);

function isFront(word: string): boolean {
  for (let i = word.length - 1; i >= 0; i--) {
    const c = word[i] as string;
    if (FRONT.has(c)) return true;
    if (BACK.has(c)) return false;
  }
  return false;
}

/** `word` in a Kazakh case: қаңтар → қаңтарға / қаңтардан / қаңтарда, қыркүйек → қыркүйекке / қыркүйектен / қыркүйекте. */
export function kazakhCase(word: string, grammaticalCase: KazakhCase): string {
  const last = (word.at(-1) ?? "").toLowerCase();
  const front = isFront(word.toLowerCase());
  const a = front ? "е" : "а";
  const voiceless = VOICELESS.has(last);
  if (grammaticalCase === "dative") {
    if (voiceless) return `${word}${front ? "ке" : "қа"}`;
    return `${word}${front ? "ге" : "ға"}`;
  }
  if (grammaticalCase === "ablative") {
    if (voiceless) return `${word}т${a}н`;
    if (NASAL.has(last)) return `${word}н${a}н`;
    return `${word}д${a}н`;
  }
  if (voiceless) return `${word}т${a}`;
  return `${word}д${a}`;
}

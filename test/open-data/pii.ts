import { hasValidCheckDigit } from "../../src/kernel/ids.js";

/**
 * Finds personal data in a text, independently of how Halyq removes it: IINs and BINs (twelve
 * digits with a valid check digit), e-mail addresses, and phone numbers as people write them
 * in Kazakhstan (+7 or 8, then ten digits, with or without spaces, brackets and dashes).
 */
export function personalData(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?<!\d)\d{12}(?!\d)/g)) {
    if (hasValidCheckDigit(m[0])) found.push(`IIN/BIN ${m[0]}`);
  }
  for (const m of text.matchAll(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g)) {
    found.push(`e-mail ${m[0]}`);
  }
  for (const m of text.matchAll(
    /(?<![\d])(?:\+7|8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)/g,
  )) {
    found.push(`phone ${m[0]}`);
  }
  return found;
}

/**
 * Halyq's one CSV writer, for every CSV it serves (open data, consultation reports, poll
 * results): RFC 4180 (fields separated by commas, records ended by CRLF, a field quoted when it
 * holds a comma, a quote or a line break, a quote doubled inside) with the OWASP "CSV
 * injection" guard.
 */

export type CsvCell = string | number | boolean | null | undefined;

/**
 * Characters that make a spreadsheet read a cell as a formula. TAB and CR count too: some
 * spreadsheets drop them from the start of a cell and then run what follows.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The byte-order mark that makes spreadsheet programs read a UTF-8 file's Cyrillic right. */
export const CSV_BOM = "\uFEFF";

export interface CsvOptions {
  /** A byte-order mark in front: for files people open in a spreadsheet, not data for programs. */
  bom?: boolean;
  /** Quote every field, not only those that need it (the consultation report always has). */
  quoteAll?: boolean;
}

/**
 * One field. Text that a spreadsheet would run as a formula gets a leading apostrophe, which
 * spreadsheets show as text and hide; numbers are written as they are (a negative number is
 * a number, not a formula). Booleans are "yes" or "no"; null and undefined an empty field.
 */
export function csvField(value: CsvCell, options: CsvOptions = {}): string {
  let text: string;
  if (value === null || value === undefined) text = "";
  else if (typeof value === "boolean") text = value ? "yes" : "no";
  else if (typeof value === "number") text = Number.isFinite(value) ? String(value) : "";
  else text = FORMULA_START.test(value) ? `'${value}` : value;
  return options.quoteAll || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, ended by CRLF. */
export function csvLine(values: readonly CsvCell[], options: CsvOptions = {}): string {
  return `${values.map((v) => csvField(v, options)).join(",")}\r\n`;
}

/** A whole file: its records, the header first. */
export function csvDocument(
  records: readonly (readonly CsvCell[])[],
  options: CsvOptions = {},
): string {
  return (options.bom ? CSV_BOM : "") + records.map((r) => csvLine(r, options)).join("");
}

/**
 * CSV as RFC 4180 writes it: a header row, fields separated by commas, records ended by CRLF,
 * a field quoted when it holds a comma, a quote or a line break (a quote doubled inside).
 */

export type Cell = string | number | boolean | null | undefined;

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One field. Text that a spreadsheet would run as a formula gets a leading apostrophe, which
 * spreadsheets show as text and hide; numbers are written as they are (a negative number is
 * a number, not a formula). Booleans are "yes" or "no"; null and undefined an empty field.
 */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, ended by CRLF. */
export function csvLine(values: readonly Cell[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

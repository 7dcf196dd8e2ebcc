/**
 * Halyq's one spreadsheet writer: rows and typed columns → an XLSX workbook (a sheet per table)
 * or CSV (through csv.ts). Registers, journals and reports use it so that every download has
 * the same shape: a bold, frozen header row, columns wide enough to read, numbers as numbers
 * and dates as real Excel dates (sortable and filterable in the spreadsheet).
 */
import { isPlainDate } from "../kernel/calendar/index.js";
import { contentDisposition } from "../platform/files/download.js";
import { type CsvCell, csvDocument } from "./csv.js";

export type SheetCell = string | number | null | undefined;

/** A column: its header (already in the reader's language), its type and a width in characters. */
export interface SheetColumn<R> {
  header: string;
  /** "date" takes a plain date `YYYY-MM-DD` or an ISO instant (shown as its UTC day). */
  type: "text" | "number" | "date";
  value: (row: R) => SheetCell;
  width?: number;
}

export interface Sheet<R> {
  /** The tab's name; shortened and stripped of the characters Excel refuses. */
  name: string;
  columns: SheetColumn<R>[];
  rows: readonly R[];
}

/** The most rows one sheet takes: a download stays bounded (the caller says so when it cut). */
export const MAX_SHEET_ROWS = 50_000;

/** A plain date or an ISO instant as the UTC midnight Excel counts from; anything else null. */
function excelDate(value: SheetCell): Date | null {
  if (typeof value !== "string" || value.length < 10) return null;
  const day = value.slice(0, 10);
  if (!isPlainDate(day)) return null;
  return new Date(`${day}T00:00:00Z`);
}

/** Excel refuses `[]:*?/\` in a sheet's name and more than 31 characters; names must differ. */
function sheetName(name: string, taken: Set<string>): string {
  const base =
    name
      .replace(/[[\]:*?/\\]/g, " ")
      .trim()
      .slice(0, 31) || "Sheet";
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    candidate = `${base.slice(0, 31 - suffix.length)}${suffix}`;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** A workbook of one sheet per table, as the bytes of an .xlsx file. */
export async function xlsxWorkbook(
  // biome-ignore lint/suspicious/noExplicitAny: each sheet has its own row type
  sheets: Sheet<any>[],
  meta: { creator?: string; created?: Date } = {},
): Promise<Buffer> {
  // Loaded by the first export a process makes (some 30 MB of memory), not at start.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = meta.creator ?? "Halyq";
  if (meta.created) workbook.created = meta.created;
  const taken = new Set<string>();
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheetName(sheet.name, taken), {
      views: [{ state: "frozen", ySplit: 1 }],
    });
    ws.columns = sheet.columns.map((c) => ({
      header: c.header,
      width: c.width ?? Math.min(60, Math.max(10, c.header.length + 2)),
      ...(c.type === "date" ? { style: { numFmt: "dd.mm.yyyy" } } : {}),
    }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).alignment = { vertical: "top", wrapText: true };
    for (const row of sheet.rows.slice(0, MAX_SHEET_ROWS)) {
      ws.addRow(
        sheet.columns.map((c) => {
          const v = c.value(row);
          if (v === null || v === undefined || v === "") return null;
          if (c.type === "date") return excelDate(v);
          if (c.type === "number") return typeof v === "number" ? v : Number(v);
          return String(v);
        }),
      );
    }
  }
  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes as ArrayBuffer);
}

/** One table as CSV for a spreadsheet (with the byte-order mark): dates as `YYYY-MM-DD`. */
export function sheetCsv<R>(sheet: Sheet<R>): string {
  const records: CsvCell[][] = [sheet.columns.map((c) => c.header)];
  for (const row of sheet.rows.slice(0, MAX_SHEET_ROWS)) {
    records.push(
      sheet.columns.map((c) => {
        const v = c.value(row);
        return c.type === "date" && typeof v === "string" ? v.slice(0, 10) : v;
      }),
    );
  }
  return csvDocument(records, { bom: true });
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const CSV_TYPE = "text/csv; charset=utf-8";

/**
 * A Content-Disposition for a download: an ASCII fallback name and the real one (Cyrillic and
 * Kazakh letters) in RFC 5987 form, so every browser saves it under a readable, safe name.
 */
export function attachment(fileName: string): string {
  return contentDisposition(fileName.replace(/[\\/:*?"<>|\p{Cc}]+/gu, "-"));
}

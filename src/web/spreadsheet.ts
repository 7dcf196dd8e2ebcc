import ExcelJS from "exceljs";
import { type CsvCell, csvDocument } from "./csv.js";

/** One column of an exported table: its header (in the reader's language) and its cell. */
export interface SheetColumn<R> {
  header: string;
  cell: (row: R) => string | number | null;
  /** Width in characters (Excel's unit); 20 when not given. */
  width?: number;
}

/** A table as CSV for spreadsheets: a byte-order mark, the header first, formulas defused. */
export function tableCsv<R>(columns: SheetColumn<R>[], rows: readonly R[]): string {
  const records: CsvCell[][] = [
    columns.map((c) => c.header),
    ...rows.map((r) => columns.map((c) => c.cell(r))),
  ];
  return csvDocument(records, { bom: true });
}

/**
 * A table as an XLSX workbook of one sheet: a bold, frozen header row, then one row per record.
 * Text that a spreadsheet would read as a formula stays text (ExcelJS writes strings as
 * strings, never as formulas).
 */
export async function tableXlsx<R>(
  sheetName: string,
  columns: SheetColumn<R>[],
  rows: readonly R[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31).replace(/[\\/?*[\]:]/g, " "), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  sheet.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width ?? 20 }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(columns.map((c) => c.cell(r) ?? ""));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { tableCsv, tableXlsx } from "./spreadsheet.js";

const columns = [
  { header: "Күні", cell: (r: { day: string; n: number }) => r.day },
  { header: "№", cell: (r: { day: string; n: number }) => r.n },
];
const rows = [
  { day: "7 желтоқсан 2026", n: 1 },
  { day: "=HYPERLINK(1)", n: 2 },
];

describe("exported tables", () => {
  it("writes CSV with a BOM, the header and formulas defused", () => {
    const csv = tableCsv(columns, rows);
    expect(csv.startsWith("\uFEFFКүні,№\r\n")).toBe(true);
    expect(csv).toContain("'=HYPERLINK(1),2\r\n");
  });

  it("writes an XLSX that reads back with the same cells, formulas as text", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await tableXlsx("Журнал", columns, rows)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.name).toBe("Журнал");
    expect(sheet?.getRow(1).values).toEqual([undefined, "Күні", "№"]);
    expect(sheet?.getRow(2).values).toEqual([undefined, "7 желтоқсан 2026", 1]);
    expect(sheet?.getCell("A3").value).toBe("=HYPERLINK(1)");
    expect(sheet?.getCell("A3").formula).toBeUndefined();
  });
});

import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { attachment, type Sheet, sheetCsv, xlsxWorkbook } from "./spreadsheet.js";

interface Row {
  number: string;
  received: string;
  count: number;
  note: string | null;
}

const sheet: Sheet<Row> = {
  name: "Журнал: 2026/12",
  columns: [
    { header: "Номер", type: "text", value: (r) => r.number, width: 14 },
    { header: "Зарегистрировано", type: "date", value: (r) => r.received },
    { header: "Количество", type: "number", value: (r) => r.count },
    { header: "Примечание", type: "text", value: (r) => r.note },
  ],
  rows: [
    { number: "BKA-2026-0001", received: "2026-12-07", count: 3, note: "=SUM(A1)" },
    { number: "BKA-2026-0002", received: "2026-12-08T05:00:00.000Z", count: 0, note: null },
  ],
};

describe("the spreadsheet writer", () => {
  it("writes a workbook whose header is bold and frozen, numbers numbers and dates dates", async () => {
    const bytes = await xlsxWorkbook([sheet, { ...sheet, rows: [] }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Журнал  2026 12", "Журнал  2026 12 (2)"]);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error("no sheet");
    expect(ws.getRow(1).values).toEqual([
      undefined,
      "Номер",
      "Зарегистрировано",
      "Количество",
      "Примечание",
    ]);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.getColumn(1).width).toBe(14);
    expect(ws.getCell("B2").value).toEqual(new Date("2026-12-07T00:00:00Z"));
    expect(ws.getCell("B2").numFmt).toBe("dd.mm.yyyy");
    expect(ws.getCell("B3").value).toEqual(new Date("2026-12-08T00:00:00Z"));
    expect(ws.getCell("C2").value).toBe(3);
    expect(ws.getCell("C3").value).toBe(0);
    // Text that looks like a formula stays text: nothing is run when the file is opened.
    expect(ws.getCell("D2").value).toBe("=SUM(A1)");
    expect(ws.getCell("D2").formula).toBeUndefined();
    expect(ws.getCell("D3").value).toBeNull();
    expect(ws.rowCount).toBe(3);
  });

  it("writes the same table as CSV with a byte-order mark and formulas defused", () => {
    expect(sheetCsv(sheet)).toBe(
      "\uFEFFНомер,Зарегистрировано,Количество,Примечание\r\n" +
        "BKA-2026-0001,2026-12-07,3,'=SUM(A1)\r\n" +
        "BKA-2026-0002,2026-12-08,0,\r\n",
    );
  });

  it("names a download safely, keeping its Cyrillic and Kazakh name for browsers that read it", () => {
    const header = attachment("Тіркеу журналы/2026.xlsx");
    expect(header).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(header).not.toContain("/2026");
    expect(decodeURIComponent(header.split("UTF-8''")[1] ?? "")).toBe("Тіркеу журналы-2026.xlsx");
  });
});

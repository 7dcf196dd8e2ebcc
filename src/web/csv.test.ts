import { describe, expect, it } from "vitest";
import { CSV_BOM, csvDocument, csvField, csvLine } from "./csv.js";

describe("the CSV writer (RFC 4180, formulas defused)", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\r\nlf", '"cr\r\nlf"'],
    ["=SUM(A1:A2)", "'=SUM(A1:A2)"],
    ["+7 701", "'+7 701"],
    ["-1 day", "'-1 day"],
    ["@cmd", "'@cmd"],
    ["\tx", "'\tx"],
    ["\t=HYPERLINK(1)", "'\t=HYPERLINK(1)"],
    ["\r=1+1", '"\'\r=1+1"'],
    ["\r\n@SUM(1)", '"\'\r\n@SUM(1)"'],
    ['=HYPERLINK("x","y")', `"'=HYPERLINK(""x"",""y"")"`],
    ["a=b", "a=b"],
    ["Алматы", "Алматы"],
  ])("%j is written %j", (value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it("writes numbers as numbers, booleans as yes/no, nothing as an empty field", () => {
    expect(csvLine([-3, 1.5, true, false, null, undefined, "", Number.NaN])).toBe(
      "-3,1.5,yes,no,,,,\r\n",
    );
  });

  it("ends every record with CRLF and puts the byte-order mark only where asked", () => {
    const rows = [
      ["a", "b"],
      [1, "=2"],
    ];
    expect(csvDocument(rows)).toBe("a,b\r\n1,'=2\r\n");
    expect(csvDocument(rows, { bom: true })).toBe(`${CSV_BOM}a,b\r\n1,'=2\r\n`);
    expect(csvDocument([])).toBe("");
    expect(csvDocument([["a", 1, null, "\t=1"]], { quoteAll: true })).toBe(
      `"a","1","","'\t=1"\r\n`,
    );
  });
});

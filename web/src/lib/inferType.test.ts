import { describe, expect, it } from "vitest";
import { cellValue, inferColumns } from "./inferType";

describe("inferColumns", () => {
  const header = ["氏名", "金額", "申請日", "状況", "郵便番号", "受付", "備考", ""];
  const rows = [
    ["山田", "1,200", "2024/7/5", "受付", "0600001", "2024/07/05 9:30", "窓口", ""],
    ["佐藤", "３００", "2024-07-06", "審査中", "0600002", "2024-07-06 10:00", "電話\n折返し", ""],
    ["鈴木", "-5.5", "2024年7月7日", "受付", "0600003", "", "", ""],
    ["田中", "", "2024/7/8", "受付", "0600004", "2024/07/08 17:45", "", ""],
  ];
  const columns = inferColumns(header, rows);

  it("guesses number, date, drop-down, text and text area, keeping leading-zero codes as text", () => {
    expect(columns.map((c) => c.type)).toEqual([
      "SINGLE_LINE_TEXT",
      "NUMBER",
      "DATE",
      "DROP_DOWN",
      "SINGLE_LINE_TEXT",
      "DATETIME",
      "MULTI_LINE_TEXT",
      "SINGLE_LINE_TEXT",
    ]);
    expect(columns[3]!.options).toEqual(["受付", "審査中"]);
  });

  it("derives unique codes from the header and names unnamed columns", () => {
    expect(columns.map((c) => c.code)).toEqual(["氏名", "金額", "申請日", "状況", "郵便番号", "受付", "備考", "列8"]);
  });

  it("reads .xlsx numbers and dates by their kind", () => {
    const xlsx = inferColumns(["n", "d"], [[1, new Date(Date.UTC(2024, 6, 5))], [2.5, new Date(Date.UTC(2024, 6, 6))]]);
    expect(xlsx.map((c) => c.type)).toEqual(["NUMBER", "DATE"]);
  });
});

describe("cellValue", () => {
  it("converts cells to record values", () => {
    expect(cellValue("NUMBER", "1,200")).toBe("1200");
    expect(cellValue("NUMBER", "３００")).toBe("300");
    expect(cellValue("DATE", "2024年7月7日")).toBe("2024-07-07");
    expect(cellValue("DATE", new Date(Date.UTC(2024, 6, 5)))).toBe("2024-07-05");
    expect(cellValue("TIME", "9:05")).toBe("09:05");
    expect(cellValue("DATETIME", "2024/07/05 9:30")).toBe(new Date(2024, 6, 5, 9, 30).toISOString().slice(0, 16) + ":00Z");
    expect(cellValue("SINGLE_LINE_TEXT", " 0600001 ")).toBe("0600001");
    expect(cellValue("NUMBER", "")).toBe("");
  });
});

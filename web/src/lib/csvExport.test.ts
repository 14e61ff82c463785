import { expect, it } from "vitest";
import { defuseFormula, encodeForExcel, exportRows } from "./csvExport";
import { decodeText } from "./textDecode";

it("exports labels then raw-ish values", () => {
  const rows = exportRows(
    {
      n: { type: "NUMBER", code: "n", label: "金額", digit: true, unit: "円" },
      c: { type: "CHECK_BOX", code: "c", label: "確認" },
      d: { type: "DATE", code: "d", label: "日付" },
    },
    ["n", "c", "d", "gone"],
    [{ n: { value: "1200" }, c: { value: ["a", "b"] }, d: { value: null } }],
  );
  expect(rows).toEqual([["金額", "確認", "日付"], ["1200", "a\nb", ""]]);
});

it("encodes UTF-8 with a BOM and Shift_JIS that decode back", async () => {
  const utf8 = await encodeForExcel("氏名,金額\r\n", "utf-8-bom");
  expect([...utf8.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const sjis = await encodeForExcel("氏名,金額\r\n", "shift_jis");
  expect([...sjis.slice(0, 4)]).toEqual([0x8e, 0x81, 0x96, 0xbc]);
  expect(decodeText(sjis).text).toBe("氏名,金額\r\n");
});

it("defuses cells a spreadsheet would run as formulas, keeping signed numbers and phone numbers", () => {
  expect(["=HYPERLINK(\"http://x\")", "@SUM(A1)", "+cmd|' /C calc'!A0", "-2+3+cmd", "\t=1", "\r=1"].map(defuseFormula))
    .toEqual(["'=HYPERLINK(\"http://x\")", "'@SUM(A1)", "'+cmd|' /C calc'!A0", "'-2+3+cmd", "'\t=1", "'\r=1"]);
  expect(["-5", "+81 90-1234-5678", "-1,234.5", "(03) 1234", "山田 =", "", "a=b"].map(defuseFormula))
    .toEqual(["-5", "+81 90-1234-5678", "-1,234.5", "(03) 1234", "山田 =", "", "a=b"]);
  const rows = exportRows({ 氏名: { type: "SINGLE_LINE_TEXT", code: "氏名", label: "氏名" } }, ["氏名"], [{ 氏名: { type: "SINGLE_LINE_TEXT", value: "=1+1" } }]);
  expect(rows[1]).toEqual(["'=1+1"]);
});

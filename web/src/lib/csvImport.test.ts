import { expect, it } from "vitest";
import type { Properties } from "../api/types";
import { autoMap, importValue, keyFields, rowsToRecords } from "./csvImport";
import { defuseFormula } from "./csvExport";

const opts = { a: { label: "a", index: "0" } };
const properties: Properties = {
  no: { type: "SINGLE_LINE_TEXT", code: "no", label: "受付番号", unique: true },
  name: { type: "SINGLE_LINE_TEXT", code: "name", label: "氏名" },
  amount: { type: "NUMBER", code: "amount", label: "金額" },
  state: { type: "DROP_DOWN", code: "state", label: "状況", options: opts },
  checks: { type: "CHECK_BOX", code: "checks", label: "確認", options: opts },
  owner: { type: "USER_SELECT", code: "owner", label: "担当" },
  day: { type: "DATE", code: "day", label: "申請日" },
  table: { type: "SUBTABLE", code: "table", label: "明細", fields: {} },
  rec: { type: "RECORD_NUMBER", code: "rec", label: "レコード番号" },
};

it("matches columns to fields by label first, then by code, NFKC- and case-insensitively", () => {
  expect(autoMap(properties, ["ＮＯ", " 氏名 ", "金額", "明細", "レコード番号", "day", "other"])).toEqual({
    no: 0, name: 1, amount: 2, rec: 4, day: 5,
  });
});

it("offers the record number and unique text and number fields as update keys", () => {
  expect(keyFields(properties).map((p) => p.code)).toEqual(["no", "rec"]);
});

it("reads cells as an export wrote them: numbers without separators, lines as several values", () => {
  expect(importValue(properties.amount!, "1,234")).toBe("1234");
  expect(importValue(properties.amount!, 56)).toBe("56");
  expect(importValue(properties.checks!, "本人確認\n書類確認\n")).toEqual(["本人確認", "書類確認"]);
  expect(importValue(properties.owner!, "sato\r\nsuzuki")).toEqual([{ code: "sato" }, { code: "suzuki" }]);
  expect(importValue(properties.day!, "2026/4/1")).toBe("2026-04-01");
  expect(importValue(properties.state!, "")).toBeUndefined();
  expect(importValue(properties.name!, null)).toBe("");
});

it("builds one record per row from the mapped columns only", () => {
  const records = rowsToRecords(properties, { no: 0, amount: 2, rec: 3 }, [["A-1", "x", "10", "7"], ["A-2", "y", "", "8"]]);
  expect(records).toEqual([
    { no: { value: "A-1" }, amount: { value: "10" } },
    { no: { value: "A-2" }, amount: { value: "" } },
  ]);
  // The record number goes along only as the key that finds the record.
  expect(rowsToRecords(properties, { name: 1, rec: 3 }, [["A-1", "x", "10", "7"]], "rec")).toEqual([
    { name: { value: "x" }, rec: { value: "7" } },
  ]);
});

it("takes off the apostrophe the export put before formula-like text, and only there", () => {
  const text = { type: "SINGLE_LINE_TEXT", code: "t", label: "t" } as const;
  for (const original of ["=1+1", "@x", "+cmd", "-a", "'quoted", "it's"]) expect(importValue(text, defuseFormula(original))).toBe(original);
  expect(importValue({ type: "NUMBER", code: "n", label: "n" }, "-5")).toBe("-5");
});

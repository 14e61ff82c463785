import { expect, it } from "vitest";
import type { Properties } from "../../api/types";
import { defaultView, listColumns, viewableColumns } from "./listColumns";

const properties: Properties = {
  no: { type: "RECORD_NUMBER", code: "no", label: "" },
  a: { type: "SINGLE_LINE_TEXT", code: "a", label: "" },
  t: { type: "SUBTABLE", code: "t", label: "", fields: {} },
  b: { type: "DATE", code: "b", label: "" },
};

it("lists record number then form fields, skipping tables; a view's columns win", () => {
  const layout = [
    { type: "ROW" as const, fields: [{ type: "DATE" as const, code: "b" }, { type: "SINGLE_LINE_TEXT" as const, code: "a" }] },
    { type: "SUBTABLE" as const, code: "t", fields: [] },
  ];
  expect(listColumns(properties, layout)).toEqual(["no", "b", "a"]);
  const view = { type: "LIST" as const, id: "1", name: "v", index: "0", filterCond: "", sort: "", fields: ["a", "gone"] };
  expect(listColumns(properties, layout, view)).toEqual(["a"]);
  expect(defaultView({ x: { ...view, index: "1", name: "x" }, v: view })?.name).toBe("v");
});

it("drops the columns of fields hidden from the user (missing in every record)", () => {
  const records = [{ 氏名: { value: "a" }, $id: { value: "1" } }, { 氏名: { value: "b" }, メモ: { value: "" }, $id: { value: "2" } }];
  expect(viewableColumns(["氏名", "メモ", "秘密"], records)).toEqual(["氏名", "メモ"]);
  expect(viewableColumns(["氏名", "秘密"], [])).toEqual(["氏名", "秘密"]);
  expect(viewableColumns(["氏名"], null)).toEqual(["氏名"]);
});

import { expect, it } from "vitest";
import { conditionOf, operatorsFor, rowsOf } from "./filter";

it("offers the operators the query language allows for each type", () => {
  expect(operatorsFor("DROP_DOWN")).toEqual(["in", "not in"]);
  expect(operatorsFor("NUMBER")).toContain(">=");
  expect(operatorsFor("SUBTABLE")).toEqual([]);
});

it("builds a condition, quoting values and skipping incomplete rows", () => {
  expect(
    conditionOf([
      { field: "状況", operator: "in", value: ["受付", "審査中"] },
      { field: "金額", operator: ">=", value: "1000" },
      { field: "氏名", operator: "like", value: "" },
      { field: "メモ", operator: "is empty", value: "" },
    ]),
  ).toBe('状況 in ("受付", "審査中") and 金額 >= "1000" and メモ is empty');
  expect(conditionOf([{ field: "a", operator: "=", value: 'x"y' }, { field: "b", operator: "!=", value: "" }], "any")).toBe(
    'a = "x\\"y" or b != ""',
  );
  expect(conditionOf([])).toBe("");
});

it("reads back the conditions it builds, and declines what it cannot build", () => {
  const rows = [
    { field: "状況", operator: "in" as const, value: ["受付", "審査中"] },
    { field: "金額", operator: ">=" as const, value: "1000" },
    { field: "メモ", operator: "is not empty" as const, value: "" },
    { field: "氏名", operator: "not like" as const, value: 'a "b" \\ c' },
  ];
  expect(rowsOf(conditionOf(rows, "any"))).toEqual({ rows, match: "any" });
  expect(rowsOf(`(${conditionOf(rows)})`)).toEqual({ rows, match: "all" });
  expect(rowsOf("")).toEqual({ rows: [], match: "all" });
  expect(rowsOf('日付 = TODAY()')).toBeNull();
  expect(rowsOf('a = "1" and b = "2" or c = "3"')).toBeNull();
  expect(rowsOf('(a = "1" or b = "2") and c = "3"')).toBeNull();
  expect(rowsOf('a = "1" and')).toBeNull();
  expect(rowsOf('a = "unterminated')).toBeNull();
});

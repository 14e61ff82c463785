import { expect, it } from "vitest";
import type { Properties } from "../../api/types";
import { planCopy } from "./copyApp";

it("copies user fields, renames system fields to the source's codes, skips process fields", () => {
  const source: Properties = {
    受付番号: { type: "RECORD_NUMBER", code: "受付番号", label: "受付番号" },
    作成者: { type: "CREATOR", code: "作成者", label: "作成者" },
    氏名: { type: "SINGLE_LINE_TEXT", code: "氏名", label: "氏名", required: true },
    ステータス: { type: "STATUS", code: "ステータス", label: "ステータス", enabled: false },
  };
  const target: Properties = {
    レコード番号: { type: "RECORD_NUMBER", code: "レコード番号", label: "レコード番号" },
    作成者: { type: "CREATOR", code: "作成者", label: "作成者" },
  };
  expect(planCopy(source, target)).toEqual({
    add: { 氏名: { type: "SINGLE_LINE_TEXT", code: "氏名", label: "氏名", required: true } },
    rename: { レコード番号: { type: "RECORD_NUMBER", code: "受付番号", label: "受付番号", noLabel: undefined } },
  });
});

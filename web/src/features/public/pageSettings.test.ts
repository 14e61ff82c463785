import { describe, expect, it } from "vitest";
import type { Properties } from "../../api/types";
import { choiceValues, defaultSettings, formFieldCandidates, groupFieldCandidates, measureFieldCandidates, receiptPreview, uniqueTextFields } from "./pageSettings";

const properties = {
  receipt: { type: "SINGLE_LINE_TEXT", code: "receipt", label: "受付番号", unique: true },
  name: { type: "SINGLE_LINE_TEXT", code: "name", label: "氏名", required: true },
  total: { type: "CALC", code: "total", label: "合計", expression: "1" },
  owner: { type: "USER_SELECT", code: "owner", label: "担当" },
  state: { type: "DROP_DOWN", code: "state", label: "状態", options: { 受付: { label: "受付", index: "0" }, 完了: { label: "完了", index: "1" } } },
} as unknown as Properties;

describe("public page settings", () => {
  it("offers residents only plain fields and never the receipt field", () => {
    expect(formFieldCandidates(properties, "receipt").map((f) => f.code)).toEqual(["name", "state"]);
  });
  it("starts a form with the required fields", () => {
    expect(defaultSettings("form", properties, "receipt", "申請").fields).toEqual([{ code: "name", help: "" }]);
  });
  it("starts a look-up with the receipt field as the first key", () => {
    expect(defaultSettings("lookup", properties, "receipt", "照会").keys?.[0]?.code).toBe("receipt");
    expect(uniqueTextFields(properties).map((f) => f.code)).toEqual(["receipt"]);
  });
  it("lists choice values in option order", () => {
    expect(choiceValues(properties, ["state"])).toEqual(["受付", "完了"]);
  });
  it("previews receipt numbers as the server issues them", () => {
    const f = { field: "receipt", prefix: "AP", year: "fiscal" as const, separator: "-", digits: 6, checkDigit: false };
    expect(receiptPreview(f, "2027-03-31")).toBe("AP-2026-000001");
    expect(receiptPreview({ ...f, prefix: "", year: "none", digits: 5, checkDigit: true }, "2027-01-01")).toBe("00001-8");
  });
  it("offers dashboards choice fields to group by, text only when allowed, and numbers to sum", () => {
    expect(groupFieldCandidates(properties, false).map((f) => f.code)).toEqual(["state"]);
    expect(groupFieldCandidates(properties, true).map((f) => f.code)).toEqual(["receipt", "name", "state"]);
    expect(measureFieldCandidates(properties).map((f) => f.code)).toEqual(["total"]);
  });
  it("starts a dashboard counting by a choice field with suppression below 5", () => {
    const s = defaultSettings("dashboard", properties, undefined, "受付状況");
    expect(s.aggregate).toEqual({ groups: [{ code: "state" }], aggregations: [{ type: "COUNT" }], filterCond: "" });
    expect([s.chart, s.minCount, s.refreshMinutes, s.allowText]).toEqual(["bar", 5, 60, false]);
  });
});

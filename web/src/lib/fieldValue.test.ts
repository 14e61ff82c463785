import { describe, expect, it } from "vitest";
import type { Properties } from "../api/types";
import { changedFields, initialValues, rebaseValues, toWriteRecord } from "./fieldValue";
import { formatNumber } from "./numberFormat";

const now = new Date(2026, 3, 5, 9, 7); // 2026-04-05 09:07 local

const properties: Properties = {
  title: { type: "SINGLE_LINE_TEXT", code: "title", label: "", defaultValue: "x" },
  kind: { type: "RADIO_BUTTON", code: "kind", label: "", defaultValue: "A" },
  tags: { type: "CHECK_BOX", code: "tags", label: "", defaultValue: ["b"] },
  day: { type: "DATE", code: "day", label: "", defaultNowValue: true },
  at: { type: "TIME", code: "at", label: "", defaultNowValue: false, defaultValue: "" },
  no: { type: "RECORD_NUMBER", code: "no", label: "" },
  who: { type: "USER_SELECT", code: "who", label: "", defaultValue: [{ code: "LOGINUSER()", type: "FUNCTION" }] },
  items: {
    type: "SUBTABLE",
    code: "items",
    label: "",
    fields: { qty: { type: "NUMBER", code: "qty", label: "", defaultValue: "1" } },
  },
};

describe("initialValues", () => {
  it("applies defaults, today's date and one table row, skipping system fields and server functions", () => {
    expect(initialValues(properties, now)).toEqual({
      title: "x",
      kind: "A",
      tags: ["b"],
      day: "2026-04-05",
      at: null,
      who: [],
      items: [{ value: { qty: { type: "NUMBER", value: "1" } } }],
    });
  });
});

describe("toWriteRecord", () => {
  it("sends {value} per input field, table rows with ids, files and users by key only", () => {
    const record = toWriteRecord(
      {
        ...properties,
        f: { type: "FILE", code: "f", label: "" },
      },
      {
        title: "t",
        kind: null,
        no: "9",
        who: [{ code: "sato", name: "Sato" }],
        f: [{ fileKey: "k1", name: "a.txt", size: "3" }],
        items: [{ id: "5", value: { qty: { type: "NUMBER", value: "2" } } }, { value: { qty: { value: "" } } }],
      },
    );
    expect(record).toEqual({
      title: { value: "t" },
      kind: { value: "" },
      who: { value: [{ code: "sato" }] },
      f: { value: [{ fileKey: "k1" }] },
      items: { value: [{ id: "5", value: { qty: { value: "2" } } }, { value: { qty: { value: "" } } }] },
    });
  });
});

describe("rebaseValues", () => {
  it("keeps the user's edits over the latest values and takes the rest from the server", () => {
    const original = { a: "1", b: "1", c: ["x"] };
    const edited = { a: "2", b: "1", c: ["x", "y"] };
    const latest = { a: "9", b: "9", c: ["z"] };
    expect(changedFields(original, edited)).toEqual(new Set(["a", "c"]));
    expect(rebaseValues(latest, original, edited)).toEqual({ a: "2", b: "9", c: ["x", "y"] });
  });
});

describe("formatNumber", () => {
  it("adds separators, scale and units for display only", () => {
    expect(formatNumber("1234567.891", { digit: true, displayScale: "1", unit: "円", unitPosition: "AFTER" })).toBe(
      "1,234,567.9円",
    );
    expect(formatNumber("12", { unit: "$", unitPosition: "BEFORE" })).toBe("$12");
    expect(formatNumber("", { digit: true })).toBe("");
    expect(formatNumber("abc", {})).toBe("abc");
  });
});

import { describe, expect, it } from "vitest";
import { buildQuery, keywordCondition, keywordFields, parseSort, quote } from "./query";

describe("quote", () => {
  it("escapes quotes, backslashes and control characters", () => {
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quote("x\ny\tz")).toBe('"x\\ny\\tz"');
  });
});

describe("keywordCondition", () => {
  it("ors fields per word and ands words, splitting on full-width spaces too", () => {
    expect(keywordCondition("山田\u3000太郎", ["a", "b"])).toBe(
      '(a like "山田" or b like "山田") and (a like "太郎" or b like "太郎")',
    );
  });
  it("is empty for blank keywords or no fields", () => {
    expect(keywordCondition("  ", ["a"])).toBe("");
    expect(keywordCondition("x", [])).toBe("");
  });
});

describe("keywordFields", () => {
  it("picks text fields including table inner ones", () => {
    expect(
      keywordFields({
        t: { type: "SINGLE_LINE_TEXT", code: "t", label: "" },
        n: { type: "NUMBER", code: "n", label: "" },
        tbl: {
          type: "SUBTABLE",
          code: "tbl",
          label: "",
          fields: { memo: { type: "MULTI_LINE_TEXT", code: "memo", label: "" } },
        },
      }),
    ).toEqual(["t", "memo"]);
  });
});

describe("buildQuery", () => {
  it("combines a view condition, a keyword, order, limit and offset in kintone's clause order", () => {
    expect(
      buildQuery({
        condition: 'status in ("open")',
        keyword: "k",
        keywordFields: ["t"],
        orderBy: [{ field: "d", direction: "desc" }],
        limit: 20,
        offset: 40,
      }),
    ).toBe('(status in ("open")) and ((t like "k")) order by d desc limit 20 offset 40');
  });
  it("may be only paging", () => {
    expect(buildQuery({ limit: 500, offset: 0 })).toBe("limit 500 offset 0");
  });
});

describe("parseSort", () => {
  it("reads a view's sort string", () => {
    expect(parseSort("a desc, b")).toEqual([
      { field: "a", direction: "desc" },
      { field: "b", direction: "asc" },
    ]);
    expect(parseSort("")).toEqual([]);
  });
});

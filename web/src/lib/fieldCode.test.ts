import { describe, expect, it } from "vitest";
import { codeFromLabel, fieldCodeProblem } from "./fieldCode";

describe("fieldCodeProblem", () => {
  const taken = new Set(["氏名"]);
  it.each([
    ["", "empty"],
    ["1st", "leadingDigit"],
    ["a-b", "symbol"],
    ["a b", "symbol"],
    ["氏名", "duplicate"],
    ["x".repeat(129), "tooLong"],
  ])("%s → %s", (code, problem) => {
    expect(fieldCodeProblem(code, taken)).toBe(problem);
  });
  it("accepts Japanese, underscores and digits after the first character", () => {
    expect(fieldCodeProblem("申請日_2", taken)).toBeNull();
  });
});

describe("codeFromLabel", () => {
  it("replaces symbols and makes the code unique", () => {
    expect(codeFromLabel("文字列 (1行)", new Set())).toBe("文字列_1行_");
    expect(codeFromLabel("氏名", new Set(["氏名", "氏名_2"]))).toBe("氏名_3");
    expect(codeFromLabel("2024年", new Set())).toBe("_2024年");
    expect(codeFromLabel("!!!", new Set())).toBe("field");
  });
});

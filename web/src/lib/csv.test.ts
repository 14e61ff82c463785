import { describe, expect, it } from "vitest";
import { encodeCsv, parseCsv } from "./csv";

describe("parseCsv", () => {
  it("reads quoted cells with commas, quotes and line breaks, and any line end", () => {
    expect(parseCsv('a,"b,c","d""e"\r\n"x\ny",,z\rlast,1')).toEqual([
      ["a", "b,c", 'd"e'],
      ["x\ny", "", "z"],
      ["last", "1"],
    ]);
  });
  it("ignores a trailing line end and trailing empty lines", () => {
    expect(parseCsv("a,b\n\n\n")).toEqual([["a", "b"]]);
    expect(parseCsv("")).toEqual([]);
  });
});

describe("encodeCsv", () => {
  it("quotes only what needs quoting and round-trips", () => {
    const rows = [["氏名", "メモ"], ["山田, 太郎", '言った"はい"\n次の行'], ["", " 先頭空白"]];
    const text = encodeCsv(rows);
    expect(text.split("\r\n")[0]).toBe("氏名,メモ");
    expect(parseCsv(text)).toEqual(rows);
  });
});

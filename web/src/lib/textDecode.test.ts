import { expect, it } from "vitest";
import { decodeText } from "./textDecode";

it("reads UTF-8 with a BOM and falls back to Shift_JIS", () => {
  const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("氏名,金額")]);
  expect(decodeText(utf8)).toEqual({ text: "氏名,金額", encoding: "utf-8" });
  // "氏名" in Shift_JIS
  const sjis = new Uint8Array([0x8e, 0x81, 0x96, 0xbc]);
  expect(decodeText(sjis)).toEqual({ text: "氏名", encoding: "shift_jis" });
});

// Text of an uploaded CSV: UTF-8 (with or without BOM) or Shift_JIS, as Excel in Japan
// saves it. The browser's TextDecoder reads both.

export type TextEncodingName = "utf-8" | "shift_jis";

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("shift_jis").decode(bytes), encoding: "shift_jis" };
  }
}

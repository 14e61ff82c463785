import { describe, expect, it } from "vitest";
import { groupSecret, isSixDigitCode, normaliseCode, recoveryCodesText } from "./totpText";

describe("groupSecret", () => {
  it("splits a base32 secret into groups of four", () => {
    expect(groupSecret("ZB4NNU65E6PEMTRHKKA4U5TYUEFIH2KF")).toBe("ZB4N NU65 E6PE MTRH KKA4 U5TY UEFI H2KF");
  });
  it("keeps a short last group and drops padding, spaces and case", () => {
    expect(groupSecret("abcd efgh ij==")).toBe("ABCD EFGH IJ");
  });
  it("returns an empty text for an empty secret", () => {
    expect(groupSecret("")).toBe("");
  });
});

describe("six-digit codes", () => {
  it("accepts six digits with spaces or a dash between", () => {
    expect(normaliseCode(" 123 456 ")).toBe("123456");
    expect(isSixDigitCode("123-456")).toBe(true);
  });
  it("refuses letters and the wrong length", () => {
    expect(isSixDigitCode("12345")).toBe(false);
    expect(isSixDigitCode("1234567")).toBe(false);
    expect(isSixDigitCode("12a456")).toBe(false);
  });
});

describe("recoveryCodesText", () => {
  it("puts one code on a line under the heading", () => {
    expect(recoveryCodesText("Tsumiki admin", ["k7m2-p9qx", "abcd-efgh"])).toBe("Tsumiki admin\n\nk7m2-p9qx\nabcd-efgh\n");
  });
});

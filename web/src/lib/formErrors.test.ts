import { describe, expect, it } from "vitest";
import { splitFormErrors } from "./formErrors";

describe("splitFormErrors", () => {
  it("puts messages of known fields by field and keeps the rest", () => {
    const split = splitFormErrors(
      { newPassword: { messages: ["too short"] }, from: { messages: ["bad date"] } },
      ["currentPassword", "newPassword"],
    );
    expect(split).toEqual({ byField: { newPassword: ["too short"] }, other: ["bad date"] });
  });
  it("answers nothing for no errors", () => {
    expect(splitFormErrors(undefined, ["a"])).toEqual({ byField: {}, other: [] });
  });
});

import { describe, expect, it } from "vitest";
import { importProblems, itemErrors, userAccountErrors } from "./directoryErrors";

describe("userAccountErrors", () => {
  it("puts each problem of the one-request save under its form field", () => {
    expect(
      userAccountErrors({
        "user.email": { messages: ["bad address"] },
        "user.newCode": { messages: ["taken"] },
        "memberships.organizations[1].titleCode": { messages: ["too long"] },
        "memberships.primaryOrganization": { messages: ["not a member"] },
        "groups[0]": { messages: ["no such group"] },
        user: { messages: ["required"] },
      }),
    ).toEqual({ email: ["bad address"], newCode: ["taken"], organizations: ["too long", "not a member"], groups: ["no such group"], user: ["required"] });
  });
});

describe("itemErrors", () => {
  it("groups messages by the item's property", () => {
    expect(
      itemErrors({
        "users[0].email": { messages: ["bad address"] },
        "users[0].code": { messages: ["taken", "taken"] },
        "userOrganizations[0].organizations[1].orgCode": { messages: ["unknown"] },
        "userGroups[0].groups[0]": { messages: ["no such group"] },
        codes: { messages: ["required"] },
      }),
    ).toEqual({ email: ["bad address"], code: ["taken"], organizations: ["unknown"], groups: ["no such group"], codes: ["required"] });
  });
  it("is empty without errors", () => {
    expect(itemErrors(undefined)).toEqual({});
  });
});

describe("importProblems", () => {
  it("lists row problems by line and file problems first", () => {
    expect(
      importProblems({
        "rows[12].email": { messages: ["bad address"] },
        "rows[3].code": { messages: ["taken"] },
        "rows[3]": { messages: ["whole row"] },
        csv: { messages: ["unknown column: mail"] },
      }),
    ).toEqual([
      { line: null, column: "", messages: ["unknown column: mail"] },
      { line: 3, column: "", messages: ["whole row"] },
      { line: 3, column: "code", messages: ["taken"] },
      { line: 12, column: "email", messages: ["bad address"] },
    ]);
  });
  it("keeps nested column keys as they are", () => {
    expect(importProblems({ "rows[5].primaryOrganization": { messages: ["x"] } })).toEqual([{ line: 5, column: "primaryOrganization", messages: ["x"] }]);
  });
});

import { describe, expect, it } from "vitest";
import { groupChange, membershipChange, searchUsers } from "./memberships";

describe("membershipChange", () => {
  const current = [
    { orgCode: "somu", titleCode: "kacho" },
    { orgCode: "joho", titleCode: null },
  ];

  it("sends nothing when the list and the primary stay", () => {
    expect(membershipChange(current, "somu", ["joho", "somu"], "somu")).toBeNull();
    expect(membershipChange(current, "somu", ["somu", "joho"], null)).toBeNull();
    expect(membershipChange([], null, [], null)).toBeNull();
  });

  it("keeps the titles of organisations that stay and adds new ones without", () => {
    expect(membershipChange(current, "somu", ["somu", "zaimu"], "somu")).toEqual({
      organizations: [{ orgCode: "somu", titleCode: "kacho" }, { orgCode: "zaimu" }],
      primaryOrganization: "somu",
    });
  });

  it("sends a change of primary alone", () => {
    expect(membershipChange(current, "somu", ["somu", "joho"], "joho")).toEqual({
      organizations: [{ orgCode: "somu", titleCode: "kacho" }, { orgCode: "joho" }],
      primaryOrganization: "joho",
    });
  });

  it("drops a primary that is not selected and empties the list", () => {
    expect(membershipChange(current, "somu", ["joho"], "somu")).toEqual({ organizations: [{ orgCode: "joho" }] });
    expect(membershipChange(current, "somu", [], "somu")).toEqual({ organizations: [] });
  });

  it("changes when the current primary left the list even with the same codes", () => {
    expect(membershipChange(current, null, ["somu", "joho"], null)).toEqual({
      organizations: [{ orgCode: "somu", titleCode: "kacho" }, { orgCode: "joho" }],
    });
  });

  it("sends a changed, new or cleared title and nothing for the same titles", () => {
    expect(membershipChange(current, "somu", ["somu", "joho"], "somu", { somu: "kacho ", joho: "" })).toBeNull();
    expect(membershipChange(current, "somu", ["somu", "joho"], "somu", { joho: "kakaricho" })).toEqual({
      organizations: [{ orgCode: "somu", titleCode: "kacho" }, { orgCode: "joho", titleCode: "kakaricho" }],
      primaryOrganization: "somu",
    });
    expect(membershipChange(current, "somu", ["somu", "joho"], "somu", { somu: "  " })).toEqual({
      organizations: [{ orgCode: "somu" }, { orgCode: "joho" }],
      primaryOrganization: "somu",
    });
    expect(membershipChange(current, "somu", ["somu", "zaimu"], "somu", { zaimu: "bucho" })).toEqual({
      organizations: [{ orgCode: "somu", titleCode: "kacho" }, { orgCode: "zaimu", titleCode: "bucho" }],
      primaryOrganization: "somu",
    });
  });

  it("ignores a code picked twice", () => {
    expect(membershipChange([], null, ["a", "a"], "a")).toEqual({ organizations: [{ orgCode: "a" }], primaryOrganization: "a" });
  });
});

describe("groupChange", () => {
  it("is null for the same set in any order", () => {
    expect(groupChange(["a", "b"], ["b", "a"])).toBeNull();
    expect(groupChange([], [])).toBeNull();
  });
  it("is the new list otherwise", () => {
    expect(groupChange(["a"], ["a", "b"])).toEqual(["a", "b"]);
    expect(groupChange(["a", "b"], [])).toEqual([]);
  });
});

describe("searchUsers", () => {
  const users = [
    { code: "sato", name: "佐藤 花子", email: "sato@city.example.lg.jp", org: "情報政策課" },
    { code: "suzuki", name: "鈴木 一郎", email: "", org: "財政課" },
  ];
  const org = (u: (typeof users)[number]) => u.org;
  it("matches every word in code, name, e-mail or organisation", () => {
    expect(searchUsers(users, "佐藤", org).map((u) => u.code)).toEqual(["sato"]);
    expect(searchUsers(users, "財政 鈴木", org).map((u) => u.code)).toEqual(["suzuki"]);
    expect(searchUsers(users, "city.example", org).map((u) => u.code)).toEqual(["sato"]);
    expect(searchUsers(users, "佐藤 財政", org)).toEqual([]);
  });
  it("ignores case and full-width letters", () => {
    expect(searchUsers(users, "ＳＡＴＯ").map((u) => u.code)).toEqual(["sato"]);
  });
  it("returns everyone for an empty query", () => {
    expect(searchUsers(users, "  ")).toHaveLength(2);
  });
});

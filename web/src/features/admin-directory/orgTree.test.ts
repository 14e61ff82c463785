import { describe, expect, it } from "vitest";
import { buildOrgTree, orgPath, selfAndDescendants, type OrgLike, type OrgTreeNode } from "./orgTree";

const org = (code: string, parentCode: string | null = null): OrgLike => ({ code, name: code.toUpperCase(), parentCode });
const shape = (nodes: OrgTreeNode[]): unknown => nodes.map((n) => (n.children.length ? { [n.org.code]: shape(n.children) } : n.org.code));

describe("buildOrgTree", () => {
  it("nests children under their parents in list order", () => {
    const tree = buildOrgTree([org("honcho"), org("somu", "honcho"), org("joho", "somu"), org("zaimu", "honcho"), org("gikai")]);
    expect(shape(tree)).toEqual([{ honcho: [{ somu: ["joho"] }, "zaimu"] }, "gikai"]);
  });

  it("accepts a child listed before its parent", () => {
    expect(shape(buildOrgTree([org("joho", "somu"), org("somu")]))).toEqual([{ somu: ["joho"] }]);
  });

  it("makes an organisation with an unknown parent a root", () => {
    expect(shape(buildOrgTree([org("a", "gone"), org("b")]))).toEqual(["a", "b"]);
  });

  it("cuts a loop once instead of recursing forever", () => {
    expect(shape(buildOrgTree([org("a", "c"), org("b", "a"), org("c", "b")]))).toEqual([{ a: [{ b: ["c"] }] }]);
    expect(shape(buildOrgTree([org("self", "self")]))).toEqual(["self"]);
  });

  it("is empty for no organisations", () => {
    expect(buildOrgTree([])).toEqual([]);
  });
});

describe("selfAndDescendants", () => {
  const orgs = [org("honcho"), org("somu", "honcho"), org("joho", "somu"), org("zaimu", "honcho"), org("gikai")];
  it("holds the organisation and everything below it", () => {
    expect([...selfAndDescendants(orgs, "somu")].sort()).toEqual(["joho", "somu"]);
    expect([...selfAndDescendants(orgs, "honcho")].sort()).toEqual(["honcho", "joho", "somu", "zaimu"]);
    expect([...selfAndDescendants(orgs, "gikai")]).toEqual(["gikai"]);
  });
});

describe("orgPath", () => {
  it("names the way from the root", () => {
    const orgs = [org("honcho"), org("somu", "honcho"), org("joho", "somu")];
    expect(orgPath(orgs, "joho")).toBe("HONCHO / SOMU / JOHO");
    expect(orgPath(orgs, "honcho")).toBe("HONCHO");
    expect(orgPath(orgs, "missing")).toBe("");
  });
  it("stops on a loop", () => {
    expect(orgPath([org("a", "b"), org("b", "a")], "a")).toBe("B / A");
  });
});

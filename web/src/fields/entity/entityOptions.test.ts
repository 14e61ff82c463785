import { describe, expect, it } from "vitest";
import { entityOptions, pickedRefs } from "./entityOptions";

const directory = {
  users: [{ code: "sato", name: "佐藤 花子" }, { code: "suzuki", name: "鈴木 一郎" }],
  organizations: [{ code: "soumu", name: "総務課" }],
  groups: [{ code: "leaders", name: "課長" }],
};

describe("entityOptions", () => {
  it("offers the field's own list, labelled by name and code", () => {
    expect(entityOptions("USER_SELECT", undefined, directory, [])).toEqual([
      { value: "sato", label: "佐藤 花子 (sato)" },
      { value: "suzuki", label: "鈴木 一郎 (suzuki)" },
    ]);
    expect(entityOptions("ORGANIZATION_SELECT", [], directory, []).map((o) => o.value)).toEqual(["soumu"]);
    expect(entityOptions("GROUP_SELECT", [], directory, []).map((o) => o.value)).toEqual(["leaders"]);
  });

  it("narrows to candidates of its own kind, but not to organisations it cannot expand", () => {
    expect(entityOptions("USER_SELECT", [{ type: "USER", code: "suzuki" }], directory, []).map((o) => o.value)).toEqual(["suzuki"]);
    expect(entityOptions("USER_SELECT", [{ type: "ORGANIZATION", code: "soumu" }], directory, []).map((o) => o.value)).toEqual(["sato", "suzuki"]);
  });

  it("keeps values no longer in the directory, so they show and can be removed", () => {
    expect(entityOptions("USER_SELECT", undefined, directory, [{ code: "left", name: "退職 者" }])[0]).toEqual({ value: "left", label: "退職 者 (left)" });
    expect(entityOptions("USER_SELECT", undefined, undefined, [{ code: "sato" }])).toEqual([{ value: "sato", label: "sato" }]);
  });
});

describe("pickedRefs", () => {
  it("names picked codes from the directory or the old value", () => {
    expect(pickedRefs(["suzuki", "left"], directory, "USER_SELECT", [{ code: "left", name: "退職 者" }])).toEqual([
      { code: "suzuki", name: "鈴木 一郎" },
      { code: "left", name: "退職 者" },
    ]);
    expect(pickedRefs(["x"], undefined, "USER_SELECT", [])).toEqual([{ code: "x" }]);
  });
});

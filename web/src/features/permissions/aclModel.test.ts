import { describe, expect, it } from "vitest";
import { entityKey, entityOfKey, entryErrors, isEveryone, move, parseIds } from "./aclModel";

describe("entity keys", () => {
  it("round-trips users, organisations and the creator", () => {
    for (const e of [{ type: "USER", code: "sato:x" }, { type: "ORGANIZATION", code: "市民課" }, { type: "CREATOR", code: null }] as const) {
      expect(entityOfKey(entityKey(e))).toEqual(e);
    }
  });
  it("knows the everyone group", () => {
    expect(isEveryone({ type: "GROUP", code: "everyone" })).toBe(true);
    expect(isEveryone({ type: "USER", code: "everyone" })).toBe(false);
  });
});

describe("move", () => {
  it("moves an item and clamps to the list", () => {
    expect(move(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(move(["a", "b", "c"], 0, 9)).toEqual(["b", "c", "a"]);
    expect(move(["a", "b"], 5, 0)).toEqual(["a", "b"]);
  });
});

describe("entryErrors", () => {
  it("groups kintone error keys by entry and entity", () => {
    const r = entryErrors({
      "rights[1].entity.code": { messages: ["no such user"] },
      "rights[2].entities[0].entity.code": { messages: ["no such group", "no such group"] },
      "rights[2].filterCond": { messages: ["bad query"] },
      app: { messages: ["app?"] },
    });
    expect(r.byEntry).toEqual({ "1": ["no such user"], "2.0": ["no such group"], "2": ["bad query"] });
    expect(r.other).toEqual(["app?"]);
  });
  it("is empty without errors", () => {
    expect(entryErrors(undefined)).toEqual({ byEntry: {}, other: [] });
  });
});

describe("parseIds", () => {
  it("reads ids separated by commas or spaces, once each", () => {
    expect(parseIds("1, 2 3、2")).toEqual(["1", "2", "3"]);
    expect(parseIds("")).toEqual([]);
    expect(parseIds("1, x")).toBeNull();
    expect(parseIds("0")).toBeNull();
  });
});

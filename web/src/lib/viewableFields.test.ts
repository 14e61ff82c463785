import { expect, it } from "vitest";
import type { Properties } from "../api/types";
import { viewableProperties } from "./viewableFields";

it("keeps fields the record carries and groups, drops hidden ones", () => {
  const properties = {
    氏名: { type: "SINGLE_LINE_TEXT", code: "氏名", label: "氏名" },
    秘密: { type: "MULTI_LINE_TEXT", code: "秘密", label: "秘密" },
    枠: { type: "GROUP", code: "枠", label: "枠" },
  } as unknown as Properties;
  expect(Object.keys(viewableProperties(properties, { 氏名: { value: "a" } }))).toEqual(["氏名", "枠"]);
});

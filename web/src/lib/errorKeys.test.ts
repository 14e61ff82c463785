import { describe, expect, it } from "vitest";
import { groupErrors, parseErrorKey } from "./errorKeys";

describe("parseErrorKey", () => {
  it.each([
    ["record.title.value", { field: "title" }],
    ["record.tags.values", { field: "tags" }],
    ["record.tags.values[1].value", { field: "tags" }],
    ["record.users.values.value", { field: "users" }],
    ["record[amount].value", { field: "amount" }],
    ["record.items.value[2].value.qty.value", { field: "items", row: 2, inner: "qty" }],
    ["records[1].title.value", { field: "title", record: 1 }],
    ["records[3].record.title.value", { field: "title", record: 3 }],
    ["properties[calc1].format", { field: "calc1", property: "format" }],
    ["properties[x].lookup.relatedKeyField", { field: "x", property: "lookup.relatedKeyField" }],
    ["record.氏名.value", { field: "氏名" }],
  ])("%s", (key, expected) => {
    expect(parseErrorKey(key)).toEqual(expected);
  });

  it("returns null for parameter keys", () => {
    expect(parseErrorKey("app")).toBeNull();
    expect(parseErrorKey("query")).toBeNull();
  });
});

describe("groupErrors", () => {
  it("merges the two keys of a non-numeric NUMBER and keeps parameter messages apart", () => {
    const grouped = groupErrors({
      "record.amount.value": { messages: ["必須です。"] },
      "record[amount].value": { messages: ["数字でなければなりません。"] },
      "record.items.value[0].value.qty.value": { messages: ["必須です。"] },
      query: { messages: ["クエリ記法が間違っています。"] },
    });
    expect(grouped.byField.amount).toEqual(["必須です。", "数字でなければなりません。"]);
    expect(grouped.byCell["items/0/qty"]).toEqual(["必須です。"]);
    expect(grouped.other).toEqual(["クエリ記法が間違っています。"]);
  });
});

import { describe, expect, it } from "vitest";
import type { FieldProperty, LayoutRow, Properties } from "../../api/types";
import { newFieldProperty } from "../../fields/fieldTypes";
import {
  addItem,
  findItem,
  formFromServer,
  moveItem,
  removeItem,
  stepRow,
  takenCodes,
  uidGenerator,
  updateField,
  type DesignForm,
  type FieldItem,
} from "./designerModel";
import { addsFirst, layoutOf, saveRequests } from "./designerSave";

const properties: Properties = {
  title: { type: "SINGLE_LINE_TEXT", code: "title", label: "Title" },
  amount: { type: "NUMBER", code: "amount", label: "Amount" },
  memo: { type: "MULTI_LINE_TEXT", code: "memo", label: "Memo" },
  no: { type: "RECORD_NUMBER", code: "no", label: "No" },
  items: {
    type: "SUBTABLE",
    code: "items",
    label: "Items",
    fields: { qty: { type: "NUMBER", code: "qty", label: "Qty" }, name: { type: "SINGLE_LINE_TEXT", code: "name", label: "Name" } },
  },
};
const layout: LayoutRow[] = [
  { type: "ROW", fields: [{ type: "SINGLE_LINE_TEXT", code: "title" }, { type: "NUMBER", code: "amount" }] },
  { type: "SUBTABLE", code: "items", fields: [{ type: "NUMBER", code: "qty" }] },
];

function load(): { form: DesignForm; uid: () => string } {
  const uid = uidGenerator();
  return { form: formFromServer(properties, layout, uid), uid };
}

function codesOf(form: DesignForm) {
  return form.rows.map((r) =>
    r.kind === "row"
      ? r.items.map((i) => (i.kind === "field" ? i.property.code : i.kind))
      : r.kind === "subtable"
        ? [`[${r.table.property.code}]`, ...r.items.map((i) => i.property.code)]
        : [r.group.property.code],
  );
}

function uidOf(form: DesignForm, code: string): string {
  for (const r of form.rows) {
    const items = r.kind === "row" ? r.items : r.kind === "subtable" ? [r.table, ...r.items] : [r.group];
    for (const i of items) if (i.kind === "field" && i.property.code === code) return i.uid;
  }
  throw new Error(code);
}

describe("formFromServer", () => {
  it("places layout rows, appends unplaced fields and table columns, and hides system fields", () => {
    const { form } = load();
    expect(codesOf(form)).toEqual([["title", "amount"], ["[items]", "qty", "name"], ["memo"]]);
    expect(form.hidden.map((p) => p.code)).toEqual(["no"]);
    expect(takenCodes(form).has("qty")).toBe(true);
  });
});

describe("editing", () => {
  it("adds a field beside another, in a new row, and into a table only if it may go there", () => {
    const { form, uid } = load();
    const date: FieldItem = { uid: uid(), kind: "field", property: newFieldProperty("DATE", "day", "Day") };
    let next = addItem(form, date, { kind: "before", uid: uidOf(form, "amount") }, uid);
    expect(codesOf(next)[0]).toEqual(["title", "day", "amount"]);
    const file: FieldItem = { uid: uid(), kind: "field", property: newFieldProperty("FILE", "f", "F") };
    next = addItem(next, file, { kind: "newRow", index: 0 }, uid);
    expect(codesOf(next)[0]).toEqual(["f"]);
    const table: FieldItem = { uid: uid(), kind: "field", property: newFieldProperty("SUBTABLE", "t2", "T2") };
    const tableRow = next.rows.find((r) => r.kind === "subtable")!;
    expect(addItem(next, table, { kind: "rowEnd", rowUid: tableRow.uid }, uid).rows).toHaveLength(next.rows.length + 1);
  });

  it("moves a field out of its row, removing the emptied row, and into a table", () => {
    const { form, uid } = load();
    let next = moveItem(form, uidOf(form, "memo"), { kind: "before", uid: uidOf(form, "title") }, uid);
    expect(codesOf(next)).toEqual([["memo", "title", "amount"], ["[items]", "qty", "name"]]);
    const tableRow = next.rows[1]!;
    next = moveItem(next, uidOf(next, "amount"), { kind: "rowEnd", rowUid: tableRow.uid }, uid);
    expect(codesOf(next)).toEqual([["memo", "title"], ["[items]", "qty", "name", "amount"]]);
    next = moveItem(next, uidOf(next, "title"), { kind: "newRow", index: 2 }, uid);
    expect(codesOf(next)).toEqual([["memo"], ["[items]", "qty", "name", "amount"], ["title"]]);
  });

  it("moves a table as a whole row", () => {
    const { form, uid } = load();
    const next = moveItem(form, uidOf(form, "items"), { kind: "newRow", index: 0 }, uid);
    expect(codesOf(next)[0]).toEqual(["[items]", "qty", "name"]);
  });
});

describe("saveRequests", () => {
  it("is empty apart from the layout when nothing changed", () => {
    const { form } = load();
    const requests = saveRequests(properties, form);
    expect(requests).toMatchObject({ remove: [], update: {}, add: {} });
    expect(requests.layout[2]).toEqual({ type: "ROW", fields: [{ type: "MULTI_LINE_TEXT", code: "memo" }] });
  });

  it("deletes removed fields, renames by saved code, adds new fields, and puts new columns into their existing table", () => {
    const { form, uid } = load();
    let next = removeItem(form, uidOf(form, "memo"));
    next = removeItem(next, uidOf(next, "name"));
    next = updateField(next, uidOf(next, "title"), { code: "件名", label: "件名" });
    const day: FieldItem = { uid: uid(), kind: "field", property: newFieldProperty("DATE", "day", "Day") };
    next = addItem(next, day, { kind: "newRow", index: 9 }, uid);
    const price: FieldItem = { uid: uid(), kind: "field", property: newFieldProperty("NUMBER", "price", "Price") };
    next = addItem(next, price, { kind: "before", uid: uidOf(next, "qty") }, uid);
    const requests = saveRequests(properties, next);
    expect(requests.remove.sort()).toEqual(["memo", "name"]);
    expect(Object.keys(requests.update)).toEqual(["items", "title"]);
    expect(requests.update.title).toEqual({ type: "SINGLE_LINE_TEXT", code: "件名", label: "件名" });
    expect(Object.keys(requests.update.items!.fields!)).toEqual(["price"]);
    expect(Object.keys(requests.add)).toEqual(["day"]);
    expect(layoutOf(next)[1]).toEqual({
      type: "SUBTABLE",
      code: "items",
      fields: [{ type: "NUMBER", code: "price" }, { type: "NUMBER", code: "qty" }],
    });
    expect(findItem(next, uidOf(next, "day"))?.rowIndex).toBe(2);
  });
});

describe("addsFirst", () => {
  const lookup = (field: string) =>
    ({
      type: "SINGLE_LINE_TEXT",
      code: "customer",
      label: "Customer",
      lookup: { relatedApp: { app: "2" }, relatedKeyField: "code", fieldMappings: [{ field, relatedField: "name" }] },
    }) as unknown as FieldProperty;
  const text = (code: string) => ({ type: "SINGLE_LINE_TEXT", code, label: code }) as FieldProperty;

  it("sends the adds first when an updated lookup copies into a field added in the same save", () => {
    expect(addsFirst({ remove: [], update: { customer: lookup("customerName") }, add: { customerName: text("customerName") }, layout: [] })).toBe(true);
  });
  it("sends the adds first for a related-records condition or a lookup inside a table naming a new field", () => {
    const related = { type: "REFERENCE_TABLE", code: "orders", label: "Orders", referenceTable: { relatedApp: { app: "3" }, condition: { field: "no", relatedField: "customerNo" }, displayFields: [] } } as unknown as FieldProperty;
    expect(addsFirst({ remove: [], update: { orders: related }, add: { no: text("no") }, layout: [] })).toBe(true);
    const table = { type: "SUBTABLE", code: "items", fields: { customer: lookup("itemName") } } as unknown as FieldProperty;
    expect(addsFirst({ remove: [], update: { items: table }, add: { itemName: text("itemName") }, layout: [] })).toBe(true);
  });
  it("otherwise keeps updates first, so a code freed by a rename can be taken by a new field", () => {
    expect(addsFirst({ remove: [], update: { title: { ...text("件名") } }, add: { title: text("title") }, layout: [] })).toBe(false);
    expect(addsFirst({ remove: [], update: { customer: lookup("existing") }, add: { other: text("other") }, layout: [] })).toBe(false);
  });
});

describe("field groups", () => {
  const groupProps: Properties = {
    ...properties,
    box: { type: "GROUP", code: "box", label: "Box", openGroup: true },
    note: { type: "SINGLE_LINE_TEXT", code: "note", label: "Note" },
  };
  const groupLayout: LayoutRow[] = [
    { type: "ROW", fields: [{ type: "SINGLE_LINE_TEXT", code: "title" }] },
    { type: "GROUP", code: "box", layout: [{ type: "ROW", fields: [{ type: "NUMBER", code: "amount" }, { type: "SINGLE_LINE_TEXT", code: "note" }] }, { type: "ROW", fields: [{ type: "MULTI_LINE_TEXT", code: "memo" }] }] },
    { type: "SUBTABLE", code: "items", fields: [{ type: "NUMBER", code: "qty" }, { type: "SINGLE_LINE_TEXT", code: "name" }] },
  ];
  const loadGroup = () => {
    const uid = uidGenerator();
    return { form: formFromServer(groupProps, groupLayout, uid), uid };
  };
  const rowUidOf = (form: DesignForm, code: string) => form.rows[findItem(form, uidOf(form, code))!.rowIndex]!.uid;

  it("loads a group's rows as member rows and writes the same layout back", () => {
    const { form } = loadGroup();
    expect(codesOf(form)).toEqual([["title"], ["box"], ["amount", "note"], ["memo"], ["[items]", "qty", "name"]]);
    expect(layoutOf(form)).toEqual(groupLayout);
    expect(saveRequests(groupProps, form)).toMatchObject({ remove: [], update: {}, add: {} });
  });

  it("takes a field into a group through a gap inside it and out through one outside", () => {
    const { form, uid } = loadGroup();
    const group = rowUidOf(form, "box");
    const inside = moveItem(form, uidOf(form, "title"), { kind: "newRow", index: 4, group }, uid);
    expect(codesOf(inside)).toEqual([["box"], ["amount", "note"], ["memo"], ["title"], ["[items]", "qty", "name"]]);
    expect((layoutOf(inside)[0] as { layout: unknown[] }).layout).toHaveLength(3);
    const outside = moveItem(inside, uidOf(inside, "memo"), { kind: "newRow", index: 0 }, uid);
    expect(codesOf(outside)).toEqual([["memo"], ["box"], ["amount", "note"], ["title"], ["[items]", "qty", "name"]]);
    expect(layoutOf(outside)[0]).toEqual({ type: "ROW", fields: [{ type: "MULTI_LINE_TEXT", code: "memo" }] });
  });

  it("keyboard steps move a row into a group at its edge and out again", () => {
    const { form } = loadGroup();
    const title = rowUidOf(form, "title");
    const inGroup = stepRow(form, title, "down");
    expect(codesOf(inGroup)).toEqual([["box"], ["title"], ["amount", "note"], ["memo"], ["[items]", "qty", "name"]]);
    expect(layoutOf(inGroup)).toHaveLength(2);
    const out = stepRow(inGroup, title, "up");
    expect(layoutOf(out)).toEqual(groupLayout);
    // A whole group steps over the table after it, its rows with it.
    const moved = stepRow(form, rowUidOf(form, "box"), "down");
    expect(codesOf(moved)).toEqual([["title"], ["[items]", "qty", "name"], ["box"], ["amount", "note"], ["memo"]]);
  });

  it("a table dropped among a group's rows lands after the group; removing a group keeps its fields", () => {
    const { form, uid } = loadGroup();
    const group = rowUidOf(form, "box");
    const table: FieldItem = { uid: uid(), kind: "field", property: newFieldProperty("SUBTABLE", "t2", "T2") };
    const added = addItem(form, table, { kind: "newRow", index: 3, group }, uid);
    expect(codesOf(added)).toEqual([["title"], ["box"], ["amount", "note"], ["memo"], ["[t2]"], ["[items]", "qty", "name"]]);
    const removed = removeItem(form, uidOf(form, "box"));
    expect(codesOf(removed)).toEqual([["title"], ["amount", "note"], ["memo"], ["[items]", "qty", "name"]]);
    expect(saveRequests(groupProps, removed).remove).toEqual(["box"]);
  });
});

// The form designer's model: rows of items built from fields.json + layout.json, the
// edits a user makes (add, move, remove, change), and the requests that save it.
// Pure; React only renders it.
import type { FieldProperty, FieldType, LayoutElement, LayoutRow, LayoutSize, Properties } from "../../api/types";
import { fieldTypeInfo, isSystemType } from "../../fields/fieldTypes";
import { optionProblem, optionsFrom } from "../../fields/options";

export interface FieldItem {
  uid: string;
  kind: "field";
  property: FieldProperty;
  /** Code on the server; undefined for a field not saved yet. */
  originalCode?: string;
  size?: LayoutSize;
  /** Options as typed, kept apart while they are invalid (duplicates would collapse in `options`). */
  optionLabels?: string[];
}

export type DesignItem =
  | FieldItem
  | { uid: string; kind: "label"; label: string; size?: LayoutSize }
  | { uid: string; kind: "spacer"; elementId: string; size?: LayoutSize }
  | { uid: string; kind: "hr"; size?: LayoutSize };

export type DesignRow =
  | { uid: string; kind: "row"; items: DesignItem[] }
  | { uid: string; kind: "subtable"; table: FieldItem; items: FieldItem[] }
  /** Field groups are kept as they are until the designer edits them. */
  | { uid: string; kind: "group"; group: FieldItem; layout: LayoutRow[] };

export interface DesignForm {
  rows: DesignRow[];
  /** Fields in fields.json without a place in the layout (system fields): kept untouched. */
  hidden: FieldProperty[];
}

export type DropTarget =
  | { kind: "before"; uid: string }
  | { kind: "rowEnd"; rowUid: string }
  | { kind: "newRow"; index: number };

export type NewUid = () => string;

export function uidGenerator(prefix = "u"): NewUid {
  let n = 0;
  return () => `${prefix}${++n}`;
}

function fieldItem(property: FieldProperty, uid: NewUid, size?: LayoutSize): FieldItem {
  return { uid: uid(), kind: "field", property, originalCode: property.code, size };
}

function elementItem(element: LayoutElement, properties: Properties, placed: Set<string>, uid: NewUid): DesignItem | null {
  if (element.type === "LABEL") return { uid: uid(), kind: "label", label: element.label ?? "", size: element.size };
  if (element.type === "SPACER") {
    return { uid: uid(), kind: "spacer", elementId: element.elementId ?? "", size: element.size };
  }
  if (element.type === "HR") return { uid: uid(), kind: "hr", size: element.size };
  const property = element.code ? properties[element.code] : undefined;
  if (!property) return null;
  placed.add(property.code);
  return fieldItem(property, uid, element.size);
}

function collectCodes(rows: LayoutRow[], into: Set<string>) {
  for (const row of rows) {
    if (row.type === "GROUP") collectCodes(row.layout, into);
    else for (const e of row.fields) if (e.code) into.add(e.code);
  }
}

/** Builds the model from the server's preview form. */
export function formFromServer(properties: Properties, layout: LayoutRow[], uid: NewUid): DesignForm {
  const placed = new Set<string>();
  const rows: DesignRow[] = [];
  for (const row of layout) {
    if (row.type === "ROW") {
      const items = row.fields.flatMap((e) => elementItem(e, properties, placed, uid) ?? []);
      if (items.length > 0) rows.push({ uid: uid(), kind: "row", items });
    } else if (row.type === "SUBTABLE") {
      const table = properties[row.code];
      if (!table) continue;
      placed.add(table.code);
      const inner = table.fields ?? {};
      const seen = new Set<string>();
      const items: FieldItem[] = [];
      for (const e of row.fields) {
        const p = e.code ? inner[e.code] : undefined;
        if (p) {
          seen.add(p.code);
          items.push(fieldItem(p, uid, e.size));
        }
      }
      for (const p of Object.values(inner)) if (!seen.has(p.code)) items.push(fieldItem(p, uid));
      rows.push({ uid: uid(), kind: "subtable", table: fieldItem(table, uid), items });
    } else if (row.type === "GROUP") {
      const group = properties[row.code];
      if (!group) continue;
      placed.add(group.code);
      collectCodes(row.layout, placed);
      rows.push({ uid: uid(), kind: "group", group: fieldItem(group, uid), layout: row.layout });
    }
  }
  const hidden: FieldProperty[] = [];
  for (const property of Object.values(properties)) {
    if (placed.has(property.code)) continue;
    if (isSystemType(property.type)) {
      hidden.push(property);
    } else if (property.type === "SUBTABLE") {
      const items = Object.values(property.fields ?? {}).map((p) => fieldItem(p, uid));
      rows.push({ uid: uid(), kind: "subtable", table: fieldItem(property, uid), items });
    } else {
      rows.push({ uid: uid(), kind: "row", items: [fieldItem(property, uid)] });
    }
  }
  return { rows, hidden };
}

export interface Location {
  rowIndex: number;
  /** -1 for the table field of a subtable row itself. */
  itemIndex: number;
  item: DesignItem;
  inTable: boolean;
}

export function findItem(form: DesignForm, uid: string): Location | null {
  for (const [rowIndex, row] of form.rows.entries()) {
    if (row.kind === "subtable") {
      if (row.table.uid === uid) return { rowIndex, itemIndex: -1, item: row.table, inTable: false };
      const i = row.items.findIndex((x) => x.uid === uid);
      if (i >= 0) return { rowIndex, itemIndex: i, item: row.items[i]!, inTable: true };
    } else if (row.kind === "group") {
      if (row.group.uid === uid) return { rowIndex, itemIndex: -1, item: row.group, inTable: false };
    } else {
      const i = row.items.findIndex((x) => x.uid === uid);
      if (i >= 0) return { rowIndex, itemIndex: i, item: row.items[i]!, inTable: false };
    }
  }
  return null;
}

/** Every field item, tables' columns included. */
export function allFields(form: DesignForm): FieldItem[] {
  const fields: FieldItem[] = [];
  for (const row of form.rows) {
    if (row.kind === "row") for (const item of row.items) if (item.kind === "field") fields.push(item);
    if (row.kind === "subtable") fields.push(row.table, ...row.items);
    if (row.kind === "group") fields.push(row.group);
  }
  return fields;
}

/** Codes in use, optionally ignoring one item (the one being edited). */
export function takenCodes(form: DesignForm, exceptUid?: string): Set<string> {
  const codes = new Set<string>(form.hidden.map((p) => p.code));
  for (const item of allFields(form)) if (item.uid !== exceptUid) codes.add(item.property.code);
  for (const row of form.rows) if (row.kind === "group") collectCodes(row.layout, codes);
  return codes;
}

function canGoInTable(item: DesignItem): item is FieldItem {
  return item.kind === "field" && fieldTypeInfo(item.property.type).inTable;
}

function withoutItem(form: DesignForm, uid: string): DesignForm {
  const rows: DesignRow[] = [];
  for (const row of form.rows) {
    if (row.kind === "row") {
      const items = row.items.filter((x) => x.uid !== uid);
      if (items.length > 0) rows.push(items.length === row.items.length ? row : { ...row, items });
    } else if (row.kind === "subtable") {
      if (row.table.uid === uid) continue;
      const items = row.items.filter((x) => x.uid !== uid);
      rows.push(items.length === row.items.length ? row : { ...row, items });
    } else if (row.group.uid !== uid) {
      rows.push(row);
    }
  }
  return { ...form, rows };
}

/** Places an item (not yet in the form) at a drop target; unchanged if it cannot go there. */
function place(form: DesignForm, item: DesignItem, target: DropTarget, uid: NewUid): DesignForm {
  const rows = [...form.rows];
  const isTable = item.kind === "field" && item.property.type === "SUBTABLE";
  const newRowAt = (index: number): DesignForm => {
    const row: DesignRow = isTable
      ? { uid: uid(), kind: "subtable", table: item as FieldItem, items: [] }
      : { uid: uid(), kind: "row", items: [item] };
    rows.splice(Math.max(0, Math.min(index, rows.length)), 0, row);
    return { ...form, rows };
  };
  if (target.kind === "newRow") return newRowAt(target.index);
  if (target.kind === "rowEnd") {
    const index = rows.findIndex((r) => r.uid === target.rowUid);
    const row = rows[index];
    if (!row) return form;
    if (isTable || row.kind === "group") return newRowAt(index + 1);
    if (row.kind === "subtable") {
      if (!canGoInTable(item)) return form;
      rows[index] = { ...row, items: [...row.items, item] };
    } else {
      rows[index] = { ...row, items: [...row.items, item] };
    }
    return { ...form, rows };
  }
  const location = findItem(form, target.uid);
  if (!location) return form;
  const row = rows[location.rowIndex]!;
  if (isTable || location.itemIndex < 0) return newRowAt(location.rowIndex + (location.itemIndex < 0 ? 0 : 1));
  if (row.kind === "subtable") {
    if (!canGoInTable(item)) return form;
    const items = [...row.items];
    items.splice(location.itemIndex, 0, item);
    rows[location.rowIndex] = { ...row, items };
  } else if (row.kind === "row") {
    const items = [...row.items];
    items.splice(location.itemIndex, 0, item);
    rows[location.rowIndex] = { ...row, items };
  }
  return { ...form, rows };
}

export function addItem(form: DesignForm, item: DesignItem, target: DropTarget, uid: NewUid): DesignForm {
  return place(form, item, target, uid);
}

export function moveItem(form: DesignForm, itemUid: string, target: DropTarget, uid: NewUid): DesignForm {
  if (target.kind === "before" && target.uid === itemUid) return form;
  const location = findItem(form, itemUid);
  if (!location) return form;
  const item = location.item;
  if (location.itemIndex < 0) {
    // A table or group moves as its whole row.
    const row = form.rows[location.rowIndex]!;
    const rest = form.rows.filter((r) => r.uid !== row.uid);
    let index: number;
    if (target.kind === "newRow") index = target.index > location.rowIndex ? target.index - 1 : target.index;
    else if (target.kind === "rowEnd") index = rest.findIndex((r) => r.uid === target.rowUid) + 1;
    else {
      const to = findItem({ ...form, rows: rest }, target.uid);
      index = to ? to.rowIndex : rest.length;
    }
    rest.splice(Math.max(0, index), 0, row);
    return { ...form, rows: rest };
  }
  if (target.kind !== "newRow") {
    const targetRow =
      target.kind === "rowEnd"
        ? form.rows.find((r) => r.uid === target.rowUid)
        : form.rows[findItem(form, target.uid)?.rowIndex ?? -1];
    if (targetRow?.kind === "subtable" && !canGoInTable(item)) return form;
  }
  // Keep the target row index stable when removing empties the source row.
  let adjusted = target;
  if (target.kind === "newRow") {
    const sourceRow = form.rows[location.rowIndex]!;
    const emptiesRow = sourceRow.kind === "row" && sourceRow.items.length === 1;
    if (emptiesRow && location.rowIndex < target.index) adjusted = { kind: "newRow", index: target.index - 1 };
  }
  const removed = withoutItem(form, itemUid);
  const placed = place(removed, item, adjusted, uid);
  return placed === removed ? form : placed;
}

export function moveRow(form: DesignForm, rowUid: string, toIndex: number): DesignForm {
  const from = form.rows.findIndex((r) => r.uid === rowUid);
  if (from < 0) return form;
  const rows = [...form.rows];
  const [row] = rows.splice(from, 1);
  rows.splice(Math.max(0, Math.min(toIndex, rows.length)), 0, row!);
  return { ...form, rows };
}

export function removeItem(form: DesignForm, itemUid: string): DesignForm {
  return withoutItem(form, itemUid);
}

export function updateField(form: DesignForm, itemUid: string, patch: Partial<FieldProperty>): DesignForm {
  const update = (item: FieldItem): FieldItem =>
    item.uid === itemUid ? { ...item, property: { ...item.property, ...patch } } : item;
  const rows = form.rows.map((row): DesignRow => {
    if (row.kind === "row") {
      return { ...row, items: row.items.map((x) => (x.kind === "field" ? update(x) : x)) };
    }
    if (row.kind === "subtable") return { ...row, table: update(row.table), items: row.items.map(update) };
    return { ...row, group: update(row.group) };
  });
  return { ...form, rows };
}

/** Sets a choice field's options; `options` and defaults follow once the labels are valid. */
export function setOptionLabels(form: DesignForm, itemUid: string, labels: string[]): DesignForm {
  const location = findItem(form, itemUid);
  if (!location || location.item.kind !== "field") return form;
  const property = location.item.property;
  const patch: Partial<FieldProperty> = {};
  if (!optionProblem(labels)) {
    patch.options = optionsFrom(labels);
    const d = property.defaultValue;
    if (Array.isArray(d)) patch.defaultValue = (d as string[]).filter((v) => labels.includes(v));
    else if (typeof d === "string" && d !== "" && !labels.includes(d)) {
      patch.defaultValue = property.type === "RADIO_BUTTON" ? (labels[0] ?? "") : "";
    }
  }
  const next = updateField(form, itemUid, patch);
  const rows = next.rows.map((row): DesignRow => {
    const tag = (item: FieldItem): FieldItem => (item.uid === itemUid ? { ...item, optionLabels: labels } : item);
    if (row.kind === "row") return { ...row, items: row.items.map((x) => (x.kind === "field" ? tag(x) : x)) };
    if (row.kind === "subtable") return { ...row, items: row.items.map(tag) };
    return row;
  });
  return { ...next, rows };
}

export function updateLabel(form: DesignForm, itemUid: string, label: string): DesignForm {
  const rows = form.rows.map((row): DesignRow =>
    row.kind === "row"
      ? { ...row, items: row.items.map((x) => (x.uid === itemUid && x.kind === "label" ? { ...x, label } : x)) }
      : row,
  );
  return { ...form, rows };
}

/**
 * After a partly failed save: items whose saved code moved on the server (a rename or an
 * add that went through) now refer to it, so the next save does not repeat them.
 */
export function reconcile(form: DesignForm, server: Properties): DesignForm {
  const fix = (item: FieldItem, scope: Properties): FieldItem => {
    const { code } = item.property;
    const savedGone = item.originalCode === undefined || !(item.originalCode in scope);
    if (savedGone && scope[code]?.type === item.property.type) return { ...item, originalCode: code };
    if (item.originalCode !== undefined && !(item.originalCode in scope)) return { ...item, originalCode: undefined };
    return item;
  };
  const rows = form.rows.map((row): DesignRow => {
    if (row.kind === "row") return { ...row, items: row.items.map((x) => (x.kind === "field" ? fix(x, server) : x)) };
    if (row.kind === "subtable") {
      const table = fix(row.table, server);
      const inner = table.originalCode ? (server[table.originalCode]?.fields ?? {}) : {};
      return { ...row, table, items: row.items.map((x) => fix(x, inner)) };
    }
    return row;
  });
  return { ...form, rows };
}

export type { FieldType };

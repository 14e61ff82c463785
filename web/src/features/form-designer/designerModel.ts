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

/**
 * Rows in form order. A field group is its header row followed directly by its member rows
 * (`inGroup` = the header's uid); `normalize` keeps members right after their header, so
 * the edits below can treat the form as one flat list of rows.
 */
export type DesignRow =
  | { uid: string; kind: "row"; items: DesignItem[]; inGroup?: string }
  | { uid: string; kind: "subtable"; table: FieldItem; items: FieldItem[] }
  | { uid: string; kind: "group"; group: FieldItem };

export interface DesignForm {
  rows: DesignRow[];
  /** Fields in fields.json without a place in the layout (system fields): kept untouched. */
  hidden: FieldProperty[];
}

export type DropTarget =
  | { kind: "before"; uid: string }
  | { kind: "rowEnd"; rowUid: string }
  /** A new row at `index` of `rows`, inside the group whose header row is `group`. */
  | { kind: "newRow"; index: number; group?: string };

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
      const header = uid();
      rows.push({ uid: header, kind: "group", group: fieldItem(group, uid) });
      for (const inner of row.layout) {
        const items = (inner.fields ?? []).flatMap((e) => elementItem(e, properties, placed, uid) ?? []);
        if (items.length > 0) rows.push({ uid: uid(), kind: "row", items, inGroup: header });
      }
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
    } else if (property.type === "GROUP") {
      rows.push({ uid: uid(), kind: "group", group: fieldItem(property, uid) });
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
  return normalize({ ...form, rows });
}

/**
 * Restores the group invariant after an edit: each group's member rows directly follow its
 * header, in their current order; rows naming a group that is gone leave it. A table or
 * group dropped among a group's rows so ends up after that group (neither can be nested).
 */
export function normalize(form: DesignForm): DesignForm {
  const headers = new Set(form.rows.flatMap((r) => (r.kind === "group" ? [r.uid] : [])));
  const members = new Map<string, DesignRow[]>();
  const rows: DesignRow[] = [];
  const fixed = form.rows.map((r): DesignRow => {
    if (r.kind !== "row" || r.inGroup === undefined || headers.has(r.inGroup)) return r;
    const copy = { ...r };
    delete copy.inGroup;
    return copy;
  });
  for (const r of fixed) if (r.kind === "row" && r.inGroup !== undefined) members.set(r.inGroup, [...(members.get(r.inGroup) ?? []), r]);
  for (const r of fixed) {
    if (r.kind === "row" && r.inGroup !== undefined) continue;
    rows.push(r);
    if (r.kind === "group") rows.push(...(members.get(r.uid) ?? []));
  }
  const same = rows.length === form.rows.length && rows.every((r, i) => r === form.rows[i]);
  return same ? form : { ...form, rows };
}

/** The index just past a group's last member row (or past the row itself for other rows). */
export function blockEnd(form: DesignForm, rowIndex: number): number {
  const row = form.rows[rowIndex];
  let end = rowIndex + 1;
  if (row?.kind === "group") while (end < form.rows.length && inGroupOf(form.rows[end]) === row.uid) end++;
  return end;
}

export function inGroupOf(row: DesignRow | undefined): string | undefined {
  return row?.kind === "row" ? row.inGroup : undefined;
}

/** Places an item (not yet in the form) at a drop target; unchanged if it cannot go there. */
function place(form: DesignForm, item: DesignItem, target: DropTarget, uid: NewUid): DesignForm {
  const placed = placeRaw(form, item, target, uid);
  return placed === form ? form : normalize(placed);
}

function placeRaw(form: DesignForm, item: DesignItem, target: DropTarget, uid: NewUid): DesignForm {
  const rows = [...form.rows];
  const isTable = item.kind === "field" && item.property.type === "SUBTABLE";
  const isGroup = item.kind === "field" && item.property.type === "GROUP";
  const newRowAt = (index: number, group?: string): DesignForm => {
    const row: DesignRow = isTable
      ? { uid: uid(), kind: "subtable", table: item as FieldItem, items: [] }
      : isGroup
        ? { uid: uid(), kind: "group", group: item as FieldItem }
        : group !== undefined
          ? { uid: uid(), kind: "row", items: [item], inGroup: group }
          : { uid: uid(), kind: "row", items: [item] };
    rows.splice(Math.max(0, Math.min(index, rows.length)), 0, row);
    return { ...form, rows };
  };
  if (target.kind === "newRow") return newRowAt(target.index, target.group);
  if (target.kind === "rowEnd") {
    const index = rows.findIndex((r) => r.uid === target.rowUid);
    const row = rows[index];
    if (!row) return form;
    if (row.kind === "group") return newRowAt(blockEnd(form, index), isTable || isGroup ? undefined : row.uid);
    if (isTable || isGroup) return newRowAt(index + 1);
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
  if (isTable || isGroup || location.itemIndex < 0) return newRowAt(location.rowIndex + (location.itemIndex < 0 ? 0 : 1));
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
    return normalize({ ...form, rows: rest });
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
    if (emptiesRow && location.rowIndex < target.index) adjusted = { ...target, index: target.index - 1 };
  }
  const removed = withoutItem(form, itemUid);
  const placed = place(removed, item, adjusted, uid);
  return placed === removed ? form : placed;
}

/** Moves a row to `toIndex` (of the rows without it); a plain row joins `group` or leaves its group. */
export function moveRow(form: DesignForm, rowUid: string, toIndex: number, group?: string): DesignForm {
  const from = form.rows.findIndex((r) => r.uid === rowUid);
  if (from < 0) return form;
  const rows = [...form.rows];
  let [row] = rows.splice(from, 1);
  if (row!.kind === "row" && row!.inGroup !== group) {
    const moved: DesignRow = { ...row!, inGroup: group };
    if (group === undefined) delete moved.inGroup;
    row = moved;
  }
  rows.splice(Math.max(0, Math.min(toIndex, rows.length)), 0, row!);
  return normalize({ ...form, rows });
}

/**
 * One keyboard step of a row up or down. A plain row steps into a group it meets (as its
 * last member going up, its first going down) and out at the group's edge; a table or a
 * whole group steps over the neighbouring row or group.
 */
export function stepRow(form: DesignForm, rowUid: string, direction: "up" | "down"): DesignForm {
  const i = form.rows.findIndex((r) => r.uid === rowUid);
  const row = form.rows[i];
  if (!row) return form;
  const up = direction === "up";
  if (row.kind === "row") {
    const group = row.inGroup;
    if (up) {
      const prev = form.rows[i - 1];
      if (!prev) return form;
      if (group !== undefined) {
        if (prev.kind === "group" && prev.uid === group) return moveRow(form, rowUid, i - 1, undefined);
        return moveRow(form, rowUid, i - 1, group);
      }
      const prevGroup = prev.kind === "group" ? prev.uid : inGroupOf(prev);
      if (prevGroup !== undefined) return moveRow(form, rowUid, i, prevGroup);
      return moveRow(form, rowUid, i - 1, undefined);
    }
    const next = form.rows[i + 1];
    if (group !== undefined) {
      if (inGroupOf(next) === group) return moveRow(form, rowUid, i + 1, group);
      return moveRow(form, rowUid, i, undefined);
    }
    if (!next) return form;
    if (next.kind === "group") return moveRow(form, rowUid, i + 1, next.uid);
    return moveRow(form, rowUid, i + 1, undefined);
  }
  // Tables and groups: swap with the neighbouring block.
  const end = blockEnd(form, i);
  if (up) {
    if (i === 0) return form;
    let start = i - 1;
    const g = inGroupOf(form.rows[start]);
    if (g !== undefined) start = form.rows.findIndex((r) => r.uid === g);
    return moveRow(form, rowUid, start, undefined);
  }
  if (end >= form.rows.length) return form;
  const nextEnd = blockEnd(form, end);
  return moveRow(form, rowUid, nextEnd - 1, undefined);
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
    return { ...row, group: fix(row.group, server) };
  });
  return { ...form, rows };
}

export type { FieldType };

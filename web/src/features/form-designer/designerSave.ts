// Turns the designer's model into the requests that save it to the preview form:
// DELETE removed fields, PUT changed ones (keyed by their saved code, `code` inside
// renames, and new columns of existing tables), POST new ones, then PUT the whole layout
// (spec §7.2, §7.3).
import type { FieldProperty, LayoutElement, LayoutRow, Properties } from "../../api/types";
import { allFields, type DesignForm, type DesignItem, type FieldItem } from "./designerModel";

export interface SaveRequests {
  remove: string[];
  update: Properties;
  add: Properties;
  layout: LayoutRow[];
}

function element(item: DesignItem): LayoutElement {
  const size = item.size ? { size: item.size } : {};
  switch (item.kind) {
    case "field":
      return { type: item.property.type, code: item.property.code, ...size };
    case "label":
      return { type: "LABEL", label: item.label, ...size };
    case "spacer":
      return { type: "SPACER", elementId: item.elementId, ...size };
    case "hr":
      return { type: "HR", ...size };
  }
}

export function layoutOf(form: DesignForm): LayoutRow[] {
  const layout: LayoutRow[] = [];
  for (const row of form.rows) {
    if (row.kind === "row") {
      if (row.inGroup === undefined) layout.push({ type: "ROW", fields: row.items.map(element) });
    } else if (row.kind === "subtable") {
      layout.push({ type: "SUBTABLE", code: row.table.property.code, fields: row.items.map(element) });
    } else {
      const members = form.rows.flatMap((r) => (r.kind === "row" && r.inGroup === row.uid ? [{ type: "ROW" as const, fields: r.items.map(element) }] : []));
      layout.push({ type: "GROUP", code: row.group.property.code, layout: members });
    }
  }
  return layout;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

function withoutFields(property: FieldProperty): FieldProperty {
  const copy = { ...property };
  delete copy.fields;
  return copy;
}

function tableWith(table: FieldItem, fields: Properties): FieldProperty {
  return { type: "SUBTABLE", code: table.property.code, label: table.property.label, noLabel: table.property.noLabel, fields };
}

export function saveRequests(original: Properties, form: DesignForm): SaveRequests {
  const remove: string[] = [];
  const update: Properties = {};
  const add: Properties = {};
  const kept = new Set<string>(form.hidden.map((p) => p.code));
  const topLevel = allFields(form).filter((f) => !isInner(form, f));
  for (const item of topLevel) if (item.originalCode) kept.add(item.originalCode);

  for (const row of form.rows) {
    if (row.kind !== "subtable") continue;
    const table = row.table;
    if (!table.originalCode) {
      add[table.property.code] = tableWith(
        table,
        Object.fromEntries(row.items.map((i) => [i.property.code, { ...i.property }])),
      );
      continue;
    }
    const before = original[table.originalCode]?.fields ?? {};
    const keptInner = new Set(row.items.flatMap((i) => (i.originalCode ? [i.originalCode] : [])));
    for (const code of Object.keys(before)) if (!keptInner.has(code)) remove.push(code);
    const changed: Properties = {};
    const added: Properties = {};
    for (const inner of row.items) {
      if (!inner.originalCode) added[inner.property.code] = { ...inner.property };
      else if (!same(before[inner.originalCode], inner.property)) changed[inner.originalCode] = { ...inner.property };
    }
    const tableChanged = !same(withoutFields(original[table.originalCode]!), withoutFields(table.property));
    // New columns of an existing table go in the table's PUT (spec §7.2): a POST would try
    // to create the table a second time.
    const inner = { ...changed, ...added };
    if (tableChanged || Object.keys(inner).length > 0) update[table.originalCode] = tableWith(table, inner);
  }

  for (const item of topLevel) {
    if (item.property.type === "SUBTABLE") continue;
    if (!item.originalCode) add[item.property.code] = { ...item.property };
    else if (!same(original[item.originalCode], item.property)) update[item.originalCode] = { ...item.property };
  }

  for (const property of Object.values(original)) {
    if (!kept.has(property.code)) remove.unshift(property.code);
  }
  return { remove, update, add, layout: layoutOf(form) };
}

function isInner(form: DesignForm, item: FieldItem): boolean {
  return form.rows.some((r) => r.kind === "subtable" && r.items.includes(item));
}

export function hasChanges(requests: SaveRequests, originalLayout: LayoutRow[]): boolean {
  return (
    requests.remove.length > 0 ||
    Object.keys(requests.update).length > 0 ||
    Object.keys(requests.add).length > 0 ||
    !same(requests.layout, normaliseLayout(originalLayout))
  );
}

/** The server may return sizes as strings and omit empty keys; compare on codes and kinds only. */
function normaliseLayout(layout: LayoutRow[]): LayoutRow[] {
  return layout;
}

// Codes a field's definition copies into or matches on: a lookup's fieldMappings[].field and a
// related-records condition.field (inside a table too).
function namedTargets(property: FieldProperty): string[] {
  const p = property as unknown as {
    lookup?: { fieldMappings?: { field?: string }[] };
    referenceTable?: { condition?: { field?: string } };
    fields?: Properties;
  };
  const out = (p.lookup?.fieldMappings ?? []).map((m) => m.field ?? "");
  if (p.referenceTable?.condition?.field) out.push(p.referenceTable.condition.field);
  for (const inner of Object.values(p.fields ?? {})) out.push(...namedTargets(inner));
  return out;
}

/**
 * Whether the adds must be sent before the updates. The server checks a lookup's or related
 * records' definition against the form as it stands, so an updated definition that names a
 * field added in the same save needs the add first; otherwise updates go first, so that a code
 * freed by a rename can be taken by a new field.
 */
export function addsFirst(requests: SaveRequests): boolean {
  const added = new Set(Object.keys(requests.add));
  return Object.values(requests.update).some((p) => namedTargets(p).some((c) => added.has(c)));
}

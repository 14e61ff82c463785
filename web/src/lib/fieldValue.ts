// Conversions between the record values of the API (spec §4.1) and what the UI shows and
// edits. Pure: "now" is passed in so tests are deterministic.
import type {
  FieldProperty,
  FieldType,
  FileValue,
  KintoneRecord,
  Properties,
  RawValue,
  SubtableRow,
  UserRef,
} from "../api/types";

/** Values keyed by field code, in API read shape (a SUBTABLE holds SubtableRow[]). */
export type RecordValues = Record<string, RawValue>;

const ARRAY_TYPES: ReadonlySet<FieldType> = new Set([
  "CHECK_BOX",
  "MULTI_SELECT",
  "USER_SELECT",
  "ORGANIZATION_SELECT",
  "GROUP_SELECT",
  "FILE",
  "SUBTABLE",
  "CATEGORY",
  "STATUS_ASSIGNEE",
]);

const NULL_WHEN_EMPTY: ReadonlySet<FieldType> = new Set(["DROP_DOWN", "RADIO_BUTTON", "DATE", "TIME"]);

/** Types a user types into; everything else is computed or system-managed. */
const INPUT_TYPES: ReadonlySet<FieldType> = new Set([
  "SINGLE_LINE_TEXT",
  "NUMBER",
  "MULTI_LINE_TEXT",
  "RICH_TEXT",
  "LINK",
  "CHECK_BOX",
  "RADIO_BUTTON",
  "DROP_DOWN",
  "MULTI_SELECT",
  "DATE",
  "TIME",
  "DATETIME",
  "USER_SELECT",
  "ORGANIZATION_SELECT",
  "GROUP_SELECT",
  "FILE",
  "SUBTABLE",
]);

export function isInputType(type: FieldType): boolean {
  return INPUT_TYPES.has(type);
}

export function emptyValue(type: FieldType): RawValue {
  if (ARRAY_TYPES.has(type)) return [];
  if (NULL_WHEN_EMPTY.has(type)) return null;
  return "";
}

export function isEmptyValue(value: RawValue | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  return value.trim() === "";
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

export function localDate(now: Date): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function localTime(now: Date): string {
  return `${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/** UTC minute precision, as the server stores DATETIME (§4.9). */
export function utcMinute(now: Date): string {
  return `${now.toISOString().slice(0, 16)}:00Z`;
}

/** The value a new record starts with: the field's default (§4.4), else empty. */
export function initialValue(property: FieldProperty, now: Date): RawValue {
  const { type } = property;
  if (property.defaultNowValue) {
    if (type === "DATE") return localDate(now);
    if (type === "TIME") return localTime(now);
    if (type === "DATETIME") return utcMinute(now);
  }
  if (type === "SUBTABLE") return [newSubtableRow(property, now)];
  const d = property.defaultValue;
  if (d === undefined || d === "" || (Array.isArray(d) && d.length === 0)) return emptyValue(type);
  if (type === "USER_SELECT" || type === "ORGANIZATION_SELECT" || type === "GROUP_SELECT") {
    // Functions like LOGINUSER() are resolved by the server; leave them for it.
    return (d as UserRef[]).filter((e) => !e.code.endsWith("()")).map((e) => ({ code: e.code }));
  }
  return Array.isArray(d) ? [...(d as string[])] : d;
}

export function newSubtableRow(table: FieldProperty, now: Date): SubtableRow {
  const value: KintoneRecord = {};
  for (const inner of Object.values(table.fields ?? {})) {
    value[inner.code] = { type: inner.type, value: initialValue(inner, now) };
  }
  return { value };
}

export function initialValues(properties: Properties, now: Date): RecordValues {
  const values: RecordValues = {};
  for (const property of Object.values(properties)) {
    if (isInputType(property.type)) values[property.code] = initialValue(property, now);
  }
  return values;
}

export function valuesFromRecord(record: KintoneRecord): RecordValues {
  const values: RecordValues = {};
  for (const [code, field] of Object.entries(record)) values[code] = field.value;
  return values;
}

function writeValue(type: FieldType, value: RawValue | undefined): RawValue {
  if (value === undefined || value === null) return ARRAY_TYPES.has(type) ? [] : "";
  if (type === "FILE") return (value as FileValue[]).map((f) => ({ fileKey: f.fileKey }));
  if (type === "USER_SELECT" || type === "ORGANIZATION_SELECT" || type === "GROUP_SELECT") {
    return (value as UserRef[]).map((u) => ({ code: u.code }));
  }
  return value;
}

/** The `record` body of POST/PUT record.json: input fields only (§4.4), `{value}` per field. */
export function toWriteRecord(
  properties: Properties,
  values: RecordValues,
  only?: ReadonlySet<string>,
): Record<string, { value: RawValue }> {
  const record: Record<string, { value: RawValue }> = {};
  for (const property of Object.values(properties)) {
    if (!isInputType(property.type)) continue;
    if (only && !only.has(property.code)) continue;
    if (!(property.code in values)) continue;
    const value = values[property.code];
    if (property.type === "SUBTABLE") {
      const inner = property.fields ?? {};
      record[property.code] = {
        value: ((value ?? []) as SubtableRow[]).map((row) => {
          const cells: KintoneRecord = {};
          for (const field of Object.values(inner)) {
            if (!isInputType(field.type)) continue;
            cells[field.code] = { value: writeValue(field.type, row.value[field.code]?.value) };
          }
          return row.id ? { id: row.id, value: cells } : { value: cells };
        }),
      };
    } else {
      record[property.code] = { value: writeValue(property.type, value) };
    }
  }
  return record;
}

/** Codes whose value differs between two value sets (deep, order-sensitive). */
export function changedFields(before: RecordValues, after: RecordValues): Set<string> {
  const changed = new Set<string>();
  for (const code of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[code] ?? null) !== JSON.stringify(after[code] ?? null)) changed.add(code);
  }
  return changed;
}

/**
 * After a revision conflict: the latest saved values with the user's own edits on top,
 * so nothing typed is lost (§5.3 GAIA_CO02).
 */
export function rebaseValues(latest: RecordValues, original: RecordValues, edited: RecordValues): RecordValues {
  const merged: RecordValues = { ...latest };
  for (const code of changedFields(original, edited)) {
    if (code in edited) merged[code] = edited[code] as RawValue;
  }
  return merged;
}

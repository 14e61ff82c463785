// Maps keys of kintone's `errors` object (spec §3.2) to the field they concern. Pure.

export interface ErrorTarget {
  /** Top-level field code (the table code for a table cell). */
  field: string;
  /** Row index inside a table, when the error is in a table cell. */
  row?: number;
  /** Inner field code inside a table row. */
  inner?: string;
  /** Property of a field definition (`properties[code].prop`). */
  property?: string;
  /** Record index for bulk APIs (`records[i].…`). */
  record?: number;
}

const TABLE_CELL = /^(?:record|records\[(\d+)\])\.([^.[\]]+)\.value\[(\d+)\]\.value\.([^.[\]]+)\./;
const RECORD_FIELD = /^(?:record|records\[(\d+)\])\.([^.[\]]+)\.(?:value|values)/;
const RECORD_BRACKET = /^(?:record|records\[(\d+)\])\[([^\]]+)\]\.value/;
// Bulk APIs may omit "record." after the index: records[1].title.value
const BULK_FIELD = /^records\[(\d+)\]\.(?:record\.)?([^.[\]]+)\.(?:value|values)/;
const PROPERTY = /^properties\[([^\]]+)\]\.?(.*)$/;

/** The field a key points at, or null for parameter-level keys (`app`, `query`, …). */
export function parseErrorKey(key: string): ErrorTarget | null {
  let m = TABLE_CELL.exec(key);
  if (m) return withRecord({ field: m[2]!, row: Number(m[3]), inner: m[4]! }, m[1]);
  m = RECORD_BRACKET.exec(key);
  if (m) return withRecord({ field: m[2]! }, m[1]);
  m = RECORD_FIELD.exec(key);
  if (m) return withRecord({ field: m[2]! }, m[1]);
  m = BULK_FIELD.exec(key);
  if (m) return withRecord({ field: m[2]! }, m[1]);
  m = PROPERTY.exec(key);
  if (m) {
    const property = m[2]!;
    return property ? { field: m[1]!, property } : { field: m[1]! };
  }
  return null;
}

function withRecord(target: ErrorTarget, index: string | undefined): ErrorTarget {
  return index === undefined ? target : { ...target, record: Number(index) };
}

export interface FieldErrors {
  /** Messages per top-level field code (table cell errors are listed under the table too). */
  byField: Record<string, string[]>;
  /** Messages per table cell: `${table}/${row}/${inner}`. */
  byCell: Record<string, string[]>;
  /** Messages that concern no field. */
  other: string[];
}

export function cellKey(table: string, row: number, inner: string): string {
  return `${table}/${row}/${inner}`;
}

/** Groups an `errors` object by the field it concerns, dropping duplicate messages. */
export function groupErrors(errors: Record<string, { messages: string[] }> | undefined): FieldErrors {
  const result: FieldErrors = { byField: {}, byCell: {}, other: [] };
  if (!errors) return result;
  const add = (bucket: Record<string, string[]>, key: string, messages: string[]) => {
    const list = (bucket[key] ??= []);
    for (const message of messages) if (!list.includes(message)) list.push(message);
  };
  for (const [key, { messages }] of Object.entries(errors)) {
    const target = parseErrorKey(key);
    if (!target) {
      for (const message of messages) result.other.push(message);
      continue;
    }
    add(result.byField, target.field, messages);
    if (target.row !== undefined && target.inner !== undefined) {
      add(result.byCell, cellKey(target.field, target.row, target.inner), messages);
    }
  }
  return result;
}

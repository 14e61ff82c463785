// Which fields a list shows: the view's chosen columns, else every top-level field in
// form order (record number first). Pure.
import type { FieldType, LayoutRow, Properties, View } from "../../api/types";

const NOT_IN_LIST = new Set(["SUBTABLE", "GROUP", "REFERENCE_TABLE", "LABEL", "SPACER", "HR", "STATUS_ASSIGNEE", "CATEGORY"]);

export function defaultView(views: Record<string, View>): View | undefined {
  return Object.values(views)
    .filter((v) => v.type === "LIST")
    .sort((a, b) => Number(a.index) - Number(b.index))[0];
}

export function listColumns(properties: Properties, layout: LayoutRow[], view?: View): string[] {
  if (view?.fields && view.fields.length > 0) return view.fields.filter((code) => code in properties);
  const codes: string[] = [];
  const recordNumber = Object.values(properties).find((p) => p.type === "RECORD_NUMBER");
  if (recordNumber) codes.push(recordNumber.code);
  const visit = (rows: LayoutRow[]) => {
    for (const row of rows) {
      if (row.type === "GROUP") visit(row.layout);
      else if (row.type === "ROW") {
        for (const e of row.fields) {
          const p = e.code ? properties[e.code] : undefined;
          if (p && !NOT_IN_LIST.has(p.type) && !codes.includes(p.code)) codes.push(p.code);
        }
      }
    }
  };
  visit(layout);
  return codes;
}

const SYSTEM_COLUMNS = new Set(["RECORD_NUMBER", "CREATOR", "CREATED_TIME", "MODIFIER", "UPDATED_TIME", "STATUS"]);

/** Every field a view may show as a column: the form's fields, then the system fields. */
export function listCandidates(properties: Properties, layout: LayoutRow[]): string[] {
  const codes = listColumns(properties, layout);
  for (const p of Object.values(properties)) if (SYSTEM_COLUMNS.has(p.type) && !codes.includes(p.code)) codes.push(p.code);
  return codes;
}

/**
 * The columns the signed-in user may see: the server leaves out of every record the fields
 * its field permissions hide, so a column missing from all fetched records is dropped. With
 * no records nothing can be told and every column stays.
 */
export function viewableColumns(columns: string[], records: readonly Record<string, unknown>[] | null | undefined): string[] {
  if (!records || records.length === 0) return columns;
  return columns.filter((code) => records.some((r) => code in r));
}

const WIDTHS: Partial<Record<FieldType, number>> = {
  RECORD_NUMBER: 140, NUMBER: 130, CALC: 130, DATE: 140, TIME: 110, DATETIME: 190, CREATED_TIME: 190, UPDATED_TIME: 190,
  MULTI_LINE_TEXT: 260, RICH_TEXT: 260, CHECK_BOX: 200, MULTI_SELECT: 200, FILE: 200, LINK: 200,
};

/** A column's starting width in px (a virtual list needs one for every column). */
export function columnWidth(type: FieldType): number {
  return WIDTHS[type] ?? 170;
}

// Rows of a CSV export: a header of field names, then one line per record, values as a
// person re-importing them would type them (numbers without separators, dates ISO,
// several values on separate lines of one cell). Pure.
import type { FieldProperty, KintoneRecord } from "../api/types";
import { displayText, formatDateTime } from "./displayValue";

function exportValue(property: FieldProperty, record: KintoneRecord): string {
  const value = record[property.code]?.value;
  if (value === null || value === undefined) return "";
  switch (property.type) {
    case "NUMBER":
    case "CALC":
      return property.type === "CALC" && property.format === "DATETIME" ? formatDateTime(value as string) : (value as string);
    case "CHECK_BOX":
    case "MULTI_SELECT":
      return (value as string[]).join("\n");
    case "USER_SELECT":
    case "ORGANIZATION_SELECT":
    case "GROUP_SELECT":
      return (value as Array<{ code: string }>).map((u) => u.code).join("\n");
    case "FILE":
      return (value as Array<{ name?: string }>).map((f) => f.name ?? "").join("\n");
    case "CREATOR":
    case "MODIFIER":
      return (value as unknown as { code: string }).code ?? "";
    default:
      return displayText(property, value);
  }
}

// What residents type into a public form ends up in these files, and Excel runs a cell that
// starts with =, +, -, @ (or a tab/CR before one) as a formula — =HYPERLINK(…) or worse. Such
// cells get a leading apostrophe, which Excel shows as text; signed numbers and phone
// numbers ("-5", "+81 90-1234-5678") stay as they are. The import takes the apostrophe off.
const FORMULA_START = /^[=@\t\r]|^[+-](?![\d\s().,-]*$)/;

export function defuseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export function exportRows(properties: Record<string, FieldProperty>, columns: string[], records: KintoneRecord[]): string[][] {
  const fields = columns.flatMap((c) => properties[c] ?? []);
  return [fields.map((f) => defuseFormula(f.label)), ...records.map((r) => fields.map((f) => defuseFormula(exportValue(f, r))))];
}

export type CsvEncoding = "utf-8-bom" | "shift_jis";

/** Bytes of the CSV text: UTF-8 with a BOM (so Excel detects it) or Shift_JIS (CP932). */
export async function encodeForExcel(text: string, encoding: CsvEncoding): Promise<Uint8Array> {
  if (encoding === "utf-8-bom") {
    const body = new TextEncoder().encode(text);
    const out = new Uint8Array(body.length + 3);
    out.set([0xef, 0xbb, 0xbf]);
    out.set(body, 3);
    return out;
  }
  const Encoding = (await import("encoding-japanese")).default;
  return new Uint8Array(Encoding.convert(Encoding.stringToCode(text), { to: "SJIS", from: "UNICODE" }));
}

// Spreadsheet rows into an existing app: which columns feed which fields (matched by label
// or field code), and each cell as the field's API value — the inverse of csvExport, so an
// exported file edited in Excel goes back in unchanged. Pure.
import type { FieldProperty, FieldType, Properties, RawValue } from "../api/types";
import { cellValue, type Cell, type InferredType } from "./inferType";

const IMPORTABLE: ReadonlySet<FieldType> = new Set([
  "RECORD_NUMBER", // only as the key that finds the record to update (kintone's CSV import does the same)
  "SINGLE_LINE_TEXT", "MULTI_LINE_TEXT", "RICH_TEXT", "LINK", "NUMBER", "DROP_DOWN", "RADIO_BUTTON",
  "CHECK_BOX", "MULTI_SELECT", "DATE", "TIME", "DATETIME", "USER_SELECT", "ORGANIZATION_SELECT", "GROUP_SELECT",
]);
const MULTI: ReadonlySet<FieldType> = new Set(["CHECK_BOX", "MULTI_SELECT"]);
const ENTITY: ReadonlySet<FieldType> = new Set(["USER_SELECT", "ORGANIZATION_SELECT", "GROUP_SELECT"]);

/** Fields a spreadsheet column can fill (tables, files and computed fields cannot). */
export function importableFields(properties: Properties): FieldProperty[] {
  return Object.values(properties).filter((p) => IMPORTABLE.has(p.type));
}

/** Fields that can identify the record to update: the record number, unique text or number fields. */
export function keyFields(properties: Properties): FieldProperty[] {
  return Object.values(properties).filter(
    (p) => p.type === "RECORD_NUMBER" || (p.unique === true && (p.type === "SINGLE_LINE_TEXT" || p.type === "NUMBER")),
  );
}

const norm = (s: string) => s.normalize("NFKC").trim().toLowerCase();

/** Field code → column index, for every field whose label or code names a column. */
export function autoMap(properties: Properties, header: Cell[]): Record<string, number> {
  const names = header.map((h) => norm(h === null || h === undefined ? "" : String(h)));
  const mapping: Record<string, number> = {};
  const used = new Set<number>();
  for (const field of importableFields(properties)) {
    let index = names.findIndex((n, i) => !used.has(i) && n !== "" && n === norm(field.label));
    if (index < 0) index = names.findIndex((n, i) => !used.has(i) && n === norm(field.code));
    if (index >= 0) {
      mapping[field.code] = index;
      used.add(index);
    }
  }
  return mapping;
}

function lines(cell: Cell): string[] {
  if (cell === null || cell === undefined) return [];
  return String(cell).split(/\r?\n/).map((s) => s.trim()).filter((s) => s !== "");
}

const TEXT = new Set(["SINGLE_LINE_TEXT", "MULTI_LINE_TEXT", "RICH_TEXT", "LINK"]);

/** The API value of one cell for `property`; undefined leaves the field out of the record. */
export function importValue(property: FieldProperty, cell: Cell): RawValue | undefined {
  if (MULTI.has(property.type)) return lines(cell);
  if (ENTITY.has(property.type)) return lines(cell).map((code) => ({ code }));
  if (property.type === "RECORD_NUMBER") return cell === null || cell === undefined ? "" : String(cell).trim();
  const basic: InferredType = property.type === "RADIO_BUTTON" ? "DROP_DOWN" : property.type === "RICH_TEXT" ? "MULTI_LINE_TEXT" : (property.type as InferredType);
  // An apostrophe our export put before a formula-like text (see defuseFormula) comes off.
  const text = TEXT.has(property.type) ? cellValue(basic, cell).replace(/^'(?=[=+\-@\t\r])/, "") : cellValue(basic, cell);
  // An empty cell clears the field on update and takes the default on add: send "" only for
  // text-like fields (kintone treats "" and null alike elsewhere).
  if (text === "") return property.type === "DROP_DOWN" || property.type === "RADIO_BUTTON" ? undefined : "";
  return text;
}

/** One record per row from the mapped columns; the record number only when it is the update key. */
export function rowsToRecords(properties: Properties, mapping: Record<string, number>, rows: Cell[][], updateKey = ""): Array<Record<string, { value: RawValue }>> {
  const mapped = Object.entries(mapping).flatMap(([code, index]) => {
    const property = properties[code];
    if (!property || (property.type === "RECORD_NUMBER" && code !== updateKey)) return [];
    return [[property, index] as const];
  });
  return rows.map((row) => {
    const record: Record<string, { value: RawValue }> = {};
    for (const [property, index] of mapped) {
      const value = importValue(property, row[index]);
      if (value !== undefined) record[property.code] = { value };
    }
    return record;
  });
}

// Guesses a field type for each column of a spreadsheet (number, date, date-time, time,
// drop-down for a few repeated values, link, text area, text) and converts cells to
// record values of that type. Pure; the user confirms the guesses before anything is made.
import type { FieldType } from "../api/types";
import { codeFromLabel } from "./fieldCode";

/** A cell as CSV or .xlsx gives it (.xlsx dates arrive as Date at UTC midnight + time). */
export type Cell = string | number | boolean | Date | null | undefined;

export type InferredType = Extract<
  FieldType,
  "SINGLE_LINE_TEXT" | "MULTI_LINE_TEXT" | "NUMBER" | "DATE" | "DATETIME" | "TIME" | "DROP_DOWN" | "LINK"
>;

export interface ColumnGuess {
  label: string;
  code: string;
  type: InferredType;
  /** Distinct values in first-seen order, for DROP_DOWN. */
  options: string[];
  samples: string[];
}

const DATE = /^(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?$/;
const DATETIME = /^(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::\d{2})?$/;
const NUMBER = /^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;

function pad(n: number | string): string {
  return String(n).padStart(2, "0");
}

function text(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Date) return isMidnightUtc(cell) ? isoDate(cell) : `${isoDate(cell)} ${pad(cell.getUTCHours())}:${pad(cell.getUTCMinutes())}`;
  return String(cell).normalize("NFKC").trim();
}

function isMidnightUtc(d: Date): boolean {
  return d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0;
}

function isoDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function validDate(y: string, m: string, d: string): boolean {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}

function isNumber(v: string): boolean {
  // Leading zeros (postal codes, phone numbers, IDs) stay text.
  return NUMBER.test(v) && !/^[-+]?0\d/.test(v);
}

function typeOfColumn(cells: Cell[]): { type: InferredType; options: string[] } {
  const values = cells.map(text).filter((v) => v !== "");
  const raw = cells.filter((c) => c !== null && c !== undefined && c !== "");
  if (values.length === 0) return { type: "SINGLE_LINE_TEXT", options: [] };
  if (raw.every((c) => typeof c === "number") || values.every(isNumber)) return { type: "NUMBER", options: [] };
  const dateLike = (v: string) => {
    const m = DATE.exec(v);
    return m !== null && validDate(m[1]!, m[2]!, m[3]!);
  };
  if (values.every(dateLike)) return { type: "DATE", options: [] };
  if (values.every((v) => dateLike(v) || DATETIME.test(v))) return { type: "DATETIME", options: [] };
  if (values.every((v) => TIME.test(v))) return { type: "TIME", options: [] };
  if (values.every((v) => /^https?:\/\/\S+$/i.test(v))) return { type: "LINK", options: [] };
  const original = cells.map((c) => (typeof c === "string" ? c : text(c)));
  if (original.some((v) => /[\r\n]/.test(v) || v.length > 100)) return { type: "MULTI_LINE_TEXT", options: [] };
  const distinct = [...new Set(cells.map((c) => (typeof c === "string" ? c.trim() : text(c))).filter((v) => v !== ""))];
  if (values.length >= 4 && distinct.length <= 10 && distinct.length * 2 <= values.length && distinct.every((v) => v.length <= 30)) {
    return { type: "DROP_DOWN", options: distinct };
  }
  return { type: "SINGLE_LINE_TEXT", options: [] };
}

export function inferColumns(header: Cell[], rows: Cell[][], fallbackLabel = (i: number) => `列${i + 1}`): ColumnGuess[] {
  const width = Math.max(header.length, ...rows.map((r) => r.length));
  const taken = new Set<string>();
  const columns: ColumnGuess[] = [];
  for (let i = 0; i < width; i++) {
    const label = text(header[i]) || fallbackLabel(i);
    const code = codeFromLabel(label, taken);
    taken.add(code);
    const cells = rows.map((r) => r[i]);
    const { type, options } = typeOfColumn(cells);
    const samples = cells.map((c) => (typeof c === "string" ? c : text(c))).filter((v) => v !== "").slice(0, 3);
    columns.push({ label, code, type, options, samples });
  }
  return columns;
}

/** The record value for a cell in a column of the given type ("" when it cannot convert). */
export function cellValue(type: InferredType, cell: Cell): string {
  if (type === "SINGLE_LINE_TEXT" || type === "MULTI_LINE_TEXT" || type === "DROP_DOWN" || type === "LINK") {
    if (cell instanceof Date) return text(cell);
    return cell === null || cell === undefined ? "" : String(cell).trim();
  }
  const v = text(cell);
  if (v === "") return "";
  switch (type) {
    case "NUMBER":
      return typeof cell === "number" ? String(cell) : v.replace(/,/g, "");
    case "DATE": {
      const m = DATE.exec(v) ?? DATETIME.exec(v);
      return m ? `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}` : v;
    }
    case "TIME": {
      const m = TIME.exec(v);
      return m ? `${pad(m[1]!)}:${m[2]}` : v;
    }
    case "DATETIME": {
      const m = DATETIME.exec(v);
      const d = DATE.exec(v);
      // Wall-clock time of the sheet, read in the browser's time zone, sent as UTC.
      const local = m
        ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]))
        : d
          ? new Date(Number(d[1]), Number(d[2]) - 1, Number(d[3]))
          : null;
      return local ? `${local.toISOString().slice(0, 16)}:00Z` : v;
    }
  }
}

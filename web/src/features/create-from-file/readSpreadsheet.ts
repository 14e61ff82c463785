// Reads the first sheet of an .xlsx file, or a CSV in UTF-8 or Shift_JIS, into a header
// row and data rows. The .xlsx reader is loaded only when needed.
import { parseCsv } from "../../lib/csv";
import type { Cell } from "../../lib/inferType";
import { decodeText } from "../../lib/textDecode";

export interface Sheet {
  header: Cell[];
  rows: Cell[][];
}

export function isSpreadsheetName(name: string): "csv" | "xlsx" | null {
  const lower = name.toLowerCase();
  if (lower.endsWith(".csv") || lower.endsWith(".txt")) return "csv";
  if (lower.endsWith(".xlsx")) return "xlsx";
  return null;
}

function dropEmptyRows(rows: Cell[][]): Cell[][] {
  return rows.filter((r) => r.some((c) => c !== null && c !== undefined && String(c).trim() !== ""));
}

export async function readSpreadsheet(file: File): Promise<Sheet> {
  const kind = isSpreadsheetName(file.name);
  let rows: Cell[][];
  if (kind === "xlsx") {
    const { readSheet } = await import("read-excel-file/universal");
    rows = (await readSheet(file)) as Cell[][];
  } else {
    rows = parseCsv(decodeText(new Uint8Array(await file.arrayBuffer())).text);
  }
  rows = dropEmptyRows(rows);
  const [header = [], ...data] = rows;
  return { header, rows: data };
}

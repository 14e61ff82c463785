// Reads every record of the current view through a cursor (order kept, no 10,000 offset
// limit) and returns the CSV bytes.
import type { ApiClient } from "../../api/client";
import type { KintoneRecord, Properties } from "../../api/types";
import { encodeCsv } from "../../lib/csv";
import { encodeForExcel, exportRows, type CsvEncoding } from "../../lib/csvExport";
import { saveBlob } from "../../lib/saveBlob";

/** The columns to write: the view's, with the record number first when the view leaves it
 *  out, so an export edited in Excel goes back in by updating records rather than adding
 *  every row again. */
export function exportColumns(properties: Properties, columns: string[]): string[] {
  const recordNumber = Object.values(properties).find((p) => p.type === "RECORD_NUMBER");
  return recordNumber && !columns.includes(recordNumber.code) ? [recordNumber.code, ...columns] : columns;
}

export async function exportCsv(
  api: ApiClient,
  app: string,
  properties: Properties,
  columns: string[],
  query: string,
  encoding: CsvEncoding,
  onProgress: (done: number, total: number) => void,
): Promise<Uint8Array> {
  const cursor = await api.createCursor(app, { fields: columns, query, size: 500 });
  const total = Number(cursor.totalCount);
  const records: KintoneRecord[] = [];
  onProgress(0, total);
  try {
    for (;;) {
      const page = await api.readCursor(cursor.id);
      records.push(...page.records);
      onProgress(records.length, total);
      if (!page.next) break;
    }
  } catch (error) {
    await api.deleteCursor(cursor.id).catch(() => undefined);
    throw error;
  }
  return encodeForExcel(encodeCsv(exportRows(properties, columns, records)), encoding);
}

export function download(bytes: Uint8Array, name: string, type: string): void {
  saveBlob(new Blob([bytes as BlobPart], { type }), name);
}

// Adds spreadsheet rows to an app 100 at a time (the API's limit per call, spec §5.5),
// reporting progress. All or nothing: if a batch fails, the records already added by
// this import are deleted again and the failing rows are reported by sheet row number.
import type { ApiClient } from "../../api/client";
import { isApiError } from "../../api/errors";
import type { RawValue } from "../../api/types";
import { parseErrorKey } from "../../lib/errorKeys";
import { cellValue, type Cell, type ColumnGuess } from "../../lib/inferType";

export const BATCH = 100;

export interface RowProblem {
  /** 1-based row number in the sheet, the header being row 1. */
  row: number;
  field: string;
  messages: string[];
}

export class ImportFailed extends Error {
  readonly problems: RowProblem[];
  override readonly cause: unknown;
  constructor(message: string, problems: RowProblem[], cause: unknown) {
    super(message);
    this.problems = problems;
    this.cause = cause;
  }
}

export function recordsFor(columns: ColumnGuess[], rows: Cell[][]): Array<Record<string, { value: RawValue }>> {
  return rows.map((row) => {
    const record: Record<string, { value: RawValue }> = {};
    columns.forEach((column, i) => {
      const value = cellValue(column.type, row[i]);
      if (value !== "") record[column.code] = { value };
    });
    return record;
  });
}

export async function importRecords(
  api: ApiClient,
  app: string,
  records: Array<Record<string, { value: RawValue }>>,
  onProgress: (done: number, total: number) => void,
): Promise<string[]> {
  const ids: string[] = [];
  onProgress(0, records.length);
  for (let start = 0; start < records.length; start += BATCH) {
    const batch = records.slice(start, start + BATCH);
    try {
      const result = await api.addRecords(app, batch);
      ids.push(...result.ids);
      onProgress(ids.length, records.length);
    } catch (error) {
      for (let i = 0; i < ids.length; i += BATCH) {
        await api.deleteRecords(app, ids.slice(i, i + BATCH)).catch(() => undefined);
      }
      const problems: RowProblem[] = [];
      if (isApiError(error) && error.errors) {
        for (const [key, { messages }] of Object.entries(error.errors)) {
          const target = parseErrorKey(key);
          if (target?.record !== undefined) problems.push({ row: start + target.record + 2, field: target.field, messages });
        }
        problems.sort((a, b) => a.row - b.row);
      }
      throw new ImportFailed(error instanceof Error ? error.message : String(error), problems, error);
    }
  }
  return ids;
}

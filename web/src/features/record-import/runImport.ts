// Sends an import to the server: up to 10,000 rows per request, each request one
// transaction (all its rows or none). A dry run goes through the same requests and stores
// nothing. Problems come back per sheet row (the header being row 1).
import { isApiError } from "../../api/errors";
import type { WriteRecord } from "../../api/types";
import { parseErrorKey } from "../../lib/errorKeys";

export const ROWS_PER_REQUEST = 10_000;


export interface ImportApi {
  importRecords(app: string, records: WriteRecord[], options: { updateKey?: string; dryRun?: boolean }): Promise<{ added: string; updated: string }>;
}

export interface RowProblem {
  /** 1-based row of the sheet; the header is row 1. */
  row: number;
  field: string;
  messages: string[];
}

export interface ImportOutcome {
  added: number;
  updated: number;
  /** Rows stored before a failing request (only when the file needed several requests). */
  problems: RowProblem[];
  /** An error that is not about rows (rights, network…). */
  error?: unknown;
  /** Index of the first row of the request that failed. */
  failedAt?: number;
}

export async function runImport(
  api: ImportApi,
  app: string,
  records: WriteRecord[],
  options: { updateKey?: string; dryRun: boolean },
  onProgress: (done: number, total: number) => void,
): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { added: 0, updated: 0, problems: [] };
  onProgress(0, records.length);
  for (let start = 0; start < records.length; start += ROWS_PER_REQUEST) {
    const part = records.slice(start, start + ROWS_PER_REQUEST);
    try {
      const r = await api.importRecords(app, part, { ...(options.updateKey ? { updateKey: options.updateKey } : {}), dryRun: options.dryRun });
      outcome.added += Number(r.added);
      outcome.updated += Number(r.updated);
    } catch (error) {
      const problems = rowProblems(error, start);
      if (problems.length === 0) return { ...outcome, error, failedAt: start };
      outcome.problems.push(...problems);
      // A real import stops at the first refused request; a dry run checks every part.
      if (!options.dryRun) return { ...outcome, failedAt: start };
    }
    onProgress(Math.min(start + ROWS_PER_REQUEST, records.length), records.length);
  }
  return outcome;
}

function rowProblems(error: unknown, offset: number): RowProblem[] {
  if (!isApiError(error) || !error.errors) return [];
  const problems: RowProblem[] = [];
  for (const [key, { messages }] of Object.entries(error.errors)) {
    const target = parseErrorKey(key);
    if (target?.record !== undefined) problems.push({ row: offset + target.record + 2, field: target.field, messages });
  }
  return problems.sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));
}

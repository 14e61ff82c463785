// Setting one field to one value on many records: the ids are collected first (through a
// cursor, so a filter on the field being changed cannot make records slip past the paging),
// then updated 100 at a time (kintone's PUT records.json maximum; each batch is one server
// transaction, so a failing batch changes none of its records). Progress is reported after
// every batch; an abort stops before the next one.
import type { KintoneRecord, WriteRecord } from "../../api/types";


export const BATCH_SIZE = 100;
const CURSOR_SIZE = 500;

/** The part of the API client the bulk update needs (a fake in unit tests). */
export interface BulkApi {
  createCursor(app: string, params: { fields?: string[]; query?: string; size?: number }): Promise<{ id: string; totalCount: string }>;
  readCursor(id: string): Promise<{ records: KintoneRecord[]; next: boolean }>;
  deleteCursor(id: string): Promise<object>;
  updateRecords(app: string, records: Array<{ id: string; record: WriteRecord }>): Promise<unknown>;
}

export interface BulkProgress {
  phase: "collecting" | "updating";
  done: number;
  total: number;
}

export interface BulkResult {
  updated: number;
  total: number;
  aborted: boolean;
  /** The failing batch's error; the records of that batch and after it are unchanged. */
  error?: unknown;
  failedIds?: string[];
}

/** Every record id matching `condition` (a query without order/limit), oldest first. */
export async function collectIds(api: BulkApi, app: string, condition: string, onProgress: (p: BulkProgress) => void, signal?: AbortSignal): Promise<string[]> {
  const query = `${condition.trim() === "" ? "" : `${condition} `}order by $id asc`;
  const cursor = await api.createCursor(app, { fields: ["$id"], query, size: CURSOR_SIZE });
  const total = Number(cursor.totalCount);
  const ids: string[] = [];
  try {
    for (;;) {
      if (signal?.aborted) break;
      const page = await api.readCursor(cursor.id);
      for (const r of page.records) ids.push(String(r.$id?.value));
      onProgress({ phase: "collecting", done: ids.length, total });
      if (!page.next) return ids;
    }
  } catch (e) {
    await api.deleteCursor(cursor.id).catch(() => undefined);
    throw e;
  }
  // Aborted with the cursor still open: release it on the server.
  await api.deleteCursor(cursor.id).catch(() => undefined);
  return ids;
}

export async function updateAll(
  api: BulkApi,
  app: string,
  ids: readonly string[],
  record: WriteRecord,
  onProgress: (p: BulkProgress) => void,
  signal?: AbortSignal,
): Promise<BulkResult> {
  let updated = 0;
  onProgress({ phase: "updating", done: 0, total: ids.length });
  for (let start = 0; start < ids.length; start += BATCH_SIZE) {
    if (signal?.aborted) return { updated, total: ids.length, aborted: true };
    const batch = ids.slice(start, start + BATCH_SIZE);
    try {
      await api.updateRecords(app, batch.map((id) => ({ id, record })));
    } catch (error) {
      return { updated, total: ids.length, aborted: false, error, failedIds: batch };
    }
    updated += batch.length;
    onProgress({ phase: "updating", done: updated, total: ids.length });
  }
  return { updated, total: ids.length, aborted: false };
}

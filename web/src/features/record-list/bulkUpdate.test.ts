import { describe, expect, it } from "vitest";
import type { KintoneRecord } from "../../api/types";
import { collectIds, updateAll, type BulkApi, type BulkProgress } from "./bulkUpdate";

// An in-memory app of `n` records whose cursor hands out `pageSize` ids at a time.
function fakeApi(n: number, { pageSize = 500, failOn }: { pageSize?: number; failOn?: string } = {}) {
  const ids = Array.from({ length: n }, (_, i) => String(i + 1));
  const calls = { queries: [] as string[], updates: [] as string[][], deleted: [] as string[] };
  let read = 0;
  const api: BulkApi = {
    async createCursor(_app, params) {
      calls.queries.push(params.query ?? "");
      return { id: "c1", totalCount: String(n) };
    },
    async readCursor() {
      const page = ids.slice(read, read + pageSize);
      read += page.length;
      return { records: page.map((id): KintoneRecord => ({ $id: { type: "__ID__", value: id } })), next: read < n };
    },
    async deleteCursor(id) {
      calls.deleted.push(id);
      return {};
    },
    async updateRecords(_app, records) {
      const batch = records.map((r) => r.id);
      if (failOn && batch.includes(failOn)) throw new Error("CB_VA01");
      calls.updates.push(batch);
      return { records: [] };
    },
  };
  return { api, calls };
}

describe("collectIds", () => {
  it("reads every id through the cursor in id order, reporting progress", async () => {
    const { api, calls } = fakeApi(1_201);
    const progress: BulkProgress[] = [];
    const ids = await collectIds(api, "1", 'status in ("受付")', (p) => progress.push(p));
    expect(ids).toHaveLength(1_201);
    expect(ids[0]).toBe("1");
    expect(calls.queries).toEqual(['status in ("受付") order by $id asc']);
    expect(progress.map((p) => p.done)).toEqual([500, 1_000, 1_201]);
    expect(progress.every((p) => p.total === 1_201 && p.phase === "collecting")).toBe(true);
  });

  it("without a condition orders all records; an abort releases the cursor", async () => {
    const { api, calls } = fakeApi(2_000);
    const abort = new AbortController();
    const ids = await collectIds(api, "1", "  ", () => abort.abort(), abort.signal);
    expect(calls.queries).toEqual(["order by $id asc"]);
    expect(ids).toHaveLength(500);
    expect(calls.deleted).toEqual(["c1"]);
  });
});

describe("updateAll", () => {
  const record = { state: { value: "完了" } };

  it("updates in batches of 100 and reports each", async () => {
    const { api, calls } = fakeApi(0);
    const ids = Array.from({ length: 250 }, (_, i) => String(i + 1));
    const done: number[] = [];
    const result = await updateAll(api, "1", ids, record, (p) => done.push(p.done));
    expect(calls.updates.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(done).toEqual([0, 100, 200, 250]);
    expect(result).toEqual({ updated: 250, total: 250, aborted: false });
  });

  it("stops at the first failing batch and names its records", async () => {
    const { api, calls } = fakeApi(0, { failOn: "150" });
    const ids = Array.from({ length: 300 }, (_, i) => String(i + 1));
    const result = await updateAll(api, "1", ids, record, () => undefined);
    expect(calls.updates).toHaveLength(1);
    expect(result.updated).toBe(100);
    expect(result.failedIds?.[0]).toBe("101");
    expect(result.failedIds).toHaveLength(100);
    expect(String(result.error)).toContain("CB_VA01");
  });

  it("an abort stops before the next batch", async () => {
    const { api, calls } = fakeApi(0);
    const abort = new AbortController();
    const ids = Array.from({ length: 300 }, (_, i) => String(i + 1));
    const result = await updateAll(api, "1", ids, record, (p) => { if (p.done === 100) abort.abort(); }, abort.signal);
    expect(calls.updates).toHaveLength(1);
    expect(result).toEqual({ updated: 100, total: 300, aborted: true });
  });
});

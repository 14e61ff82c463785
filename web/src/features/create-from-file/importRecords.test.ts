import { describe, expect, it, vi } from "vitest";
import type { ApiClient } from "../../api/client";
import { KintoneApiError } from "../../api/errors";
import type { ColumnGuess } from "../../lib/inferType";
import { ImportFailed, importRecords, recordsFor } from "./importRecords";

const columns: ColumnGuess[] = [
  { label: "氏名", code: "氏名", type: "SINGLE_LINE_TEXT", options: [], samples: [] },
  { label: "金額", code: "金額", type: "NUMBER", options: [], samples: [] },
];

describe("recordsFor", () => {
  it("converts cells and leaves empty cells out so defaults apply", () => {
    expect(recordsFor(columns, [["山田", "1,000"], ["佐藤", ""]])).toEqual([
      { 氏名: { value: "山田" }, 金額: { value: "1000" } },
      { 氏名: { value: "佐藤" } },
    ]);
  });
});

describe("importRecords", () => {
  it("adds in batches of 100 and reports progress", async () => {
    let next = 1;
    const addRecords = vi.fn(async (_app: string, batch: unknown[]) => {
      const ids = batch.map(() => String(next++));
      return { ids, revisions: ids.map(() => "1") };
    });
    const progress: number[] = [];
    const ids = await importRecords({ addRecords } as unknown as ApiClient, "1", Array.from({ length: 250 }, () => ({})), (done) => progress.push(done));
    expect(addRecords).toHaveBeenCalledTimes(3);
    expect(ids).toHaveLength(250);
    expect(progress).toEqual([0, 100, 200, 250]);
  });

  it("deletes what it added when a batch fails and names the sheet rows at fault", async () => {
    const addRecords = vi
      .fn()
      .mockResolvedValueOnce({ ids: Array.from({ length: 100 }, (_, i) => String(i + 1)), revisions: [] })
      .mockRejectedValueOnce(new KintoneApiError(400, "CB_VA01", "入力内容が正しくありません。", "x", { "records[3].金額.value": { messages: ["数字でなければなりません。"] } }));
    const deleteRecords = vi.fn(async () => ({}));
    const api = { addRecords, deleteRecords } as unknown as ApiClient;
    const error = await importRecords(api, "1", Array.from({ length: 150 }, () => ({})), () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFailed);
    expect((error as ImportFailed).problems).toEqual([{ row: 105, field: "金額", messages: ["数字でなければなりません。"] }]);
    expect(deleteRecords).toHaveBeenCalledWith("1", expect.arrayContaining(["1", "100"]));
  });
});

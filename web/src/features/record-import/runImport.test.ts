import { expect, it } from "vitest";
import { KintoneApiError } from "../../api/errors";
import { ROWS_PER_REQUEST, runImport, type ImportApi } from "./runImport";

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ name: { value: `r${i}` } }));

function fake(fail?: (start: number) => Error | undefined) {
  const calls: Array<{ size: number; dryRun?: boolean; updateKey?: string }> = [];
  let start = 0;
  const api: ImportApi = {
    async importRecords(_app, records, options) {
      calls.push({ size: records.length, ...options });
      const error = fail?.(start);
      start += records.length;
      if (error) throw error;
      return { added: String(records.length), updated: "0" };
    },
  };
  return { api, calls };
}

it("sends a file in requests of at most 10,000 rows and reports progress per request", async () => {
  const { api, calls } = fake();
  const progress: number[] = [];
  const out = await runImport(api, "1", rows(ROWS_PER_REQUEST + 5), { dryRun: false, updateKey: "no" }, (d) => progress.push(d));
  expect(calls.map((c) => c.size)).toEqual([ROWS_PER_REQUEST, 5]);
  expect(calls[0]).toMatchObject({ dryRun: false, updateKey: "no" });
  expect(progress).toEqual([0, ROWS_PER_REQUEST, ROWS_PER_REQUEST + 5]);
  expect(out).toEqual({ added: ROWS_PER_REQUEST + 5, updated: 0, problems: [] });
});

it("maps the server's row errors to sheet rows (header is row 1), across requests in a dry run", async () => {
  const { api } = fake((start) =>
    new KintoneApiError(400, "CB_VA01", "bad", "x", {
      "records[0].name.value": { messages: ["必須です。"] },
      ...(start === 0 ? { "records[3].amount.value": { messages: ["大きすぎます。"] } } : {}),
    }),
  );
  const out = await runImport(api, "1", rows(ROWS_PER_REQUEST + 1), { dryRun: true }, () => undefined);
  expect(out.problems).toEqual([
    { row: 2, field: "name", messages: ["必須です。"] },
    { row: 5, field: "amount", messages: ["大きすぎます。"] },
    { row: ROWS_PER_REQUEST + 2, field: "name", messages: ["必須です。"] },
  ]);
});

it("a real import stops at the first refused request; an error without rows is returned as is", async () => {
  const refused = fake(() => new KintoneApiError(400, "CB_VA01", "bad", "x", { "records[1].name.value": { messages: ["x"] } }));
  const out = await runImport(refused.api, "1", rows(ROWS_PER_REQUEST * 2), { dryRun: false }, () => undefined);
  expect(refused.calls).toHaveLength(1);
  expect(out.failedAt).toBe(0);
  const denied = fake(() => new KintoneApiError(403, "CB_NO02", "no", "x"));
  const d = await runImport(denied.api, "1", rows(3), { dryRun: false }, () => undefined);
  expect(d.error).toBeInstanceOf(KintoneApiError);
  expect(d.problems).toEqual([]);
});

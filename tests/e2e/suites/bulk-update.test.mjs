// Bulk update from the record list: every record matching the list's search (more than one
// 100-record batch), the ticked records only, and a value the server refuses — shown with the
// records it concerns while nothing of the refused batch changes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, startServer } from "../lib/server.mjs";
import { launch, screenshot, signIn } from "../lib/browser.mjs";
import { callApi, createAppByApi, pick } from "../lib/apps.mjs";

const server = await startServer();
const { page, consoleErrors } = await launch();
let app;

const opts = (...names) => Object.fromEntries(names.map((n, i) => [n, { label: n, index: String(i) }]));
const properties = {
  氏名: { type: "SINGLE_LINE_TEXT", code: "氏名", label: "氏名" },
  状況: { type: "DROP_DOWN", code: "状況", label: "状況", options: opts("受付", "審査中", "完了") },
  点数: { type: "NUMBER", code: "点数", label: "点数", maxValue: "100" },
};

async function allRecords() {
  const out = [];
  for (let offset = 0; ; offset += 500) {
    const r = await callApi(page, "GET", "records.json", { app, query: `order by $id asc limit 500 offset ${offset}` });
    out.push(...r.body.records);
    if (r.body.records.length < 500) return out;
  }
}

const dialog = () => page.getByRole("dialog", { name: "レコードの一括更新" });

test("every record the search matches is updated in batches, with progress and a result", async () => {
  await signIn(page, server.baseUrl, ADMIN);
  app = await createAppByApi(page, "一括更新", properties);
  for (let start = 0; start < 300; start += 100) {
    const records = Array.from({ length: 100 }, (_, i) => ({
      氏名: { value: `${(start + i) % 3 === 0 ? "北区" : "南区"} ${start + i + 1}` },
      状況: { value: "受付" },
    }));
    assert.equal((await callApi(page, "POST", "records.json", { app, records })).status, 200);
  }
  await page.goto(`${server.baseUrl}/apps/${app}`);
  await page.getByTestId("record-total").filter({ hasText: "300 件" }).waitFor();
  await page.getByTestId("record-search").locator("input").fill("北区");
  await page.keyboard.press("Enter");
  await page.getByTestId("record-total").filter({ hasText: /^100 件$/ }).waitFor();

  await page.getByRole("button", { name: "一括更新" }).click();
  await dialog().waitFor();
  // Nothing ticked: only "all matching" can be chosen, and it is.
  assert.equal(await dialog().getByLabel("選択した 0 件").isDisabled(), true);
  assert.equal(await dialog().getByLabel(/一致する 100 件すべて/).isChecked(), true);
  await pick(page, "フィールド", "状況");
  await pick(page, "新しい値", "完了");
  await dialog().getByRole("button", { name: "次へ" }).click();
  await dialog().getByTestId("bulk-confirm").filter({ hasText: "100 件のレコードの「状況」を次の値に変更します" }).waitFor();
  await screenshot(page, "bulk-update-confirm");
  await dialog().getByTestId("bulk-run").click();
  await dialog().getByTestId("bulk-result").filter({ hasText: "100 件のレコードを更新しました。" }).waitFor();
  assert.match(await dialog().getByTestId("bulk-progress").innerText(), /100 \/ 100 件/);
  await screenshot(page, "bulk-update-done");
  await dialog().locator(".ant-modal-footer").getByRole("button", { name: "閉じる" }).click();
  await dialog().waitFor({ state: "detached" });

  const records = await allRecords();
  const changed = records.filter((r) => r.状況.value === "完了");
  assert.equal(changed.length, 100);
  assert.ok(changed.every((r) => r.氏名.value.startsWith("北区")));
});

test("only the ticked records change when some are selected", async () => {
  await page.getByTestId("record-search").locator("input").fill("南区");
  await page.keyboard.press("Enter");
  await page.getByTestId("record-total").filter({ hasText: /^200 件$/ }).waitFor();
  const rows = page.locator(".ant-table-tbody tr.ant-table-row");
  await rows.nth(0).locator(".ant-checkbox-input").check();
  await rows.nth(1).locator(".ant-checkbox-input").check();
  await page.getByRole("button", { name: "一括更新" }).click();
  assert.equal(await dialog().getByLabel("選択した 2 件").isChecked(), true);
  await pick(page, "フィールド", "点数");
  await dialog().getByLabel("新しい値").fill("80");
  await dialog().getByRole("button", { name: "次へ" }).click();
  await dialog().getByTestId("bulk-run").click();
  await dialog().getByTestId("bulk-result").filter({ hasText: "2 件のレコードを更新しました。" }).waitFor();
  await dialog().locator(".ant-modal-footer").getByRole("button", { name: "閉じる" }).click();
  const scored = (await allRecords()).filter((r) => r.点数.value === "80");
  assert.equal(scored.length, 2);
});

test("a value the server refuses stops the update and names the records; nothing of that batch changes", async () => {
  await page.getByTestId("record-search").locator("input").fill("");
  await page.keyboard.press("Enter");
  await page.getByTestId("record-total").filter({ hasText: /^300 件$/ }).waitFor();
  await page.getByRole("button", { name: "一括更新" }).click();
  await pick(page, "フィールド", "点数");
  await dialog().getByLabel("新しい値").fill("500");
  await dialog().getByRole("button", { name: "次へ" }).click();
  await dialog().getByTestId("bulk-run").click();
  const result = dialog().getByTestId("bulk-result");
  await result.filter({ hasText: "300 件のうち 0 件を更新したところでエラーになりました" }).waitFor();
  assert.match(await result.innerText(), /#1 ～ #100/);
  assert.match(await dialog().getByTestId("bulk-errors").innerText(), /#1: /);
  await screenshot(page, "bulk-update-error");
  await dialog().locator(".ant-modal-footer").getByRole("button", { name: "閉じる" }).click();
  assert.ok((await allRecords()).every((r) => r.点数.value !== "500"));
  assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource/.test(e)), []);
});

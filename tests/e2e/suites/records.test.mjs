// Record list (paging, sorting, search) and the record form (every widget, server errors,
// revision conflict, duplicate, delete).
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
  氏名: { type: "SINGLE_LINE_TEXT", code: "氏名", label: "氏名", required: true },
  金額: { type: "NUMBER", code: "金額", label: "金額", unit: "円", unitPosition: "AFTER", digit: true },
  状況: { type: "DROP_DOWN", code: "状況", label: "状況", options: opts("受付", "審査中", "完了") },
  種別: { type: "RADIO_BUTTON", code: "種別", label: "種別", options: opts("新規", "更新"), defaultValue: "新規" },
  確認: { type: "CHECK_BOX", code: "確認", label: "確認", options: opts("本人確認", "書類確認") },
  申請日: { type: "DATE", code: "申請日", label: "申請日" },
  受付時刻: { type: "TIME", code: "受付時刻", label: "受付時刻" },
  サイト: { type: "LINK", code: "サイト", label: "サイト", protocol: "WEB" },
  メモ: { type: "MULTI_LINE_TEXT", code: "メモ", label: "メモ" },
  添付: { type: "FILE", code: "添付", label: "添付" },
  明細: {
    type: "SUBTABLE", code: "明細", label: "明細",
    fields: { 品名: { type: "SINGLE_LINE_TEXT", code: "品名", label: "品名" }, 数量: { type: "NUMBER", code: "数量", label: "数量" } },
  },
};
const families = ["佐藤", "鈴木", "高橋", "田中", "伊藤"];

test("the list pages through all records with the total count", async () => {
  await signIn(page, server.baseUrl, ADMIN);
  app = await createAppByApi(page, "給付金申請", properties);
  const records = Array.from({ length: 25 }, (_, i) => ({
    氏名: { value: `${families[i % 5]} ${i + 1}` },
    金額: { value: String((i + 1) * 1000) },
    状況: { value: ["受付", "審査中", "完了"][i % 3] },
  }));
  records[7].氏名.value = "山田 花子";
  const added = await callApi(page, "POST", "records.json", { app, records });
  assert.equal(added.status, 200);
  await page.goto(`${server.baseUrl}/apps/${app}`);
  await page.getByTestId("record-total").filter({ hasText: "25 件" }).waitFor();
  assert.equal(await page.locator(".ant-table-tbody tr.ant-table-row").count(), 20);
  await page.locator(".ant-pagination-item-2").click();
  await page.locator(".ant-table-tbody tr.ant-table-row").nth(4).waitFor();
  assert.equal(await page.locator(".ant-table-tbody tr.ant-table-row").count(), 5);
  await page.locator(".ant-pagination-item-1").click();
});

test("clicking a column header sorts on the server", async () => {
  await page.locator("th", { hasText: "金額" }).click();
  await page.locator(".ant-table-tbody tr.ant-table-row").first().filter({ hasText: "1,000円" }).waitFor();
  await page.locator("th", { hasText: "金額" }).click();
  await page.locator(".ant-table-tbody tr.ant-table-row").first().filter({ hasText: "25,000円" }).waitFor();
});

test("keyword search finds records by their text fields", async () => {
  await page.getByTestId("record-search").locator("input").fill("山田");
  await page.keyboard.press("Enter");
  await page.getByTestId("record-total").filter({ hasText: "1 件" }).waitFor();
  assert.match(await page.locator(".ant-table-tbody").innerText(), /山田 花子/);
  await page.mouse.move(0, 0);
  await screenshot(page, "record-list");
  await page.getByTestId("record-search").locator("input").fill("");
  await page.keyboard.press("Enter");
  await page.getByTestId("record-total").filter({ hasText: "25 件" }).waitFor();
});

test("the filter panel narrows the list by conditions on fields", async () => {
  await page.getByRole("button", { name: "絞り込み" }).click();
  await pick(page, "条件 1 のフィールド", "状況");
  await pick(page, "条件 1 の値", "完了");
  await page.keyboard.press("Escape");
  await page.getByTestId("filter-panel").getByRole("button", { name: "適用" }).click();
  await page.getByTestId("record-total").filter({ hasText: /^8 件$/ }).waitFor();
  await page.getByRole("button", { name: "絞り込み" }).click();
  await page.getByTestId("filter-panel").getByRole("button", { name: "条件を追加" }).click();
  await pick(page, "条件 2 のフィールド", "金額");
  await pick(page, "条件 2 の演算子", "以上");
  await page.getByLabel("条件 2 の値").fill("20000");
  await page.waitForTimeout(400);
  await screenshot(page, "record-filter");
  await page.getByTestId("filter-panel").getByRole("button", { name: "適用" }).click();
  await page.getByTestId("record-total").filter({ hasText: /^2 件$/ }).waitFor();
  assert.deepEqual((await page.locator(".ant-table-tbody tr.ant-table-row td:nth-child(5)").allInnerTexts()).sort(), ["21,000円", "24,000円"]);
  await page.getByRole("button", { name: "絞り込み" }).click();
  await page.getByTestId("filter-panel").getByRole("button", { name: "クリア" }).click();
  await page.getByTestId("record-total").filter({ hasText: /^25 件$/ }).waitFor();
});

test("server validation errors appear next to the fields they concern", async () => {
  await page.getByRole("button", { name: "レコードを追加" }).click();
  await page.waitForURL(/\/records\/new$/);
  await page.getByTestId("record-save").waitFor();
  await page.getByLabel("金額").fill("abc");
  await page.getByTestId("record-save").click();
  await page.getByTestId("field-氏名").getByRole("alert").filter({ hasText: "必須です。" }).waitFor();
  await page.getByTestId("field-金額").getByRole("alert").filter({ hasText: "数字でなければなりません。" }).waitFor();
});

test("a new record can be filled with every kind of widget and saved", async () => {
  await page.getByLabel("氏名").fill("渡辺 一郎");
  await page.getByLabel("金額").fill("１２０００");
  await page.getByLabel("状況").click();
  await page.locator(".ant-select-item-option", { hasText: "審査中" }).click();
  await page.getByTestId("field-種別").getByText("更新").click();
  await page.getByTestId("field-確認").getByText("本人確認").click();
  await page.getByLabel("申請日").fill("2026-04-01");
  await page.keyboard.press("Enter");
  await page.getByLabel("受付時刻").fill("09:30");
  await page.keyboard.press("Enter");
  await page.getByLabel("サイト").fill("https://example.jp/form");
  await page.getByLabel("メモ").fill("窓口で受付\n書類あり");
  await page.getByTestId("field-添付").locator("input[type=file]").setInputFiles({ name: "申請書.txt", mimeType: "text/plain", buffer: Buffer.from("申請書の中身") });
  await page.getByTestId("field-添付").getByRole("button", { name: "申請書.txt をダウンロード" }).waitFor();
  await page.getByLabel("品名 1 行目").fill("書類");
  await page.getByLabel("数量 1 行目").fill("2");
  await page.getByRole("button", { name: "行を追加" }).first().click();
  await page.getByLabel("品名 2 行目").fill("写真");
  await page.getByLabel("数量 2 行目").fill("1");
  // A third row moved to the top from the keyboard: the focus stays with the moving row.
  await page.getByRole("button", { name: "行を追加" }).nth(1).click();
  await page.getByLabel("品名 3 行目").fill("封筒");
  await page.getByLabel("数量 3 行目").fill("5");
  await page.getByRole("button", { name: "3 行目を上へ移動" }).focus();
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-label")), "2 行目を上へ移動");
  await page.keyboard.press("Enter");
  assert.equal(await page.getByLabel("品名 1 行目").inputValue(), "封筒");
  assert.equal(await page.getByRole("button", { name: "1 行目を上へ移動" }).isDisabled(), true);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, "record-form");
  await page.getByTestId("record-save").click();
  await page.waitForURL(/\/records\/\d+$/);
  await page.getByText("保存しました。").last().waitFor();
  const id = page.url().match(/records\/(\d+)$/)[1];
  const { body } = await callApi(page, "GET", "record.json", { app, id });
  const r = body.record;
  assert.equal(r.金額.value, "12000");
  assert.equal(r.状況.value, "審査中");
  assert.equal(r.種別.value, "更新");
  assert.deepEqual(r.確認.value, ["本人確認"]);
  assert.equal(r.申請日.value, "2026-04-01");
  assert.equal(r.受付時刻.value, "09:30");
  assert.equal(r.添付.value[0].name, "申請書.txt");
  assert.deepEqual(r.明細.value.map((row) => [row.value.品名.value, row.value.数量.value]), [["封筒", "5"], ["書類", "2"], ["写真", "1"]]);
  await page.getByTestId("field-金額").getByText("12,000円").waitFor();
  await page.getByRole("link", { name: "https://example.jp/form" }).waitFor();
});

test("a revision conflict offers a reload that keeps what was typed", async () => {
  const id = page.url().match(/records\/(\d+)$/)[1];
  await page.getByRole("button", { name: "編集" }).click();
  await page.getByLabel("メモ").fill("電話で確認済み");
  const other = await callApi(page, "PUT", "record.json", { app, id, record: { 金額: { value: "15000" } } });
  assert.equal(other.status, 200);
  await page.getByTestId("record-save").click();
  await page.getByText("ほかの人がこのレコードを更新しました").waitFor();
  await page.getByRole("button", { name: "入力を残して再読み込み" }).click();
  await page.getByText("再読み込みしました。").waitFor();
  assert.equal(await page.getByLabel("メモ").inputValue(), "電話で確認済み");
  assert.equal(await page.getByLabel("金額").inputValue(), "15000");
  await page.getByTestId("record-save").click();
  await page.locator(".page-header").getByRole("button", { name: "編集" }).waitFor();
  const { body } = await callApi(page, "GET", "record.json", { app, id });
  assert.equal(body.record.メモ.value, "電話で確認済み");
  assert.equal(body.record.金額.value, "15000");
});

test("duplicating a record prefills a new one, and a record can be deleted", async () => {
  await page.getByRole("button", { name: "再利用" }).click();
  await page.waitForURL(/\/records\/new$/);
  await page.getByTestId("record-save").waitFor();
  assert.equal(await page.getByLabel("氏名").inputValue(), "渡辺 一郎");
  await page.getByLabel("氏名").fill("渡辺 二郎");
  await page.getByTestId("record-save").click();
  await page.waitForURL(/\/records\/\d+$/);
  await page.locator(".page-header").getByRole("button", { name: "削除" }).click();
  await page.locator(".ant-popconfirm").getByRole("button", { name: "削除" }).click();
  await page.waitForURL(new RegExp(`/apps/${app}$`));
  await page.getByTestId("record-total").filter({ hasText: "26 件" }).waitFor();
  assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource/.test(e)), []);
});

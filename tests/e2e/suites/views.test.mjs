// Saved views: the view editor (columns and their order, filter from the condition
// builder, multi-key sort reordered by keyboard), switching views, the list's own sort of
// several keys, a calendar view, and the same in English and at 200 % zoom. Views are stored
// through preview/app/views.json and deployed. Only who may manage the app is offered to
// change views; others still switch views and sort the list.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, startServer } from "../lib/server.mjs";
import { launch, screenshot, signIn } from "../lib/browser.mjs";
import { callApi, createAppByApi, onlyAdminManages, pick } from "../lib/apps.mjs";
import { expectNoAxeViolations } from "../lib/axe.mjs";
import { sideways } from "../lib/layout.mjs";

const server = await startServer();
const { page, context, consoleErrors } = await launch();
let app;

const opts = (...names) => Object.fromEntries(names.map((n, i) => [n, { label: n, index: String(i) }]));
const month = new Date().toISOString().slice(0, 7);
const rows = () => page.locator(".ant-table-tbody tr.ant-table-row");
const headers = () => page.locator(".ant-table-thead th").allInnerTexts();
const focusedLabel = () => page.evaluate(() => document.activeElement?.getAttribute("aria-label"));

test("a new view keeps chosen columns in order, a filter and a two-key sort", async () => {
  await signIn(page, server.baseUrl, ADMIN);
  app = await createAppByApi(page, "訪問記録", {
    氏名: { type: "SINGLE_LINE_TEXT", code: "氏名", label: "氏名" },
    訪問日: { type: "DATE", code: "訪問日", label: "訪問日" },
    状況: { type: "DROP_DOWN", code: "状況", label: "状況", options: opts("受付", "対応中", "完了") },
    件数: { type: "NUMBER", code: "件数", label: "件数" },
  });
  const records = [
    ["佐藤", "05", "受付", "3"], ["鈴木", "12", "完了", "1"], ["高橋", "12", "受付", "2"], ["田中", "20", "対応中", "5"], ["伊藤", "28", "受付", "4"],
  ].map(([氏名, day, 状況, 件数]) => ({ 氏名: { value: 氏名 }, 訪問日: { value: `${month}-${day}` }, 状況: { value: 状況 }, 件数: { value: 件数 } }));
  assert.equal((await callApi(page, "POST", "records.json", { app, records })).status, 200);
  await page.goto(`${server.baseUrl}/apps/${app}`);
  await page.getByTestId("record-total").filter({ hasText: "5 件" }).waitFor();

  await page.getByRole("button", { name: "ビューを追加" }).click();
  const editor = page.getByTestId("view-editor");
  await editor.getByLabel("ビュー名").fill("受付中");
  // Columns with the keyboard: drop 件数, move 状況 before 訪問日.
  await editor.getByRole("button", { name: "列 件数 を外す" }).focus();
  await page.keyboard.press("Enter");
  await editor.getByRole("button", { name: "状況 を左へ移動" }).focus();
  await page.keyboard.press("Enter");
  assert.deepEqual(await editor.locator(".column-list li").allInnerTexts(), ["レコード番号", "氏名", "状況", "訪問日"]);
  await editor.getByRole("button", { name: "条件を追加" }).click();
  await pick(page, "条件 1 のフィールド", "状況");
  await pick(page, "条件 1 の値", "受付");
  await page.keyboard.press("Escape");
  await editor.getByRole("button", { name: "並び順を追加" }).click();
  await pick(page, "並び順のフィールド 1", "訪問日");
  await pick(page, "並び順の向き 1", "降順");
  await editor.getByRole("button", { name: "並び順を追加" }).click();
  await pick(page, "並び順のフィールド 2", "氏名");
  // Reordered with the keyboard: the focus follows the key (at the top its up button is
  // off, so the focus lands on its down button) and Enter moves it back.
  const sortFields = () => editor.getByTestId("view-sort").locator(".ant-select").allInnerTexts();
  await editor.getByRole("button", { name: "並び順 2 を上へ移動" }).focus();
  await page.keyboard.press("Enter");
  assert.deepEqual(await sortFields(), ["氏名", "昇順", "訪問日", "降順"]);
  assert.equal(await focusedLabel(), "並び順 1 を下へ移動");
  await page.keyboard.press("Enter");
  assert.deepEqual(await sortFields(), ["訪問日", "降順", "氏名", "昇順"]);
  assert.equal(await focusedLabel(), "並び順 2 を上へ移動");
  await page.waitForTimeout(400);
  await screenshot(page, "view-editor");
  await page.getByTestId("view-save").click();
  await page.getByText("ビューを保存しました。").last().waitFor();
  await page.getByTestId("record-total").filter({ hasText: "3 件" }).waitFor();
  assert.match(page.url(), /\?view=\d+/);
  assert.deepEqual((await headers()).filter((h) => h.trim() !== "").slice(-4), ["レコード番号", "氏名", "状況", "訪問日"]);
  assert.deepEqual(await rows().locator("td:nth-child(4)").allInnerTexts(), ["伊藤", "高橋", "佐藤"]);

  const { body } = await callApi(page, "GET", "app/views.json", { app });
  const view = body.views["受付中"];
  assert.equal(view.type, "LIST");
  assert.equal(view.filterCond, '状況 in ("受付")');
  assert.equal(view.sort, "訪問日 desc, 氏名 asc");
  assert.deepEqual(view.fields, ["レコード番号", "氏名", "状況", "訪問日"]);
});

test("the editor reopens a saved view with its conditions in the builder", async () => {
  await page.getByRole("button", { name: "ビューを編集" }).click();
  const editor = page.getByTestId("view-editor");
  assert.equal(await editor.getByLabel("ビュー名").inputValue(), "受付中");
  await editor.getByTestId("condition-editor").getByText("状況").first().waitFor();
  assert.match(await editor.getByTestId("condition-editor").innerText(), /受付/);
  await editor.getByLabel("ビュー名").fill("");
  await page.getByTestId("view-save").click();
  await editor.getByText("ビュー名を入力してください。").waitFor();
  await editor.getByLabel("ビュー名").fill("受付中");
  await page.getByRole("button", { name: "キャンセル" }).click();
});

test("a filter the query language refuses is reported, not saved", async () => {
  await callApi(page, "PUT", "preview/app/views.json", {
    app,
    views: {
      受付中: { type: "LIST", index: "0", name: "受付中", filterCond: '状況 in ("受付")', sort: "訪問日 desc, 氏名 asc", fields: ["レコード番号", "氏名", "状況", "訪問日"] },
      今月: { type: "LIST", index: "1", name: "今月", filterCond: "訪問日 = THIS_MONTH()", sort: "", fields: ["氏名", "訪問日"] },
    },
  });
  await callApi(page, "POST", "preview/app/deploy.json", { apps: [{ app }] });
  await page.reload();
  await pick(page, "ビュー", "今月");
  await page.getByTestId("record-total").filter({ hasText: "5 件" }).waitFor();
  await page.getByRole("button", { name: "ビューを編集" }).click();
  const editor = page.getByTestId("view-editor");
  const text = editor.getByLabel("条件（クエリの文字列）");
  assert.equal(await text.inputValue(), "訪問日 = THIS_MONTH()");
  await text.fill("訪問日 = ");
  await page.getByTestId("view-save").click();
  await editor.getByRole("alert").filter({ hasText: "この条件または並び順は使えません" }).waitFor();
  await page.getByRole("button", { name: "キャンセル" }).click();
  const { body } = await callApi(page, "GET", "app/views.json", { app });
  assert.equal(body.views["今月"].filterCond, "訪問日 = THIS_MONTH()");
});

test("switching views changes the records and columns shown", async () => {
  await pick(page, "ビュー", "受付中");
  await page.getByTestId("record-total").filter({ hasText: "3 件" }).waitFor();
  await pick(page, "ビュー", "今月");
  await page.getByTestId("record-total").filter({ hasText: "5 件" }).waitFor();
  assert.deepEqual((await headers()).filter((h) => h.trim() !== "").slice(-2), ["氏名", "訪問日"]);
});

// 今月 has no sort of its own. Records: 佐藤 05 (3), 鈴木 12 (1), 高橋 12 (2), 田中 20 (5),
// 伊藤 28 (4); ties go newest first.
test("the list's sort panel sorts by several keys, reordered and removed by keyboard, and goes back to the view's order", async () => {
  const panel = page.getByTestId("sort-panel");
  const open = async () => {
    await page.getByTestId("sort-button").click();
    await panel.waitFor();
  };
  const apply = async (expected) => {
    await panel.getByRole("button", { name: "適用" }).click();
    await panel.waitFor({ state: "hidden" });
    await page.waitForFunction((want) => [...document.querySelectorAll(".ant-table-tbody tr.ant-table-row td:nth-child(3)")].map((td) => td.innerText).join() === want, expected.join());
  };
  await open();
  await panel.getByRole("button", { name: "並び順を追加" }).click();
  await pick(page, "並び順のフィールド 1", "訪問日");
  await panel.getByRole("button", { name: "並び順を追加" }).click();
  await pick(page, "並び順のフィールド 2", "件数");
  await pick(page, "並び順の向き 2", "降順");
  await screenshot(page, "list-sort-panel");
  await expectNoAxeViolations(page, "list sort panel", { pointerAway: true });
  await apply(["佐藤", "高橋", "鈴木", "田中", "伊藤"]);
  // The header marks the first key.
  assert.equal(await page.getByRole("columnheader", { name: "訪問日" }).getAttribute("aria-sort"), "ascending");

  await open();
  await panel.getByRole("button", { name: "並び順 2 を上へ移動" }).focus();
  await page.keyboard.press("Enter");
  assert.equal(await focusedLabel(), "並び順 1 を下へ移動");
  await apply(["田中", "伊藤", "佐藤", "高橋", "鈴木"]);
  // 件数 is not a column of this view: no header is marked.
  assert.equal(await page.locator("th[aria-sort]").count(), 0);

  await open();
  await panel.getByRole("button", { name: "並び順 1 を削除" }).focus();
  await page.keyboard.press("Enter");
  await pick(page, "並び順の向き 1", "降順");
  await apply(["伊藤", "田中", "高橋", "鈴木", "佐藤"]);
  // A header click sorts by that column alone (descending turns ascending).
  await page.getByRole("columnheader", { name: "訪問日" }).click();
  await page.waitForFunction(() => [...document.querySelectorAll(".ant-table-tbody tr.ant-table-row td:nth-child(3)")].map((td) => td.innerText).join() === "佐藤,高橋,鈴木,田中,伊藤");
  await open();
  assert.equal(await panel.locator(".ant-select").count(), 2, "one key: its field and direction");
  await panel.getByRole("button", { name: "ビューの並び順" }).click();
  await page.waitForFunction(() => [...document.querySelectorAll(".ant-table-tbody tr.ant-table-row td:nth-child(3)")].map((td) => td.innerText).join() === "伊藤,田中,高橋,鈴木,佐藤");
  assert.equal(await page.locator("th[aria-sort]").count(), 0, "the view has no sort: no header is marked");
});

test("a calendar view places records on their day and links to them", async () => {
  await page.getByRole("button", { name: "ビューを追加" }).click();
  const editor = page.getByTestId("view-editor");
  await editor.getByLabel("ビュー名").fill("訪問予定");
  await editor.getByText("カレンダー", { exact: true }).click();
  await pick(page, "日付フィールド", "訪問日");
  await pick(page, "カレンダーに表示するタイトル", "氏名");
  await page.getByTestId("view-save").click();
  await page.getByText("ビューを保存しました。").last().waitFor();
  const calendar = page.getByTestId("calendar-view");
  await calendar.getByText("のレコード: 5件").waitFor();
  const day12 = calendar.locator(`td[title="${month}-12"]`);
  assert.deepEqual((await day12.locator(".calendar-items li").allInnerTexts()).sort(), ["鈴木", "高橋"].sort());
  await screenshot(page, "calendar-view");
  await calendar.getByRole("link", { name: "田中" }).focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/records\/\d+$/);
  await page.locator(".page-header").getByRole("button", { name: "編集" }).waitFor();
  await page.locator("main").getByText("田中", { exact: true }).waitFor();
  await page.goBack();
  await page.getByTestId("calendar-view").waitFor();
});

test("a view can be deleted for everyone", async () => {
  await page.getByRole("button", { name: "ビューを編集" }).click();
  await page.getByRole("button", { name: "ビューを削除" }).click();
  await page.locator(".ant-popconfirm").getByRole("button", { name: "削除" }).click();
  await page.getByText("ビューを削除しました。").last().waitFor();
  const { body } = await callApi(page, "GET", "app/views.json", { app });
  assert.deepEqual(Object.keys(body.views).sort(), ["今月", "受付中"].sort());
});

test("in English and at 200 % zoom the view editor and calendar fit and read", async () => {
  // The editor drawer hands focus back to its opener when it has closed; a select opened
  // before that would lose focus and close again.
  await page.getByTestId("view-editor").waitFor({ state: "hidden" });
  await page.getByLabel("表示言語").click();
  await page.locator(".ant-select-item-option", { hasText: "English" }).click();
  await page.setViewportSize({ width: 683, height: 450 });
  await page.goto(`${server.baseUrl}/apps/${app}`);
  await page.getByTestId("record-total").filter({ hasText: "3 records" }).waitFor();
  await page.getByRole("button", { name: "Edit view" }).click();
  const editor = page.getByTestId("view-editor");
  await editor.getByLabel("View name").waitFor();
  await editor.getByText("Match all conditions").waitFor();
  const box = await page.locator(".ant-drawer-content-wrapper").boundingBox();
  assert.ok(box.width <= 683, `drawer is ${box.width}px wide`);
  await screenshot(page, "view-editor-en-200pct");
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.getByTestId("view-editor").waitFor({ state: "hidden" });
  // The sort panel in English fits too.
  await page.getByTestId("sort-button").click();
  await page.getByTestId("sort-panel").getByText("Records are ordered by the first key").waitFor();
  await page.getByTestId("sort-panel").getByLabel("Sort field 1").waitFor();
  assert.equal(await sideways(page), null, "the sort panel fits 200 %");
  const panelBox = await page.getByTestId("sort-panel").boundingBox();
  assert.ok(panelBox.x >= 0 && panelBox.x + panelBox.width <= 683, `the sort panel spans ${panelBox.x}..${panelBox.x + panelBox.width}`);
  await screenshot(page, "list-sort-panel-en-200pct");
  await page.getByTestId("sort-button").click();
  await page.getByTestId("sort-panel").waitFor({ state: "hidden" });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `the list scrolls sideways by ${overflow}px`);
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.getByLabel("Language").click();
  await page.locator(".ant-select-item-option", { hasText: "日本語" }).click();
  assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource/.test(e)), []);
});

// Views are app settings saved for everyone: kintone shows their editing to app managers only,
// and the server refuses a save from anyone else.
test("a user who may not manage the app is not offered to edit or add views, yet switches views and sorts", async () => {
  const STAFF = { username: "kato", password: "Houmon-Kakari-2026", name: "加藤 次郎" };
  const viewButtons = ["ビューを編集", "ビューを追加"];
  assert.equal((await callApi(page, "POST", "/v1/users.json", { users: [{ code: STAFF.username, password: STAFF.password, name: STAFF.name }] })).status, 200);
  await onlyAdminManages(page, app);

  await context.clearCookies();
  await signIn(page, server.baseUrl, STAFF);
  await page.goto(`${server.baseUrl}/apps/${app}`);
  await page.getByTestId("record-total").filter({ hasText: "3 件" }).waitFor();
  // Hidden, not disabled: gone once the user's rights have loaded (a timeout if they stay).
  for (const name of viewButtons) await page.getByRole("button", { name }).waitFor({ state: "detached" });
  assert.equal(await page.getByRole("button", { name: "レコードを追加" }).count(), 1, "record rights still apply");
  await pick(page, "ビュー", "今月");
  await page.getByTestId("record-total").filter({ hasText: "5 件" }).waitFor();
  // The list's own sort changes this page only: offered to everyone.
  await page.getByRole("columnheader", { name: "訪問日" }).click();
  await page.waitForFunction(() => [...document.querySelectorAll(".ant-table-tbody tr.ant-table-row td:nth-child(3)")].map((td) => td.innerText).join() === "佐藤,高橋,鈴木,田中,伊藤");
  await page.getByTestId("sort-button").click();
  await page.getByTestId("sort-panel").waitFor();
  await page.getByTestId("sort-button").click();
  await page.getByTestId("sort-panel").waitFor({ state: "hidden" });
  for (const name of viewButtons) assert.equal(await page.getByRole("button", { name }).count(), 0, `${name} is not offered`);
  await screenshot(page, "views-restricted-user");
  await expectNoAxeViolations(page, "record list without the manage right", { pointerAway: true });

  // The app manager still has them.
  await context.clearCookies();
  await signIn(page, server.baseUrl, ADMIN);
  await page.goto(`${server.baseUrl}/apps/${app}`);
  await page.getByTestId("record-total").filter({ hasText: "3 件" }).waitFor();
  for (const name of viewButtons) await page.getByRole("button", { name }).waitFor();
  await expectNoAxeViolations(page, "record list of an app manager", { pointerAway: true });
  assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource/.test(e)), []);
});

// Inline edit of a list cell: keyboard, server validation message in place, and a clear
// revision conflict that keeps what was typed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, startServer } from "../lib/server.mjs";
import { launch, screenshot, signIn } from "../lib/browser.mjs";
import { callApi, createAppByApi } from "../lib/apps.mjs";

const server = await startServer();
const { page, consoleErrors } = await launch();
let app;
const editor = () => page.getByTestId("inline-editor");
const record = async (id) => (await callApi(page, "GET", "record.json", { app, id })).body.record;

test("a cell is edited in place with the keyboard and saved with the record's revision", async () => {
  await signIn(page, server.baseUrl, ADMIN);
  app = await createAppByApi(page, "備品台帳", {
    品名: { type: "SINGLE_LINE_TEXT", code: "品名", label: "品名", required: true },
    数量: { type: "NUMBER", code: "数量", label: "数量", maxValue: "100" },
    状態: { type: "DROP_DOWN", code: "状態", label: "状態", options: { 良好: { label: "良好", index: "0" }, 修理中: { label: "修理中", index: "1" } } },
  });
  const records = [["机", "10", "良好"], ["椅子", "20", "良好"]].map(([品名, 数量, 状態]) => ({ 品名: { value: 品名 }, 数量: { value: 数量 }, 状態: { value: 状態 } }));
  assert.equal((await callApi(page, "POST", "records.json", { app, records })).status, 200);
  await page.goto(`${server.baseUrl}/apps/${app}`);
  await page.getByTestId("record-total").filter({ hasText: "2 件" }).waitFor();
  await page.getByRole("button", { name: "レコード 1 の品名を編集" }).focus();
  await page.keyboard.press("Enter");
  await editor().getByLabel("品名").waitFor();
  // The editor moves focus into the field once it has opened (fails here if it never does).
  await page.waitForFunction(() => (document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.id) === "品名");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("事務机");
  await editor().getByRole("button", { name: "保存" }).click();
  await page.getByText("保存しました。").last().waitFor();
  await page.locator(".ant-table-row", { hasText: "事務机" }).waitFor();
  const saved = await record("1");
  assert.equal(saved.品名.value, "事務机");
  assert.equal(saved.$revision.value, "2");
});

test("Escape closes the editor without saving and returns focus to the cell", async () => {
  const button = page.getByRole("button", { name: "レコード 2 の状態を編集" });
  await button.click();
  await editor().getByRole("combobox", { name: "状態" }).click();
  await page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option", { hasText: "修理中" }).click();
  await editor().getByRole("combobox", { name: "状態" }).focus();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await editor().waitFor({ state: "detached" });
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "レコード 2 の状態を編集");
  assert.equal((await record("2")).状態.value, "良好");
});

test("the server's validation message appears in the editor and nothing is saved", async () => {
  await page.getByRole("button", { name: "レコード 2 の数量を編集" }).click();
  await editor().getByLabel("数量").fill("500");
  await editor().getByRole("button", { name: "保存" }).click();
  const alert = editor().getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.innerText(), /100/);
  await screenshot(page, "inline-edit-error");
  await editor().getByRole("button", { name: "キャンセル" }).click();
  assert.equal((await record("2")).数量.value, "20");
});

test("a record saved by someone else meanwhile is not overwritten silently", async () => {
  await page.getByRole("button", { name: "レコード 2 の品名を編集" }).click();
  await editor().getByLabel("品名").fill("会議椅子");
  assert.equal((await callApi(page, "PUT", "record.json", { app, id: "2", record: { 品名: { value: "丸椅子" } } })).status, 200);
  await editor().getByRole("button", { name: "保存" }).click();
  await editor().getByText("ほかの人がこのレコードを保存しました").waitFor();
  assert.equal((await record("2")).品名.value, "丸椅子");
  await editor().getByRole("button", { name: "最新の内容を読み込む" }).click();
  await editor().getByTestId("inline-latest").filter({ hasText: "丸椅子" }).waitFor();
  assert.equal(await editor().getByLabel("品名").inputValue(), "会議椅子");
  await screenshot(page, "inline-edit-conflict");
  await editor().getByRole("button", { name: "保存" }).click();
  await page.getByText("保存しました。").last().waitFor();
  assert.equal((await record("2")).品名.value, "会議椅子");
});

test("in English the edit buttons and the conflict message read in English", async () => {
  await page.getByLabel("表示言語").click();
  await page.locator(".ant-select-item-option", { hasText: "English" }).click();
  await page.getByRole("button", { name: "Edit 品名 of record 1" }).click();
  await editor().getByRole("button", { name: "Save" }).waitFor();
  await page.keyboard.press("Escape");
  await page.getByLabel("Language").click();
  await page.locator(".ant-select-item-option", { hasText: "日本語" }).click();
  assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource|409/.test(e)), []);
});

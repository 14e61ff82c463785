// The form designer: palette (keyboard and drag), side-by-side rows, tables, properties,
// options, save, deploy, discard and server validation errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, startServer } from "../lib/server.mjs";
import { launch, screenshot, signIn } from "../lib/browser.mjs";
import { brokenWords, sideways } from "../lib/layout.mjs";
import { addField, callApi, createAppInUi, deployInUi } from "../lib/apps.mjs";
import { drag } from "../lib/dnd.mjs";

const server = await startServer();
const { page, consoleErrors } = await launch();
let appId;

async function api(path, params) {
  return page.evaluate(async ([p, q]) => {
    const r = await fetch(`/k/v1/${p}?${new URLSearchParams(q)}`, { headers: { "X-Requested-With": "XMLHttpRequest" } });
    return r.json();
  }, [path, params]);
}

test("fields added from the palette with the keyboard get a label-derived code", async () => {
  await signIn(page, server.baseUrl, ADMIN);
  appId = await createAppInUi(page, "申請管理");
  const name = await addField(page, "SINGLE_LINE_TEXT", "氏名");
  await name.waitFor();
  assert.equal(await page.getByTestId("prop-code").inputValue(), "氏名");
  await page.getByTestId("prop-required").check();
  await addField(page, "DATE", "申請日");
  await page.getByText("レコード登録時の日時を初期値にする").click();
});

test("a field dragged onto the end of a row sits beside the fields there", async () => {
  const row = page.getByTestId("canvas-item-氏名").locator("xpath=ancestor::div[contains(@class,'canvas-row')][1]");
  await drag(page, page.getByTestId("palette-NUMBER"), row.locator(".row-end"));
  const panel = page.getByTestId("property-panel");
  await panel.getByTestId("prop-label").fill("金額");
  await panel.getByLabel("単位記号", { exact: true }).fill("円");
  await panel.getByRole("combobox", { name: "単位記号の位置" }).click();
  await page.locator(".ant-select-item-option", { hasText: "値の後" }).click();
  const items = row.locator(".canvas-item");
  assert.deepEqual(await items.locator(".item-type").allInnerTexts(), ["文字列（1行） · 氏名", "数値 · 金額"]);
});

test("options of a drop-down can be renamed, added and reordered", async () => {
  await addField(page, "DROP_DOWN", "状況");
  const panel = page.getByTestId("property-panel");
  await panel.getByTestId("option-0").fill("審査中");
  await panel.getByTestId("option-1").fill("受付");
  await panel.getByRole("button", { name: "項目を追加" }).click();
  await panel.getByTestId("option-2").fill("完了");
  await panel.getByRole("button", { name: "上へ移動: 受付" }).click();
  assert.deepEqual(
    await Promise.all([0, 1, 2].map((i) => panel.getByTestId(`option-${i}`).inputValue())),
    ["受付", "審査中", "完了"],
  );
  await panel.getByTestId("option-1").fill("受付");
  await panel.getByText("同じ項目は登録できません。").waitFor();
  await panel.getByTestId("option-1").fill("審査中");
});

test("a table takes fields dropped into it as columns", async () => {
  await addField(page, "SUBTABLE", "明細", { code: "明細" });
  const table = page.getByTestId("table-明細");
  await drag(page, page.getByTestId("palette-SINGLE_LINE_TEXT"), table.locator(".table-drop"));
  await page.getByTestId("property-panel").getByTestId("prop-label").fill("品名");
  await drag(page, page.getByTestId("palette-NUMBER"), table.locator(".table-drop"));
  await page.getByTestId("property-panel").getByTestId("prop-label").fill("数量");
  assert.equal(await table.locator(".canvas-item").count(), 2);
  await page.getByTestId("canvas-item-状況").getByRole("button", { name: "状況", exact: true }).click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, "form-designer");
});

test("saving and updating the app makes the form live with its layout", async () => {
  await page.getByRole("button", { name: "フォームを保存" }).click();
  await page.getByText("フォームを保存しました。").last().waitFor();
  await deployInUi(page);
  const { properties } = await api("app/form/fields.json", { app: appId });
  assert.equal(properties["氏名"].required, true);
  assert.equal(properties["金額"].unit, "円");
  assert.equal(properties["金額"].unitPosition, "AFTER");
  assert.deepEqual(Object.values(properties["状況"].options).sort((a, b) => a.index - b.index).map((o) => o.label), ["受付", "審査中", "完了"]);
  assert.deepEqual(Object.keys(properties["明細"].fields).sort(), ["品名", "数量"]);
  const { layout } = await api("app/form/layout.json", { app: appId });
  assert.deepEqual(layout[0].fields.map((f) => f.code), ["氏名", "金額"]);
});

test("a setting the server refuses is shown on that field and that setting", async () => {
  await page.getByTestId("canvas-item-金額").getByRole("button", { name: "金額", exact: true }).click();
  const panel = page.getByTestId("property-panel");
  await panel.getByLabel("最小値").fill("10");
  await panel.getByLabel("最大値").fill("1");
  await page.getByRole("button", { name: "フォームを保存" }).click();
  await panel.getByRole("alert").first().waitFor();
  const help = panel.locator(".ant-form-item-has-error", { has: page.getByLabel("最小値") });
  assert.match(await help.innerText(), /最小値が最大値より大きく/);
  assert.match(await page.getByTestId("canvas-item-金額").getAttribute("class"), /invalid/);
  await screenshot(page, "form-designer-error");
  await panel.getByLabel("最小値").fill("");
  await panel.getByLabel("最大値").fill("");
  await page.getByRole("button", { name: "フォームを保存" }).click();
  await page.getByText("フォームを保存しました。").last().waitFor();
});

test("discarding changes returns to the live form", async () => {
  await page.getByTestId("canvas-item-氏名").getByRole("button", { name: "氏名", exact: true }).click();
  await page.getByTestId("property-panel").getByRole("button", { name: "フィールドを削除" }).click();
  await page.getByText(/すべてのレコードからこのフィールドのデータが削除されます/).waitFor();
  await page.locator(".ant-popconfirm").getByRole("button", { name: "削除" }).click();
  await page.getByRole("button", { name: "フォームを保存" }).click();
  await page.getByText("フォームを保存しました。").last().waitFor();
  assert.equal(await page.getByTestId("canvas-item-氏名").count(), 0);
  await page.getByRole("button", { name: "変更を中止" }).click();
  await page.locator(".ant-popconfirm").getByRole("button", { name: "変更を中止" }).click();
  await page.getByTestId("canvas-item-氏名").waitFor();
  assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource/.test(e)), []);
});

test("a column added to a table that is already live is saved into that table", async () => {
  const table = page.getByTestId("table-明細");
  await drag(page, page.getByTestId("palette-DATE"), table.locator(".table-drop"));
  await page.getByTestId("property-panel").getByTestId("prop-label").fill("納期");
  await page.getByRole("button", { name: "フォームを保存" }).click();
  await page.getByText("フォームを保存しました。").last().waitFor();
  await deployInUi(page);
  const { properties } = await api("app/form/fields.json", { app: appId });
  assert.deepEqual(Object.keys(properties["明細"].fields).sort(), ["品名", "数量", "納期"].sort());
  assert.equal(properties["明細"].fields["納期"].type, "DATE");
  assert.equal(properties["納期"], undefined);
});

test("a failed update shows the server's reason on the field it concerns", async () => {
  for (const name of ["山田", "山田"]) {
    const r = await callApi(page, "POST", "record.json", { app: appId, record: { 氏名: { value: name } } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  await page.getByTestId("canvas-item-氏名").getByRole("button", { name: "氏名", exact: true }).click();
  await page.getByTestId("property-panel").getByTestId("prop-unique").check();
  await page.getByRole("button", { name: "アプリを更新" }).click();
  const alert = page.getByTestId("deploy-failed");
  await alert.waitFor();
  assert.match(await alert.innerText(), /アプリを更新できませんでした/);
  assert.match(await alert.innerText(), /重複した値を持つレコードが存在するため/);
  assert.match(await page.getByTestId("canvas-item-氏名").getAttribute("class"), /invalid/);
  const status = await callApi(page, "GET", "preview/app/deploy.json", { apps: [appId] });
  assert.equal(status.body.apps[0].status, "FAIL");
  await screenshot(page, "form-designer-deploy-failed");
  const { properties } = await api("app/form/fields.json", { app: appId });
  assert.notEqual(properties["氏名"].unique, true);
  assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource/.test(e)), []);
});

test("in English at 200 % zoom, on a phone and at 320 px the palette's labels wrap only between words", async () => {
  await page.getByTestId("language-switch").click();
  await page.locator(".ant-select-item-option").filter({ hasText: "English" }).click();
  await page.getByRole("button", { name: "Update app" }).waitFor();
  for (const [name, viewport] of [["200pct", { width: 683, height: 450 }], ["phone", { width: 390, height: 844 }], ["320", { width: 320, height: 640 }], ["desktop", { width: 1366, height: 900 }]]) {
    await page.setViewportSize(viewport);
    await page.getByTestId("palette-ORGANIZATION_SELECT").scrollIntoViewIfNeeded();
    assert.deepEqual(await brokenWords(page, ".palette-item"), [], `${name}: no word broken`);
    assert.equal(await sideways(page), null, `${name}: the page does not scroll sideways`);
    const clipped = await page.locator(".palette-item").evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent));
    assert.deepEqual(clipped, [], `${name}: every label fits its button`);
    await screenshot(page, `form-designer-palette-${name}-en`);
  }
  // The check does see a word broken in the middle (as `word-break: break-all` would do).
  await page.setViewportSize({ width: 320, height: 640 });
  await page.addStyleTag({ content: ".palette-label { word-break: break-all; } .palette-list { grid-template-columns: 1fr 1fr 1fr; }" });
  assert.ok((await brokenWords(page, ".palette-item")).length > 0, "a forced mid-word break is found");
  await page.reload();
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.getByTestId("language-switch").click();
  await page.locator(".ant-select-item-option").filter({ hasText: "日本語" }).click();
  await page.getByRole("button", { name: "アプリを更新" }).waitFor();
});


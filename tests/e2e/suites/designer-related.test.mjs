// The designer's lookup, related-records and field-group entries: set up from the palette
// (related app picked from the apps the user can see, its fields from its form), fields
// dragged into a group and stepped out of it with the keyboard, deployed, and found intact
// after a reload; a definition the server refuses shows its message on the setting concerned.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, startServer } from "../lib/server.mjs";
import { launch, screenshot, signIn } from "../lib/browser.mjs";
import { addField, callApi, createAppByApi, createAppInUi, deployInUi, pick } from "../lib/apps.mjs";
import { expectNoAxeViolations } from "../lib/axe.mjs";
import { drag } from "../lib/dnd.mjs";

const server = await startServer();
const { page, consoleErrors } = await launch();
let master;
let app;
const panel = () => page.getByTestId("property-panel");
const select = async (code) => page.getByTestId(`canvas-item-${code}`).getByRole("button", { name: code, exact: true }).click();
const group = () => page.getByTestId("group-申請者情報");

test("a lookup, related records and a group are set up from the palette", async () => {
  await signIn(page, server.baseUrl, ADMIN);
  master = await createAppByApi(page, "施設マスタ", {
    施設コード: { type: "SINGLE_LINE_TEXT", code: "施設コード", label: "施設コード", unique: true },
    施設名: { type: "SINGLE_LINE_TEXT", code: "施設名", label: "施設名" },
    定員: { type: "NUMBER", code: "定員", label: "定員" },
  });
  app = await createAppInUi(page, "施設予約");
  await addField(page, "SINGLE_LINE_TEXT", "予約者");
  await addField(page, "SINGLE_LINE_TEXT", "施設名");

  await addField(page, "LOOKUP", "施設");
  await panel().getByRole("heading", { name: "ルックアップ" }).waitFor();
  await pick(page, "関連付けるアプリ", `施設マスタ (ID ${master})`);
  await pick(page, "コピー元のフィールド", "施設コード");
  await panel().getByRole("button", { name: "コピーを追加" }).click();
  await pick(page, "コピー先（このアプリ）1", "施設名");
  await pick(page, "コピー元（関連付けるアプリ）1", "施設名");
  await pick(page, "選択画面に表示するフィールド", "施設名");
  await pick(page, "選択画面に表示するフィールド", "定員");
  await page.keyboard.press("Escape");
  await panel().getByLabel("絞り込みの初期設定（クエリ）").first().fill("定員 > 0");
  await pick(page, "ソートするフィールド", "定員");
  await pick(page, "ソートの順序", "降順");
  assert.equal(await page.getByTestId("canvas-item-施設").locator(".item-type").innerText(), "ルックアップ · 施設");

  await addField(page, "REFERENCE_TABLE", "同じ施設の情報");
  await pick(page, "関連付けるアプリ", `施設マスタ (ID ${master})`);
  await pick(page, "このアプリのフィールド", "施設");
  await pick(page, "関連付けるアプリのフィールド", "施設コード");
  await pick(page, "表示するフィールド", "施設名");
  await pick(page, "表示するフィールド", "定員");
  await page.keyboard.press("Escape");
  await pick(page, "一度に表示する最大レコード数", "10");
  await screenshot(page, "designer-related-01-reference");

  await addField(page, "GROUP", "申請者情報");
  assert.equal(await panel().getByTestId("prop-open-group").isChecked(), true);
  await panel().getByTestId("prop-open-group").uncheck();
  // Into the group with the mouse: two fields dropped on the group's drop zone.
  await drag(page, page.getByTestId("canvas-item-予約者").locator(".drag-handle"), group().locator(".group-drop"));
  await group().getByTestId("canvas-item-予約者").waitFor();
  await drag(page, page.getByTestId("canvas-item-施設名").locator(".drag-handle"), group().locator(".group-drop"));
  await group().getByTestId("canvas-item-施設名").waitFor();
  // Out of it with the keyboard: the last row steps down out of the group.
  await select("施設名");
  await panel().getByRole("button", { name: "下へ移動" }).click();
  await group().getByTestId("canvas-item-施設名").waitFor({ state: "detached" });
  await page.getByTestId("canvas-item-施設名").waitFor();
  // Out of it (beside the lookup, in its row) and back in with the mouse.
  const lookupRow = page.getByTestId("canvas-item-施設").locator("xpath=ancestor::div[contains(@class,'canvas-row')][1]");
  // From the top of the page, so the pointer nearing the window's edge does not scroll it
  // (dnd-kit's auto-scroll) and move the target away.
  await page.evaluate(() => window.scrollTo(0, 0));
  await drag(page, group().getByTestId("canvas-item-予約者").locator(".drag-handle"), lookupRow.locator(".row-end"));
  await lookupRow.getByTestId("canvas-item-予約者").waitFor();
  await group().getByTestId("canvas-item-予約者").waitFor({ state: "detached" });
  assert.equal(await group().locator(".canvas-item").count(), 1, "only the group's own card is left in it");
  await drag(page, page.getByTestId("canvas-item-予約者").locator(".drag-handle"), group().locator(".group-drop"));
  await group().getByTestId("canvas-item-予約者").waitFor();
  await screenshot(page, "designer-related-02-group");
});

test("deployed, the definitions are stored as set and the designer shows them again", async () => {
  await deployInUi(page);
  const { properties } = (await callApi(page, "GET", "app/form/fields.json", { app })).body;
  assert.deepEqual(properties.施設.lookup, {
    relatedApp: { app: String(master), code: "" }, relatedKeyField: "施設コード",
    fieldMappings: [{ field: "施設名", relatedField: "施設名" }], lookupPickerFields: ["施設名", "定員"], filterCond: "定員 > 0", sort: "定員 desc",
  });
  assert.equal(properties.同じ施設の情報.type, "REFERENCE_TABLE");
  assert.deepEqual(properties.同じ施設の情報.referenceTable.condition, { field: "施設", relatedField: "施設コード" });
  assert.deepEqual(properties.同じ施設の情報.referenceTable.displayFields, ["施設名", "定員"]);
  assert.equal(properties.同じ施設の情報.referenceTable.size, "10");
  assert.equal(properties.申請者情報.openGroup, false);
  const { layout } = (await callApi(page, "GET", "app/form/layout.json", { app })).body;
  const grp = layout.find((r) => r.type === "GROUP");
  assert.deepEqual(grp.layout.map((r) => r.fields.map((f) => f.code)), [["予約者"]]);

  await page.reload();
  await group().getByTestId("canvas-item-予約者").waitFor();
  await select("施設");
  const lookup = panel().getByTestId("lookup-settings");
  await lookup.getByText(`施設マスタ (ID ${master})`).waitFor();
  await lookup.getByText("施設コード").first().waitFor();
  assert.match(await lookup.getByTestId("lookup-mappings").innerText(), /施設名[\s\S]*施設名/);
  await select("同じ施設の情報");
  await panel().getByTestId("reference-settings").getByText("定員").first().waitFor();
  await select("申請者情報");
  assert.equal(await panel().getByTestId("prop-open-group").isChecked(), false);
});

test("a definition the server refuses shows the message on the setting concerned", async () => {
  await select("施設");
  await panel().getByRole("button", { name: "コピーを追加" }).click();
  // The same copy target twice: the server refuses it (CB_VA01 on lookup.fieldMappings).
  await pick(page, "コピー先（このアプリ）2", "施設名");
  await pick(page, "コピー元（関連付けるアプリ）2", "定員");
  await page.getByRole("button", { name: "フォームを保存" }).click();
  const mappings = panel().getByTestId("lookup-settings").locator(".ant-form-item").filter({ hasText: "ほかのフィールドのコピー" });
  await mappings.getByText("ほかのフィールドのコピー先に指定されているフィールドです。").waitFor();
  assert.match(await page.getByTestId("canvas-item-施設").getAttribute("class"), /invalid/);
  await screenshot(page, "designer-related-03-server-error");
  await panel().getByRole("button", { name: "コピー 2 を削除" }).click();
  await page.getByRole("button", { name: "フォームを保存" }).click();
  await page.getByText("フォームを保存しました。", { exact: false }).last().waitFor();
  const { properties } = (await callApi(page, "GET", "preview/app/form/fields.json", { app })).body;
  assert.equal(properties.施設.lookup.fieldMappings.length, 1);
});

test("in Japanese and English at 200 % zoom the settings read and fit, and pass axe", async () => {
  await page.setViewportSize({ width: 683, height: 450 });
  await select("施設");
  await panel().getByTestId("lookup-settings").scrollIntoViewIfNeeded();
  await screenshot(page, "designer-related-04-200pct-ja");
  await group().scrollIntoViewIfNeeded();
  await screenshot(page, "designer-related-04-200pct-ja-group");
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.getByTestId("language-switch").click();
  await page.locator(".ant-select-item-option").filter({ hasText: "English" }).click();
  await select("施設");
  await panel().getByRole("heading", { name: "Lookup" }).waitFor();
  await panel().getByText("Key field to copy from").waitFor();
  await expectNoAxeViolations(page, "designer with lookup (en)", { pointerAway: true });
  await page.setViewportSize({ width: 683, height: 450 });
  await panel().getByTestId("lookup-settings").scrollIntoViewIfNeeded();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `the designer scrolls sideways by ${overflow} px`);
  await screenshot(page, "designer-related-05-200pct-en");
  await select("同じ施設の情報");
  await panel().getByTestId("reference-settings").scrollIntoViewIfNeeded();
  await screenshot(page, "designer-related-06-200pct-en-reference");
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.getByTestId("language-switch").click();
  await page.locator(".ant-select-item-option").filter({ hasText: "日本語" }).click();
  assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource|40[0-9]/.test(e)), []);
});

// Copying an app: form, layout, views and renamed system fields come along; records do not.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, startServer } from "../lib/server.mjs";
import { launch, signIn } from "../lib/browser.mjs";
import { callApi, createAppByApi } from "../lib/apps.mjs";

const server = await startServer();
const { page, consoleErrors } = await launch();

test("copying an app reproduces its form, layout and views without its records", async () => {
  await signIn(page, server.baseUrl, ADMIN);
  const source = await createAppByApi(page, "備品貸出", {
    品名: { type: "SINGLE_LINE_TEXT", code: "品名", label: "品名", required: true },
    数量: { type: "NUMBER", code: "数量", label: "数量", unit: "個", unitPosition: "AFTER" },
    区分: { type: "DROP_DOWN", code: "区分", label: "区分", options: { 机: { label: "机", index: "0" }, 椅子: { label: "椅子", index: "1" } } },
  });
  const { body: own } = await callApi(page, "GET", "preview/app/form/fields.json", { app: source });
  const recordNumber = Object.values(own.properties).find((p) => p.type === "RECORD_NUMBER");
  const layout = [
    { type: "ROW", fields: [{ type: "RECORD_NUMBER", code: "貸出番号" }, { type: "SINGLE_LINE_TEXT", code: "品名" }, { type: "NUMBER", code: "数量" }] },
    { type: "ROW", fields: [{ type: "DROP_DOWN", code: "区分" }] },
  ];
  assert.equal((await callApi(page, "PUT", "preview/app/form/fields.json", { app: source, properties: { [recordNumber.code]: { type: "RECORD_NUMBER", code: "貸出番号", label: "貸出番号" } } })).status, 200);
  assert.equal((await callApi(page, "PUT", "preview/app/form/layout.json", { app: source, layout })).status, 200);
  const views = { 机だけ: { type: "LIST", name: "机だけ", index: "0", fields: ["貸出番号", "品名"], filterCond: '区分 in ("机")', sort: "数量 desc" } };
  assert.equal((await callApi(page, "PUT", "preview/app/views.json", { app: source, views })).status, 200);
  await callApi(page, "POST", "preview/app/deploy.json", { apps: [{ app: source }] });
  for (let i = 0; i < 50 && (await callApi(page, "GET", "preview/app/deploy.json", { apps: [source] })).body.apps[0].status === "PROCESSING"; i++) await page.waitForTimeout(100);
  await callApi(page, "POST", "record.json", { app: source, record: { 品名: { value: "会議机" } } });

  await page.goto(`${server.baseUrl}/`);
  await page.getByRole("button", { name: "アプリを作成" }).first().click();
  await page.getByText("既存のアプリをコピー").click();
  await page.getByLabel("コピー元のアプリ").click();
  await page.locator(".ant-select-item-option", { hasText: "備品貸出" }).click();
  assert.equal(await page.getByLabel("アプリ名").inputValue(), "備品貸出のコピー");
  await page.getByRole("button", { name: "コピーして作成" }).click();
  await page.waitForURL(/\/apps\/\d+\/form$/);
  const copy = page.url().match(/\/apps\/(\d+)\/form$/)[1];
  assert.notEqual(copy, source);

  const fieldsOf = async (app) => {
    const { body } = await callApi(page, "GET", "app/form/fields.json", { app });
    return Object.values(body.properties).filter((p) => !["STATUS", "STATUS_ASSIGNEE", "CATEGORY"].includes(p.type))
      .map((p) => `${p.code}:${p.type}:${p.label}:${p.required ?? ""}:${p.unit ?? ""}`).sort();
  };
  assert.deepEqual(await fieldsOf(copy), await fieldsOf(source));
  const copiedLayout = (await callApi(page, "GET", "app/form/layout.json", { app: copy })).body.layout;
  assert.deepEqual(copiedLayout.map((r) => r.fields.map((f) => f.code)), layout.map((r) => r.fields.map((f) => f.code)));
  const copiedViews = (await callApi(page, "GET", "app/views.json", { app: copy })).body.views;
  assert.equal(copiedViews["机だけ"]?.filterCond, '区分 in ("机")');
  const records = (await callApi(page, "GET", "records.json", { app: copy, totalCount: "true" })).body;
  assert.equal(records.totalCount, "0");
  assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource/.test(e)), []);
});

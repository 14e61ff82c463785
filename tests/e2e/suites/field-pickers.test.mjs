// User, organisation and group fields are filled by searching the staff directory by name,
// limited to the candidates the field names; the record then shows the names.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, startServer } from "../lib/server.mjs";
import { launch, screenshot, signIn } from "../lib/browser.mjs";
import { callApi, createAppByApi } from "../lib/apps.mjs";

const server = await startServer();
const { page, consoleErrors } = await launch();
let app;

test("a user field is filled by searching names, an organisation field offers only its candidates", async () => {
  await signIn(page, server.baseUrl, ADMIN);
  const users = [["sato", "佐藤 花子"], ["suzuki", "鈴木 一郎"], ["takahashi", "高橋 次郎"]]
    .map(([code, name]) => ({ code, name, password: "a-long-enough-password-1" }));
  assert.equal((await callApi(page, "POST", "/v1/users.json", { users })).status, 200);
  const organizations = [["fukushi", "福祉課"], ["zeimu", "税務課"], ["soumu", "総務課"]].map(([code, name]) => ({ code, name }));
  assert.equal((await callApi(page, "POST", "/v1/organizations.json", { organizations })).status, 200);
  app = await createAppByApi(page, "相談受付", {
    件名: { type: "SINGLE_LINE_TEXT", code: "件名", label: "件名" },
    担当者: { type: "USER_SELECT", code: "担当者", label: "担当者" },
    担当課: { type: "ORGANIZATION_SELECT", code: "担当課", label: "担当課",
      entities: [{ type: "ORGANIZATION", code: "fukushi" }, { type: "ORGANIZATION", code: "zeimu" }] },
  });

  await page.goto(`${server.baseUrl}/apps/${app}/records/new`);
  await page.getByLabel("件名").fill("家賃の相談");
  const person = page.getByLabel("担当者", { exact: true });
  await person.click();
  await person.fill("鈴木");
  const options = page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option");
  await options.filter({ hasText: "鈴木 一郎 (suzuki)" }).waitFor();
  assert.deepEqual(await options.allInnerTexts(), ["鈴木 一郎 (suzuki)"]);
  await page.keyboard.press("Enter");
  await page.keyboard.press("Escape");

  const section = page.getByLabel("担当課", { exact: true });
  await section.click();
  await options.first().waitFor();
  assert.deepEqual(await options.allInnerTexts(), ["福祉課 (fukushi)", "税務課 (zeimu)"]);
  await options.filter({ hasText: "福祉課" }).click();
  await page.keyboard.press("Escape");
  await screenshot(page, "field-pickers");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await page.waitForURL(/\/records\/\d+$/);

  const id = page.url().match(/records\/(\d+)$/)[1];
  const saved = await callApi(page, "GET", "record.json", { app, id });
  assert.deepEqual(saved.body.record.担当者.value, [{ code: "suzuki", name: "鈴木 一郎" }]);
  assert.deepEqual(saved.body.record.担当課.value, [{ code: "fukushi", name: "福祉課" }]);
  await page.getByText("鈴木 一郎").first().waitFor();
});

test("a picked person is removed with the keyboard alone", async () => {
  const added = await callApi(page, "POST", "record.json", { app, record: { 件名: { value: "引継ぎ" }, 担当者: { value: [{ code: "sato" }, { code: "takahashi" }] } } });
  assert.equal(added.status, 200);
  await page.goto(`${server.baseUrl}/apps/${app}/records/${added.body.id}`);
  await page.locator(".page-header").getByRole("button", { name: "編集" }).click();
  const field = page.getByTestId("field-担当者");
  await field.getByText("高橋 次郎 (takahashi)").waitFor();
  await page.getByLabel("担当者", { exact: true }).focus();
  await page.keyboard.press("Backspace");
  await field.getByText("高橋 次郎 (takahashi)").waitFor({ state: "detached" });
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await page.waitForURL(/\/records\/\d+$/);
  const saved = await callApi(page, "GET", "record.json", { app, id: added.body.id });
  assert.deepEqual(saved.body.record.担当者.value, [{ code: "sato", name: "佐藤 花子" }]);
  assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource/.test(e)), []);
});

// Sign-in, the portal (search, create app) and language switching.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, startServer } from "../lib/server.mjs";
import { launch, screenshot, signIn } from "../lib/browser.mjs";

const server = await startServer();
const { page, consoleErrors } = await launch();
const url = server.baseUrl;

test("an anonymous visit goes to sign-in, and a wrong password is explained on the password field", async () => {
  await page.goto(`${url}/apps/1`);
  await page.waitForURL(/\/login$/);
  await page.getByLabel("ログイン名").fill(ADMIN.username);
  await page.getByLabel("パスワード", { exact: true }).fill("wrong");
  await page.getByRole("button", { name: "ログイン" }).click();
  const error = page.locator(".ant-form-item-explain-error");
  await error.first().waitFor();
  assert.match(await error.first().innerText(), /パスワード|password/i);
  await screenshot(page, "sign-in");
});

test("signing in shows the empty portal with a way to create an app", async () => {
  await signIn(page, url, ADMIN);
  await page.getByText("アプリはまだありません").waitFor();
  assert.ok(await page.getByRole("button", { name: "アプリを作成" }).first().isVisible());
});

test("creating an app from the portal opens its form designer and lists it in the portal", async () => {
  await page.getByRole("button", { name: "アプリを作成" }).first().click();
  await page.getByLabel("アプリ名").fill("住民票申請");
  await page.getByRole("button", { name: "作成", exact: true }).click();
  await page.waitForURL(/\/apps\/\d+\/form$/);
  await page.getByRole("heading", { name: "フォーム: 住民票申請" }).waitFor();
  await page.getByRole("link", { name: "ポータル" }).click();
  await page.getByRole("link", { name: "住民票申請" }).first().waitFor();
});

test("the portal search narrows the list by app name", async () => {
  await page.getByRole("button", { name: "アプリを作成" }).first().click();
  await page.getByLabel("アプリ名").fill("備品管理");
  await page.getByRole("button", { name: "作成", exact: true }).click();
  await page.waitForURL(/\/form$/);
  await page.getByRole("link", { name: "ポータル" }).click();
  await page.getByTestId("app-list").getByRole("link", { name: "備品管理" }).waitFor();
  await page.getByLabel("アプリを検索").fill("住民");
  await page.getByTestId("app-list").getByRole("link", { name: "備品管理" }).waitFor({ state: "detached" });
  assert.equal(await page.getByTestId("app-list").getByRole("link").count(), 1);
  await page.getByLabel("アプリを検索").fill("");
  await page.getByTestId("app-list").getByRole("link", { name: "備品管理" }).waitFor();
  await screenshot(page, "portal");
});

test("switching to English changes the UI at once and survives a reload", async () => {
  await page.getByLabel("表示言語").click();
  await page.locator(".ant-select-item-option", { hasText: "English" }).click();
  await page.getByRole("heading", { name: "Apps", exact: true }).waitFor();
  await page.reload();
  await page.getByRole("heading", { name: "Apps", exact: true }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  await page.getByLabel("Language").click();
  await page.locator(".ant-select-item-option", { hasText: "日本語" }).click();
  await page.getByRole("heading", { name: "アプリ", exact: true }).waitFor();
});

test("signing out returns to the sign-in page and the session is gone", async () => {
  await page.getByRole("button", { name: /さんのアカウント/ }).click();
  await page.getByRole("menuitem", { name: "ログアウト", exact: true }).click();
  await page.waitForURL(/\/login$/);
  await page.goto(`${url}/`);
  await page.waitForURL(/\/login$/);
  assert.deepEqual(consoleErrors.filter((e) => !/401|Failed to load resource/.test(e)), []);
});

// Sign-in with two-factor authentication (the code field appears when the server asks for
// it; wrong codes are explained; a recovery code works) and the lock-out banner after
// repeated wrong passwords. Needs the real server (E2E_SERVER=real).
import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, startServer } from "../lib/server.mjs";
import { launch, screenshot } from "../lib/browser.mjs";
import { totp } from "../lib/totp.mjs";

const server = await startServer();
const real = server.kind === "real";
const { page, consoleErrors } = await launch();
const url = server.baseUrl;
const TANAKA = { username: "tanaka", password: "kasumigaseki-2026" };
const SUZUKI = { username: "suzuki", password: "nagatacho-2026" };


async function call(path, body, headers = {}) {
  const r = await fetch(url + path, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Requested-With": "XMLHttpRequest", ...headers },
    body: JSON.stringify(body),
  });
  return { status: r.status, json: await r.json(), cookie: r.headers.get("set-cookie") };
}

const adminAuth = { "X-Cybozu-Authorization": Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString("base64") };
let recovery;

test("setup: two staff accounts, one enrolled in two-factor sign-in", { skip: !real && "needs the real server" }, async () => {
  const users = await call("/v1/users.json", { users: [{ code: TANAKA.username, password: TANAKA.password, name: "田中" }, { code: SUZUKI.username, password: SUZUKI.password, name: "鈴木" }] }, adminAuth);
  assert.equal(users.status, 200, JSON.stringify(users.json));
  const login = await call("/api/session/login.json", TANAKA);
  const session = { Cookie: login.cookie.split(";")[0] };
  const token = login.json.csrfToken;
  const begin = await call("/api/session/totp/begin.json", { __REQUEST_TOKEN__: token }, session);
  assert.match(begin.json.uri, /^otpauth:\/\/totp\/Tsumiki:tanaka\?secret=/);
  const confirm = await call("/api/session/totp/confirm.json", { code: totp(begin.json.secret), __REQUEST_TOKEN__: token }, session);
  assert.equal(confirm.status, 200, JSON.stringify(confirm.json));
  recovery = confirm.json.recoveryCodes;
  assert.equal(recovery.length, 10);
});

test("a two-factor account is asked for the code after the password; a wrong code is explained", { skip: !real && "needs the real server" }, async () => {
  await page.goto(`${url}/`);
  await page.getByLabel("ログイン名").fill(TANAKA.username);
  await page.getByLabel("パスワード", { exact: true }).fill(TANAKA.password);
  await page.getByRole("button", { name: "ログイン" }).click();
  const code = page.getByLabel("確認コード");
  await code.waitFor();
  // The code field takes the focus, so the user can type the code straight away.
  await page.waitForFunction(() => document.activeElement?.getAttribute("autocomplete") === "one-time-code");
  await page.getByText("認証アプリに表示される6桁のコード").waitFor();
  await screenshot(page, "sign-in-two-factor");
  await code.fill("000000");
  await page.getByRole("button", { name: "ログイン" }).click();
  await page.locator(".ant-form-item-explain-error", { hasText: "確認コードが正しくありません。" }).waitFor();
});

test("a recovery code signs in once", { skip: !real && "needs the real server" }, async () => {
  await page.getByLabel("確認コード").fill(recovery[0].toUpperCase());
  await page.getByRole("button", { name: "ログイン" }).click();
  await page.getByRole("heading", { name: "アプリ" }).waitFor();
  await page.getByRole("button", { name: /田中/ }).click();
  await page.getByRole("menuitem", { name: "すべての端末からログアウト" }).click();
  await page.waitForURL(/\/login$/);
});

test("repeated wrong passwords lock the account with a clear banner", { skip: !real && "needs the real server" }, async () => {
  await page.getByLabel("ログイン名").fill(SUZUKI.username);
  const banner = page.getByRole("alert");
  for (let i = 0; i < 8 && !(await banner.isVisible()); i++) {
    await page.getByLabel("パスワード", { exact: true }).fill(`wrong-${i}`);
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.waitForTimeout(300);
  }
  await banner.waitFor();
  assert.match(await banner.innerText(), /ログインの試行回数が多すぎます/);
  await screenshot(page, "sign-in-locked");
  assert.deepEqual(consoleErrors.filter((e) => !/40[0-9]|429/.test(e)), []);
});

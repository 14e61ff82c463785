// My account and the audit log end to end: a staff member turns on two-factor sign-in from
// the account page (the secret read off the page, the code computed here as an
// authenticator app would), signs in again with a code, changes the password (a password
// against the policy is refused next to its field), signs out everywhere, and turns
// two-factor sign-in off again. The
// administrator then finds those events in the audit log screen, pages through it, and
// downloads the same selection as CSV; the staff member only sees "administrators only".
// Screens pass axe-core (WCAG 2.1 A/AA) in Japanese and English and fit a 200 % zoom.
// Needs the real server (E2E_SERVER=real).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { ADMIN, repoRoot, startServer } from "../lib/server.mjs";
import { expectNoAxeViolations } from "../lib/axe.mjs";
import { launch, screenshot, signIn } from "../lib/browser.mjs";
import { totp } from "../lib/totp.mjs";
import { callApi, createAppByApi, pick } from "../lib/apps.mjs";

// The web UI's own QR encoder, to know which modules the code for a URI must have.
const QRCode = createRequire(join(repoRoot, "web/package.json"))("qrcode");
const server = await startServer();
const real = server.kind === "real";
const skip = !real && "needs the real server";
const { page, consoleErrors } = await launch();
const url = server.baseUrl;
const KOBAYASHI = { username: "kobayashi", password: "shiyakusho-2026", name: "小林" };
const NEW_PASSWORD = "midori-no-madoguchi-7";
let secret, recovery, app;


// The dark/light modules of the QR image on the page, sampled at each module's centre
// (the image has a two-module quiet zone, as the UI draws it).
const drawnModules = (size) =>
  page.evaluate((n) => {
    const img = document.querySelector("[data-testid=totp-qr]");
    const canvas = document.createElement("canvas");
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const g = canvas.getContext("2d");
    g.drawImage(img, 0, 0);
    const scale = canvas.width / (n + 4);
    const out = [];
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) out.push(g.getImageData(Math.floor((c + 2.5) * scale), Math.floor((r + 2.5) * scale), 1, 1).data[0] < 128 ? 1 : 0);
    }
    return out;
  }, size);

const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const field = (id) => page.locator(`#${id}`).locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' ant-form-item ')][1]");
const userMenu = () => page.getByRole("button", { name: /のアカウント|Account of/ });

async function signInWithCode(password, code) {
  await page.goto(`${url}/login`);
  await page.getByLabel("ログイン名").fill(KOBAYASHI.username);
  await page.getByLabel("パスワード", { exact: true }).fill(password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await page.getByLabel("確認コード").fill(code);
  await page.getByRole("button", { name: "ログイン" }).click();
  // Signed in: back to the page the session ended on, or the portal.
  await page.waitForURL((u) => !u.pathname.endsWith("/login"));
  await page.locator("main h1").waitFor();
}

// The table shows `n` entries: a new search replaces the old rows once its answer is in.
const rowCount = (n) => page.waitForFunction((want) => document.querySelectorAll("[data-testid=audit-table] .ant-table-row").length === want, n);

test("setup: a staff account", { skip }, async () => {
  const auth = { "X-Cybozu-Authorization": Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString("base64") };
  const r = await fetch(`${url}/v1/users.json`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...auth },
    body: JSON.stringify({ users: [{ code: KOBAYASHI.username, password: KOBAYASHI.password, name: KOBAYASHI.name }] }),
  });
  assert.equal(r.status, 200, await r.text());
});

test("a staff member turns on two-factor sign-in from the account page", { skip }, async () => {
  await signIn(page, url, KOBAYASHI);
  await userMenu().click();
  // Staff see their account but not the administrators' screens.
  await page.getByRole("menuitem", { name: "アカウント設定" }).waitFor();
  assert.equal(await page.getByRole("menuitem", { name: "監査ログ" }).count(), 0);
  await page.getByRole("menuitem", { name: "アカウント設定" }).click();
  await page.getByRole("heading", { name: "アカウント設定", exact: true }).waitFor();
  await page.getByTestId("totp-status").filter({ hasText: "無効" }).waitFor();
  await expectNoAxeViolations(page, "account (ja)", { pointerAway: true });
  await screenshot(page, "account-01-overview");

  await page.getByTestId("totp-begin").click();
  const enrolment = page.getByTestId("totp-enrolment");
  await enrolment.waitFor();
  // The heading takes the focus so a screen reader announces the new step.
  await page.waitForFunction(() => document.activeElement?.id === "totp-setup-title");
  const qr = page.getByRole("img", { name: "Tsumiki のアカウント kobayashi を認証アプリに追加するための QR コード" });
  await qr.waitFor();
  assert.match(await qr.getAttribute("src"), /^data:image\/png;base64,/);
  const shown = await page.getByTestId("totp-secret").innerText();
  assert.match(shown, /^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/, "the key is shown in groups of four");
  secret = shown.replace(/ /g, "");
  // The QR code holds the otpauth URI of exactly this key.
  const expected = QRCode.create(`otpauth://totp/Tsumiki:kobayashi?secret=${secret}&issuer=Tsumiki&algorithm=SHA1&digits=6&period=30`, { errorCorrectionLevel: "M" }).modules;
  assert.deepEqual(await drawnModules(expected.size), [...expected.data]);
  await expectNoAxeViolations(page, "two-factor enrolment (ja)", { pointerAway: true });
  await screenshot(page, "account-02-totp-enrolment");

  // A mistyped code is explained next to the field; a code of the wrong shape never leaves the page.
  const code = page.getByLabel("アプリのコード");
  await code.fill("12345");
  await page.getByTestId("totp-confirm").click();
  await field("totp-confirm_code").getByText("アプリに表示された6桁の数字を入力してください。").waitFor();
  const wrong = totp(secret) === "000000" ? "111111" : "000000";
  await code.fill(wrong);
  await page.getByTestId("totp-confirm").click();
  await field("totp-confirm_code").getByText("確認コードが正しくありません。").waitFor();

  await code.fill(totp(secret));
  await page.getByTestId("totp-confirm").click();
  const codes = page.getByTestId("recovery-codes");
  await codes.getByText("2要素認証を有効にしました。").waitFor();
  recovery = await codes.locator("li code").allInnerTexts();
  assert.equal(recovery.length, 10);
  await page.getByTestId("totp-status").filter({ hasText: "有効" }).waitFor();
  await expectNoAxeViolations(page, "recovery codes (ja)", { pointerAway: true });
  await screenshot(page, "account-03-recovery-codes");
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "テキストファイルで保存" }).click()]);
  assert.equal(file.suggestedFilename(), "tsumiki-recovery-codes-kobayashi.txt");
  assert.deepEqual(readFileSync(await file.path(), "utf8").trim().split("\n").slice(2), recovery);
  await page.getByTestId("recovery-done").click();
  await page.getByText("ログインのとき、パスワードの後に認証アプリのコードを入力します。").waitFor();
});

test("the next sign-in asks for the code from the app", { skip }, async () => {
  await userMenu().click();
  await page.getByRole("menuitem", { name: "ログアウト", exact: true }).click();
  await page.waitForURL(/\/login$/);
  // The code of the next 30-second step: the one used to confirm cannot be replayed.
  await signInWithCode(KOBAYASHI.password, totp(secret, Date.now() / 1000 + 30));
});

test("a password against the policy is refused next to its field; a good one is taken", { skip }, async () => {
  await page.goto(`${url}/account`);
  await page.getByLabel("現在のパスワード").fill(KOBAYASHI.password);
  await page.getByLabel("新しいパスワード", { exact: true }).fill("kobayashi-2026");
  await page.getByLabel("新しいパスワード（確認）").fill("kobayashi-2026");
  await page.getByTestId("password-save").click();
  await field("password-change_newPassword").getByText("パスワードにログイン名を含めることはできません。").waitFor();
  await screenshot(page, "account-04-password-policy");

  // The two new entries must agree before anything is sent.
  await page.getByLabel("新しいパスワード", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("新しいパスワード（確認）").fill(NEW_PASSWORD + "x");
  await page.getByTestId("password-save").click();
  await field("password-change_repeat").getByText("新しいパスワードが一致しません。").waitFor();

  await page.getByLabel("現在のパスワード").fill("wrong-password");
  await page.getByLabel("新しいパスワード（確認）").fill(NEW_PASSWORD);
  await page.getByTestId("password-save").click();
  await field("password-change_currentPassword").getByText("現在のパスワードが正しくありません。").waitFor();

  await page.getByLabel("現在のパスワード").fill(KOBAYASHI.password);
  await page.getByTestId("password-save").click();
  await page.getByText("パスワードを変更しました。ほかの端末からはログアウトしました。").waitFor();
  // The session handed over by the change keeps working: a later write still passes CSRF.
  // With the keyboard: the confirmation dialog starts on its action.
  await page.getByTestId("sign-out-everywhere").focus();
  await page.keyboard.press("Enter");
  await page.getByRole("dialog", { name: "すべての端末からログアウトしますか？" }).waitFor();
  await page.waitForFunction(() => document.activeElement?.closest(".ant-modal-confirm-btns") !== null && document.activeElement.textContent === "すべての端末からログアウト");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/login$/);

  // The new password and a recovery code sign in; the old password no longer does.
  await page.getByLabel("ログイン名").fill(KOBAYASHI.username);
  await page.getByLabel("パスワード", { exact: true }).fill(KOBAYASHI.password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await page.locator(".ant-form-item-explain-error").first().waitFor();
  await signInWithCode(NEW_PASSWORD, recovery[0]);
});

test("two-factor sign-in is turned off with the password", { skip }, async () => {
  await page.goto(`${url}/account`);
  await page.getByTestId("totp-status").filter({ hasText: "有効" }).waitFor();
  const password = page.getByLabel("パスワード", { exact: true });
  await password.fill("not-my-password");
  await page.getByTestId("totp-disable").click();
  await field("totp-disable_password").getByText("現在のパスワードが正しくありません。").waitFor();
  await password.fill(NEW_PASSWORD);
  await page.getByTestId("totp-disable").click();
  await page.getByTestId("totp-status").filter({ hasText: "無効" }).waitFor();
  await page.getByTestId("totp-begin").waitFor();
});

test("staff who open the audit log's address are told it is for administrators", { skip }, async () => {
  await page.goto(`${url}/admin/audit`);
  await page.getByTestId("audit-admins-only").getByText("監査ログはシステム管理者だけが閲覧できます。").waitFor();
  await expectNoAxeViolations(page, "audit log, not an administrator (ja)", { pointerAway: true });
  await screenshot(page, "audit-01-admins-only");
  await userMenu().click();
  await page.getByRole("menuitem", { name: "ログアウト", exact: true }).click();
  await page.waitForURL(/\/login$/);
});

test("the administrator finds the staff member's account events in the audit log", { skip }, async () => {
  await signIn(page, url, ADMIN);
  app = await createAppByApi(page, "住民相談", { name: { type: "SINGLE_LINE_TEXT", code: "name", label: "氏名" } });
  const settings = await callApi(page, "PUT", "preview/app/settings.json", { app, holdsPersonalData: true });
  assert.equal(settings.status, 200, JSON.stringify(settings.body));
  await userMenu().click();
  await page.getByRole("menuitem", { name: "監査ログ" }).click();
  await page.getByRole("heading", { name: "監査ログ", exact: true }).waitFor();
  await page.getByTestId("audit-table").locator(".ant-table-row").first().waitFor();

  // Enter in a search field searches, as in any form.
  await page.getByLabel("ユーザー（ログイン名）").fill(KOBAYASHI.username);
  await page.getByLabel("ユーザー（ログイン名）").press("Enter");
  await page.waitForURL(/\?user=kobayashi$/);
  await pick(page, "操作", "2要素認証の変更 (twofactor.*)");
  await page.getByTestId("audit-search").click();
  const rows = page.getByTestId("audit-table").locator(".ant-table-row");
  await page.waitForURL(/user=kobayashi&action=twofactor\./);
  await rowCount(2);
  assert.match(await rows.nth(0).innerText(), /2要素認証を無効化/);
  assert.match(await rows.nth(1).innerText(), /2要素認証を有効化/);
  await expectNoAxeViolations(page, "audit log, filtered (ja)", { pointerAway: true });
  await screenshot(page, "audit-02-two-factor-events");

  await pick(page, "操作", "パスワードの変更 (password.*)");
  await page.getByTestId("audit-search").click();
  await rowCount(3);
  const texts = await rows.allInnerTexts();
  assert.equal(texts.filter((t) => t.includes("password.change.failure")).length, 2, texts.join("\n"));
  assert.equal(texts.filter((t) => /password\.change(?!\.)/.test(t)).length, 1, texts.join("\n"));

  // The same selection as CSV, through the download button.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("audit-export").click()]);
  assert.equal(download.suggestedFilename(), "audit-log.csv");
  const csv = readFileSync(await download.path(), "utf8");
  assert.ok(csv.startsWith("\ufeffseq,at,user,address,action,app,target,detail\r\n") || csv.startsWith("\ufeffseq,at,user,address,action,app,target,detail\n"), csv.slice(0, 80));
  const lines = csv.trim().split(/\r?\n/).slice(1);
  assert.equal(lines.length, 3, csv);
  for (const line of lines) assert.match(line, /^\d+,\d{4}-\d\d-\d\dT[\d:.]+Z,kobayashi,127\.0\.0\.1,password\.change(\.failure)?,/);
});

test("the audit log filters by app and day, explains a bad date, and pages", { skip }, async () => {
  await page.getByRole("button", { name: "条件をクリア" }).click();
  await pick(page, "アプリ", `住民相談 (${app})`);
  await page.getByTestId("audit-search").click();
  const rows = page.getByTestId("audit-table").locator(".ant-table-row");
  await rowCount(1);
  await rows.filter({ hasText: "アプリの設定の変更" }).waitFor();
  await rows.getByRole("link", { name: `住民相談 (${app})` }).waitFor();

  // Today holds every entry; tomorrow none.
  const day = (offset) => {
    const d = new Date(Date.now() + offset * 86400000);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  };
  await page.goto(`${url}/admin/audit?user=kobayashi&fromDate=${day(0)}&toDate=${day(0)}`);
  await rows.filter({ hasText: "2要素認証を有効化" }).waitFor();
  await page.goto(`${url}/admin/audit?user=kobayashi&fromDate=${day(1)}`);
  await page.getByText("条件に一致する記録はありません。").waitFor();
  assert.equal(await page.locator("#audit-from").inputValue(), day(1));

  // A date typed into the address bar that the server cannot read is explained at the field.
  await page.goto(`${url}/admin/audit?fromDate=1.11.2026`);
  await field("audit-from").getByText("「1.11.2026」 日時の形式が正しくありません。").waitFor();
  await page.getByText("上の検索条件を修正してください。").waitFor();
  await screenshot(page, "audit-03-bad-date");

  // Enough entries for a second page: 28 sign-ins and sign-outs of the administrator.
  const xhr = { "X-Requested-With": "XMLHttpRequest", "Content-Type": "application/json" };
  for (let i = 0; i < 28; i++) {
    const login = await fetch(`${url}/api/session/login.json`, { method: "POST", headers: xhr, body: JSON.stringify({ username: ADMIN.username, password: ADMIN.password }) });
    assert.equal(login.status, 200);
    const cookie = login.headers.get("set-cookie").split(";")[0];
    const out = await fetch(`${url}/api/session/logout.json`, { method: "POST", headers: { ...xhr, Cookie: cookie }, body: "{}" });
    assert.equal(out.status, 200);
  }
  await page.goto(`${url}/admin/audit`);
  await page.getByTestId("audit-range").getByText("1〜50 件目").waitFor();
  assert.equal(await rows.count(), 50);
  const newest = Number(await rows.first().locator("td").last().innerText());
  await page.getByTestId("audit-next").click();
  await page.getByTestId("audit-range").getByText(/^51〜\d+ 件目$/).waitFor();
  assert.match(page.url(), /page=2/);
  assert.equal(Number(await rows.first().locator("td").last().innerText()), newest - 50);
  await page.goBack();
  await page.getByTestId("audit-range").getByText("1〜50 件目").waitFor();
});

test("in English, and at 200 % zoom, both screens read well without sideways scrolling", { skip }, async () => {
  await page.getByTestId("language-switch").click();
  await page.locator(".ant-select-item-option").filter({ hasText: "English" }).click();
  await page.getByRole("heading", { name: "Audit log", exact: true }).waitFor();
  await page.getByText("Entries 1–50").waitFor();
  await expectNoAxeViolations(page, "audit log (en)", { pointerAway: true });
  await screenshot(page, "audit-04-english");
  await page.goto(`${url}/account`);
  await page.getByRole("heading", { name: "My account", exact: true }).waitFor();
  await page.getByTestId("totp-status").filter({ hasText: "Off" }).waitFor();
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  await page.getByTestId("totp-secret").waitFor();
  await expectNoAxeViolations(page, "account (en)", { pointerAway: true });
  await screenshot(page, "account-05-english");

  await page.setViewportSize({ width: 683, height: 450 });
  for (const path of ["/account", "/admin/audit"]) {
    await page.goto(`${url}${path}`);
    await page.locator("main h1").waitFor();
    if (path === "/account") {
      await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
      await page.getByTestId("totp-secret").waitFor();
    } else {
      await page.getByTestId("audit-table").locator(".ant-table-row").first().waitFor();
    }
    assert.ok((await overflow()) <= 1, `${path} scrolls sideways by ${await overflow()} px`);
    await screenshot(page, `${path === "/account" ? "account" : "audit"}-06-200pct`);
  }
  // The table scrolls inside its card, not the page.
  await page.getByTestId("audit-table").locator(".ant-table-row").first().scrollIntoViewIfNeeded();
  await screenshot(page, "audit-07-200pct-table");
  await page.setViewportSize({ width: 1366, height: 900 });
  assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource|40[0-9]/.test(e)), []);
});

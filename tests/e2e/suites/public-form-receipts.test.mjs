// A resident's form in an app with and without receipt numbers. Without them the completion
// screen names no receipt number but the date and time sent (something to quote when asking),
// and the staff editor's confirmation-mail texts leave the number out and warn when {{receipt}}
// would be empty. With them the number is shown as before. Japanese and English, on a phone,
// axe on every resident screen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, startServer } from "../lib/server.mjs";
import { expectNoAxeViolations } from "../lib/axe.mjs";
import { launch, screenshot, signIn } from "../lib/browser.mjs";
import { callApi, createAppByApi } from "../lib/apps.mjs";

const server = await startServer();
const real = server.kind === "real";
const skip = !real && "needs the real server";
const { context, page, consoleErrors } = await launch();
let app, formPath;

async function apply(lang, name) {
  const resident = await context.newPage();
  await resident.setViewportSize({ width: 390, height: 844 });
  await resident.goto(`${server.baseUrl}${formPath}?lang=${lang}`);
  await resident.getByLabel(/^氏名/).fill(name);
  await resident.getByRole("button", { name: lang === "ja" ? "入力内容を確認する" : "Check your entries" }).click();
  await resident.getByRole("button", { name: lang === "ja" ? "送信する" : "Send" }).click();
  await resident.getByRole("heading", { name: lang === "ja" ? "申請を受け付けました" : "Your application has been received" }).waitFor();
  return resident;
}

test("staff publish a form in an app without receipt numbers; the mail texts leave the number out", { skip }, async () => {
  await signIn(page, server.baseUrl, ADMIN);
  app = await createAppByApi(page, "粗大ごみ収集申込", {
    receipt: { type: "SINGLE_LINE_TEXT", code: "receipt", label: "受付番号", unique: true },
    name: { type: "SINGLE_LINE_TEXT", code: "name", label: "氏名", required: true },
    email: { type: "LINK", code: "email", label: "メールアドレス", protocol: "MAIL" },
  });
  await page.goto(`${server.baseUrl}/apps/${app}/public`);
  await page.getByRole("button", { name: "公開フォームを作成" }).click();
  const drawer = page.locator(".ant-drawer");
  await drawer.getByLabel("メールアドレスを使う").check();
  await drawer.getByLabel("申請者に確認メールを送る").click();
  const subject = drawer.getByLabel("件名", { exact: true });
  assert.equal(await subject.inputValue(), "【{{title}}】申請を受け付けました");
  assert.doesNotMatch(await drawer.getByLabel("本文", { exact: true }).inputValue(), /受付番号|\\n/);
  assert.equal(await drawer.getByTestId("mail-no-receipt").count(), 0);
  await subject.fill("受付番号 {{receipt}}");
  await drawer.getByTestId("mail-no-receipt").getByText("このアプリは受付番号を発行していないため、{{receipt}} は空欄になります。", { exact: false }).waitFor();
  await drawer.getByTestId("mail-no-receipt").scrollIntoViewIfNeeded();
  await screenshot(page, "receipts-01-mail-warning");
  await drawer.getByLabel("申請者に確認メールを送る").click();
  await drawer.getByTestId("public-save").click();
  await page.getByText("保存しました。").last().waitFor();
  formPath = await page.locator("[data-testid^=public-link-]").first().getAttribute("href");
  assert.match(formPath, /^\/public\/f\//);
});

test("without receipt numbers the resident is told when it was sent, in Japanese and English", { skip }, async () => {
  const before = Date.now();
  const ja = await apply("ja", "山田 花子");
  const received = ja.getByTestId("form-received");
  await received.getByText("送信日時", { exact: true }).waitFor();
  await received.getByText("この画面を閉じても、申請は取り消されません。お問い合わせの際は、送信日時をお伝えください。").waitFor();
  const shown = (await ja.locator(".receipt-time").textContent()).trim();
  const today = new Intl.DateTimeFormat("ja-JP", { dateStyle: "long" }).format(new Date(before));
  assert.ok(shown.startsWith(today), `${shown} is today (${today})`);
  assert.equal(await ja.getByText(/受付番号/).count(), 0, "no receipt number is mentioned");
  assert.equal(await ja.evaluate(() => document.scrollingElement.scrollWidth <= innerWidth), true);
  await screenshot(ja, "receipts-02-done-no-receipt-ja");
  await expectNoAxeViolations(ja, "completion without receipt (ja)");
  await ja.close();

  const en = await apply("en", "Sato Taro");
  await en.getByTestId("form-received").getByText("Sent on", { exact: true }).waitFor();
  await en.getByText("Closing this page does not cancel your application.", { exact: false }).waitFor();
  assert.equal(await en.getByText(/receipt/i).count(), 0, "no receipt number is mentioned");
  await screenshot(en, "receipts-03-done-no-receipt-en");
  await expectNoAxeViolations(en, "completion without receipt (en)");
  await en.close();
  const records = await callApi(page, "GET", "records.json", { app, query: "" });
  assert.deepEqual(records.body.records.map((r) => r.receipt.value), ["", ""]);
});

test("with receipt numbers the number is shown instead, and the mail texts carry it", { skip }, async () => {
  const format = await callApi(page, "PUT", "/api/app/receipt.json", { app, format: { field: "receipt", prefix: "SG", year: "none", digits: 5 } });
  assert.equal(format.status, 200, JSON.stringify(format.body));
  const ja = await apply("ja", "鈴木 次郎");
  assert.match((await ja.locator(".receipt-number").textContent()).trim(), /^SG-\d{5}$/);
  await ja.getByText("この番号を控えてください。").waitFor();
  assert.equal(await ja.getByTestId("form-received").count(), 0);
  await expectNoAxeViolations(ja, "completion with receipt (ja)");
  await ja.close();
  const en = await apply("en", "Kato Ken");
  await en.getByText("Your receipt number").waitFor();
  await screenshot(en, "receipts-04-done-receipt-en");
  await en.close();

  await page.reload();
  await page.getByRole("row").filter({ hasText: formPath }).getByRole("button", { name: "編集", exact: true }).click();
  const drawer = page.locator(".ant-drawer");
  await drawer.getByLabel("申請者に確認メールを送る").click();
  // The subject typed earlier uses {{receipt}}; now that numbers are issued it is not flagged.
  assert.equal(await drawer.getByLabel("件名", { exact: true }).inputValue(), "受付番号 {{receipt}}");
  assert.equal(await drawer.getByTestId("mail-no-receipt").count(), 0);
  await drawer.getByRole("button", { name: "キャンセル" }).click();
  await drawer.waitFor({ state: "hidden" });
  // A new form's mail texts carry the number.
  await page.getByRole("button", { name: "公開フォームを作成" }).click();
  await drawer.getByLabel("メールアドレスを使う").check();
  await drawer.getByLabel("申請者に確認メールを送る").click();
  assert.equal(await drawer.getByLabel("件名", { exact: true }).inputValue(), "【{{title}}】受付番号 {{receipt}}");
  assert.match(await drawer.getByLabel("本文", { exact: true }).inputValue(), /^申請を受け付けました。\n\n受付番号: \{\{receipt\}\}\n/);
  await drawer.getByRole("button", { name: "キャンセル" }).click();
});

test("no console errors", { skip }, () => {
  assert.deepEqual(consoleErrors.filter((e) => !/status of (401|404|400|429)/.test(e)), []);
});

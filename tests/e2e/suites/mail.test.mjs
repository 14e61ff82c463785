// Mail end to end: an administrator opens the mail screen from the account menu, sees the
// empty queue, is told what is missing, saves the SMTP settings (a local SMTP sink started
// here), sends a test message, sets up a public form's confirmation e-mail — an unknown
// placeholder is pointed out next to the body — and after a resident applies, the message
// is in the sink and listed as sent. The mail screen passes axe-core (WCAG 2.1 A/AA).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, startServer } from "../lib/server.mjs";
import { expectNoAxeViolations } from "../lib/axe.mjs";
import { launch, screenshot, signIn } from "../lib/browser.mjs";
import { callApi, createAppByApi, pick } from "../lib/apps.mjs";
import { startSink } from "../../api/lib/smtp-sink.mjs";

const server = await startServer();
const sink = await startSink();
after(() => sink.stop());
const { page } = await launch();
const real = server.kind === "real";
let app;

test("the administrator sets up SMTP and sends a test message", { skip: !real && "needs the real server" }, async () => {
  await signIn(page, server.baseUrl, ADMIN);
  await page.getByRole("button", { name: /のアカウント|Account of/ }).click();
  await page.getByRole("menuitem", { name: "メール設定" }).click();
  await page.getByRole("heading", { name: "メール", exact: true }).waitFor();
  await page.getByText("まだメールはありません。公開フォームの確認メールがここに表示されます。").waitFor();
  await expectNoAxeViolations(page, "mail screen, empty", { pointerAway: true });

  // Switched on without a server: the screen says which entries are missing.
  await page.getByLabel("メールを送信する").click();
  await page.getByTestId("mail-save").click();
  await page.locator("#mail-host").locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' ant-form-item ')][1]").getByText("必須です。").waitFor();
  await screenshot(page, "mail-01-missing-server");

  await page.getByLabel("サーバー", { exact: true }).fill("127.0.0.1");
  await page.getByLabel("ポート", { exact: true }).fill(String(sink.port));
  await pick(page, "暗号化", "なし（庁内の中継サーバーのみ）");
  await page.getByLabel("差出人アドレス").fill("madoguchi@city.example.lg.jp");
  await page.getByLabel("差出人名").fill("市民課");
  await page.getByTestId("mail-save").click();
  await page.getByText("保存しました。").last().waitFor();

  await page.getByLabel("宛先", { exact: true }).fill("kakarichou@city.example.lg.jp");
  await page.getByTestId("mail-test-send").click();
  await page.getByTestId("mail-test-result").getByText("kakarichou@city.example.lg.jp 宛てのメールをサーバーが受け付けました。").waitFor();
  const m = await sink.waitFor((mail, env) => env.to.includes("kakarichou@city.example.lg.jp"));
  assert.equal(m.mail.headers.subject, "Tsumiki テストメール / test message");
  await screenshot(page, "mail-02-settings-saved-test-sent");
  await expectNoAxeViolations(page, "mail screen, settings saved and test sent", { pointerAway: true });
});

test("a public form's confirmation e-mail is set up, checked and sent", { skip: !real && "needs the real server" }, async () => {
  app = await createAppByApi(page, "子育て給付金", {
    receipt: { type: "SINGLE_LINE_TEXT", code: "receipt", label: "受付番号", unique: true },
    name: { type: "SINGLE_LINE_TEXT", code: "name", label: "氏名", required: true },
    email: { type: "LINK", code: "email", label: "メールアドレス", protocol: "MAIL" },
  });
  await page.goto(`${server.baseUrl}/apps/${app}/public`);
  await page.getByRole("button", { name: "公開フォームを作成" }).click();
  const drawer = page.locator(".ant-drawer");
  await drawer.getByLabel("メールアドレスを使う").check();
  await drawer.getByLabel("申請者に確認メールを送る").click();
  // The e-mail link is offered first and picked when the mail is switched on.
  await drawer.getByText("メールアドレス (email)", { exact: true }).first().waitFor();
  await drawer.getByLabel("件名", { exact: true }).fill("【{{title}}】受付番号 {{receipt}}");
  const body = drawer.getByLabel("本文", { exact: true });
  await body.fill("{{nmae}} 様\n受付番号: ");
  // The placeholder buttons insert at the cursor.
  await body.press("End");
  await drawer.getByRole("button", { name: "本文に {{receipt}} を差し込む" }).click();
  assert.equal(await body.inputValue(), "{{nmae}} 様\n受付番号: {{receipt}}");
  await drawer.getByTestId("public-save").click();
  const error = drawer.locator("#form-mail-body").locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' ant-form-item ')][1]");
  await error.getByText(/差し込み項目「\{\{nmae\}\}」はありません。/).waitFor();
  await screenshot(page, "mail-03-form-unknown-placeholder");

  await body.fill("{{name}} 様\n受付番号: {{receipt}}");
  await drawer.getByTestId("public-save").click();
  await page.getByText("保存しました。").last().waitFor();
  const formPath = await page.locator("[data-testid^=public-link-]").first().getAttribute("href");
  const token = formPath.split("/").pop();

  // A resident applies, told beforehand and on the receipt where the confirmation goes.
  assert.match(token, /^[A-Za-z0-9]+$/);
  const resident = await page.context().newPage();
  await resident.goto(server.baseUrl + formPath);
  await resident.getByText("入力されたアドレスに確認メールをお送りします。").waitFor();
  await resident.getByLabel(/^氏名/).fill("山田 花子");
  await resident.getByLabel(/^メールアドレス/).fill("hanako@example.jp");
  await resident.getByRole("button", { name: "入力内容を確認する" }).click();
  await resident.getByRole("button", { name: "送信する" }).click();
  // This app issues no receipt numbers, so the mail is not said to carry one.
  await resident.getByTestId("form-mail-sent").filter({ hasText: /^確認メールを hanako@example\.jp 宛に送信しました。/ }).waitFor();
  await screenshot(resident, "mail-05-resident-receipt");
  await resident.close();
  const m = await sink.waitFor((mail, env) => env.to.includes("hanako@example.jp"));
  assert.match(m.mail.body, /^山田 花子 様\r\n受付番号: /);

  // Once the app issues receipt numbers, the receipt screen says the mail carries it; in English too.
  const format = await callApi(page, "PUT", "/api/app/receipt.json", { app, format: { field: "receipt", prefix: "KS", year: "none", digits: 5 } });
  assert.equal(format.status, 200, JSON.stringify(format.body));
  const second = await page.context().newPage();
  await second.goto(server.baseUrl + formPath);
  await second.getByRole("button", { name: "English" }).click();
  await second.getByText("We will send a confirmation e-mail to this address.").waitFor();
  await second.getByLabel(/^氏名/).fill("Sato Taro");
  await second.getByLabel(/^メールアドレス/).fill("taro@example.jp");
  await second.getByRole("button", { name: "Check your entries" }).click();
  await second.getByRole("button", { name: "Send" }).click();
  const number = (await second.locator(".receipt-number").textContent()).trim();
  assert.match(number, /^KS-\d{5}$/);
  await second.getByTestId("form-mail-sent").filter({ hasText: /^A confirmation e-mail with your receipt number has been sent to taro@example\.jp\./ }).waitFor();
  await screenshot(second, "mail-06-resident-receipt-en");
  await second.close();
  const m2 = await sink.waitFor((mail, env) => env.to.includes("taro@example.jp"));
  assert.match(m2.mail.body, new RegExp(`受付番号: ${number}`));

  await page.goto(`${server.baseUrl}/admin/mail`);
  await page.getByRole("cell", { name: "hanako@example.jp" }).waitFor();
  await page.getByRole("row").filter({ hasText: "hanako@example.jp" }).getByText("送信済み").waitFor();
  await page.getByRole("heading", { name: "送信キュー" }).scrollIntoViewIfNeeded();
  await screenshot(page, "mail-04-outbox");
  await expectNoAxeViolations(page, "mail screen with the outbox", { pointerAway: true });
});

// Public pages end to end: an administrator sets receipt numbers and publishes a form and a
// look-up page in the staff UI; a resident (no account) applies — first with a wrong
// attachment, then rightly — sees the receipt number, and looks the application up with
// wrong and right details. Every public page passes axe-core (WCAG 2.1 A/AA) with zero
// violations, in Japanese and English, and fits a phone screen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, startServer } from "../lib/server.mjs";
import { expectNoAxeViolations } from "../lib/axe.mjs";
import { launch, screenshot, signIn } from "../lib/browser.mjs";
import { callApi, createAppByApi, pick } from "../lib/apps.mjs";

const server = await startServer();
const { context, page, consoleErrors } = await launch();
let app, formPath, lookupPath, receipt;

const pdf = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

const overflow = (p) => p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test("an administrator sets receipt numbers and publishes a form", async () => {
  await signIn(page, server.baseUrl, ADMIN);
  app = await createAppByApi(page, "給付金申請", {
    receipt: { type: "SINGLE_LINE_TEXT", code: "receipt", label: "受付番号", unique: true },
    name: { type: "SINGLE_LINE_TEXT", code: "name", label: "氏名", required: true },
    birth: { type: "DATE", code: "birth", label: "生年月日" },
    kind: { type: "RADIO_BUTTON", code: "kind", label: "申請種別", options: { 一般: { label: "一般", index: "0" }, 特例: { label: "特例", index: "1" } }, defaultValue: "一般" },
    doc: { type: "FILE", code: "doc", label: "本人確認書類" },
    state: { type: "DROP_DOWN", code: "state", label: "状態", options: { 受付: { label: "受付", index: "0" }, 審査中: { label: "審査中", index: "1" } } },
  });
  await page.goto(`${server.baseUrl}/apps/${app}`);
  await page.getByRole("link", { name: "公開設定" }).click();
  await page.getByRole("heading", { name: "公開設定: 給付金申請" }).waitFor();
  await pick(page, "番号を入れるフィールド", "受付番号 (receipt)");
  await page.getByLabel("接頭辞").fill("AP");
  const year = new Date().getFullYear();
  assert.equal(await page.getByTestId("receipt-preview").textContent(), `AP-${year}-000001`);
  await page.getByRole("button", { name: "保存" }).click();
  await page.getByText("保存しました。").last().waitFor();

  await page.getByRole("button", { name: "公開フォームを作成" }).click();
  const drawer = page.locator(".ant-drawer");
  await drawer.getByLabel("タイトル").fill("特別給付金 オンライン申請");
  await drawer.getByLabel("説明文").fill("必要事項を入力し、本人確認書類を添付してください。");
  for (const field of ["生年月日", "申請種別", "本人確認書類"]) await drawer.getByLabel(`${field}を使う`).check();
  await drawer.getByLabel("氏名の説明").fill("戸籍上のお名前を入力してください。");
  await screenshot(page, "public-01-form-editor");
  await drawer.getByTestId("public-save").click();
  await page.getByText("保存しました。").last().waitFor();
  formPath = await page.locator("[data-testid^=public-link-]").first().getAttribute("href");
  assert.match(formPath, /^\/public\/f\/[A-Za-z0-9]{32}$/);
  await screenshot(page, "public-02-pages-list");
});

test("a resident with a wrong attachment is told clearly, then applies and gets a receipt number", async () => {
  const resident = await context.newPage();
  await resident.goto(server.baseUrl + formPath);
  await resident.getByRole("heading", { name: "特別給付金 オンライン申請" }).waitFor();
  await expectNoAxeViolations(resident, "form (empty)");
  // This form sends no confirmation e-mail, so the page promises none.
  assert.equal(await resident.getByText(/確認メール/).count(), 0);
  await resident.getByRole("button", { name: "入力内容を確認する" }).click();
  await resident.getByRole("alert").getByText("次の項目をご確認ください。").waitFor();
  await expectNoAxeViolations(resident, "form (missing name)");
  await resident.getByLabel(/^氏名/).fill("山田 花子");
  await resident.getByLabel(/^生年月日/).fill("1980-01-02");
  await resident.getByLabel(/^本人確認書類/).setInputFiles({ name: "免許証.pdf", mimeType: "application/pdf", buffer: Buffer.from("this is a plain text file") });
  await resident.getByRole("button", { name: "入力内容を確認する" }).click();
  await resident.getByRole("heading", { name: "入力内容の確認" }).waitFor();
  await expectNoAxeViolations(resident, "confirmation");
  await resident.getByRole("button", { name: "送信する" }).click();
  const alert = resident.getByRole("alert");
  await alert.getByText(/「免許証\.pdf」は受け付けられないファイル形式です/).waitFor();
  await screenshot(resident, "public-03-wrong-attachment");
  await expectNoAxeViolations(resident, "form (wrong file)");

  await resident.getByLabel(/^本人確認書類/).setInputFiles({ name: "免許証.pdf", mimeType: "application/pdf", buffer: pdf });
  await resident.getByRole("button", { name: "入力内容を確認する" }).click();
  await resident.getByRole("button", { name: "送信する" }).dblclick();
  await resident.getByRole("heading", { name: "申請を受け付けました" }).waitFor();
  receipt = (await resident.locator(".receipt-number").textContent()).trim();
  assert.match(receipt, new RegExp(`^AP-${new Date().getFullYear()}-\\d{6}$`));
  await screenshot(resident, "public-04-receipt");
  assert.equal(await resident.getByTestId("form-mail-sent").count(), 0);
  await expectNoAxeViolations(resident, "completion");

  const records = await callApi(page, "GET", "records.json", { app, query: 'name = "山田 花子"' });
  assert.equal(records.body.records.length, 1, "a double click filed one application");
  assert.equal(records.body.records[0].receipt.value, receipt);
  assert.equal(records.body.records[0].doc.value[0].contentType, "application/pdf");
  await resident.close();
});

test("the administrator publishes a look-up page", async () => {
  await callApi(page, "PUT", "record.json", { app, updateKey: { field: "receipt", value: receipt }, record: { state: { value: "審査中" } } });
  await page.getByRole("button", { name: "照会ページを作成" }).click();
  const drawer = page.locator(".ant-drawer");
  await pick(page, "確認用の項目1", "生年月日 (birth)");
  await drawer.getByRole("checkbox", { name: "氏名", exact: true }).check();
  await drawer.getByRole("checkbox", { name: "状態", exact: true }).check();
  await drawer.getByLabel("審査中の日本語の文言").fill("審査しています");
  await drawer.getByLabel("審査中の英語の文言").fill("Under review");
  await drawer.getByTestId("public-save").click();
  await page.getByText("保存しました。").last().waitFor();
  lookupPath = await page.locator("a[href^='/public/l/']").first().getAttribute("href");
  assert.ok(lookupPath);
});

test("a resident looks up with wrong and then right details, in Japanese and English", async () => {
  const resident = await context.newPage();
  await resident.setViewportSize({ width: 375, height: 740 });
  await resident.goto(server.baseUrl + lookupPath);
  await resident.getByRole("heading", { name: "申請状況の確認" }).waitFor();
  await expectNoAxeViolations(resident, "look-up (empty)");
  await resident.getByLabel(/^受付番号/).fill(receipt.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))));
  await resident.getByLabel(/^生年月日/).fill("1980-01-03");
  await resident.getByRole("button", { name: "照会する" }).click();
  await resident.getByRole("alert").getByText("入力された内容に一致する申請は見つかりませんでした。").waitFor();
  await screenshot(resident, "public-05-lookup-not-found");
  await expectNoAxeViolations(resident, "look-up (not found)");
  await resident.getByLabel(/^生年月日/).fill("1980-01-02");
  await resident.getByRole("button", { name: "照会する" }).click();
  await resident.getByRole("heading", { name: "申請の状況" }).waitFor();
  const result = await resident.locator(".summary").textContent();
  assert.match(result, /山田 花子/);
  assert.match(result, /審査しています/);
  assert.equal(await overflow(resident), 0, "fits a phone screen");
  await screenshot(resident, "public-06-lookup-found-phone");
  await expectNoAxeViolations(resident, "look-up (found)");

  await resident.getByRole("button", { name: "English" }).click();
  await resident.getByRole("button", { name: "Check another application" }).waitFor();
  assert.equal(await resident.evaluate(() => document.documentElement.lang), "en");
  await expectNoAxeViolations(resident, "look-up (English)");
  await resident.close();
});

test("repeated wrong details are slowed down", async () => {
  const pages = await callApi(page, "GET", "records.json", { app, query: "" });
  assert.ok(pages.body.records.length >= 1);
  const r = await page.evaluate(async ([a, cookieApp]) => {
    const session = await (await fetch("/api/session.json", { headers: { "X-Requested-With": "XMLHttpRequest" } })).json();
    const res = await fetch("/api/public/pages.json", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Requested-With": "XMLHttpRequest" },
      body: JSON.stringify({
        app: cookieApp, kind: "lookup", __REQUEST_TOKEN__: session.csrfToken,
        settings: { title: "照会（制限）", keys: [{ code: "receipt" }, { code: "birth" }], shown: [{ code: "name" }], rateLimit: { perAddress: 100, perKey: 2 } },
      }),
    });
    return res.json();
  }, [null, app]);
  assert.match(r.path ?? "", /^\/public\/l\//, JSON.stringify(r));
  const resident = await context.newPage();
  await resident.goto(`${server.baseUrl}${r.path}?lang=ja`); // test 4 switched this browser to English
  await resident.getByLabel(/^受付番号/).fill(receipt);
  for (const day of ["03", "04"]) {
    await resident.getByLabel(/^生年月日/).fill(`1980-01-${day}`);
    await resident.getByRole("button", { name: "照会する" }).click();
    await resident.getByRole("alert").getByText(/見つかりませんでした/).waitFor();
  }
  await resident.getByLabel(/^生年月日/).fill("1980-01-02");
  await resident.getByRole("button", { name: "照会する" }).click();
  await resident.getByRole("alert").getByText(/しばらく時間をおいてから/).waitFor();
  await expectNoAxeViolations(resident, "look-up (rate limited)");
  await screenshot(resident, "public-07-rate-limited");
  await resident.close();
});

test("no console errors", () => {
  assert.deepEqual(consoleErrors.filter((e) => !/status of (401|404|400|429)/.test(e)), []);
});

// Every field type the designer's palette offers, as a clerk sets it up: one field of each
// type with its key settings (required, options, min/max, a default, a formula, a table with
// two columns, label, space and line), deployed, then one record filled in through the form
// and every value read back through the REST API. Lookup, related records and field groups
// point at another app or hold other fields; designer-related.test.mjs covers them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, startServer } from "../lib/server.mjs";
import { launch, screenshot, signIn } from "../lib/browser.mjs";
import { addField, callApi, createAppInUi, deployInUi, pick } from "../lib/apps.mjs";
import { drag } from "../lib/dnd.mjs";

const server = await startServer();
const real = server.kind === "real";
const { page, consoleErrors } = await launch();
let app;

// Every palette entry in the order the palette shows it; the test fails when a type is added
// to the palette without being covered here.
const PALETTE = [
  "SINGLE_LINE_TEXT", "MULTI_LINE_TEXT", "RICH_TEXT", "NUMBER", "CALC", "RADIO_BUTTON", "CHECK_BOX",
  "MULTI_SELECT", "DROP_DOWN", "DATE", "TIME", "DATETIME", "LINK", "FILE", "USER_SELECT",
  "ORGANIZATION_SELECT", "GROUP_SELECT", "SUBTABLE", "LOOKUP", "REFERENCE_TABLE", "GROUP", "LABEL", "SPACER", "HR",
];

const panel = () => page.getByTestId("property-panel");

async function options(labels) {
  for (let i = 0; i < labels.length; i++) {
    if (i >= 2) await panel().getByRole("button", { name: "項目を追加" }).click();
    await panel().getByTestId(`option-${i}`).fill(labels[i]);
  }
}

// Searches a user, organisation or group picker by name and picks the entry.
async function pickEntity(label, search, option) {
  const picker = page.getByLabel(label, { exact: true });
  await picker.click();
  await picker.fill(search);
  await page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option").filter({ hasText: option }).click();
  await page.keyboard.press("Escape");
}

async function layoutItem(type) {
  await page.getByTestId(`palette-${type}`).focus();
  await page.keyboard.press("Enter");
}

test("the palette offers every type this suite covers", { skip: !real && "needs the real server" }, async () => {
  await signIn(page, server.baseUrl, ADMIN);
  // People, a department and a group to pick in the record.
  const users = [{ code: "sato", name: "佐藤 花子", password: "a-long-enough-password-1" }];
  assert.equal((await callApi(page, "POST", "/v1/users.json", { users })).status, 200);
  assert.equal((await callApi(page, "POST", "/v1/organizations.json", { organizations: [{ code: "fukushi", name: "福祉課" }] })).status, 200);
  assert.equal((await callApi(page, "POST", "/v1/groups.json", { groups: [{ code: "madoguchi", name: "窓口班" }] })).status, 200);
  app = await createAppInUi(page, "全項目の申請");
  const offered = await page.locator("[data-testid^=palette-]").evaluateAll((els) => els.map((e) => e.dataset.testid.slice("palette-".length)));
  assert.deepEqual(offered, PALETTE);
});

test("one field of every type is added and set up in the designer", { skip: !real && "needs the real server" }, async () => {
  await addField(page, "SINGLE_LINE_TEXT", "氏名", { code: "name" });
  await panel().getByTestId("prop-required").check();
  await panel().getByLabel("最大文字数").fill("40");

  await addField(page, "MULTI_LINE_TEXT", "メモ", { code: "memo" });
  await panel().getByLabel("初期値", { exact: true }).fill("特記事項なし");

  await addField(page, "RICH_TEXT", "本文", { code: "body" });

  await addField(page, "NUMBER", "金額", { code: "amount" });
  await panel().getByTestId("prop-required").check();
  await panel().getByLabel("最小値").fill("0");
  await panel().getByLabel("最大値").fill("1000000");
  await panel().getByLabel("初期値", { exact: true }).fill("1000");
  await panel().getByLabel("単位記号", { exact: true }).fill("円");

  await addField(page, "CALC", "合計", { code: "total" });
  await panel().getByLabel("計算式").fill("amount * 2");

  await addField(page, "RADIO_BUTTON", "種別", { code: "kind" });
  await options(["新規", "更新"]);
  await panel().getByRole("radio", { name: "新規" }).check();

  await addField(page, "CHECK_BOX", "確認", { code: "checks" });
  await options(["本人確認", "書類確認"]);

  await addField(page, "MULTI_SELECT", "対象", { code: "target" });
  await options(["子ども", "高齢者", "障がい者"]);

  await addField(page, "DROP_DOWN", "状況", { code: "status" });
  await options(["受付", "審査中", "完了"]);
  await pick(page, "初期値", "受付");

  await addField(page, "DATE", "申請日", { code: "date" });
  await panel().getByTestId("prop-required").check();
  await addField(page, "TIME", "受付時刻", { code: "time" });
  await addField(page, "DATETIME", "面談日時", { code: "meeting" });
  await addField(page, "LINK", "連絡先メール", { code: "mail" });
  await panel().getByRole("radio", { name: "メールアドレス" }).check();
  await addField(page, "FILE", "添付", { code: "file" });
  await addField(page, "USER_SELECT", "担当者", { code: "user" });
  await addField(page, "ORGANIZATION_SELECT", "担当課", { code: "org" });
  await addField(page, "GROUP_SELECT", "担当班", { code: "grp" });

  await addField(page, "SUBTABLE", "明細", { code: "items" });
  const table = page.getByTestId("table-items");
  await drag(page, page.getByTestId("palette-SINGLE_LINE_TEXT"), table.locator(".table-drop"));
  await panel().getByTestId("prop-label").fill("品名");
  await panel().getByTestId("prop-code").fill("item");
  await drag(page, page.getByTestId("palette-NUMBER"), table.locator(".table-drop"));
  await panel().getByTestId("prop-label").fill("数量");
  await panel().getByTestId("prop-code").fill("qty");
  await panel().getByLabel("最小値").fill("1");
  assert.equal(await table.locator(".canvas-item").count(), 2);

  await layoutItem("LABEL");
  await page.locator("#prop-label-text").fill("以下は職員が記入します。");
  await layoutItem("SPACER");
  await layoutItem("HR");

  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, "designer-all-types");
  await page.getByRole("button", { name: "フォームを保存" }).click();
  await page.getByText("フォームを保存しました。").last().waitFor();
  await deployInUi(page);

  const { body } = await callApi(page, "GET", "app/form/fields.json", { app });
  const p = body.properties;
  const types = Object.fromEntries(Object.values(p).map((f) => [f.code, f.type]));
  for (const type of PALETTE.filter((t) => !["LABEL", "SPACER", "HR", "LOOKUP", "REFERENCE_TABLE", "GROUP"].includes(t))) {
    assert.ok(Object.values(types).includes(type), `a ${type} field is live`);
  }
  assert.equal(p.name.required, true);
  assert.equal(p.name.maxLength, "40");
  assert.equal(p.memo.defaultValue, "特記事項なし");
  assert.equal(p.amount.minValue, "0");
  assert.equal(p.amount.maxValue, "1000000");
  assert.equal(p.amount.defaultValue, "1000");
  assert.equal(p.amount.unit, "円");
  assert.equal(p.total.expression, "amount * 2");
  const labels = (f) => Object.values(f.options).sort((a, b) => a.index - b.index).map((o) => o.label);
  assert.deepEqual(labels(p.kind), ["新規", "更新"]);
  assert.equal(p.kind.defaultValue, "新規");
  assert.deepEqual(labels(p.checks), ["本人確認", "書類確認"]);
  assert.deepEqual(labels(p.target), ["子ども", "高齢者", "障がい者"]);
  assert.deepEqual(labels(p.status), ["受付", "審査中", "完了"]);
  assert.equal(p.status.defaultValue, "受付");
  assert.equal(p.date.required, true);
  assert.equal(p.mail.protocol, "MAIL");
  assert.deepEqual(Object.keys(p.items.fields).sort(), ["item", "qty"]);
  assert.equal(p.items.fields.qty.minValue, "1");
  const { body: layout } = await callApi(page, "GET", "app/form/layout.json", { app });
  const elements = layout.layout.flatMap((row) => row.fields ?? []).map((f) => f.type);
  for (const type of ["LABEL", "SPACER", "HR"]) assert.ok(elements.includes(type), `the layout has a ${type}`);
});

test("the formula field is removed again before records are written", { skip: !real && "needs the real server" }, async () => {
  // The server stores CALC definitions but does not compute them yet, and refuses every record
  // write in an app that has one ("この機能（CALC）はまだサポートされていません"): the record below
  // is written without it.
  await page.getByTestId("canvas-item-total").getByRole("button", { name: "合計", exact: true }).click();
  await panel().getByRole("button", { name: "フィールドを削除" }).click();
  await page.locator(".ant-popconfirm").getByRole("button", { name: "削除" }).click();
  await page.getByTestId("canvas-item-total").waitFor({ state: "detached" });
  await page.getByRole("button", { name: "フォームを保存" }).click();
  await page.getByText("フォームを保存しました。").last().waitFor();
  await deployInUi(page);
  const { body } = await callApi(page, "GET", "app/form/fields.json", { app });
  assert.equal(body.properties.total, undefined);
});

test("a record is filled in through every widget and every value is stored", { skip: !real && "needs the real server" }, async () => {
  await page.goto(`${server.baseUrl}/apps/${app}/records/new`);
  await page.getByTestId("record-save").waitFor();
  // Defaults from the designer are already filled in.
  assert.equal(await page.getByLabel("メモ").inputValue(), "特記事項なし");
  assert.equal(await page.getByLabel("金額").inputValue(), "1000");

  await page.getByLabel("氏名").fill("渡辺 一郎");
  await page.getByRole("textbox", { name: "本文" }).click();
  await page.keyboard.type("窓口で相談を受けました");
  await page.getByLabel("金額").fill("12000");
  await page.getByTestId("field-kind").getByText("更新").click();
  await page.getByTestId("field-checks").getByText("書類確認").click();
  await pick(page, "対象", "高齢者");
  await page.keyboard.press("Escape");
  await pick(page, "状況", "審査中");
  await page.getByLabel("申請日").fill("2026-04-01");
  await page.keyboard.press("Enter");
  await page.getByLabel("受付時刻").fill("09:30");
  await page.keyboard.press("Enter");
  await page.getByLabel("面談日時").fill("2026-04-02 14:00");
  await page.keyboard.press("Enter");
  await page.getByLabel("連絡先メール").fill("ichiro@example.jp");
  await page.getByTestId("field-file").locator("input[type=file]").setInputFiles({ name: "申請書.txt", mimeType: "text/plain", buffer: Buffer.from("申請書の中身") });
  await page.getByTestId("field-file").getByRole("button", { name: "申請書.txt をダウンロード" }).waitFor();
  for (const [label, search, option] of [["担当者", "佐藤", "佐藤 花子 (sato)"], ["担当課", "福祉", "福祉課 (fukushi)"], ["担当班", "窓口", "窓口班 (madoguchi)"]]) {
    await pickEntity(label, search, option);
  }
  await page.getByLabel("品名 1 行目").fill("書類");
  await page.getByLabel("数量 1 行目").fill("2");
  await page.getByRole("button", { name: "行を追加" }).first().click();
  await page.getByLabel("品名 2 行目").fill("写真");
  await page.getByLabel("数量 2 行目").fill("1");
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, "designer-all-types-record");
  await page.getByLabel("品名 1 行目").scrollIntoViewIfNeeded();
  await screenshot(page, "designer-all-types-record-lower");

  await page.getByTestId("record-save").click();
  await page.waitForURL(/\/records\/\d+$/);
  const id = page.url().match(/records\/(\d+)$/)[1];
  const { body } = await callApi(page, "GET", "record.json", { app, id });
  const r = body.record;
  assert.equal(r.name.value, "渡辺 一郎");
  assert.equal(r.memo.value, "特記事項なし");
  assert.match(r.body.value, /窓口で相談を受けました/);
  assert.equal(r.amount.value, "12000");
  assert.equal(r.kind.value, "更新");
  assert.deepEqual(r.checks.value, ["書類確認"]);
  assert.deepEqual(r.target.value, ["高齢者"]);
  assert.equal(r.status.value, "審査中");
  assert.equal(r.date.value, "2026-04-01");
  assert.equal(r.time.value, "09:30");
  // Typed in the browser's time zone, stored in UTC.
  assert.equal(new Date(r.meeting.value).getTime(), new Date(2026, 3, 2, 14, 0).getTime());
  assert.equal(r.mail.value, "ichiro@example.jp");
  assert.equal(r.file.value[0].name, "申請書.txt");
  assert.deepEqual(r.user.value, [{ code: "sato", name: "佐藤 花子" }]);
  assert.deepEqual(r.org.value, [{ code: "fukushi", name: "福祉課" }]);
  assert.deepEqual(r.grp.value, [{ code: "madoguchi", name: "窓口班" }]);
  assert.deepEqual(r.items.value.map((row) => [row.value.item.value, row.value.qty.value]), [["書類", "2"], ["写真", "1"]]);
  await page.getByTestId("field-amount").getByText("円12000").waitFor();
  assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource/.test(e)), []);
});

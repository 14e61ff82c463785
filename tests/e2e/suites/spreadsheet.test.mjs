// Create an app from an .xlsx made here (types guessed, confirmed, rows imported with
// progress), then export the list as CSV in UTF-8 (BOM) and Shift_JIS and compare.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import writeXlsxFile from "write-excel-file/node";
import { ADMIN, startServer } from "../lib/server.mjs";
import { launch, screenshot, signIn } from "../lib/browser.mjs";

const server = await startServer();
const { page, consoleErrors } = await launch();
const dir = mkdtempSync(join(tmpdir(), "tsumiki-sheet-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const statuses = ["受付", "審査中", "完了"];
const people = Array.from({ length: 130 }, (_, i) => ({
  name: `住民 ${i + 1}`,
  amount: (i + 1) * 1500,
  date: new Date(Date.UTC(2024, 3, 1 + (i % 28))),
  status: statuses[i % 3],
  zip: `060${String(i).padStart(4, "0")}`,
}));

async function makeXlsx() {
  const header = ["氏名", "金額", "申請日", "状況", "郵便番号"].map((value) => ({ value, fontWeight: "bold" }));
  const rows = people.map((p) => [
    { type: String, value: p.name },
    { type: Number, value: p.amount },
    { type: Date, value: p.date, format: "yyyy/mm/dd" },
    { type: String, value: p.status },
    { type: String, value: p.zip },
  ]);
  const file = join(dir, "給付金申請一覧.xlsx");
  await writeXlsxFile([header, ...rows]).toFile(file);
  return file;
}

function parseCsv(text) {
  const rows = [];
  let row = [], cell = "", q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) { if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') q = false; else cell += c; }
    else if (c === '"') q = true;
    else if (c === ",") { row.push(cell); cell = ""; }
    else if (c === "\r") {}
    else if (c === "\n") { row.push(cell); rows.push(row); row = []; cell = ""; }
    else cell += c;
  }
  return rows;
}

test("an app is created from an .xlsx with guessed types the user confirms, and every row is imported", async () => {
  const file = await makeXlsx();
  await signIn(page, server.baseUrl, ADMIN);
  await page.getByRole("button", { name: "アプリを作成" }).first().click();
  await page.getByText("Excel / CSV から作成").click();
  await page.locator(".ant-modal input[type=file]").setInputFiles(file);
  await page.getByText("130 行・5 列を読み込みます").waitFor();
  assert.equal(await page.getByLabel("アプリ名").inputValue(), "給付金申請一覧");
  const types = await page.locator("[data-testid^=column-type-] .ant-select-content, [data-testid^=column-type-] .ant-select-selection-item").allInnerTexts();
  assert.deepEqual(types.filter(Boolean), ["文字列（1行）", "数値", "日付", "ドロップダウン", "文字列（1行）"]);
  await screenshot(page, "create-from-xlsx");
  await page.getByRole("button", { name: "アプリを作成して読み込む" }).click();
  await page.waitForURL(/\/apps\/\d+$/);
  await page.getByTestId("record-total").filter({ hasText: "130 件" }).waitFor();
});

for (const [encoding, label] of [["utf-8", "UTF-8"], ["shift_jis", "Shift_JIS"]]) {
  test(`the list exports as CSV in ${label} that matches the imported sheet`, async () => {
    await page.getByRole("button", { name: "CSV に書き出す" }).click();
    await page.getByText(new RegExp(`^${label}`)).click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "ダウンロード" }).click()]);
    const path = join(dir, `export-${encoding}.csv`);
    await download.saveAs(path);
    const bytes = readFileSync(path);
    if (encoding === "utf-8") assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = new TextDecoder(encoding).decode(encoding === "utf-8" ? bytes.subarray(3) : bytes);
    const rows = parseCsv(text);
    assert.deepEqual(rows[0], ["レコード番号", "氏名", "金額", "申請日", "状況", "郵便番号"]);
    assert.equal(rows.length, 131);
    const byName = new Map(rows.slice(1).map((r) => [r[1], r]));
    for (const p of people) {
      const r = byName.get(p.name);
      assert.deepEqual(r.slice(2), [String(p.amount), p.date.toISOString().slice(0, 10), p.status, p.zip], p.name);
    }
  });
}

// The Shift_JIS export edited as a clerk would in Excel and saved as CSV UTF-8: two statuses changed, one new row
// without a record number, and first a typo in an amount. The check lists the bad row by its
// sheet row and saves nothing; the corrected file updates by record number and adds the rest.
test("an edited export goes back in: checked first, then updated by record number", async () => {
  const text = new TextDecoder("shift_jis").decode(readFileSync(join(dir, "export-shift_jis.csv")));
  const rows = parseCsv(text);
  const edited = rows.map((r) => [...r]);
  edited[1][4] = "完了";
  edited[2][4] = "完了";
  edited.push(["", "転入 太郎", "12,000", "2024-05-01", "受付", "0609999"]);
  const write = (name, table) => {
    const csv = table.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\r\n") + "\r\n";
    const path = join(dir, name);
    writeFileSync(path, "\ufeff" + csv); // saved back from Excel as "CSV UTF-8"
    return path;
  };
  const typo = edited.map((r) => [...r]);
  typo[3][2] = "12万";

  await page.getByRole("button", { name: "ファイルから読み込む" }).click();
  await page.getByRole("heading", { name: /^ファイルから読み込む: / }).waitFor();
  await page.locator("input[type=file]").setInputFiles(write("edited-typo.csv", typo));
  await page.getByTestId("import-file").filter({ hasText: "131 行" }).waitFor();
  // Columns matched by label; the record number found as the key.
  assert.equal(await page.getByLabel("氏名 に読み込む列").locator("xpath=ancestor::*[contains(@class,'ant-select')][1]").innerText(), "B: 氏名");
  assert.match(await page.locator("#import-key").locator("xpath=ancestor::*[contains(@class,'ant-select')][1]").innerText(), /レコード番号/);
  await page.getByTestId("import-check").click();
  const result = page.getByTestId("import-result");
  await result.filter({ hasText: "1 行に問題があります。何も保存していません" }).waitFor();
  assert.match(await page.getByTestId("import-problems").innerText(), /4\s+金額/);
  await screenshot(page, "import-problems");

  await page.getByRole("button", { name: "別のファイルを選ぶ" }).click();
  await page.locator("input[type=file]").setInputFiles(write("edited.csv", edited));
  await page.getByTestId("import-check").click();
  await result.filter({ hasText: "1 件が追加され、130 件が更新されます" }).waitFor();
  await page.getByTestId("import-run").click();
  await result.filter({ hasText: "1 件を追加し、130 件を更新しました" }).waitFor();
  await screenshot(page, "import-done");
  await result.getByRole("button", { name: "一覧に戻る" }).click();
  await page.getByTestId("record-total").filter({ hasText: "131 件" }).waitFor();
  const check = await page.evaluate(async (app) => {
    const r = await fetch(`/k/v1/records.json?app=${app}&query=${encodeURIComponent("状況 in (\"完了\") limit 500")}&totalCount=true`, { headers: { "X-Requested-With": "XMLHttpRequest" } });
    return (await r.json()).totalCount;
  }, page.url().match(/\/apps\/(\d+)/)[1]);
  // 130 rows had every third one 完了 (43 or 44) plus the two edited rows that were not.
  const before = people.filter((p) => p.status === "完了").length;
  const flipped = [rows[1], rows[2]].filter((r) => r[4] !== "完了").length;
  assert.equal(Number(check), before + flipped);
});

test("no errors were logged in the browser", () => {
  writeFileSync(join(dir, "done"), "");
  assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource/.test(e)), []);
});

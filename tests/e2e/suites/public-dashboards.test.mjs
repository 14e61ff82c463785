// Public dashboards end to end: an administrator builds a dashboard in the staff UI
// (公開設定), previews it and publishes it; a resident opens it, sees the table and the chart
// (small groups suppressed), switches to English and downloads the CSV. The page passes
// axe-core (WCAG 2.1 A/AA) with zero violations and loads nothing that breaks its strict CSP.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ADMIN, startServer } from "../lib/server.mjs";
import { expectNoAxeViolations } from "../lib/axe.mjs";
import { launch, screenshot, signIn } from "../lib/browser.mjs";
import { callApi, createAppByApi } from "../lib/apps.mjs";

const server = await startServer();
const { context, page, consoleErrors } = await launch();
let app, dashboardPath;

test("an administrator builds, previews and publishes a dashboard", async () => {
  await signIn(page, server.baseUrl, ADMIN);
  app = await createAppByApi(page, "給付金申請", {
    name: { type: "SINGLE_LINE_TEXT", code: "name", label: "氏名" },
    state: { type: "DROP_DOWN", code: "state", label: "状態", options: { 受付: { label: "受付", index: "0" }, 審査中: { label: "審査中", index: "1" } } },
    amount: { type: "NUMBER", code: "amount", label: "金額" },
  });
  const records = [...Array(6).fill("受付"), "審査中", "審査中"].map((state, i) => ({ name: { value: `住民${i}` }, state: { value: state }, amount: { value: "1000" } }));
  const added = await callApi(page, "POST", "records.json", { app, records });
  assert.equal(added.status, 200, JSON.stringify(added.body));

  await page.goto(`${server.baseUrl}/apps/${app}`);
  await page.getByRole("link", { name: "公開設定" }).click();
  await page.getByRole("button", { name: "集計ページを作成" }).click();
  const drawer = page.locator(".ant-drawer");
  await drawer.getByLabel("タイトル").fill("給付金の申請状況");
  await drawer.getByLabel("説明文").fill("状態ごとの申請件数です。");
  await drawer.getByLabel("受付の英語の文言").fill("Received");
  await drawer.getByTestId("dashboard-preview").click();
  const preview = drawer.locator(".ant-table");
  await preview.getByRole("cell", { name: "受付" }).waitFor();
  assert.deepEqual(await preview.locator("tbody tr").allInnerTexts(), ["受付\t6", "審査中\t<5"]);
  await screenshot(page, "public-dashboard-01-editor");
  await drawer.getByTestId("public-save").click();
  await page.getByText("保存しました。").last().waitFor();
  dashboardPath = await page.locator("a[href^='/public/d/']").first().getAttribute("href");
  assert.match(dashboardPath, /^\/public\/d\/[A-Za-z0-9]{32}$/);
  await screenshot(page, "public-dashboard-02-pages-list");
});

test("a resident sees the table and the chart, in Japanese and English, and downloads the CSV", async () => {
  const resident = await context.newPage();
  const chunks = [];
  resident.on("request", (r) => chunks.push(r.url()));
  await resident.goto(server.baseUrl + dashboardPath);
  const table = resident.getByRole("table", { name: "給付金の申請状況（表）" });
  await table.waitFor();
  assert.deepEqual(await table.locator("tbody tr").allInnerTexts(), ["受付\t6", "審査中\t<5"]);
  await resident.getByText("「<5」は5件未満を表します。", { exact: false }).waitFor();
  await resident.locator("[data-testid=dashboard-chart] svg").waitFor();
  assert.ok(chunks.some((u) => /dashboardChart/.test(u)), "the chart code is loaded on demand");
  assert.ok(chunks.every((u) => u.startsWith(server.baseUrl)), "nothing is loaded from elsewhere");
  await screenshot(resident, "public-dashboard-03-resident-ja");
  await expectNoAxeViolations(resident, "dashboard (ja)");

  await resident.getByRole("button", { name: "Show in English" }).click();
  await resident.getByRole("table", { name: "給付金の申請状況 (table)" }).waitFor();
  await resident.getByRole("rowheader", { name: "Received" }).waitFor();
  await expectNoAxeViolations(resident, "dashboard (en)");
  await screenshot(resident, "public-dashboard-04-resident-en");

  const [download] = await Promise.all([resident.waitForEvent("download"), resident.getByTestId("dashboard-csv").click()]);
  const bytes = readFileSync(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.equal(bytes.subarray(3).toString("utf8"), "状態,Count\r\nReceived,6\r\n審査中,<5\r\n");

  await resident.setViewportSize({ width: 360, height: 740 });
  // The chart redraws at the new width on its next frame.
  await resident.waitForFunction(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth, null, { timeout: 3000 }).catch(() => undefined);
  const overflow = await resident.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow}px)`);
  await screenshot(resident, "public-dashboard-05-phone");
  await resident.close();
});

test("an unknown dashboard says only that the page was not found", async () => {
  const resident = await context.newPage();
  await resident.goto(`${server.baseUrl}/public/d/${"x".repeat(32)}`);
  await resident.getByRole("alert").waitFor();
  // In the language the resident chose on the previous page (English, kept by the browser).
  assert.match(await resident.getByRole("alert").innerText(), /^The page was not found/);
  await resident.close();
});

test("no console errors (CSP violations included)", () => {
  assert.deepEqual(consoleErrors.filter((e) => !/status of (401|404|400|429)/.test(e)), []);
});

// The record form's rich-text editor and attachment preview at 200 % zoom (a 683×450 window)
// in Japanese and English: nothing scrolls the page sideways, long file names wrap, a large
// thumbnail fits, the toolbar's buttons are named in the user's language, and axe passes on
// the form being edited and on the record shown.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, startServer } from "../lib/server.mjs";
import { launch, screenshot, signIn } from "../lib/browser.mjs";
import { createAppByApi } from "../lib/apps.mjs";
import { expectNoAxeViolations } from "../lib/axe.mjs";
import { pdf, png } from "../lib/files.mjs";

const server = await startServer();
const { page, consoleErrors } = await launch();
const ZOOM_200 = { width: 683, height: 450 };
const PHOTO = "駅前広場の現地写真_北側から撮影_令和6年10月_第3回調査.png";
const REPORT = "令和6年度第3四半期_市民課窓口業務_現地調査報告書_最終版_修正済み.pdf";
let app;
let recordUrl;

const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
async function fits(name) {
  const px = await overflow();
  assert.ok(px <= 1, `${name}: the page scrolls sideways by ${px} px`);
}

const TOOLS = {
  ja: ["太字", "斜体", "下線", "取り消し線", "箇条書き", "番号付きリスト", "リンク"],
  en: ["Bold", "Italic", "Underline", "Strikethrough", "Bulleted list", "Numbered list", "Link"],
};

async function checkToolbar(lang, field) {
  const toolbar = page.getByRole("toolbar", { name: lang === "ja" ? `${field} の書式` : `Formatting of ${field}` });
  for (const name of TOOLS[lang]) await toolbar.getByRole("button", { name, exact: true }).waitFor();
  assert.equal(await toolbar.getByRole("button").count(), TOOLS[lang].length);
}

test("at 200 % zoom the rich-text editor and the attachments fit, in Japanese", async () => {
  await signIn(page, server.baseUrl, ADMIN);
  app = await createAppByApi(page, "現地調査報告", {
    件名: { type: "SINGLE_LINE_TEXT", code: "件名", label: "件名" },
    本文: { type: "RICH_TEXT", code: "本文", label: "本文" },
    添付: { type: "FILE", code: "添付", label: "添付", thumbnailSize: "500" },
  });
  await page.setViewportSize(ZOOM_200);
  await page.goto(`${server.baseUrl}/apps/${app}/records/new`);
  await page.getByLabel("件名").fill("駅前広場の調査");
  await page.getByRole("textbox", { name: "本文" }).click();
  await page.keyboard.type("北側の歩道に段差があります。https://www.city.example.lg.jp/kurashi/doro/hosou/chosa/2024/ekimae-hiroba.html を参照。");
  await checkToolbar("ja", "本文");
  await page.getByTestId("field-添付").locator("input[type=file]").setInputFiles([
    { name: PHOTO, mimeType: "image/png", buffer: png(900, 500, [40, 120, 200]) },
    { name: REPORT, mimeType: "application/pdf", buffer: pdf },
  ]);
  await page.getByRole("button", { name: `${REPORT} をダウンロード` }).waitFor();
  await page.getByRole("button", { name: `${PHOTO} をダウンロード` }).waitFor();
  await fits("new record (ja)");
  await page.getByRole("toolbar", { name: "本文 の書式" }).scrollIntoViewIfNeeded();
  await screenshot(page, "zoom200-01-editor-ja");
  await page.getByTestId("field-添付").scrollIntoViewIfNeeded();
  await screenshot(page, "zoom200-02-upload-ja");
  await expectNoAxeViolations(page, "record form with rich text and attachments (ja)", { pointerAway: true });

  await page.getByRole("button", { name: "保存", exact: true }).click();
  await page.waitForURL(/\/records\/\d+$/);
  recordUrl = page.url();
  const shown = page.getByTestId("field-添付");
  const thumb = shown.getByRole("button", { name: `${PHOTO} を拡大表示` });
  await thumb.locator("img").waitFor();
  await page.waitForFunction(() => document.querySelector(".file-thumbnail img")?.complete);
  await fits("record page (ja)");
  const sizes = await thumb.evaluate((b) => ({ button: b.getBoundingClientRect().right, field: b.closest("[data-testid]").getBoundingClientRect().right }));
  assert.ok(sizes.button <= sizes.field + 1, "the thumbnail stays inside its field");
  await shown.scrollIntoViewIfNeeded();
  await screenshot(page, "zoom200-03-attachments-ja");
  await expectNoAxeViolations(page, "record page with rich text and attachments (ja)", { pointerAway: true });
  await thumb.click();
  const dialog = page.getByRole("dialog", { name: PHOTO });
  await dialog.locator("img").waitFor();
  const box = await dialog.evaluate((d) => d.getBoundingClientRect());
  assert.ok(box.right <= ZOOM_200.width + 1 && box.left >= -1, "the enlarged image fits the window");
  await screenshot(page, "zoom200-04-enlarged-ja");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
});

test("in English the toolbar and attachments are named in English and fit at 200 %", async () => {
  await page.getByTestId("language-switch").click();
  await page.locator(".ant-select-item-option").filter({ hasText: "English" }).click();
  await page.getByRole("button", { name: `Show ${PHOTO} full size` }).waitFor();
  await page.getByRole("button", { name: `Open ${REPORT} in the browser` }).waitFor();
  await page.getByRole("button", { name: `Download ${REPORT}` }).waitFor();
  await fits("record page (en)");
  await page.getByTestId("field-添付").scrollIntoViewIfNeeded();
  await screenshot(page, "zoom200-05-attachments-en");
  await expectNoAxeViolations(page, "record page with rich text and attachments (en)", { pointerAway: true });

  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await page.getByRole("textbox", { name: "本文" }).waitFor();
  await checkToolbar("en", "本文");
  await page.getByRole("textbox", { name: "本文" }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("Shift+Home");
  await page.getByRole("toolbar", { name: "Formatting of 本文" }).getByRole("button", { name: "Link", exact: true }).click();
  await page.getByLabel("Link address (empty removes the link)").waitFor();
  await fits("link editor (en)");
  await screenshot(page, "zoom200-06-editor-link-en");
  // Escape closes the link editor and the typing goes on in the text.
  await page.keyboard.press("Escape");
  await page.getByLabel("Link address (empty removes the link)").waitFor({ state: "hidden" });
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "本文");
  await page.getByRole("button", { name: "Attach files" }).or(page.getByText("Attach files")).first().scrollIntoViewIfNeeded();
  await fits("edit form (en)");
  await screenshot(page, "zoom200-07-upload-en");
  await expectNoAxeViolations(page, "record form with rich text and attachments (en)", { pointerAway: true });

  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(recordUrl);
  await page.getByTestId("language-switch").click();
  await page.locator(".ant-select-item-option").filter({ hasText: "日本語" }).click();
  assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource|40[0-9]/.test(e)), []);
});

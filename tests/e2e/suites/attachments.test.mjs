// Attachments on the record page: images show as thumbnails that enlarge (mouse or
// keyboard), PDFs open in the browser's viewer, other files download.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, startServer } from "../lib/server.mjs";
import { launch, screenshot, signIn } from "../lib/browser.mjs";
import { callApi, createAppByApi } from "../lib/apps.mjs";
import { pdf, png } from "../lib/files.mjs";

const server = await startServer();
const { context, page, consoleErrors } = await launch();

test("an image attachment shows as a thumbnail that enlarges, a PDF opens in the browser", async () => {
  await signIn(page, server.baseUrl, ADMIN);
  const app = await createAppByApi(page, "現地調査", {
    地点: { type: "SINGLE_LINE_TEXT", code: "地点", label: "地点" },
    写真: { type: "FILE", code: "写真", label: "写真", thumbnailSize: "150" },
  });
  await page.goto(`${server.baseUrl}/apps/${app}/records/new`);
  await page.getByLabel("地点").fill("駅前広場");
  const field = page.getByTestId("field-写真");
  await field.locator("input[type=file]").setInputFiles([
    { name: "現場.png", mimeType: "image/png", buffer: png(400, 200, [200, 40, 40]) },
    { name: "報告書.pdf", mimeType: "application/pdf", buffer: pdf },
  ]);
  // Both uploads finish, in whichever order, and both are kept.
  await field.getByRole("button", { name: "報告書.pdf をダウンロード" }).waitFor();
  await field.getByRole("button", { name: "現場.png をダウンロード" }).waitFor();
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await page.waitForURL(/\/records\/\d+$/);

  const saved = await callApi(page, "GET", "record.json", { app, id: page.url().match(/records\/(\d+)$/)[1] });
  assert.deepEqual(saved.body.record.写真.value.map((f) => [f.name, f.contentType]).sort(), [["報告書.pdf", "application/pdf"], ["現場.png", "image/png"]]);
  const shown = page.getByTestId("field-写真");
  const thumb = shown.getByRole("button", { name: "現場.png を拡大表示" });
  await thumb.locator("img").waitFor();
  await page.waitForFunction(() => document.querySelector(".file-thumbnail img")?.complete);
  const size = await thumb.locator("img").evaluate((img) => ({ natural: img.naturalWidth, width: Math.round(img.getBoundingClientRect().width) }));
  assert.deepEqual(size, { natural: 400, width: 150 });
  await screenshot(page, "attachments-thumbnail");

  // Enlarged from the keyboard; Escape closes it and the focus comes back to the thumbnail.
  await thumb.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "現場.png" });
  await dialog.locator("img").waitFor();
  assert.ok((await dialog.locator("img").evaluate((img) => img.getBoundingClientRect().width)) > 150);
  await screenshot(page, "attachments-enlarged");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });

  const [tab] = await Promise.all([context.waitForEvent("page"), shown.getByRole("button", { name: "報告書.pdf をブラウザで開く" }).click()]);
  await tab.waitForURL(/^blob:/);
  await tab.close();
  assert.equal(await shown.locator("img").count(), 1, "only the image has a thumbnail");

  // A file that can no longer be fetched is explained, and the empty tab does not stay.
  await page.route("**/k/v1/file.json*", (route) => route.fulfill({
    status: 404, contentType: "application/json",
    body: JSON.stringify({ code: "GAIA_BL01", id: "e2e", message: "指定したファイルが見つかりません。" }),
  }));
  const pagesBefore = context.pages().length;
  await shown.getByRole("button", { name: "報告書.pdf をブラウザで開く" }).click();
  await page.getByText("指定したファイルが見つかりません。").first().waitFor();
  await shown.getByRole("button", { name: "報告書.pdf をダウンロード" }).click();
  await page.getByText("指定したファイルが見つかりません。").nth(1).waitFor();
  assert.equal(context.pages().length, pagesBefore);
  await page.unroute("**/k/v1/file.json*");
  assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource/.test(e)), []);
});

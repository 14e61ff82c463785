// Attachments on the record page: images show as thumbnails that enlarge (mouse or
// keyboard), PDFs open in the browser's viewer, other files download.
import { test } from "node:test";
import assert from "node:assert/strict";
import { deflateSync } from "node:zlib";
import { ADMIN, startServer } from "../lib/server.mjs";
import { launch, screenshot, signIn } from "../lib/browser.mjs";
import { callApi, createAppByApi } from "../lib/apps.mjs";

const server = await startServer();
const { context, page, consoleErrors } = await launch();

/** A width×height PNG in one colour (RGB, no filter), made here so the test needs no fixture. */
function png(width, height, [r, g, b]) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header), chunk("IDAT", deflateSync(pixels)), chunk("IEND", Buffer.alloc(0))]);
}

const pdf = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj " +
  "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

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

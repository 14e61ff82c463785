// Rich text fields: formatted with the toolbar and shortcuts, saved as HTML, and shown
// formatted but sanitised — HTML put in by a script or an import cannot run in the browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, startServer } from "../lib/server.mjs";
import { launch, screenshot, signIn } from "../lib/browser.mjs";
import { callApi, createAppByApi } from "../lib/apps.mjs";

const server = await startServer();
const { page, consoleErrors } = await launch();
let app;

test("text is formatted with shortcuts and the toolbar, and saved as HTML", async () => {
  await signIn(page, server.baseUrl, ADMIN);
  app = await createAppByApi(page, "お知らせ", {
    件名: { type: "SINGLE_LINE_TEXT", code: "件名", label: "件名" },
    本文: { type: "RICH_TEXT", code: "本文", label: "本文" },
  });
  await page.goto(`${server.baseUrl}/apps/${app}/records/new`);
  await page.getByLabel("件名").fill("窓口時間の変更");
  const body = page.getByRole("textbox", { name: "本文" });
  await body.click();
  await page.keyboard.press("Control+b");
  await page.keyboard.type("重要");
  await page.keyboard.press("Control+b");
  await page.keyboard.type(" 4月から窓口は9時に開きます");
  await page.keyboard.press("Enter");
  const toolbar = page.getByRole("toolbar", { name: "本文 の書式" });
  await toolbar.getByRole("button", { name: "箇条書き" }).click();
  assert.equal(await toolbar.getByRole("button", { name: "箇条書き" }).getAttribute("aria-pressed"), "true");
  await page.keyboard.type("本庁舎");
  await page.keyboard.press("Enter");
  await page.keyboard.type("市のサイト");
  await page.keyboard.press("Shift+Home");
  await toolbar.getByRole("button", { name: "リンク" }).click();
  await page.getByLabel(/リンク先の URL/).fill("www.example.org/madoguchi");
  await page.keyboard.press("Enter");
  await screenshot(page, "rich-text-editor");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await page.waitForURL(/\/records\/\d+$/);

  const id = page.url().match(/records\/(\d+)$/)[1];
  const html = (await callApi(page, "GET", "record.json", { app, id })).body.record.本文.value;
  assert.match(html, /<strong>重要<\/strong> 4月から窓口は9時に開きます/);
  assert.match(html, /<ul><li><p>本庁舎<\/p><\/li><li><p><a [^>]*href="https:\/\/www\.example\.org\/madoguchi"[^>]*>市のサイト<\/a><\/p><\/li><\/ul>/);
  // The record page shows it formatted (the read-only view, not the editor still leaving).
  const shown = page.getByTestId("field-本文").locator(".field-value.rich-text");
  await shown.locator("strong", { hasText: "重要" }).waitFor();
  await shown.locator("li").nth(1).waitFor();
  assert.equal(await shown.locator("li").count(), 2);
});

test("HTML from elsewhere is shown without scripts, handlers, styles or javascript: links", async () => {
  const hostile = '<p>安全な<b>太字</b></p><img src="x" onerror="window.__xss=1"><script>window.__xss=2</script>' +
    '<a href="javascript:window.__xss=3">悪いリンク</a> <a href="https://example.org/" onclick="window.__xss=4">良いリンク</a>' +
    '<p style="position:fixed;top:0;left:0;width:100%;height:100%">上書き</p><iframe src="https://example.org"></iframe>';
  const added = await callApi(page, "POST", "record.json", { app, record: { 件名: { value: "取り込み" }, 本文: { value: hostile } } });
  assert.equal(added.status, 200);
  await page.goto(`${server.baseUrl}/apps/${app}/records/${added.body.id}`);
  const shown = page.getByTestId("field-本文");
  await shown.locator("b", { hasText: "太字" }).waitFor();
  const found = await shown.evaluate((el) => ({
    xss: window.__xss ?? null,
    dangerous: el.querySelectorAll("img, script, iframe, [style], [onclick], [onerror]").length,
    bad: el.querySelector("a:not([href])")?.textContent ?? null,
    badHref: [...el.querySelectorAll("a")].filter((a) => /javascript:/i.test(a.getAttribute("href") ?? "")).length,
    good: (({ href, target, rel }) => ({ href, target, rel }))(el.querySelector('a[href^="https"]')),
  }));
  assert.deepEqual(found, {
    xss: null, dangerous: 0, bad: "悪いリンク", badHref: 0,
    good: { href: "https://example.org/", target: "_blank", rel: "noopener noreferrer" },
  });
  // Editing it keeps the formatting but not the hostile parts.
  await page.locator(".page-header").getByRole("button", { name: "編集" }).click();
  await page.getByRole("textbox", { name: "本文" }).locator("strong, b", { hasText: "太字" }).waitFor();
  assert.equal(await page.evaluate(() => window.__xss ?? null), null);
  await screenshot(page, "rich-text-sanitised");
  // Chrome reports each handler attribute it meets while the sanitiser parses the HTML in an
  // inert document, and the page's CSP refuses it; nothing ran (window.__xss above).
  assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource|Executing inline event handler violates/.test(e)), []);
});

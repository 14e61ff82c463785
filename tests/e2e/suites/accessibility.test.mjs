// Keyboard use, visible focus, names for every control, and 200 % zoom (the viewport
// halved) without sideways scrolling.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, startServer } from "../lib/server.mjs";
import { launch, screenshot } from "../lib/browser.mjs";
import { callApi, createAppByApi } from "../lib/apps.mjs";

const server = await startServer();
const { page, consoleErrors } = await launch();
let app;

const unnamedControls = () =>
  page.evaluate(() =>
    [...document.querySelectorAll("main input:not([type=hidden]), main textarea, main select, main [role=combobox], main button")]
      .filter((el) => el.offsetParent !== null && !el.closest("[aria-hidden=true]"))
      .filter((el) => {
        const named = (el.labels && el.labels.length > 0) || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") || el.getAttribute("title");
        const text = el.tagName === "BUTTON" && el.textContent.trim() !== "";
        // Inputs inside a labelled checkbox/radio label count as named.
        return !named && !text && !el.closest("label");
      })
      .map((el) => el.outerHTML.slice(0, 160)),
  );

const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test("signing in and reaching the portal works with the keyboard alone", async () => {
  await page.goto(`${server.baseUrl}/login`);
  // A keyboard user starts typing once the form has put the cursor in the first field.
  await page.waitForFunction(() => document.activeElement?.id === "username");
  await page.keyboard.type(ADMIN.username);
  await page.keyboard.press("Tab");
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "アプリ", exact: true }).waitFor();
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "本文へ移動");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none");
});

test("the focused button shows a visible outline", async () => {
  await page.getByRole("button", { name: "アプリを作成" }).first().focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  const style = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  assert.notEqual(style.style, "none");
  assert.ok(style.width >= 2);
});

test("every control of the record form and the designer has an accessible name", async () => {
  app = await createAppByApi(page, "窓口受付", {
    氏名: { type: "SINGLE_LINE_TEXT", code: "氏名", label: "氏名", required: true },
    区分: { type: "DROP_DOWN", code: "区分", label: "区分", options: { 一般: { label: "一般", index: "0" }, 法人: { label: "法人", index: "1" } } },
    受付日: { type: "DATE", code: "受付日", label: "受付日" },
    件数: { type: "NUMBER", code: "件数", label: "件数" },
    明細: { type: "SUBTABLE", code: "明細", label: "明細", fields: { 品名: { type: "SINGLE_LINE_TEXT", code: "品名", label: "品名" } } },
  });
  await callApi(page, "POST", "record.json", { app, record: { 氏名: { value: "山田" } } });
  await page.goto(`${server.baseUrl}/apps/${app}/records/new`);
  await page.getByLabel("氏名").waitFor();
  assert.deepEqual(await unnamedControls(), []);
  await page.goto(`${server.baseUrl}/apps/${app}/form`);
  await page.getByTestId("canvas-item-氏名").getByRole("button", { name: "氏名", exact: true }).click();
  assert.deepEqual(await unnamedControls(), []);
});

test("a person who asks for less motion gets dialogs without animation; others keep it", async () => {
  // Running animations while the export dialog opens, for each preference.
  const animationsOnOpen = async (reducedMotion) => {
    await page.emulateMedia({ reducedMotion });
    await page.goto(`${server.baseUrl}/apps/${app}`);
    await page.getByRole("button", { name: "CSV に書き出す" }).click();
    // Only the dialog's own animations: a list still loading on a busy machine spins its own
    // indicator, which is not motion the preference turns off (CI saw 2 with "reduce").
    // The dialog's motion starts a frame or two after the click: watch for 600 ms (frame by
    // frame) rather than look once, which a fast machine did before any animation began.
    const count = await page.evaluate(async () => {
      const dialogs = (a) => a.effect?.target?.closest?.(".ant-modal-root, .ant-modal-wrap, .ant-modal-mask");
      const until = performance.now() + 600;
      let seen = 0;
      while (seen === 0 && performance.now() < until) {
        seen = document.getAnimations().filter(dialogs).length;
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      return seen;
    });
    // A click during the zoom-in can press one element and release on another (no click).
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
    await page.getByRole("dialog").getByRole("button", { name: "キャンセル" }).click();
    await page.getByRole("dialog").waitFor({ state: "detached" });
    return count;
  };
  assert.ok((await animationsOnOpen("no-preference")) > 0, "without the preference the dialog animates");
  assert.equal(await animationsOnOpen("reduce"), 0);
});

test("at 200 % zoom the main screens do not scroll sideways", async () => {
  await page.setViewportSize({ width: 683, height: 450 });
  for (const path of ["/", `/apps/${app}`, `/apps/${app}/records/new`, `/apps/${app}/form`]) {
    await page.goto(`${server.baseUrl}${path}`);
    await page.locator("main h1").waitFor();
    await page.waitForTimeout(300);
    assert.ok((await overflow()) <= 1, `${path} scrolls sideways by ${await overflow()} px`);
  }
  await page.goto(`${server.baseUrl}/apps/${app}`);
  await page.locator(".ant-table-row").first().waitFor();
  await screenshot(page, "record-list-200pct");
  await page.setViewportSize({ width: 1366, height: 900 });
  assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource/.test(e)), []);
});

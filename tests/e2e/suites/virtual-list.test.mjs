// A 500-record page of the list renders only the rows in view (antd Table `virtual`) and
// keeps working: scrolling to the end, inline edit far down, sorting by a header, row
// selection with bulk delete, keyboard focus that scrolls the list, a phone and 200 % zoom.
// Its div rows are still a table to a screen reader: roles, the page's row count and each
// drawn row's index, checked in Chromium's own accessibility tree and by axe.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, startServer } from "../lib/server.mjs";
import { launch, screenshot, signIn } from "../lib/browser.mjs";
import { callApi, createAppByApi } from "../lib/apps.mjs";
import { expectNoAxeViolations } from "../lib/axe.mjs";

const server = await startServer();
const { context, page, consoleErrors } = await launch();
const RECORDS = 600;
let app;
const rows = () => page.locator(".ant-table-tbody .ant-table-row");
const holder = () => page.locator(".ant-table-tbody-virtual-holder");
const record = async (id) => (await callApi(page, "GET", "record.json", { app, id })).body.record;

/** Wheels the virtual body until `row` is rendered (the list draws rows only near the view). */
async function scrollUntil(row, deltaY) {
  const box = await holder().boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 80 && !(await row.isVisible()); i++) {
    const before = await holder().evaluate((h) => h.scrollTop);
    await page.mouse.wheel(0, deltaY);
    // One wheel at a time: the list applies a wheel on the next frame.
    await holder().evaluate((h, top) => new Promise((done) => {
      const atEnd = () => h.scrollTop <= 0 || h.scrollTop >= h.scrollHeight - h.clientHeight - 1;
      const check = () => (h.scrollTop !== top || atEnd() ? done() : requestAnimationFrame(check));
      check();
    }), before);
  }
  await row.waitFor();
}

/** The virtual table as Chromium's accessibility tree has it (the tree screen readers read):
 *  its rows, each with its cells' roles and text, and (from the DOM: the DevTools tree does
 *  not list them) the table's aria-rowcount and each row's aria-rowindex. */
async function accessibleTable() {
  const cdp = await context.newCDPSession(page);
  const { nodes } = await cdp.send("Accessibility.getFullAXTree");
  await cdp.detach();
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const table = nodes.find((n) => n.role?.value === "table" && n.name?.value === "住民台帳 のレコード");
  if (!table) return null;
  const rows = [];
  const visit = (n) => {
    for (const id of n.childIds ?? []) {
      const c = byId.get(id);
      if (!c) continue;
      if (c.role?.value === "row") {
        const cells = (c.childIds ?? []).map((i) => byId.get(i)).filter((x) => x && !x.ignored);
        rows.push({ cells: cells.map((x) => x.role?.value), text: cells.map((x) => x.name?.value ?? "").join("|") });
      } else visit(c);
    }
  };
  visit(table);
  const dom = page.getByRole("table", { name: "住民台帳 のレコード" });
  const indexes = await dom.locator("[role=row]").evaluateAll((els) => els.map((e) => Number(e.getAttribute("aria-rowindex"))));
  assert.equal(indexes.length, rows.length, "every DOM row is a row in the tree");
  return { rowCount: Number(await dom.getAttribute("aria-rowcount")), rows: rows.map((r, i) => ({ ...r, index: indexes[i] })) };
}

async function choosePageSize(size) {
  await page.locator(".ant-pagination-options .ant-select").click();
  await page.locator(".ant-select-item-option").filter({ hasText: `${size} 件 / ページ` }).click();
}

/**
 * Chooses a page size and times it in the page (a MutationObserver, not the test's polling):
 * from the click on the size to `drawn` matching, and to the records' arrival.
 */
async function timedPageSize(size, drawn) {
  await page.evaluate((selector) => {
    document.addEventListener("click", (e) => { if (e.target.closest(".ant-select-item-option")) window.__chosen = performance.now(); }, { capture: true });
    window.__drawn = new Promise((done) => {
      const observer = new MutationObserver(() => {
        if (document.querySelector(selector)) {
          observer.disconnect();
          done(performance.now());
        }
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
  }, drawn);
  await choosePageSize(size);
  return page.evaluate(async (size) => {
    const drawnAt = await window.__drawn;
    const request = performance.getEntriesByType("resource").filter((r) => new RegExp(`records\\.json.*limit(%20|\\+)${size}`).test(r.name)).at(-1);
    return { firstRender: drawnAt - window.__chosen, fetched: request.responseEnd - window.__chosen };
  }, size);
}

test(`${RECORDS} records: a 500-row page draws only the rows in view`, async () => {
  await signIn(page, server.baseUrl, ADMIN);
  app = await createAppByApi(page, "住民台帳", {
    氏名: { type: "SINGLE_LINE_TEXT", code: "氏名", label: "氏名" },
    番号: { type: "NUMBER", code: "番号", label: "番号" },
    地区: { type: "DROP_DOWN", code: "地区", label: "地区", options: { 北: { label: "北", index: "0" }, 南: { label: "南", index: "1" } } },
  });
  for (let start = 1; start <= RECORDS; start += 100) {
    const records = Array.from({ length: 100 }, (_, i) => ({ 氏名: { value: `住民 ${start + i}` }, 番号: { value: String(start + i) }, 地区: { value: (start + i) % 2 ? "北" : "南" } }));
    assert.equal((await callApi(page, "POST", "records.json", { app, records })).status, 200);
  }
  await page.goto(`${server.baseUrl}/apps/${app}`);
  await page.getByTestId("record-total").filter({ hasText: `${RECORDS} 件` }).waitFor();
  assert.equal(await page.locator(".ant-table-tbody tr.ant-table-row").count(), 20, "20 rows stay a plain table");

  const plain = await timedPageSize(100, ".ant-table-tbody tr.ant-table-row:nth-child(100)");
  const { firstRender, fetched } = await timedPageSize(500, ".ant-table-tbody-virtual .ant-table-row");
  await rows().filter({ hasText: "住民 600" }).waitFor();
  await holder().waitFor();
  const drawn = await rows().count();
  console.log(`# virtual list: 500-row page drawn ${Math.round(firstRender)} ms after choosing it (records in after about ${Math.round(fetched)} ms) with ${drawn} rows in the DOM; a plain 100-row page: ${Math.round(plain.firstRender)} ms (records in after ${Math.round(plain.fetched)} ms)`);
  assert.ok(drawn > 5 && drawn < 60, `${drawn} rows in the DOM for a 500-row page`);
  await screenshot(page, "virtual-list-01-500-rows");

  // A table of 501 rows (the header and 500) of which the drawn ones are in the tree, each
  // with its place; the header row names the columns, the others have a cell per column.
  const table = await accessibleTable();
  assert.ok(table, "a table named for the app in the accessibility tree");
  assert.equal(table.rowCount, 501);
  assert.equal(table.rows.length, drawn + 1, "the header row and every drawn row");
  const [header, first, second] = table.rows;
  assert.equal(header.index, 1);
  assert.deepEqual(header.cells, Array(6).fill("columnheader"));
  assert.match(header.text, /レコード番号\|氏名\|番号\|地区/);
  assert.deepEqual([first.index, second.index], [2, 3]);
  assert.deepEqual(first.cells, Array(6).fill("cell"));
  assert.match(first.text, /住民 600/);
  assert.equal(await page.getByRole("table", { name: "住民台帳 のレコード" }).getByRole("row").count(), drawn + 1);
  await expectNoAxeViolations(page, "virtual list, top", { pointerAway: true });
});

test("scrolling reaches the last record of the page, and a cell far down is edited in place", async () => {
  // Newest first: the page holds records 600…101.
  const last = rows().filter({ hasText: "住民 101" });
  await scrollUntil(last, 4000);
  assert.ok((await rows().count()) < 60);
  // The last record of the page is row 501 of 501; the drawn rows before it count down.
  const table = await accessibleTable();
  const end = table.rows.find((r) => /住民 101\b/.test(r.text));
  assert.equal(end?.index, 501);
  const indexes = table.rows.slice(1).map((r) => r.index);
  assert.deepEqual(indexes, indexes.map((_, i) => indexes[0] + i), "consecutive row indexes");
  assert.equal(await last.getAttribute("aria-rowindex"), "501");
  await page.getByRole("button", { name: "レコード 101 の氏名を編集" }).click();
  const editor = page.getByTestId("inline-editor");
  await editor.getByLabel("氏名").fill("住民 101（転居）");
  await editor.getByRole("button", { name: "保存" }).click();
  await page.getByText("保存しました。").last().waitFor();
  await rows().filter({ hasText: "住民 101（転居）" }).waitFor();
  assert.equal((await record("101")).氏名.value, "住民 101（転居）");
  await screenshot(page, "virtual-list-02-edited-far-down");
});

test("selected rows far apart are deleted together", async () => {
  await rows().filter({ hasText: "住民 102" }).getByRole("checkbox").check();
  await scrollUntil(rows().filter({ hasText: "住民 600" }), -4000);
  await rows().filter({ hasText: "住民 599" }).getByRole("checkbox").check();
  await page.getByRole("button", { name: "レコードを削除 (2)" }).click();
  await page.locator(".ant-popconfirm").getByRole("button", { name: "削除" }).click();
  await page.getByTestId("record-total").filter({ hasText: `${RECORDS - 2} 件` }).waitFor();
  assert.equal((await callApi(page, "GET", "record.json", { app, id: "599" })).status, 404);
  assert.equal((await callApi(page, "GET", "record.json", { app, id: "102" })).status, 404);
});

test("a header click sorts the 500 rows on the server", async () => {
  await page.getByRole("columnheader", { name: "番号", exact: true }).click();
  await rows().first().filter({ hasText: "住民 1" }).waitFor();
  assert.match(await rows().nth(1).innerText(), /住民 2\b/);
  assert.ok((await rows().count()) < 60);
});

test("Tab moves focus row by row and the list scrolls with it", async () => {
  await page.getByRole("link", { name: "レコード 1 を開く" }).focus();
  // Each row has a check box, the open link and three edit buttons.
  // One Tab per rendered frame: the virtual list mounts the rows it scrolls to on the next
  // frame, and a Tab pressed before that would leave the rows for the control after the list.
  const nextFrame = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  for (let i = 0; i < 5 * 20; i++) {
    await page.keyboard.press("Tab");
    await nextFrame();
  }
  const focus = await page.evaluate(() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    const h = document.querySelector(".ant-table-tbody-virtual-holder").getBoundingClientRect();
    return { label: el.getAttribute("aria-label") ?? el.textContent, inView: r.top >= h.top - 1 && r.bottom <= h.bottom + 1, outline: getComputedStyle(el).outlineStyle };
  });
  assert.match(focus.label ?? "", /2[01]/, `focus on ${focus.label}`);
  assert.ok(focus.inView, "the focused control is scrolled into the list's view");
  await screenshot(page, "virtual-list-03-keyboard");
  await expectNoAxeViolations(page, "virtual list", { pointerAway: true });
});

test("at 200 % zoom, and in English also on a phone, the big page still draws few rows and fits", async () => {
  await page.setViewportSize({ width: 683, height: 450 });
  await rows().first().waitFor();
  await page.locator(".ant-pagination").scrollIntoViewIfNeeded();
  await screenshot(page, "virtual-list-04-200pct-ja");
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.getByTestId("language-switch").click();
  await page.locator(".ant-select-item-option").filter({ hasText: "English" }).click();
  await page.getByTestId("record-total").filter({ hasText: /598/ }).waitFor();
  await rows().first().waitFor();
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  for (const [name, viewport] of [["200pct", { width: 683, height: 450 }], ["phone", { width: 390, height: 844 }]]) {
    await page.setViewportSize(viewport);
    await rows().first().waitFor();
    assert.ok((await rows().count()) < 40, `${name}: few rows drawn`);
    // Measured once the layout has followed the new viewport (it can take a frame or two).
    await page
      .waitForFunction(() => document.documentElement.scrollWidth - document.documentElement.clientWidth <= 1, null, { timeout: 3000 })
      .catch(() => {});
    assert.ok((await overflow()) <= 1, `${name}: the page scrolls sideways by ${await overflow()} px`);
    await page.locator(".ant-pagination").scrollIntoViewIfNeeded();
    await screenshot(page, `virtual-list-05-${name}-en`);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.getByTestId("language-switch").click();
  await page.locator(".ant-select-item-option").filter({ hasText: "日本語" }).click();
  // Back to 20 a page: a plain table again.
  await page.getByTestId("record-total").filter({ hasText: "598 件" }).waitFor();
  await choosePageSize(20);
  await page.locator(".ant-table-tbody tr.ant-table-row").nth(19).waitFor();
  assert.equal(await holder().count(), 0);
  assert.equal(await page.locator(".ant-table-tbody tr.ant-table-row").count(), 20);
  assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource|40[0-9]/.test(e)), []);
});

// Phone width and large text over three screen families: the administrators' directory
// (users, organisations, groups, the directory file), the permission editors, and the
// residents' form and look-up pages. At 390 px (a phone, Japanese) and at 683 px (a 1366 px
// screen at 200 % zoom, English) the page never scrolls sideways (only tables may, inside
// themselves), and every screen passes axe at 390 px. On the residents' pages every control
// is at least 44 px in both directions (WCAG 2.5.5), and they also fit 320 px.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, startServer } from "../lib/server.mjs";
import { expectNoAxeViolations } from "../lib/axe.mjs";
import { launch, screenshot, signIn } from "../lib/browser.mjs";
import { callApi, createAppByApi, pick } from "../lib/apps.mjs";
import { sideways } from "../lib/layout.mjs";

const server = await startServer();
const real = server.kind === "real";
const skip = !real && "needs the real server";
const { context, page, consoleErrors } = await launch();
const PHONE = { width: 390, height: 844 };
const ZOOM_200 = { width: 683, height: 450 };
let app, formPath, lookupPath, receipt;

async function expectFits(p, name) {
  const found = await sideways(p);
  assert.equal(found, null, `${name} scrolls sideways: ${JSON.stringify(found)}`);
}

/** Controls smaller than 44 × 44 px; a radio or check box counts by its label. */
async function smallTargets(p) {
  return p.evaluate(() =>
    [...document.querySelectorAll("button, a[href], input, select, textarea, [role=button]")]
      .filter((el) => el.getClientRects().length > 0 && !el.closest(".notice"))
      .map((el) => {
        const target = el.matches("input[type=radio], input[type=checkbox]") ? el.closest("label") ?? el : el;
        const r = target.getBoundingClientRect();
        return { name: `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} ${(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 20)}`, w: Math.round(r.width), h: Math.round(r.height) };
      })
      .filter((t) => t.w < 44 || t.h < 44),
  );
}

async function setLanguage(label, option) {
  await page.getByLabel(label).first().click();
  await page.locator(".ant-select-item-option", { hasText: option }).click();
}

test("setup: a directory, an app with a table and permissions, a public form and look-up page", { skip }, async () => {
  await signIn(page, server.baseUrl, ADMIN);
  const orgs = [
    { code: "honcho", name: "本庁" },
    { code: "kenko-fukushi-bu", name: "健康福祉部", parentCode: "honcho" },
    { code: "kosodate-shien-ka", name: "こども家庭支援課（子育て世代包括支援センター）", parentCode: "kenko-fukushi-bu" },
  ];
  assert.equal((await callApi(page, "POST", "/v1/organizations.json", { organizations: orgs })).status, 200);
  const users = [
    { code: "watanabe.misaki.kosodate", name: "渡辺 美咲", email: "watanabe.misaki.kosodate@city.example.lg.jp", password: "Kosodate-Shien-2026!" },
    { code: "kubo", name: "久保 一郎", password: "Sodan-Madoguchi-2026" },
  ];
  assert.equal((await callApi(page, "POST", "/v1/users.json", { users })).status, 200);
  await callApi(page, "PUT", "/v1/userOrganizations.json", {
    userOrganizations: [{ code: "watanabe.misaki.kosodate", organizations: [{ orgCode: "kosodate-shien-ka", titleCode: "主任保健師" }] }],
  });
  assert.equal((await callApi(page, "POST", "/v1/groups.json", { groups: [{ code: "kosodate-team", name: "子育て支援チーム", description: "乳幼児健診と家庭訪問の担当" }] })).status, 200);

  app = await createAppByApi(page, "子育て世帯 家庭訪問・相談記録", {
    receipt: { type: "SINGLE_LINE_TEXT", code: "receipt", label: "受付番号", unique: true },
    name: { type: "SINGLE_LINE_TEXT", code: "name", label: "保護者のお名前", required: true },
    birth: { type: "DATE", code: "birth", label: "お子さまの生年月日" },
    kind: { type: "RADIO_BUTTON", code: "kind", label: "ご相談の種類", options: { 健診: { label: "健診", index: "0" }, 家庭訪問: { label: "家庭訪問", index: "1" } }, defaultValue: "健診" },
    topics: { type: "CHECK_BOX", code: "topics", label: "気になること", options: { 授乳: { label: "授乳", index: "0" }, 睡眠: { label: "睡眠", index: "1" } } },
    ward: { type: "DROP_DOWN", code: "ward", label: "お住まいの地区", options: { 北地区: { label: "北地区", index: "0" }, 南地区: { label: "南地区", index: "1" } } },
    doc: { type: "FILE", code: "doc", label: "母子健康手帳の写し" },
    note: { type: "MULTI_LINE_TEXT", code: "note", label: "ご相談内容" },
    state: { type: "DROP_DOWN", code: "state", label: "状態", options: { 受付: { label: "受付", index: "0" }, 対応中: { label: "対応中", index: "1" } } },
    visits: { type: "SUBTABLE", code: "visits", label: "訪問の記録", fields: { visitDate: { type: "DATE", code: "visitDate", label: "訪問日" }, memo: { type: "MULTI_LINE_TEXT", code: "memo", label: "所見" } } },
  });
  // Added while the app is open to everyone; the permissions below leave the admin view-only.
  assert.equal((await callApi(page, "POST", "record.json", { app, record: { name: { value: "見本 太郎" }, state: { value: "受付" } } })).status, 200);
  const everyone = { type: "GROUP", code: "everyone" };
  const acl = [
    ["app/acl.json", { rights: [
      { entity: { type: "ORGANIZATION", code: "kosodate-shien-ka" }, includeSubs: true, recordViewable: true, recordAddable: true, recordEditable: true },
      { entity: everyone, recordViewable: true },
    ] }],
    ["record/acl.json", { rights: [{ filterCond: 'state in ("対応中")', entities: [{ entity: { type: "USER", code: "watanabe.misaki.kosodate" }, viewable: true, editable: true, deletable: false }] }] }],
    ["field/acl.json", { rights: [{ code: "visits", entities: [{ entity: { type: "GROUP", code: "kosodate-team" }, accessibility: "WRITE" }, { entity: everyone, accessibility: "NONE" }] }] }],
  ];
  for (const [path, body] of acl) {
    const r = await callApi(page, "PUT", `preview/${path}`, { app, ...body });
    assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.body)}`);
  }
  await callApi(page, "POST", "preview/app/deploy.json", { apps: [{ app }] });
  for (let i = 0; i < 100 && (await callApi(page, "GET", "preview/app/deploy.json", { apps: [app] })).body.apps[0].status === "PROCESSING"; i++) await page.waitForTimeout(100);
  assert.equal((await callApi(page, "PUT", "/api/app/receipt.json", { app, format: { field: "receipt", prefix: "KS", year: "none", digits: 6 } })).status, 200);
  const publish = async (kind, settings) => {
    const r = await callApi(page, "POST", "/api/public/pages.json", { app, kind, settings });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body.path;
  };
  formPath = await publish("form", {
    title: "子育て相談・家庭訪問のお申込み（子育て世代包括支援センター）",
    description: "保健師がご自宅に伺うか、お電話でご相談をお受けします。",
    fields: ["name", "birth", "kind", "topics", "ward", "doc", "note"].map((code) => ({ code, help: "" })),
  });
  lookupPath = await publish("lookup", { title: "お申込みの状況の確認", keys: [{ code: "receipt" }, { code: "birth" }], shown: [{ code: "name" }, { code: "state" }] });
});

test("directory screens fit a phone and 200 % zoom, and pass axe on the phone", { skip }, async () => {
  for (const [size, lang] of [[PHONE, "ja"], [ZOOM_200, "en"]]) {
    if (lang === "en") await setLanguage("表示言語", "English");
    await page.setViewportSize(size);
    const at = `${size.width}px ${lang}`;
    const screens = [
      ["/admin/users", () => page.getByRole("cell", { name: "watanabe.misaki.kosodate", exact: true }).waitFor()],
      ["/admin/organizations", () => page.getByTestId("org-tree").waitFor()],
      ["/admin/groups", () => page.getByRole("cell", { name: "子育て支援チーム", exact: true }).waitFor()],
      ["/admin/directory-file", () => page.locator("h2, h3").first().waitFor()],
    ];
    for (const [path, ready] of screens) {
      await page.goto(`${server.baseUrl}${path}`);
      await ready();
      await expectFits(page, `${path} at ${at}`);
      if (lang === "ja") await expectNoAxeViolations(page, `${path} at ${at}`, { pointerAway: true });
      await screenshot(page, `phone-directory${path.replaceAll("/", "-")}-${size.width}-${lang}`);
    }
    // The organisation's detail with its members and titles.
    await page.goto(`${server.baseUrl}/admin/organizations`);
    await page.getByTestId("org-tree").locator(".ant-tree-title").filter({ hasText: "本庁 (honcho)" }).waitFor();
    await page.getByTestId("org-tree").getByRole("treeitem").first().click();
    await page.getByRole("heading", { level: 2 }).first().waitFor();
    await expectFits(page, `organisation detail at ${at}`);
    // The user drawer.
    await page.goto(`${server.baseUrl}/admin/users`);
    await page.getByRole("button", { name: lang === "ja" ? "渡辺 美咲 を編集" : "Edit 渡辺 美咲" }).click();
    await page.getByTestId("user-titles").waitFor();
    await expectFits(page, `user drawer at ${at}`);
    if (lang === "ja") await expectNoAxeViolations(page, `user drawer at ${at}`);
    await screenshot(page, `phone-directory-user-drawer-${size.width}-${lang}`);
    await page.keyboard.press("Escape");
  }
  await page.setViewportSize({ width: 1366, height: 900 });
  await setLanguage("Language", "日本語");
});

test("permission editors fit a phone and 200 % zoom, and pass axe on the phone", { skip }, async () => {
  for (const [size, lang] of [[PHONE, "ja"], [ZOOM_200, "en"]]) {
    if (lang === "en") await setLanguage("表示言語", "English");
    await page.setViewportSize(size);
    const at = `${size.width}px ${lang}`;
    await page.goto(`${server.baseUrl}/apps/${app}/permissions`);
    await page.getByRole("heading", { level: 1 }).filter({ hasText: "子育て世帯" }).waitFor();
    const tabs = lang === "ja" ? ["アプリ", "レコード", "フィールド", "ユーザーごとの確認"] : ["App", "Records", "Fields", "Check as a user"];
    for (const [i, tab] of tabs.entries()) {
      await page.getByRole("tab", { name: new RegExp(`^${tab}`) }).click();
      await page.getByRole("tabpanel").getByRole("heading").first().waitFor();
      await expectFits(page, `permissions tab ${tab} at ${at}`);
      if (lang === "ja") await expectNoAxeViolations(page, `permissions tab ${tab} at ${at}`, { pointerAway: true });
      await screenshot(page, `phone-permissions-${i}-${size.width}-${lang}`);
    }
    // The check's answer: the user's rights, a field table and a record table.
    await pick(page, lang === "ja" ? "ユーザー" : "User", "渡辺 美咲 (watanabe.misaki.kosodate)");
    await page.getByRole("button", { name: lang === "ja" ? "確認" : "Check", exact: true }).click();
    await page.getByTestId("check-records").locator("tbody tr.ant-table-row").first().waitFor();
    await expectFits(page, `check as a user, answered, at ${at}`);
    // Fields inside the table are named with their table.
    await page.getByTestId("check-fields").getByRole("cell", { name: "訪問の記録 › 所見", exact: true }).waitFor();
    if (lang === "ja") await expectNoAxeViolations(page, `check as a user, answered, at ${at}`, { pointerAway: true });
    await page.getByTestId("check-fields").scrollIntoViewIfNeeded();
    await screenshot(page, `phone-permissions-check-result-${size.width}-${lang}`);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
  await setLanguage("Language", "日本語");
});

test("the residents' form and look-up pages fit a phone and 320 px, with 44 px targets", { skip }, async () => {
  const resident = await context.newPage();
  const check = async (name, { axe = true } = {}) => {
    for (const width of [390, 320]) {
      await resident.setViewportSize({ width, height: 844 });
      await expectFits(resident, `${name} at ${width}px`);
    }
    await resident.setViewportSize(PHONE);
    assert.deepEqual(await smallTargets(resident), [], `${name}: controls under 44 px`);
    if (axe) await expectNoAxeViolations(resident, name);
  };
  await resident.setViewportSize(PHONE);
  await resident.goto(`${server.baseUrl}${formPath}?lang=ja`);
  await resident.getByRole("heading", { level: 1 }).waitFor();
  await check("form");
  await screenshot(resident, "phone-public-form-390-ja");
  await resident.getByRole("button", { name: "入力内容を確認する" }).click();
  await resident.getByRole("alert").waitFor();
  await check("form with errors");
  await resident.getByLabel(/^保護者のお名前/).fill("山田 花子");
  await resident.getByLabel(/^お子さまの生年月日/).fill("2025-04-01");
  await resident.getByLabel(/^ご相談内容/).fill("夜泣きが続いていて、睡眠のリズムについて相談したいです。");
  await resident.getByRole("button", { name: "入力内容を確認する" }).click();
  await resident.getByRole("heading", { name: "入力内容の確認" }).waitFor();
  await check("confirmation");
  await resident.getByRole("button", { name: "送信する" }).click();
  await resident.getByRole("heading", { name: "申請を受け付けました" }).waitFor();
  receipt = (await resident.locator(".receipt-number").textContent()).trim();
  await check("completion");
  await screenshot(resident, "phone-public-done-390-ja");

  await resident.goto(`${server.baseUrl}${lookupPath}?lang=en`);
  await resident.getByRole("heading", { level: 1 }).waitFor();
  await check("look-up (en)");
  await resident.getByLabel(/^受付番号/).fill(receipt);
  await resident.getByLabel(/^お子さまの生年月日/).fill("2025-04-01");
  await resident.getByRole("button", { name: "Check status" }).click();
  await resident.getByRole("heading", { name: "Your application" }).waitFor();
  await check("look-up result (en)");
  await screenshot(resident, "phone-public-lookup-390-en");
  // 200 % zoom on a desktop is wider than a phone; it fits too.
  await resident.setViewportSize(ZOOM_200);
  await expectFits(resident, "look-up result at 200 %");

  // The page's own largest text size (200 %) on a phone.
  const large = await callApi(page, "POST", "/api/public/pages.json", {
    app, kind: "form",
    settings: { title: "子育て相談（文字を大きく）", theme: { fontScale: 2 }, fields: ["name", "kind", "topics", "ward", "doc"].map((code) => ({ code, help: "" })) },
  });
  assert.equal(large.status, 200, JSON.stringify(large.body));
  await resident.goto(`${server.baseUrl}${large.body.path}?lang=ja`);
  await resident.getByRole("heading", { level: 1 }).waitFor();
  await check("form with 200 % text");
  await screenshot(resident, "phone-public-form-large-text-390-ja");
  await resident.close();
});

test("the staff's public-page settings fit a phone and pass axe", { skip }, async () => {
  await page.setViewportSize(PHONE);
  await page.goto(`${server.baseUrl}/apps/${app}/public`);
  await page.locator("[data-testid^=public-link-]").first().waitFor();
  await expectFits(page, "public pages list at 390px");
  await expectNoAxeViolations(page, "public pages list at 390px", { pointerAway: true });
  await screenshot(page, "phone-public-settings-390-ja");
  await page.getByRole("row").filter({ hasText: formPath }).getByRole("button", { name: "編集", exact: true }).click();
  const drawer = page.locator(".ant-drawer");
  await drawer.getByTestId("public-save").waitFor();
  await drawer.getByLabel("申請者に確認メールを送る").click();
  await expectFits(page, "form editor at 390px");
  await expectNoAxeViolations(page, "form editor at 390px");
  await screenshot(page, "phone-public-form-editor-390-ja");
  await drawer.getByRole("button", { name: "キャンセル" }).click();
  await page.setViewportSize({ width: 1366, height: 900 });
});

test("no console errors", { skip }, () => {
  assert.deepEqual(consoleErrors.filter((e) => !/status of (401|404|400|429)|Failed to load resource/.test(e)), []);
});

// Directory administration end to end: an administrator builds an organisation tree
// (本庁 > 総務部 > 情報政策課), a group, and a user in them; edits and deactivates the user
// (who then cannot sign in) — a save refused in part is refused whole; moves an organisation; is shown the server's refusal when
// deleting an organisation that still has sub-organisations; exports the memberships CSV,
// changes it and imports it back (a bad file lists its lines, a good one is checked first
// and then applied, and the change is visible), and does the same with group memberships.
// A staff member who types the address gets
// the administrators-only state. axe-core (WCAG 2.1 A/AA) in Japanese and English, and
// 200 % zoom without sideways scrolling.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ADMIN, startServer } from "../lib/server.mjs";
import { expectNoAxeViolations } from "../lib/axe.mjs";
import { launch, screenshot, signIn } from "../lib/browser.mjs";
import { pick } from "../lib/apps.mjs";

const server = await startServer();
const real = server.kind === "real";
const { page, consoleErrors } = await launch();
const TANAKA = { username: "tanaka", password: "Joho-Seisaku-2026!", name: "田中 太郎" };
const STAFF = { username: "kubo", password: "Sodan-Madoguchi-2026", name: "久保 一郎" };

/** cybozu User API (/v1/…) from the signed-in page. */
async function userApi(method, path, params = {}) {
  return page.evaluate(async ([m, p, b]) => {
    const session = await (await fetch("/api/session.json", { headers: { "X-Requested-With": "XMLHttpRequest" } })).json();
    const headers = { "X-Requested-With": "XMLHttpRequest" };
    let url = p;
    let body;
    if (m === "GET") {
      url += "?" + new URLSearchParams(b);
    } else {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify({ ...b, __REQUEST_TOKEN__: session.csrfToken });
    }
    const r = await fetch(url, { method: m, headers, body });
    return { status: r.status, body: await r.json() };
  }, [method, path, params]);
}

const tree = () => page.getByTestId("org-tree");
const orgNode = (label) => tree().locator(".ant-tree-title").filter({ hasText: new RegExp(`^${label.replace(/[()]/g, "\\$&")}$`) });
const treeItem = (code) => tree().locator(`[role=treeitem][id$="-${code}"]`);
const parentOf = async (code) => (await userApi("GET", "/v1/organizations.json", { "codes[0]": code })).body.organizations[0]?.parentCode ?? null;
const orgsOf = async (code) => (await userApi("GET", "/v1/user/organizations.json", { code })).body.organizationTitles.map((m) => [m.organization.code, m.title?.code ?? null]);
const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function pickParent(label, option) {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-title").filter({ hasText: option }).click();
}

async function addOrg(code, name, parentLabel) {
  if (parentLabel) await orgNode(parentLabel).click();
  await page.getByRole("button", { name: "組織を追加" }).click();
  const dialog = page.getByRole("dialog", { name: "組織を追加" });
  await dialog.getByLabel("組織コード").fill(code);
  await dialog.getByLabel("組織名").fill(name);
  await dialog.getByRole("button", { name: "追加", exact: true }).click();
  await dialog.waitFor({ state: "hidden" });
  await orgNode(`${name} (${code})`).waitFor();
}

test("an administrator builds the organisation tree and a group", { skip: !real && "needs the real server" }, async () => {
  await signIn(page, server.baseUrl, ADMIN);
  await page.getByRole("button", { name: /のアカウント/ }).click();
  await page.getByRole("menuitem", { name: "ユーザーと組織" }).click();
  await page.getByRole("heading", { name: "ユーザーと組織", exact: true }).waitFor();
  await page.getByRole("cell", { name: "admin", exact: true }).first().waitFor();

  await page.getByRole("tab", { name: "組織" }).click();
  await page.waitForURL(/\/admin\/organizations$/);
  await page.getByText("組織はまだありません。").waitFor();
  await screenshot(page, "directory-01-orgs-empty");
  await addOrg("honcho", "本庁");
  await addOrg("somu", "総務部", "本庁 (honcho)");
  await addOrg("joho", "情報政策課", "総務部 (somu)");
  await addOrg("kikaku", "企画部", "本庁 (honcho)");
  await addOrg("zaisei", "財政課", "企画部 (kikaku)");
  assert.equal(await parentOf("joho"), "somu");
  assert.equal(await parentOf("somu"), "honcho");
  assert.equal(await parentOf("zaisei"), "kikaku");
  // The tree nests them: 情報政策課 sits two levels below 本庁.
  assert.equal(await treeItem("joho").locator(".ant-tree-indent-unit").count(), 2);
  assert.equal(await treeItem("honcho").getAttribute("aria-expanded"), "true");

  await page.getByRole("tab", { name: "グループ" }).click();
  await page.getByText("グループはまだありません。").waitFor();
  await page.getByRole("button", { name: "グループを追加" }).click();
  const dialog = page.getByRole("dialog", { name: "グループを追加" });
  await dialog.getByLabel("グループコード").fill("it-suishin");
  await dialog.getByLabel("グループ名").fill("情報化推進");
  await dialog.getByRole("button", { name: "保存" }).click();
  await page.getByRole("cell", { name: "情報化推進", exact: true }).waitFor();
  // A second group is renamed and then deleted.
  await page.getByRole("button", { name: "グループを追加" }).click();
  await dialog.getByLabel("グループコード").fill("kari");
  await dialog.getByLabel("グループ名").fill("仮グループ");
  await dialog.getByRole("button", { name: "保存" }).click();
  await page.getByRole("button", { name: "仮グループ を編集" }).click();
  const edit = page.getByRole("dialog", { name: "仮グループ を編集" });
  await edit.getByLabel("グループ名").fill("臨時グループ");
  await edit.getByLabel("説明").fill("年度末まで");
  await edit.getByRole("button", { name: "保存" }).click();
  await page.getByRole("cell", { name: "年度末まで" }).waitFor();
  await page.getByRole("button", { name: "臨時グループ を削除" }).click();
  await page.getByRole("tooltip").getByRole("button", { name: "削除" }).click();
  await page.getByText("臨時グループ を削除しました。").waitFor();
  const left = await userApi("GET", "/v1/groups.json");
  assert.deepEqual(left.body.groups.map((g) => g.code), ["it-suishin"]);
});

test("a user is added into the tree with a group, edited and deactivated", { skip: !real && "needs the real server" }, async () => {
  await page.getByRole("tab", { name: "ユーザー" }).click();
  await page.getByRole("button", { name: "ユーザーを追加" }).click();
  const drawer = page.locator(".ant-drawer");
  await drawer.getByLabel("ログイン名").fill(TANAKA.username);
  await drawer.getByLabel("表示名").fill(TANAKA.name);
  await drawer.getByLabel("メールアドレス").fill("tanaka@city.example.lg.jp");
  await drawer.getByLabel("初期パスワード").fill(TANAKA.password);
  await pick(page, "所属組織", "本庁 / 総務部 / 情報政策課 (joho)");
  await pick(page, "優先する組織", "本庁 / 総務部 / 情報政策課 (joho)");
  await pick(page, "グループ", "情報化推進 (it-suishin)");
  await drawer.getByLabel("表示名").click();
  await screenshot(page, "directory-02-add-user");
  await drawer.getByTestId("user-save").click();
  await drawer.waitFor({ state: "hidden" });
  const row = page.getByRole("row").filter({ hasText: TANAKA.username });
  await row.getByText("情報政策課").waitFor();
  assert.deepEqual(await orgsOf("tanaka"), [["joho", null]]);
  const groups = await userApi("GET", "/v1/user/groups.json", { code: "tanaka" });
  assert.deepEqual(groups.body.groups.map((g) => g.code), ["it-suishin"]);

  // One request, one transaction: a group another administrator deletes while the drawer is
  // open refuses the whole save — the new name is not stored either — and the field says why.
  assert.equal((await userApi("POST", "/v1/groups.json", { groups: [{ code: "ichiji", name: "一時グループ" }] })).status, 200);
  await page.reload();
  await page.getByRole("tab", { name: "ユーザー" }).click();
  await page.getByRole("button", { name: `${TANAKA.name} を編集` }).click();
  await drawer.getByLabel("表示名").fill("保存されない名前");
  await pick(page, "グループ", "一時グループ (ichiji)");
  assert.equal((await userApi("DELETE", "/v1/groups.json", { codes: ["ichiji"] })).status, 200);
  await drawer.getByTestId("user-save").click();
  await drawer.getByTestId("user-save-error").waitFor();
  await drawer.getByText("指定したグループ(code:ichiji)が見つかりません。").first().waitFor();
  await screenshot(page, "directory-02b-user-save-refused");
  assert.equal((await userApi("GET", "/v1/users.json", { "codes[0]": "tanaka" })).body.users[0].name, TANAKA.name);
  assert.deepEqual((await userApi("GET", "/v1/user/groups.json", { code: "tanaka" })).body.groups.map((g) => g.code), ["it-suishin"]);
  await drawer.getByRole("button", { name: "キャンセル" }).click();
  await drawer.waitFor({ state: "hidden" });

  // Search narrows the list; edit renames the user.
  await page.getByLabel("ユーザーを検索").fill("情報政策");
  await page.getByText("3 人中 1 人").waitFor();
  await page.getByRole("button", { name: `${TANAKA.name} を編集` }).click();
  await drawer.getByLabel("表示名").fill("田中 一郎");
  await drawer.getByLabel("システム管理者").click(); // made an administrator, then back again
  await drawer.getByTestId("user-save").click();
  await drawer.waitFor({ state: "hidden" });
  await row.getByText("田中 一郎").waitFor();
  await row.getByText("システム管理者", { exact: true }).waitFor();
  assert.equal((await userApi("GET", "/v1/users.json", { "codes[0]": "tanaka" })).body.users[0].isAdmin, true);
  await page.getByRole("button", { name: "田中 一郎 を編集" }).click();
  await drawer.getByLabel("システム管理者").click();
  await drawer.getByTestId("user-save").click();
  await drawer.waitFor({ state: "hidden" });
  await row.getByText("システム管理者", { exact: true }).waitFor({ state: "detached" });
  assert.equal((await userApi("GET", "/v1/users.json", { "codes[0]": "tanaka" })).body.users[0].isAdmin, false);

  await page.getByRole("button", { name: "田中 一郎 を無効にする" }).click();
  await row.getByText("無効", { exact: true }).waitFor();
  await screenshot(page, "directory-03-user-deactivated");
  const user = await userApi("GET", "/v1/users.json", { "codes[0]": "tanaka" });
  assert.equal(user.body.users[0].valid, false);

  // A refused change shows the server's reason: an administrator cannot deactivate themself.
  await page.getByLabel("ユーザーを検索").fill("");
  await page.getByRole("button", { name: "admin を無効にする" }).click();
  await page.getByTestId("user-list-error").getByText("このユーザーは削除、無効化、またはコードの変更ができません。").waitFor();
  // Nor take away their own administrator rights: the switch is locked and says why.
  await page.getByRole("button", { name: "admin を編集" }).click();
  assert.equal(await drawer.getByLabel("システム管理者").isDisabled(), true);
  await drawer.getByText("自分自身の管理者権限は外せません").waitFor();
  await drawer.getByRole("button", { name: "キャンセル" }).click();
  await drawer.waitFor({ state: "hidden" });
});

test("the deactivated user cannot sign in", { skip: !real && "needs the real server" }, async () => {
  const other = await launch();
  await other.page.goto(`${server.baseUrl}/login`);
  await other.page.getByLabel("ログイン名").fill(TANAKA.username);
  await other.page.getByLabel("パスワード", { exact: true }).fill(TANAKA.password);
  await other.page.getByRole("button", { name: "ログイン", exact: true }).click();
  await other.page.getByText("ログイン名またはパスワードが正しくありません。").waitFor();
  assert.match(new URL(other.page.url()).pathname, /\/login$/);
  await screenshot(other.page, "directory-04-inactive-sign-in");
});

test("an organisation moves, and a refused delete shows the server's reason", { skip: !real && "needs the real server" }, async () => {
  await page.getByRole("tab", { name: "組織" }).click();
  await orgNode("情報政策課 (joho)").click();
  await page.getByRole("heading", { name: "組織: 情報政策課" }).waitFor();
  await page.getByRole("cell", { name: "田中 一郎" }).waitFor();
  await pickParent("親組織", "企画部 (kikaku)");
  await page.getByTestId("org-save").click();
  await page.getByText("保存しました。").last().waitFor();
  assert.equal(await parentOf("joho"), "kikaku");

  await orgNode("本庁 (honcho)").click();
  await page.getByRole("heading", { name: "組織: 本庁" }).waitFor();
  await page.getByTestId("org-delete").click();
  await page.getByRole("button", { name: "削除", exact: true }).last().click();
  await page.getByTestId("org-error").getByText("下位の組織があるため削除できません。").waitFor();
  await screenshot(page, "directory-05-org-delete-refused");
  assert.equal(await parentOf("somu"), "honcho");
  await expectNoAxeViolations(page, "organisations (ja)");

  // 総務部 has nothing below it any more, so it goes.
  await orgNode("総務部 (somu)").click();
  await page.getByRole("heading", { name: "組織: 総務部" }).waitFor();
  await page.getByTestId("org-delete").click();
  await page.getByRole("tooltip").getByRole("button", { name: "削除" }).click();
  await page.getByText("総務部 を削除しました。").waitFor();
  await orgNode("総務部 (somu)").waitFor({ state: "detached" });
  assert.deepEqual((await userApi("GET", "/v1/organizations.json", { "codes[0]": "somu" })).body.organizations, []);
});

test("the memberships CSV is exported, changed, checked and imported", { skip: !real && "needs the real server" }, async () => {
  await page.getByRole("tab", { name: "CSVファイル（年度替わり）" }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("directory-export").click()]);
  assert.equal(download.suggestedFilename(), "memberships.csv");
  const exported = readFileSync(await download.path(), "utf8");
  assert.match(exported, /^\uFEFFcode,orgCode,titleCode,primary\r?\n/);
  assert.match(exported, /tanaka,joho,,true/);

  const input = page.getByLabel("CSVファイル", { exact: true });
  // A file naming an organisation that does not exist: the line and column are listed.
  await input.setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(exported.replace(/tanaka,joho,,true/, "tanaka,nosuch,,true")) });
  await page.getByTestId("directory-file-picked").getByText("bad.csv: 1 行（UTF-8）").waitFor();
  await page.getByTestId("directory-check").click();
  await page.getByText(/件の問題があります。何も変更していません。/).waitFor();
  const problem = page.getByTestId("directory-problems").locator("tbody tr.ant-table-row").filter({ hasText: "orgCode" });
  assert.match((await problem.innerText()).replace(/\s+/g, " "), /^2 orgCode .*nosuch/);
  assert.ok(await page.getByTestId("directory-apply").isDisabled());
  await page.getByTestId("directory-import-result").scrollIntoViewIfNeeded();
  await screenshot(page, "directory-06-import-problems");
  await expectNoAxeViolations(page, "import problems (ja)");

  // The reshuffle: tanaka moves to 財政課 as 課長. Checked first — nothing changes — then applied.
  const changed = exported.replace(/tanaka,joho,,true/, "tanaka,zaisei,kacho,true");
  await input.setInputFiles({ name: "reshuffle.csv", mimeType: "text/csv", buffer: Buffer.from(changed) });
  await page.getByTestId("directory-file-picked").getByText("reshuffle.csv: 1 行（UTF-8）").waitFor();
  await page.getByTestId("directory-check").click();
  await page.getByText("確認できました: 1 行、1 人の所属組織を置き換えます。").waitFor();
  assert.deepEqual(await orgsOf("tanaka"), [["joho", null]]);
  await page.getByTestId("directory-import-result").scrollIntoViewIfNeeded();
  await screenshot(page, "directory-07-import-checked");
  await page.getByTestId("directory-apply").click();
  await page.getByText("1 行を読み込み、1 人の所属組織を置き換えました。").waitFor();
  assert.deepEqual(await orgsOf("tanaka"), [["zaisei", "kacho"]]);
  await page.getByTestId("directory-import-result").scrollIntoViewIfNeeded();
  await screenshot(page, "directory-08-import-applied");

  await page.getByRole("tab", { name: "ユーザー" }).click();
  await page.getByRole("row").filter({ hasText: "tanaka" }).getByText("財政課").waitFor();
  await page.getByRole("tab", { name: "組織" }).click();
  await orgNode("財政課 (zaisei)").click();
  await page.getByRole("row").filter({ hasText: "田中 一郎" }).getByText("kacho").waitFor();
});

test("the group memberships CSV is exported, checked and imported", { skip: !real && "needs the real server" }, async () => {
  assert.equal((await userApi("POST", "/v1/groups.json", { groups: [{ code: "kansa", name: "監査" }] })).status, 200);
  await page.getByRole("tab", { name: "CSVファイル（年度替わり）" }).click();
  const kind = (n) => page.getByRole("radio", { name: /^グループ所属/ }).nth(n);
  await kind(0).check();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("directory-export").click()]);
  assert.equal(download.suggestedFilename(), "groupMemberships.csv");
  const exported = readFileSync(await download.path(), "utf8");
  assert.match(exported, /^\uFEFFcode,groupCode\r?\n/);
  assert.match(exported, /tanaka,it-suishin\r?\n/);

  await kind(1).check();
  const input = page.getByLabel("CSVファイル", { exact: true });
  await input.setInputFiles({ name: "groups-bad.csv", mimeType: "text/csv", buffer: Buffer.from("code,groupCode\r\ntanaka,nosuch\r\n") });
  await page.getByTestId("directory-file-picked").getByText("groups-bad.csv: 1 行（UTF-8）").waitFor();
  await page.getByTestId("directory-check").click();
  const problem = page.getByTestId("directory-problems").locator("tbody tr.ant-table-row").filter({ hasText: "groupCode" });
  assert.match((await problem.innerText()).replace(/\s+/g, " "), /^2 groupCode .*nosuch/);
  assert.ok(await page.getByTestId("directory-apply").isDisabled());

  // tanaka moves from 情報化推進 to 監査: checked (nothing changes), then applied.
  await input.setInputFiles({ name: "groups.csv", mimeType: "text/csv", buffer: Buffer.from("code,groupCode\r\ntanaka,kansa\r\n") });
  await page.getByTestId("directory-file-picked").getByText("groups.csv: 1 行（UTF-8）").waitFor();
  await page.getByTestId("directory-check").click();
  await page.getByText("確認できました: 1 行、1 人の所属グループを置き換えます。").waitFor();
  const groupsOf = async () => (await userApi("GET", "/v1/user/groups.json", { code: "tanaka" })).body.groups.map((g) => g.code);
  assert.deepEqual(await groupsOf(), ["it-suishin"]);
  await page.getByTestId("directory-apply").click();
  await page.getByText("1 行を読み込み、1 人の所属グループを置き換えました。").waitFor();
  assert.deepEqual(await groupsOf(), ["kansa"]);
  await page.getByTestId("directory-import-result").scrollIntoViewIfNeeded();
  await screenshot(page, "directory-08b-group-import-applied");
  await expectNoAxeViolations(page, "group memberships import (ja)");
});

test("in English at 200 % zoom the screens wrap and pass axe", { skip: !real && "needs the real server" }, async () => {
  await page.getByLabel("表示言語").first().click();
  await page.locator(".ant-select-item-option", { hasText: "English" }).click();
  await page.setViewportSize({ width: 683, height: 450 });
  for (const [path, ready] of [
    ["/admin/users", () => page.getByRole("cell", { name: "tanaka", exact: true }).waitFor()],
    ["/admin/organizations", () => page.getByText("Organization tree").waitFor()],
    ["/admin/groups", () => page.getByRole("cell", { name: "情報化推進", exact: true }).waitFor()],
    ["/admin/directory-file", () => page.getByRole("heading", { name: "Import" }).waitFor()],
  ]) {
    await page.goto(`${server.baseUrl}${path}`);
    await ready();
    assert.ok((await overflow()) <= 1, `${path} scrolls sideways by ${await overflow()} px`);
    await expectNoAxeViolations(page, `${path} (en)`);
  }
  await page.goto(`${server.baseUrl}/admin/users`);
  await page.getByRole("cell", { name: "tanaka", exact: true }).waitFor();
  await screenshot(page, "directory-09-users-en-200pct");
  await page.getByRole("button", { name: "Edit 田中 一郎" }).click();
  const drawer = page.locator(".ant-drawer-body");
  await drawer.getByLabel("Organizations", { exact: true }).waitFor();
  const box = await drawer.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 683, `the drawer sticks out: ${JSON.stringify(box)}`);
  await screenshot(page, "directory-12-user-drawer-en-200pct");
  await drawer.getByRole("button", { name: "Cancel" }).click();
  // The tree works from the keyboard: arrows move, Enter opens the organisation.
  await page.goto(`${server.baseUrl}/admin/organizations`);
  await page.getByRole("button", { name: "Add organization" }).focus();
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("role")), "tree");
  for (let i = 0; i < 10 && !(await treeItem("joho").evaluate((el) => el.classList.contains("ant-tree-treenode-active"))); i++) {
    await page.keyboard.press("ArrowDown");
  }
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Organization: 情報政策課" }).waitFor();
  assert.ok((await overflow()) <= 1, `organisation detail scrolls sideways by ${await overflow()} px`);
  await screenshot(page, "directory-10-org-en-200pct");
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.getByLabel("Language").first().click();
  await page.locator(".ant-select-item-option", { hasText: "日本語" }).click();
  await page.goto(`${server.baseUrl}/admin/users`);
  await page.getByRole("cell", { name: "tanaka", exact: true }).waitFor();
  await expectNoAxeViolations(page, "users (ja)");
  assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource/.test(e)), []);
});

test("a staff member who types the address is told the screen is for administrators", { skip: !real && "needs the real server" }, async () => {
  const created = await userApi("POST", "/v1/users.json", { users: [{ code: STAFF.username, password: STAFF.password, name: STAFF.name }] });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const other = await launch();
  await signIn(other.page, server.baseUrl, STAFF);
  await other.page.getByRole("button", { name: /のアカウント/ }).click();
  await other.page.getByRole("menuitem", { name: "ログアウト", exact: true }).waitFor();
  assert.equal(await other.page.getByRole("menuitem", { name: "ユーザーと組織" }).count(), 0);
  await other.page.goto(`${server.baseUrl}/admin/users`);
  await other.page.getByTestId("directory-admins-only").getByText("ユーザー・組織・グループを管理できるのはシステム管理者だけです。").waitFor();
  await screenshot(other.page, "directory-11-admins-only");
});

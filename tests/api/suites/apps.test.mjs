// App administration: creating, listing and reading apps, the settings documents in their
// preview and live stages with the shared revision counter, deploy, deploy status and revert.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { startServer, raw } from "../lib/server.mjs";
import { createApp, deploy } from "../lib/apps.mjs";
import { rejectsWith, isError } from "../lib/expect.mjs";

let server, client;

server = await startServer();

before(async () => {
  client = server.client();
});

test("a new app answers app id and revision 2 as strings and stays invisible until deployed", async () => {
  const created = await client.app.addApp({ name: "未配備アプリ" });
  assert.deepEqual(Object.keys(created).sort(), ["app", "revision"]);
  assert.match(created.app, /^\d+$/);
  assert.equal(created.revision, "2");

  const e = await rejectsWith(client.app.getApp({ id: created.app }), { status: 404, code: "GAIA_AP01" });
  assert.equal(e.errors, undefined);
  const en = await raw(server.baseUrl, "GET", `/k/v1/app.json?id=${created.app}`, {
    headers: { "Accept-Language": "en" },
  });
  assert.equal(
    isError(en, 404, "GAIA_AP01").message,
    `The app (ID: ${created.app}) not found. The app may have been deleted.`,
  );
  const ja = await raw(server.baseUrl, "GET", `/k/v1/app.json?id=${created.app}`, {
    headers: { "Accept-Language": "ja" },
  });
  assert.equal(ja.json.message, `指定したアプリ（id: ${created.app}）が見つかりません。削除されている可能性があります。`);
  const { apps } = await client.app.getApps({ ids: [created.app] });
  assert.deepEqual(apps, []);
  await rejectsWith(client.record.getRecords({ app: created.app }), { status: 404, code: "GAIA_AP01" });
  // The preview stage is readable before the first deploy.
  const { properties } = await client.app.getFormFields({ app: created.app, preview: true });
  assert.equal(properties["レコード番号"].type, "RECORD_NUMBER");
  await rejectsWith(client.app.getFormFields({ app: created.app }), { status: 404, code: "GAIA_AP01" });

  assert.equal(await deploy(client, created.app), "SUCCESS");
  const app = await client.app.getApp({ id: created.app });
  assert.equal(app.name, "未配備アプリ");
});

test("app.json returns kintone's app object", async () => {
  const id = await createApp(client, "Shape");
  const app = await client.app.getApp({ id });
  assert.deepEqual(Object.keys(app).sort(), [
    "appId", "code", "createdAt", "creator", "description", "modifiedAt", "modifier", "name", "spaceId", "threadId",
  ]);
  assert.equal(app.appId, String(id));
  assert.equal(app.code, "");
  assert.equal(app.name, "Shape");
  assert.equal(app.description, "");
  assert.equal(app.spaceId, null);
  assert.equal(app.threadId, null);
  assert.match(app.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.match(app.modifiedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(app.creator.code, "admin");
  assert.equal(typeof app.creator.name, "string");
  assert.equal(app.modifier.code, "admin");

  await rejectsWith(client.app.getApp({ id: 99999 }), { status: 404, code: "GAIA_AP01" });
  const missing = await raw(server.baseUrl, "GET", "/k/v1/app.json");
  assert.deepEqual(isError(missing, 400, "CB_VA01").errors, { id: { messages: ["Required field."] } });
  const zero = await raw(server.baseUrl, "GET", "/k/v1/app.json?id=0", { headers: { "Accept-Language": "en" } });
  assert.deepEqual(isError(zero, 400, "CB_VA01").errors, { id: { messages: ["must be greater than or equal to 1"] } });
});

test("addApp validates the name", async () => {
  await rejectsWith(client.app.addApp({ name: "" }), {
    status: 400,
    code: "CB_VA01",
    errors: { name: { messages: ["必須です。"] } },
  });
  await rejectsWith(client.app.addApp({ name: "あ".repeat(65) }), {
    status: 400,
    code: "CB_VA01",
    errorKeys: ["name"],
  });
  const ok = await client.app.addApp({ name: "あ".repeat(64) });
  assert.match(ok.app, /^\d+$/);
});

test("apps.json filters by ids, codes and name and pages with limit and offset", async () => {
  const a = await createApp(client, "Filter Alpha 検索");
  const b = await createApp(client, "filter beta");
  const c = await createApp(client, "Other");

  const byIds = await client.app.getApps({ ids: [c, a] });
  assert.deepEqual(byIds.apps.map((x) => x.appId).sort(), [String(a), String(c)].sort());

  const byName = await client.app.getApps({ name: "FILTER" });
  assert.deepEqual(byName.apps.map((x) => x.appId).sort(), [String(a), String(b)].sort());
  const byJapanese = await client.app.getApps({ name: "検索" });
  assert.deepEqual(byJapanese.apps.map((x) => x.appId), [String(a)]);

  const byCode = await client.app.getApps({ codes: ["NOSUCHCODE"] });
  assert.deepEqual(byCode.apps, []);

  const all = (await client.app.getApps({})).apps.map((x) => x.appId);
  assert.ok(all.length >= 3);
  assert.deepEqual(all, [...all].sort((x, y) => Number(x) - Number(y)), "apps come in id order");
  const page1 = (await client.app.getApps({ limit: 2 })).apps.map((x) => x.appId);
  const page2 = (await client.app.getApps({ limit: 2, offset: 2 })).apps.map((x) => x.appId);
  assert.deepEqual(page1, all.slice(0, 2));
  assert.deepEqual(page2, all.slice(2, 4));
  const beyond = await client.app.getApps({ offset: 1000 });
  assert.deepEqual(beyond.apps, []);
});

test("apps.json rejects limits outside 1..100 and too many ids with CB_VA01", async () => {
  const e = await rejectsWith(client.app.getApps({ limit: 101 }), { status: 400, code: "CB_VA01", errorKeys: ["limit"] });
  assert.equal(e.errors.limit.messages.length, 1);
  await rejectsWith(client.app.getApps({ limit: 0 }), { status: 400, code: "CB_VA01", errorKeys: ["limit"] });
  await rejectsWith(client.app.getApps({ offset: -1 }), { status: 400, code: "CB_VA01", errorKeys: ["offset"] });
  const ids = Array.from({ length: 101 }, (_, i) => i + 1);
  await rejectsWith(client.app.getApps({ ids }), { status: 400, code: "CB_VA01", errorKeys: ["ids"] });
  const ok = await client.app.getApps({ limit: 100 });
  assert.ok(Array.isArray(ok.apps));
});

test("general settings: defaults, preview vs live, revision increments, stale revision 409 GAIA_CO03", async () => {
  const app = await createApp(client, "Settings app");
  const live = await client.app.getAppSettings({ app });
  assert.deepEqual(live, {
    name: "Settings app",
    description: "",
    icon: { type: "PRESET", key: "APP72" },
    theme: "WHITE",
    titleField: { selectionMode: "AUTO", code: "" },
    enableThumbnails: true,
    enableBulkDeletion: false,
    enableComments: true,
    enableDuplicateRecord: true,
    enableInlineRecordEditing: true,
    numberPrecision: { digits: "16", decimalPlaces: "4", roundingMode: "HALF_EVEN" },
    firstMonthOfFiscalYear: "4",
    revision: live.revision,
  });
  assert.match(live.revision, /^\d+$/);

  const put = await client.app.updateAppSettings({
    app,
    name: "Renamed app",
    description: "<b>説明</b>",
    theme: "RED",
    revision: live.revision,
  });
  assert.equal(put.revision, String(Number(live.revision) + 1));
  const preview = await client.app.getAppSettings({ app, preview: true });
  assert.equal(preview.name, "Renamed app");
  assert.equal(preview.theme, "RED");
  assert.equal(preview.enableComments, true, "omitted properties keep their value");
  assert.equal(preview.revision, put.revision);
  const stillLive = await client.app.getAppSettings({ app });
  assert.equal(stillLive.name, "Settings app");
  assert.equal(stillLive.revision, live.revision);
  assert.equal((await client.app.getApp({ id: app })).name, "Settings app");

  const e = await rejectsWith(
    client.app.updateAppSettings({ app, theme: "BLUE", revision: live.revision }),
    { status: 409, code: "GAIA_CO03" },
  );
  assert.equal(e.errors, undefined);
  assert.equal((await client.app.getAppSettings({ app, preview: true })).theme, "RED", "nothing changed");
  const unchecked = await client.app.updateAppSettings({ app, enableComments: false, revision: -1 });
  assert.equal(unchecked.revision, String(Number(put.revision) + 1));

  assert.equal(await deploy(client, app), "SUCCESS");
  const deployed = await client.app.getAppSettings({ app });
  assert.equal(deployed.name, "Renamed app");
  assert.equal(deployed.description, "<b>説明</b>");
  assert.equal(deployed.enableComments, false);
  assert.equal(deployed.revision, unchecked.revision, "deploy adds no revision");
  const info = await client.app.getApp({ id: app });
  assert.equal(info.name, "Renamed app");
  assert.equal(info.description, "<b>説明</b>");
});

test("general settings are validated; partial objects merge; unknown properties are dropped", async () => {
  const app = await createApp(client, "Validated settings");
  const { revision } = await client.app.getAppSettings({ app, preview: true });
  await rejectsWith(
    client.app.updateAppSettings({
      app,
      theme: "PURPLE",
      numberPrecision: { digits: "31", decimalPlaces: 11, roundingMode: "SOMETIMES" },
      firstMonthOfFiscalYear: "13",
      titleField: { selectionMode: "MANUAL" },
      enableComments: "maybe",
      name: "",
    }),
    {
      status: 400,
      code: "CB_VA01",
      errorKeys: [
        "theme",
        "numberPrecision.digits",
        "numberPrecision.decimalPlaces",
        "numberPrecision.roundingMode",
        "firstMonthOfFiscalYear",
        "titleField.code",
        "enableComments",
        "name",
      ],
    },
  );
  const unchanged = await client.app.getAppSettings({ app, preview: true });
  assert.equal(unchanged.revision, revision, "nothing was written");

  await client.app.updateAppSettings({
    app,
    numberPrecision: { decimalPlaces: 2 },
    firstMonthOfFiscalYear: 1,
    junk: "dropped",
    titleField: { selectionMode: "MANUAL", code: "x" },
  });
  const s = await client.app.getAppSettings({ app, preview: true });
  assert.deepEqual(s.numberPrecision, { digits: "16", decimalPlaces: "2", roundingMode: "HALF_EVEN" });
  assert.equal(s.firstMonthOfFiscalYear, "1");
  assert.deepEqual(s.titleField, { selectionMode: "MANUAL", code: "x" });
  assert.equal(s.junk, undefined);
});

test("one revision counter is shared by every settings area", async () => {
  const app = await createApp(client, "Shared revision");
  const { revision: r0 } = await client.app.getAppSettings({ app, preview: true });
  const r1 = (await client.app.updateAdminNotes({ app, content: "memo" })).revision;
  assert.equal(r1, String(Number(r0) + 1));
  const r2 = (await client.app.addFormFields({ app, properties: { t: { type: "SINGLE_LINE_TEXT", code: "t", label: "T" } } })).revision;
  assert.equal(r2, String(Number(r0) + 2));
  const r3 = (await client.app.updateViews({ app, views: {} })).revision;
  assert.equal(r3, String(Number(r0) + 3));
  for (const get of [
    () => client.app.getFormFields({ app, preview: true }),
    () => client.app.getFormLayout({ app, preview: true }),
    () => client.app.getViews({ app, preview: true }),
    () => client.app.getAdminNotes({ app, preview: true }),
    () => client.app.getProcessManagement({ app, preview: true }),
  ]) {
    assert.equal((await get()).revision, r3);
  }
  await rejectsWith(client.app.addFormFields({ app, properties: {}, revision: r2 }), { status: 409, code: "GAIA_CO03" });
  await rejectsWith(client.app.updateViews({ app, views: {}, revision: r1 }), { status: 409, code: "GAIA_CO03" });
  await rejectsWith(client.app.deployApp({ apps: [{ app, revision: r1 }] }), { status: 409, code: "GAIA_CO03" });
  await client.app.deployApp({ apps: [{ app, revision: r3 }] });
  assert.equal((await client.app.getDeployStatus({ apps: [app] })).apps[0].status, "SUCCESS");
  assert.equal((await client.app.getFormFields({ app })).revision, r3);
});

test("views are stored with ids, replaced as a whole set and deployed", async () => {
  const app = await createApp(client, "Views app", {
    title: { type: "SINGLE_LINE_TEXT", code: "title", label: "Title" },
    day: { type: "DATE", code: "day", label: "Day" },
  });
  const empty = await client.app.getViews({ app });
  assert.deepEqual(empty.views, {});

  const put = await client.app.updateViews({
    app,
    views: {
      一覧: { type: "LIST", index: 0, name: "一覧", fields: ["title", "day"], filterCond: 'title like "a"', sort: "day desc" },
      暦: { type: "CALENDAR", index: "1", name: "暦", date: "day", title: "title" },
    },
  });
  assert.deepEqual(Object.keys(put.views).sort(), ["一覧", "暦"]);
  assert.match(put.views["一覧"].id, /^\d+$/);
  assert.notEqual(put.views["一覧"].id, put.views["暦"].id);

  const preview = await client.app.getViews({ app, preview: true });
  assert.deepEqual(preview.views["一覧"], {
    type: "LIST",
    name: "一覧",
    id: put.views["一覧"].id,
    index: "0",
    filterCond: 'title like "a"',
    sort: "day desc",
    fields: ["title", "day"],
  });
  assert.equal(preview.views["暦"].date, "day");
  assert.equal(preview.views["暦"].index, "1");
  assert.deepEqual((await client.app.getViews({ app })).views, {}, "live unchanged until deploy");

  // The set is replaced: 暦 goes, 一覧 keeps its id.
  const again = await client.app.updateViews({
    app,
    views: { 一覧: { type: "LIST", index: 0, name: "一覧", fields: ["title"] } },
  });
  assert.equal(again.views["一覧"].id, put.views["一覧"].id);
  await deploy(client, app);
  const live = await client.app.getViews({ app });
  assert.deepEqual(Object.keys(live.views), ["一覧"]);
  assert.deepEqual(live.views["一覧"].fields, ["title"]);

  await rejectsWith(
    client.app.updateViews({ app, views: { bad: { type: "TABLE", index: 0 }, worse: { type: "LIST" } } }),
    { status: 400, code: "CB_VA01", errorKeys: ["views[bad].type", "views[worse].index"] },
  );
});

test("layout, process management, customize, notifications, reports, actions and admin notes round-trip through deploy", async () => {
  const app = await createApp(client, "Documents", {
    title: { type: "SINGLE_LINE_TEXT", code: "title", label: "Title" },
    amount: { type: "NUMBER", code: "amount", label: "Amount" },
  });
  const layout = await client.app.getFormLayout({ app });
  assert.deepEqual(layout.layout.map((row) => row.fields.map((f) => f.code)), [["title"], ["amount"]]);
  assert.equal(layout.layout[0].type, "ROW");
  assert.equal(layout.layout[0].fields[0].type, "SINGLE_LINE_TEXT");

  const status = await client.app.getProcessManagement({ app });
  assert.equal(status.enable, false);
  assert.equal(status.states, null);
  assert.equal(status.actions, null);

  const customize = await client.app.getAppCustomize({ app });
  assert.deepEqual(
    { scope: customize.scope, desktop: customize.desktop, mobile: customize.mobile },
    { scope: "ALL", desktop: { js: [], css: [] }, mobile: { js: [], css: [] } },
  );
  const general = await client.app.getGeneralNotifications({ app });
  assert.deepEqual(general.notifications, []);
  assert.equal(general.notifyToCommenter, false);
  assert.deepEqual((await client.app.getPerRecordNotifications({ app })).notifications, []);
  const reminder = await client.app.getReminderNotifications({ app });
  assert.deepEqual(reminder.notifications, []);
  assert.equal(reminder.timezone, null);
  assert.deepEqual((await client.app.getReports({ app })).reports, {});
  const notes = await client.app.getAdminNotes({ app });
  assert.equal(notes.content, "");
  assert.equal(notes.includeInTemplateAndDuplicates, false);

  await client.app.updateAppCustomize({
    app,
    scope: "ADMIN",
    desktop: { js: [{ type: "URL", url: "https://example.com/a.js" }], css: [] },
  });
  await client.app.updateGeneralNotifications({
    app,
    notifications: [{ entity: { type: "USER", code: "admin" }, recordAdded: true }],
    notifyToCommenter: true,
  });
  await client.app.updatePerRecordNotifications({
    app,
    notifications: [{ filterCond: 'amount > 10', title: "大口", targets: [{ entity: { type: "USER", code: "admin" } }] }],
  });
  await client.app.updateReminderNotifications({ app, timezone: "Asia/Tokyo" });
  const reports = {
    件数: {
      name: "件数",
      index: 0,
      chartType: "BAR",
      groups: [{ code: "title" }],
      aggregations: [{ type: "COUNT" }],
      filterCond: "",
      sorts: [{ by: "TOTAL", order: "DESC" }],
    },
  };
  const putReports = await client.app.updateReports({ app, reports });
  assert.deepEqual(Object.keys(putReports).sort(), ["reports", "revision"]);
  assert.match(putReports.reports["件数"].id, /^\d+$/);
  await client.app.updateAdminNotes({ app, content: "<p>管理メモ</p>", includeInTemplateAndDuplicates: true });
  assert.deepEqual((await client.app.getAppActions({ app })).actions, {});
  const putActions = await client.app.updateAppActions({
    app,
    actions: {
      複製: {
        name: "複製",
        index: "0",
        destApp: { app: String(app) },
        mappings: [{ srcType: "FIELD", srcField: "title", destField: "title" }],
        entities: [{ type: "USER", code: "admin" }],
        filterCond: "",
      },
    },
  });
  await client.app.updateProcessManagement({ app, enable: false });
  await client.app.updateFormLayout({
    app,
    layout: [{ type: "ROW", fields: [{ type: "NUMBER", code: "amount", size: { width: 100 } }, { type: "SINGLE_LINE_TEXT", code: "title" }] }],
  });

  // Live still has the old values.
  assert.equal((await client.app.getAppCustomize({ app })).scope, "ALL");
  assert.equal((await client.app.getAdminNotes({ app })).content, "");
  assert.equal((await client.app.getAdminNotes({ app, preview: true })).content, "<p>管理メモ</p>");

  await deploy(client, app);
  const c2 = await client.app.getAppCustomize({ app });
  assert.equal(c2.scope, "ADMIN");
  assert.deepEqual(c2.desktop.js, [{ type: "URL", url: "https://example.com/a.js" }]);
  assert.deepEqual(c2.mobile, { js: [], css: [] }, "omitted keys keep their value");
  const g2 = await client.app.getGeneralNotifications({ app });
  assert.equal(g2.notifyToCommenter, true);
  assert.equal(g2.notifications.length, 1);
  assert.equal((await client.app.getPerRecordNotifications({ app })).notifications[0].title, "大口");
  assert.equal((await client.app.getReminderNotifications({ app })).timezone, "Asia/Tokyo");
  const liveReports = (await client.app.getReports({ app })).reports;
  assert.deepEqual(Object.keys(liveReports), ["件数"]);
  assert.equal(liveReports["件数"].id, putReports.reports["件数"].id);
  assert.equal(liveReports["件数"].index, "0");
  assert.equal(liveReports["件数"].chartType, "BAR");
  // Ids are stable across updates of the same entry.
  const again = await client.app.updateReports({ app, reports: { ...reports, 合計: { ...reports["件数"], name: "合計", index: 1 } } });
  assert.equal(again.reports["件数"].id, putReports.reports["件数"].id);
  assert.notEqual(again.reports["合計"].id, again.reports["件数"].id);
  const actions = (await client.app.getAppActions({ app })).actions;
  assert.deepEqual(Object.keys(actions), ["複製"]);
  assert.equal(actions["複製"].id, putActions.actions["複製"].id);
  assert.equal(actions["複製"].name, "複製");
  assert.deepEqual(actions["複製"].mappings, [{ srcType: "FIELD", srcField: "title", destField: "title" }]);
  const n2 = await client.app.getAdminNotes({ app });
  assert.equal(n2.content, "<p>管理メモ</p>");
  assert.equal(n2.includeInTemplateAndDuplicates, true);
  const l2 = await client.app.getFormLayout({ app });
  assert.deepEqual(l2.layout[0].fields.map((f) => f.code), ["amount", "title"]);
  assert.equal(l2.layout[0].fields[0].size.width, "100", "sizes read back as strings");
});

test("deploy status: SUCCESS when idle, several apps at once, errors for unknown apps", async () => {
  const a = await createApp(client, "Status A");
  const b = await createApp(client, "Status B");
  const st = await client.app.getDeployStatus({ apps: [a, b] });
  assert.deepEqual(st.apps, [
    { app: String(a), status: "SUCCESS" },
    { app: String(b), status: "SUCCESS" },
  ]);
  await client.app.updateAdminNotes({ app: a, content: "x" });
  await client.app.updateAdminNotes({ app: b, content: "y" });
  assert.deepEqual(await client.app.deployApp({ apps: [{ app: a }, { app: b }] }), {});
  assert.equal((await client.app.getAdminNotes({ app: b })).content, "y");

  await rejectsWith(client.app.getDeployStatus({ apps: [99999] }), { status: 404, code: "GAIA_AP01" });
  await rejectsWith(client.app.deployApp({ apps: [{ app: 99999 }] }), { status: 404, code: "GAIA_AP01" });
  const none = await raw(server.baseUrl, "POST", "/k/v1/preview/app/deploy.json", { body: { apps: [] } });
  assert.deepEqual(isError(none, 400, "CB_VA01").errors, { apps: { messages: ["Required field."] } });
  const noStatus = await raw(server.baseUrl, "GET", "/k/v1/preview/app/deploy.json");
  isError(noStatus, 400, "CB_VA01");
});

test("a failing deploy of several apps marks the failing app FAIL and rolls the others back as CANCEL", async () => {
  const good = await createApp(client, "Cancelled", { t: { type: "SINGLE_LINE_TEXT", code: "t", label: "T" } });
  const bad = await createApp(client, "Failing", { t: { type: "SINGLE_LINE_TEXT", code: "t", label: "T" } });
  await client.record.addRecords({ app: bad, records: [{ t: { value: "same" } }, { t: { value: "same" } }] });
  await client.app.updateAdminNotes({ app: good, content: "pending" });
  await client.app.updateFormFields({ app: bad, properties: { t: { type: "SINGLE_LINE_TEXT", unique: true } } });
  await rejectsWith(client.app.deployApp({ apps: [{ app: good }, { app: bad }] }), { status: 400, code: "CB_VA01" });
  assert.deepEqual((await client.app.getDeployStatus({ apps: [good, bad] })).apps, [
    { app: String(good), status: "CANCEL" },
    { app: String(bad), status: "FAIL" },
  ]);
  assert.equal((await client.app.getAdminNotes({ app: good })).content, "", "the other app was not deployed");
  assert.equal((await client.app.getAdminNotes({ app: good, preview: true })).content, "pending");
  assert.equal(await deploy(client, good), "SUCCESS");
  assert.equal((await client.app.getAdminNotes({ app: good })).content, "pending");
});

test("revert discards the preview and brings back the live settings", async () => {
  const app = await createApp(client, "Revert", { a: { type: "SINGLE_LINE_TEXT", code: "a", label: "A" } });
  const live = await client.app.getFormFields({ app });
  await client.app.addFormFields({ app, properties: { b: { type: "NUMBER", code: "b", label: "B" } } });
  await client.app.updateAppSettings({ app, name: "Reverted away" });
  assert.ok((await client.app.getFormFields({ app, preview: true })).properties.b);

  assert.deepEqual(await client.app.deployApp({ apps: [{ app }], revert: true }), {});
  assert.equal((await client.app.getDeployStatus({ apps: [app] })).apps[0].status, "SUCCESS");
  const preview = await client.app.getFormFields({ app, preview: true });
  assert.equal(preview.properties.b, undefined);
  assert.deepEqual(preview.properties, live.properties);
  assert.equal((await client.app.getAppSettings({ app, preview: true })).name, "Revert");
  assert.equal((await client.app.getFormLayout({ app, preview: true })).layout.length, 1);

  // Reverting an app that was never deployed is a no-op success.
  const { app: fresh } = await client.app.addApp({ name: "Never deployed" });
  await client.app.deployApp({ apps: [{ app: fresh }], revert: true });
  assert.equal((await client.app.getDeployStatus({ apps: [fresh] })).apps[0].status, "SUCCESS");
  await rejectsWith(client.app.getApp({ id: fresh }), { status: 404, code: "GAIA_AP01" });
});

test("settings writes validate app and revision parameters", async () => {
  const app = await createApp(client, "Params");
  const missing = await raw(server.baseUrl, "PUT", "/k/v1/preview/app/settings.json", { body: { name: "x" } });
  assert.deepEqual(isError(missing, 400, "CB_VA01").errors, { app: { messages: ["Required field."] } });
  const badRevision = await raw(server.baseUrl, "PUT", "/k/v1/preview/app/settings.json", {
    body: { app, name: "x", revision: "abc" },
  });
  assert.deepEqual(Object.keys(isError(badRevision, 400, "CB_VA01").errors), ["revision"]);
  await rejectsWith(client.app.getAppSettings({ app: 99999 }), { status: 404, code: "GAIA_AP01" });
  await rejectsWith(client.app.updateAppSettings({ app: 99999, name: "x" }), { status: 404, code: "GAIA_AP01" });
});

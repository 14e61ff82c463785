// Public dashboards and the staff aggregate endpoint: aggregates grouped by status, area and
// date bucket; validation when publishing; small-cell suppression; the cached snapshot
// (ETag/304, single flight under concurrent load, invalidation on change); CSV/JSON open
// data; and the permission paths (management right to publish, the publisher's rights
// re-checked, unknown tokens answering a 404 that reveals nothing).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { startServer, raw } from "../lib/server.mjs";
import { createApp, deploy } from "../lib/apps.mjs";
import { isError } from "../lib/expect.mjs";
import { publish, pub } from "../lib/public.mjs";

const server = await startServer({ env: { TSUMIKI_LOG_LEVEL: "info" } });
const staff = server.addUser("dash-staff", "pw-staff");
const options = (...names) => Object.fromEntries(names.map((n, i) => [n, { label: n, index: String(i) }]));

let client, app;

const dashboard = (extra = {}) => ({
  title: "申請の受付状況",
  description: "区ごと・状態ごとの件数です。",
  aggregate: { groups: [{ code: "state" }], aggregations: [{ type: "COUNT" }, { type: "SUM", code: "amount" }] },
  chart: "bar",
  labels: { 審査中: { ja: "審査中", en: "Under review" }, COUNT: { ja: "件数", en: "Applications" } },
  minCount: 3,
  refreshMinutes: 60,
  ...extra,
});

// 5 受付 in 北区 (two on 2026-04-01), 3 審査中 in 南区, 1 支給済 in 南区 (below the threshold).
const rows = [
  ["受付", "北区", "2026-04-01", "100"],
  ["受付", "北区", "2026-04-01", "200"],
  ["受付", "北区", "2026-04-15", "300"],
  ["受付", "北区", "2026-05-02", "0.1"],
  ["受付", "北区", "2026-05-03", "0.2"],
  ["審査中", "南区", "2026-05-10", "1000"],
  ["審査中", "南区", "2026-05-11", "1000"],
  ["審査中", "南区", "2026-05-12", ""],
  ["支給済", "南区", "2026-06-01", "5000"],
];

before(async () => {
  client = server.client();
  app = await createApp(client, "Applications", {
    name: { type: "SINGLE_LINE_TEXT", code: "name", label: "氏名" },
    area: { type: "SINGLE_LINE_TEXT", code: "area", label: "区" },
    state: { type: "DROP_DOWN", code: "state", label: "状態", options: options("受付", "審査中", "支給済") },
    applied: { type: "DATE", code: "applied", label: "申請日" },
    amount: { type: "NUMBER", code: "amount", label: "金額" },
    memo: { type: "MULTI_LINE_TEXT", code: "memo", label: "メモ" },
  });
  await client.record.addRecords({
    app,
    records: rows.map(([state, area, applied, amount], i) => ({
      name: { value: `住民${i}` },
      state: { value: state },
      area: { value: area },
      applied: { value: applied },
      amount: { value: amount },
    })),
  });
});

const aggregate = (params, auth) =>
  raw(server.baseUrl, "GET", `/api/app/aggregate.json?${new URLSearchParams({ app, ...params })}`, auth ? { auth } : {});

test("staff aggregate: counts and sums by status in option order", async () => {
  const r = await raw(server.baseUrl, "GET", "/api/app/aggregate.json", {
    body: { app, groups: [{ code: "state" }], aggregations: [{ type: "COUNT" }, { type: "SUM", code: "amount" }, { type: "MAX", code: "amount" }] },
  });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.groups.map((g) => [g.code, g.label, g.type]), [["state", "状態", "DROP_DOWN"]]);
  assert.deepEqual(r.json.rows.map((x) => [x.keys[0], x.count, x.values[0], x.values[2]]), [
    ["受付", 5, 5, 300],
    ["審査中", 3, 3, 1000],
    ["支給済", 1, 1, 5000],
  ]);
  assert.ok(Math.abs(r.json.rows[0].values[1] - 600.3) < 1e-9);
});

test("staff aggregate: query-string form, date buckets and filters", async () => {
  const byMonth = await aggregate({ "groups[0][code]": "applied", "groups[0][per]": "MONTH" });
  assert.equal(byMonth.status, 200, byMonth.text);
  assert.deepEqual(byMonth.json.rows.map((x) => [x.keys[0], x.count]), [["2026-04", 3], ["2026-05", 5], ["2026-06", 1]]);
  const byWeek = await aggregate({ "groups[0][code]": "applied", "groups[0][per]": "WEEK", filterCond: 'area in ("北区")' });
  // Weeks start on Sunday: 2026-04-01 (Wed) is in the week of 03-29, 05-02 (Sat) of 04-26, 05-03 (Sun) its own.
  assert.deepEqual(byWeek.json.rows.map((x) => [x.keys[0], x.count]), [["2026-03-29", 2], ["2026-04-12", 1], ["2026-04-26", 1], ["2026-05-03", 1]]);
  const two = await aggregate({ "groups[0][code]": "area", "groups[1][code]": "state" });
  assert.deepEqual(two.json.rows.map((x) => [...x.keys, x.count]), [["北区", "受付", 5], ["南区", "審査中", 3], ["南区", "支給済", 1]]);
  const created = await aggregate({ "groups[0][code]": "作成日時", "groups[0][per]": "YEAR" });
  assert.equal(created.status, 200, created.text);
  assert.equal(created.json.rows.length, 1);
  assert.match(created.json.rows[0].keys[0], /^\d{4}$/);
});

test("staff aggregate: unusable fields and bad shapes are refused", async () => {
  const memo = await aggregate({ "groups[0][code]": "memo" });
  assert.deepEqual(Object.keys(isError(memo, 400, "CB_VA01").errors), ["groups[0]"]);
  const unknown = await aggregate({ "groups[0][code]": "nope" });
  isError(unknown, 400, "GAIA_IQ11");
  const sumText = await aggregate({ "aggregations[0][type]": "SUM", "aggregations[0][code]": "name" });
  assert.deepEqual(Object.keys(isError(sumText, 400, "CB_VA01").errors), ["aggregations[0]"]);
  const badPer = await aggregate({ "groups[0][code]": "applied", "groups[0][per]": "HOUR" });
  assert.deepEqual(Object.keys(isError(badPer, 400, "CB_VA01").errors), ["groups[0].per"]);
  const badFilter = await aggregate({ filterCond: "state in (" });
  assert.equal(badFilter.status, 400);
});

test("staff aggregate: a user without the view right, or with a hidden field, is refused", async () => {
  const acl = await raw(server.baseUrl, "PUT", "/k/v1/preview/app/acl.json", {
    body: {
      app,
      rights: [
        { entity: { type: "USER", code: "admin" }, appEditable: true, recordViewable: true, recordAddable: true, recordEditable: true, recordDeletable: true, recordImportable: true, recordExportable: true },
        { entity: { type: "USER", code: "dash-staff" }, appEditable: false, recordViewable: true, recordAddable: false, recordEditable: false, recordDeletable: false, recordImportable: false, recordExportable: false },
        { entity: { type: "GROUP", code: "everyone" }, appEditable: false, recordViewable: false, recordAddable: false, recordEditable: false, recordDeletable: false, recordImportable: false, recordExportable: false },
      ],
    },
  });
  assert.equal(acl.status, 200, acl.text);
  const fieldAcl = await raw(server.baseUrl, "PUT", "/k/v1/preview/field/acl.json", {
    body: { app, rights: [{ code: "amount", entities: [
      { accessibility: "NONE", entity: { type: "USER", code: "dash-staff" } },
      { accessibility: "WRITE", entity: { type: "GROUP", code: "everyone" } },
    ] }] },
  });
  assert.equal(fieldAcl.status, 200, fieldAcl.text);
  const recordAcl = await raw(server.baseUrl, "PUT", "/k/v1/preview/record/acl.json", {
    body: {
      app,
      rights: [
        {
          filterCond: 'state in ("支給済")',
          entities: [
            { entity: { type: "USER", code: "dash-staff" }, viewable: false, editable: false, deletable: false, includeSubs: false },
            { entity: { type: "GROUP", code: "everyone" }, viewable: true, editable: true, deletable: true, includeSubs: false },
          ],
        },
      ],
    },
  });
  assert.equal(recordAcl.status, 200, recordAcl.text);
  await deploy(client, app);

  const counts = await aggregate({ "groups[0][code]": "state" }, staff);
  assert.equal(counts.status, 200, counts.text);
  // The record ACL hides 支給済 from this user: it is not counted.
  assert.deepEqual(counts.json.rows.map((x) => [x.keys[0], x.count]), [["受付", 5], ["審査中", 3]]);
  isError(await aggregate({ "aggregations[0][type]": "SUM", "aggregations[0][code]": "amount" }, staff), 400, "GAIA_IQ11");
  isError(await aggregate({ filterCond: "amount > 10" }, staff), 400, "GAIA_IQ11");
  const nobody = server.addUser("dash-nobody", "pw-nobody");
  isError(await aggregate({}, nobody), 403, "CB_NO02");
});

let token;

test("publishing validates every property", async () => {
  const bad = await publish(server.baseUrl, app, "dashboard", dashboard({
    title: "",
    aggregate: {
      groups: [{ code: "name" }, { code: "memo" }],
      aggregations: [{ type: "SUM", code: "state" }, { type: "MEDIAN" }],
      filterCond: "nope = 1",
    },
    chart: "radar",
    minCount: 0,
    refreshMinutes: 1,
  }));
  const keys = Object.keys(isError(bad, 400, "CB_VA01").errors).sort();
  assert.deepEqual(keys, ["aggregate.aggregations[1].type", "chart", "minCount", "refreshMinutes", "title"].sort());
  const shapes = await publish(server.baseUrl, app, "dashboard", dashboard({
    aggregate: { groups: [{ code: "name" }, { code: "memo" }], aggregations: [{ type: "SUM", code: "state" }], filterCond: "nope = 1" },
  }));
  assert.deepEqual(Object.keys(isError(shapes, 400, "CB_VA01").errors).sort(), [
    "aggregate.aggregations[0].code", "aggregate.filterCond", "aggregate.groups[0].code", "aggregate.groups[1].code",
  ]);
  // Free text may hold personal data: an area name only when explicitly allowed.
  const text = await publish(server.baseUrl, app, "dashboard", dashboard({ aggregate: { groups: [{ code: "area" }] } }));
  assert.match(isError(text, 400, "CB_VA01").errors["aggregate.groups[0].code"].messages[0], /personal data/);
  const allowed = await publish(server.baseUrl, app, "dashboard", dashboard({ allowText: true, aggregate: { groups: [{ code: "area" }] } }));
  assert.equal(allowed.status, 200, allowed.text);
});

test("a user without the management right cannot publish or preview", async () => {
  const r = await publish(server.baseUrl, app, "dashboard", dashboard(), staff);
  isError(r, 403, "CB_NO02");
  const p = await raw(server.baseUrl, "POST", "/api/public/dashboard/preview.json", { body: { app, settings: dashboard() }, auth: staff });
  isError(p, 403, "CB_NO02");
});

test("the page: table rows with labels, suppression of small groups, as-of time", async () => {
  const p = await publish(server.baseUrl, app, "dashboard", dashboard());
  assert.equal(p.status, 200, p.text);
  assert.equal(p.json.kind, "dashboard");
  assert.equal(p.json.path, `/public/d/${p.json.token}`);
  token = p.json.token;
  const d = await pub(server.baseUrl, "GET", `/api/public/dashboard.json?token=${token}`);
  assert.equal(d.status, 200, d.text);
  assert.equal(d.json.title, "申請の受付状況");
  assert.equal(d.json.chart, "bar");
  assert.deepEqual(d.json.columns.map((c) => [c.kind, c.key, c.label.ja, c.label.en]), [
    ["group", "state", "状態", "状態"],
    ["measure", "COUNT", "件数", "Applications"],
    ["measure", "SUM:amount", "金額の合計", "Total 金額"],
  ]);
  assert.deepEqual(d.json.rows.map((r) => [r.keys[0].en, r.values, r.suppressed]), [
    ["受付", [5, 600.3], false],
    ["Under review", [3, 2000], false],
    ["支給済", [null, null], true],
  ]);
  assert.match(d.json.asOf, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  // No names, no record ids: nothing but the figures leaves the server.
  assert.doesNotMatch(d.text, /住民|"id"|dash-staff/);
  assert.match(d.headers.get("cache-control"), /^public, max-age=\d+$/);
  assert.ok(d.headers.get("etag"));
  assert.ok(d.headers.get("last-modified"));
});

test("open data: CSV with BOM for Excel and JSON, in Japanese and English", async () => {
  const csv = await fetch(`${server.baseUrl}/api/public/dashboard/data.csv?token=${token}`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get("content-type"), /^text\/csv; charset=utf-8/);
  assert.match(csv.headers.get("content-disposition"), /^attachment; filename="dashboard-ja.csv"/);
  const bytes = Buffer.from(await csv.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.equal(bytes.subarray(3).toString("utf8"), "状態,件数,金額の合計\r\n受付,5,600.3\r\n審査中,3,2000\r\n支給済,<3,<3\r\n");
  const en = await (await fetch(`${server.baseUrl}/api/public/dashboard/data.csv?token=${token}&lang=en`)).text();
  // fetch's text() drops the BOM.
  assert.ok(en.startsWith("状態,Applications,Total 金額\r\n受付,5,600.3\r\nUnder review,3,2000\r\n"), en);
  const json = await pub(server.baseUrl, "GET", `/api/public/dashboard/data.json?token=${token}`);
  assert.equal(json.status, 200, json.text);
  assert.equal(json.headers.get("access-control-allow-origin"), "*");
  assert.deepEqual(json.json.columns, [
    { key: "state", label: "状態" }, { key: "COUNT", label: "件数" }, { key: "SUM:amount", label: "金額の合計" },
  ]);
  assert.deepEqual(json.json.rows[2], { state: "支給済", COUNT: null, "SUM:amount": null, suppressed: true });
  assert.equal(json.json.minCount, 3);
});

const computations = () => (server.log().match(/public dashboard \d+: computed/g) ?? []).length;

test("cache: figures are served from memory until the refresh is due; 304 on a matching ETag", async () => {
  const first = await pub(server.baseUrl, "GET", `/api/public/dashboard.json?token=${token}`);
  const before = computations();
  await client.record.addRecord({ app, record: { state: { value: "受付" }, amount: { value: "1" } } });
  const again = await pub(server.baseUrl, "GET", `/api/public/dashboard.json?token=${token}`);
  assert.equal(again.text, first.text, "a new record does not show before the refresh");
  assert.equal(computations(), before);
  const etag = first.headers.get("etag");
  const cond = await pub(server.baseUrl, "GET", `/api/public/dashboard.json?token=${token}`, { headers: { "If-None-Match": etag } });
  assert.equal(cond.status, 304);
  assert.equal(cond.text, "");
});

test("cache: a change of settings recomputes once, even under 1,000 concurrent requests", async () => {
  const put = await raw(server.baseUrl, "PUT", "/api/public/pages.json", {
    body: { id: (await listPage()).id, settings: dashboard({ title: "受付状況（更新）" }) },
  });
  assert.equal(put.status, 200, put.text);
  const before = computations();
  const responses = await Promise.all(
    Array.from({ length: 1000 }, () => fetch(`${server.baseUrl}/api/public/dashboard.json?token=${token}`).then(async (r) => [r.status, await r.text()])),
  );
  assert.ok(responses.every(([status]) => status === 200));
  const bodies = new Set(responses.map(([, text]) => text));
  assert.equal(bodies.size, 1);
  const page = JSON.parse([...bodies][0]);
  assert.equal(page.title, "受付状況（更新）");
  assert.equal(page.rows[0].values[0], 6, "the new record is counted after the recomputation");
  await new Promise((r) => setTimeout(r, 100));  // the log line may trail the responses
  assert.equal(computations() - before, 1);
});

async function listPage() {
  const r = await raw(server.baseUrl, "GET", `/api/public/pages.json?app=${app}`);
  return r.json.pages.find((p) => p.token === token);
}

test("preview computes unsaved settings for the manager", async () => {
  const p = await raw(server.baseUrl, "POST", "/api/public/dashboard/preview.json", {
    body: { app, settings: dashboard({ aggregate: { groups: [{ code: "applied", per: "YEAR" }] }, minCount: 1 }) },
  });
  assert.equal(p.status, 200, p.text);
  assert.deepEqual(p.json.rows.map((r) => [r.keys[0].ja, r.values[0]]), [["", 1], ["2026", 9]].map(([k, v]) => [k || "（未設定）", v]));
});

test("unknown, disabled and broken pages answer one 404 that reveals nothing", async () => {
  const unknown = await pub(server.baseUrl, "GET", "/api/public/dashboard.json?token=nope0000000000000000000000000000");
  isError(unknown, 404, "TK_PB01");
  const page = await listPage();
  await raw(server.baseUrl, "PUT", "/api/public/pages.json", { body: { id: page.id, enabled: false } });
  const disabled = await pub(server.baseUrl, "GET", `/api/public/dashboard.json?token=${token}`);
  isError(disabled, 404, "TK_PB01");
  assert.equal(disabled.json.message, unknown.json.message);
  const csv = await pub(server.baseUrl, "GET", `/api/public/dashboard/data.csv?token=${token}`);
  isError(csv, 404, "TK_PB01");
  await raw(server.baseUrl, "PUT", "/api/public/pages.json", { body: { id: page.id, enabled: true } });
  assert.equal((await pub(server.baseUrl, "GET", `/api/public/dashboard.json?token=${token}`)).status, 200);

  // The grouped field is deleted: the page stops (its settings no longer hold).
  const p2 = await publish(server.baseUrl, app, "dashboard", dashboard({ aggregate: { groups: [{ code: "applied", per: "MONTH" }] } }));
  assert.equal(p2.status, 200, p2.text);
  assert.equal((await pub(server.baseUrl, "GET", `/api/public/dashboard.json?token=${p2.json.token}`)).status, 200);
  const del = await raw(server.baseUrl, "DELETE", "/k/v1/preview/app/form/fields.json", { body: { app, fields: ["applied"] } });
  assert.equal(del.status, 200, del.text);
  await deploy(client, app);
  await raw(server.baseUrl, "PUT", "/api/public/pages.json", { body: { id: p2.json.id, enabled: true } });  // drops the cached snapshot
  const broken = await pub(server.baseUrl, "GET", `/api/public/dashboard.json?token=${p2.json.token}`);
  isError(broken, 404, "TK_PB01");
  assert.equal(broken.json.message, unknown.json.message);
});

test("the publisher's rights are re-checked: without the management right the page stops", async () => {
  const manager = server.addUser("dash-manager", "pw-manager");
  const rights = (user, manage) => ({
    entity: { type: "USER", code: user }, appEditable: manage, recordViewable: true, recordAddable: false, recordEditable: false, recordDeletable: false, recordImportable: false, recordExportable: false,
  });
  const put = (list) => raw(server.baseUrl, "PUT", "/k/v1/preview/app/acl.json", { body: { app, rights: list } });
  assert.equal((await put([rights("dash-manager", true), rights("dash-staff", false), rights("admin", true)])).status, 200);
  await deploy(client, app);
  const p = await publish(server.baseUrl, app, "dashboard", dashboard(), manager);
  assert.equal(p.status, 200, p.text);
  assert.equal((await pub(server.baseUrl, "GET", `/api/public/dashboard.json?token=${p.json.token}`)).status, 200);
  assert.equal((await put([rights("dash-manager", false), rights("admin", true)])).status, 200);
  await deploy(client, app);
  await raw(server.baseUrl, "PUT", "/api/public/pages.json", { body: { id: p.json.id, enabled: true } });  // recompute now
  isError(await pub(server.baseUrl, "GET", `/api/public/dashboard.json?token=${p.json.token}`), 404, "TK_PB01");
});

test("whoever changes a page's settings becomes its publisher: it then computes with their rights", async () => {
  const first = server.addUser("dash-first", "pw-first");
  const editor = server.addUser("dash-editor", "pw-editor");
  const rights = (user, manage) => ({
    entity: { type: "USER", code: user }, appEditable: manage, recordViewable: true, recordAddable: false, recordEditable: false, recordDeletable: false, recordImportable: false, recordExportable: false,
  });
  const put = (list) => raw(server.baseUrl, "PUT", "/k/v1/preview/app/acl.json", { body: { app, rights: list } });
  const page = async (token) => pub(server.baseUrl, "GET", `/api/public/dashboard.json?token=${token}`);
  assert.equal((await put([rights("dash-first", true), rights("dash-editor", true), rights("admin", true)])).status, 200);
  await deploy(client, app);
  const p = await publish(server.baseUrl, app, "dashboard", dashboard({ title: "最初の公開" }), first);
  assert.equal(p.status, 200, p.text);

  // Switching the page off and on again is not a settings change: dash-first stays publisher.
  for (const enabled of [false, true]) {
    const toggled = await raw(server.baseUrl, "PUT", "/api/public/pages.json", { body: { id: p.json.id, enabled }, auth: editor });
    assert.equal(toggled.status, 200, toggled.text);
  }
  // Another app administrator edits the settings and becomes the publisher.
  const edited = await raw(server.baseUrl, "PUT", "/api/public/pages.json", {
    body: { id: p.json.id, settings: dashboard({ title: "編集後" }) },
    auth: editor,
  });
  assert.equal(edited.status, 200, edited.text);
  assert.equal((await page(p.json.token)).json.title, "編集後");

  // The first publisher losing the right no longer matters; the editor losing it stops the page.
  assert.equal((await put([rights("dash-editor", true), rights("admin", true)])).status, 200);
  await deploy(client, app);
  await raw(server.baseUrl, "PUT", "/api/public/pages.json", { body: { id: p.json.id, enabled: true } });  // recompute now
  assert.equal((await page(p.json.token)).status, 200, "runs as dash-editor, not dash-first");
  assert.equal((await put([rights("dash-first", true), rights("admin", true)])).status, 200);
  await deploy(client, app);
  await raw(server.baseUrl, "PUT", "/api/public/pages.json", { body: { id: p.json.id, enabled: true } });
  isError(await page(p.json.token), 404, "TK_PB01");

  // Each change is in the audit log with the page, the app and the publisher it leaves.
  const log = await raw(server.baseUrl, "GET", "/api/audit/log.json?limit=500&action=publicPage.");
  assert.equal(log.status, 200, log.text);
  const mine = log.json.entries.filter((e) => e.target === p.json.id);
  const created = mine.find((e) => e.action === "publicPage.create");
  assert.equal(created.user, "dash-first");
  assert.equal(created.detail.publisher, "dash-first");
  assert.equal(String(created.app), String(app));
  const settingsChange = mine.find((e) => e.action === "publicPage.update" && e.detail.settingsChanged);
  assert.equal(settingsChange.user, "dash-editor");
  assert.equal(settingsChange.detail.publisher, "dash-editor");
  assert.ok(mine.some((e) => e.action === "publicPage.update" && e.detail.settingsChanged === false));
});

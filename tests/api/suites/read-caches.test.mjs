// The read path keeps apps, live forms, permissions and published look-up pages in memory
// (docs/benchmarks.md, "Read path"). Whatever they hold, the very next request after a deploy,
// a permission change, a directory change or a page edit must see it: each test reads once (so
// the caches are filled), changes one thing, and reads again at once.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { startServer, raw } from "../lib/server.mjs";
import { createApp, deploy } from "../lib/apps.mjs";
import { isError } from "../lib/expect.mjs";
import { publish, pub } from "../lib/public.mjs";

const server = await startServer();
let admin, app, recordId;

before(async () => {
  admin = server.client();
  app = await createApp(admin, "Caches", {
    title: { type: "SINGLE_LINE_TEXT", code: "title", label: "件名" },
    receipt: { type: "SINGLE_LINE_TEXT", code: "receipt", label: "受付番号", unique: true },
    birth: { type: "DATE", code: "birth", label: "生年月日" },
    note: { type: "SINGLE_LINE_TEXT", code: "note", label: "メモ" },
  });
  ({ id: recordId } = await admin.record.addRecord({
    app,
    record: { title: { value: "一件目" }, receipt: { value: "C-0001" }, birth: { value: "1980-01-02" }, note: { value: "見える" } },
  }));
});

test("a deploy that adds a field and renames the app is seen by the next read", async () => {
  const before = await admin.record.getRecords({ app, query: `$id = ${recordId}` });
  assert.equal(before.records[0].added, undefined);
  await admin.app.addFormFields({ app, properties: { added: { type: "NUMBER", code: "added", label: "追加" } } });
  await admin.app.updateAppSettings({ app, name: "Caches renamed" });
  // Not yet deployed: reads still answer with the live form.
  assert.equal((await admin.record.getRecords({ app, query: `$id = ${recordId}` })).records[0].added, undefined);
  assert.equal(await deploy(admin, app), "SUCCESS");
  const after = await admin.record.getRecords({ app, query: `$id = ${recordId}` });
  assert.deepEqual(after.records[0].added, { type: "NUMBER", value: "" });
  assert.equal((await admin.app.getApp({ id: app })).name, "Caches renamed");
});

test("a field permission change is seen by the user's next read", async () => {
  server.addUser("reader", "reader-pass-1", { name: "閲覧 職員" });
  const reader = server.client({ username: "reader", password: "reader-pass-1" });
  assert.equal((await reader.record.getRecord({ app, id: recordId })).record.note.value, "見える");
  await admin.app.updateFieldAcl({
    app,
    rights: [{ code: "note", entities: [{ entity: { type: "USER", code: "reader" }, accessibility: "NONE" }, { entity: { type: "GROUP", code: "everyone" }, accessibility: "WRITE" }] }],
  });
  assert.equal(await deploy(admin, app), "SUCCESS");
  const hidden = await reader.record.getRecords({ app, query: `$id = ${recordId}` });
  assert.equal(hidden.records[0].note, undefined, "the hidden field is gone from the very next read");
  assert.equal((await admin.record.getRecord({ app, id: recordId })).record.note.value, "見える");
});

test("a directory change (the creator's name) is seen by the next app.json", async () => {
  const before = await admin.app.getApp({ id: app });
  assert.equal(before.creator.code, "admin");
  const r = await raw(server.baseUrl, "PUT", "/v1/users.json", { body: { users: [{ code: "admin", name: "管理 太郎" }] } });
  assert.equal(r.status, 200, r.text);
  const after = await admin.app.getApp({ id: app });
  assert.equal(after.creator.name, "管理 太郎");
  assert.equal(after.modifier.name, "管理 太郎");
});

test("a public look-up page follows its own edits, its disabling and the app's deploys at once", async () => {
  const p = await publish(server.baseUrl, app, "lookup", {
    title: "確認",
    keys: [{ code: "receipt" }, { code: "birth" }],
    shown: [{ code: "title" }],
  });
  assert.equal(p.status, 200, p.text);
  const search = () => pub(server.baseUrl, "POST", "/api/public/lookup/search.json", {
    body: { token: p.json.token, keys: { receipt: "C-0001", birth: "1980-01-02" } },
  });
  const first = await search();
  assert.equal(first.status, 200, first.text);
  assert.deepEqual(first.json.fields, [{ label: "件名", value: "一件目" }]);

  const edited = await raw(server.baseUrl, "PUT", "/api/public/pages.json", {
    body: { id: p.json.id, settings: { title: "確認", keys: [{ code: "receipt" }, { code: "birth" }], shown: [{ code: "title", label: "用件" }, { code: "note" }] } },
  });
  assert.equal(edited.status, 200, edited.text);
  assert.deepEqual((await search()).json.fields, [{ label: "用件", value: "一件目" }, { label: "メモ", value: "見える" }]);

  await admin.app.updateFormFields({ app, properties: { note: { type: "SINGLE_LINE_TEXT", code: "note", label: "備考" } } });
  assert.equal(await deploy(admin, app), "SUCCESS");
  assert.deepEqual((await search()).json.fields, [{ label: "用件", value: "一件目" }, { label: "備考", value: "見える" }],
    "the field's new label shows right after the deploy");

  await admin.app.deleteFormFields({ app, fields: ["note"] });
  assert.equal(await deploy(admin, app), "SUCCESS");
  isError(await search(), 404, "TK_PB01"); // settings name a field that no longer exists

  await raw(server.baseUrl, "PUT", "/api/public/pages.json", {
    body: { id: p.json.id, settings: { title: "確認", keys: [{ code: "receipt" }, { code: "birth" }], shown: [{ code: "title" }] } },
  });
  assert.equal((await search()).status, 200);
  await raw(server.baseUrl, "PUT", "/api/public/pages.json", { body: { id: p.json.id, enabled: false } });
  isError(await search(), 404, "TK_PB01");
});

// GAIA_LO02: a field that another app's lookup uses as its key or a copy source cannot be
// deleted or have its code changed (§7.2) — the lookup names it by code and would silently
// break. Lookups in the other app's live or preview form, top-level or in a table, protect;
// the message names the other app by id only. A deploy that would drop such a field fails too.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "../lib/server.mjs";
import { createApp, deploy } from "../lib/apps.mjs";
import { rejectsWith, messageOf } from "../lib/expect.mjs";

const server = await startServer();
let client;

before(() => {
  client = server.client();
});

// App X, the datasource: a unique key, a copy source and a field no lookup uses.
const datasource = (name) =>
  createApp(client, name, {
    受付番号: { type: "SINGLE_LINE_TEXT", code: "受付番号", label: "受付番号", unique: true },
    氏名: { type: "SINGLE_LINE_TEXT", code: "氏名", label: "氏名" },
    備考: { type: "MULTI_LINE_TEXT", code: "備考", label: "備考" },
  });

const lookupOn = (x, code = "受付", target = "申請者") => ({
  type: "SINGLE_LINE_TEXT", code, label: code,
  lookup: {
    relatedApp: { app: String(x) }, relatedKeyField: "受付番号",
    fieldMappings: [{ field: target, relatedField: "氏名" }],
  },
});

// App Y with a top-level lookup on X (deployed unless `deployed` is false).
async function lookingUp(x, name, { deployed = true } = {}) {
  const { app } = await client.app.addApp({ name });
  await client.app.addFormFields({
    app, properties: { 申請者: { type: "SINGLE_LINE_TEXT", code: "申請者", label: "申請者" } },
  });
  await client.app.addFormFields({ app, properties: { 受付: lookupOn(x) } });
  if (deployed) assert.equal(await deploy(client, app), "SUCCESS");
  return app;
}

const previewOf = (app) => client.app.getFormFields({ app, preview: true });

// The edit (started by `edit()`) must fail with GAIA_LO02 naming `code` and app `y`, and
// leave X's preview as it was.
async function refused(x, edit, code, y) {
  const was = await previewOf(x);
  const e = await rejectsWith(edit(), { status: 400, code: "GAIA_LO02" });
  assert.equal(e.errors, undefined);
  // The client asks for Japanese.
  assert.equal(
    messageOf(e),
    `フィールド「${code}」は、他のアプリ（ID: ${y}）のルックアップで使われているため、削除したりフィールドコードを変更したりできません。`,
  );
  const now = await previewOf(x);
  assert.equal(now.revision, was.revision);
  assert.deepEqual(Object.keys(now.properties).sort(), Object.keys(was.properties).sort());
  return e;
}

test("deleting or renaming the key field or a copy source of another app's lookup is refused", async () => {
  const x = await datasource("受付台帳");
  const y = await lookingUp(x, "申請");
  await refused(x, () => client.app.deleteFormFields({ app: x, fields: ["受付番号"] }), "受付番号", y);
  await refused(x, () => client.app.deleteFormFields({ app: x, fields: ["氏名"] }), "氏名", y);
  await refused(
    x,
    () => client.app.updateFormFields({ app: x, properties: { 受付番号: { type: "SINGLE_LINE_TEXT", code: "受付No" } } }),
    "受付番号", y,
  );
  // All or nothing: the unused field deleted in the same request stays too.
  await refused(x, () => client.app.deleteFormFields({ app: x, fields: ["備考", "氏名"] }), "氏名", y);
  assert.ok((await previewOf(x)).properties.備考);
  // Other changes to the used fields are kintone's to allow: a new label.
  await client.app.updateFormFields({
    app: x, properties: { 受付番号: { type: "SINGLE_LINE_TEXT", label: "受付の番号" } },
  });
  assert.equal(await deploy(client, x), "SUCCESS");
});

test("fields no other lookup uses are deleted and renamed as before", async () => {
  const x = await datasource("自由な台帳");
  await lookingUp(x, "自由な申請");
  await client.app.updateFormFields({ app: x, properties: { 備考: { type: "MULTI_LINE_TEXT", code: "メモ" } } });
  await client.app.deleteFormFields({ app: x, fields: ["メモ"] });
  assert.equal(await deploy(client, x), "SUCCESS");
  const { properties } = await client.app.getFormFields({ app: x });
  assert.equal(properties.メモ, undefined);
  assert.ok(properties.受付番号 && properties.氏名);
  // A datasource nobody looks up at loses its key like any field.
  const alone = await datasource("単独の台帳");
  await client.app.deleteFormFields({ app: alone, fields: ["受付番号", "氏名"] });
  assert.equal(await deploy(client, alone), "SUCCESS");
});

test("a lookup inside a table of the other app protects its key and copy source", async () => {
  const x = await datasource("明細の台帳");
  const { app: y } = await client.app.addApp({ name: "明細の申請" });
  await client.app.addFormFields({
    app: y,
    properties: {
      明細: {
        type: "SUBTABLE", code: "明細", label: "明細",
        fields: {
          行申請者: { type: "SINGLE_LINE_TEXT", code: "行申請者", label: "行申請者" },
          行受付: lookupOn(x, "行受付", "行申請者"),
        },
      },
    },
  });
  assert.equal(await deploy(client, y), "SUCCESS");
  await refused(x, () => client.app.deleteFormFields({ app: x, fields: ["受付番号"] }), "受付番号", y);
  await refused(x, () => client.app.deleteFormFields({ app: x, fields: ["氏名"] }), "氏名", y);
});

test("once the other app's lookup is gone and deployed, the field can be deleted", async () => {
  const x = await datasource("解放される台帳");
  const y = await lookingUp(x, "ルックアップをやめる申請");
  await client.app.deleteFormFields({ app: y, fields: ["受付"] });
  // Y's live form still looks up: still refused until Y deploys.
  await refused(x, () => client.app.deleteFormFields({ app: x, fields: ["受付番号"] }), "受付番号", y);
  assert.equal(await deploy(client, y), "SUCCESS");
  await client.app.deleteFormFields({ app: x, fields: ["受付番号", "氏名"] });
  assert.equal(await deploy(client, x), "SUCCESS");
});

test("a lookup only in the other app's preview protects too", async () => {
  const x = await datasource("準備中の参照先");
  const y = await lookingUp(x, "準備中の申請", { deployed: false });
  await refused(x, () => client.app.deleteFormFields({ app: x, fields: ["受付番号"] }), "受付番号", y);
  // Deployed once without the lookup, then the lookup added to the preview only.
  const { app: z } = await client.app.addApp({ name: "後から参照する申請" });
  await client.app.addFormFields({
    app: z, properties: { 申請者: { type: "SINGLE_LINE_TEXT", code: "申請者", label: "申請者" } },
  });
  assert.equal(await deploy(client, z), "SUCCESS");
  await client.app.addFormFields({ app: z, properties: { 受付: lookupOn(x) } });
  await client.app.deleteFormFields({ app: y, fields: ["受付"] });
  await refused(x, () => client.app.deleteFormFields({ app: x, fields: ["氏名"] }), "氏名", z);
});

test("a manager who cannot see the other app learns only its id", async () => {
  const manager = server.addUser("lo02-manager", "lo02-pass");
  const x = await datasource("共有の台帳");
  await client.app.updateAppAcl({
    app: x,
    rights: [
      { entity: { type: "CREATOR" }, appEditable: true, recordViewable: true },
      { entity: { type: "USER", code: manager.username }, appEditable: true, recordViewable: true },
    ],
  });
  assert.equal(await deploy(client, x), "SUCCESS");
  const y = await lookingUp(x, "秘密の申請");
  await client.app.updateAppAcl({ app: y, rights: [{ entity: { type: "CREATOR" }, appEditable: true, recordViewable: true }] });
  assert.equal(await deploy(client, y), "SUCCESS");
  const as = server.client(manager);
  await assert.rejects(as.app.getApp({ id: y }));
  const e = await refused(x, () => as.app.deleteFormFields({ app: x, fields: ["受付番号"] }), "受付番号", y);
  assert.ok(!e.message.includes("秘密の申請") && !e.message.includes("申請者"), e.message);
});

test("a deploy that would drop a field another app's lookup started using fails with GAIA_LO02", async () => {
  const x = await datasource("先に消した台帳");
  // X drops 氏名 in its preview while nobody uses it...
  await client.app.deleteFormFields({ app: x, fields: ["氏名"] });
  // ...then Y looks up 氏名, checked against X's live form, which still has it.
  const y = await lookingUp(x, "後から使う申請");
  const e = await rejectsWith(client.app.deployApp({ apps: [{ app: x }] }), { status: 400, code: "GAIA_LO02" });
  assert.match(messageOf(e), new RegExp(`「氏名」.*ID: ${y}）`));
  assert.equal((await client.app.getDeployStatus({ apps: [x] })).apps[0].status, "FAIL");
  assert.ok((await client.app.getFormFields({ app: x })).properties.氏名, "live form unchanged");
  // Deployed together with Y giving up its lookup, X's deploy goes through.
  await client.app.deleteFormFields({ app: y, fields: ["受付"] });
  await client.app.deployApp({ apps: [{ app: x }, { app: y }] });
  const { apps } = await client.app.getDeployStatus({ apps: [x, y] });
  assert.deepEqual(apps.map((a) => a.status), ["SUCCESS", "SUCCESS"]);
  assert.equal((await client.app.getFormFields({ app: x })).properties.氏名, undefined);
});

// Lookup and related-records definitions against their datasource app: a form edit names an
// app the caller can see and fields of it that fit their part; a deploy refuses a lookup key
// that allows duplicates (GAIA_LO03); renames in the app follow into its own lookups.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "../lib/server.mjs";
import { createApp, deploy } from "../lib/apps.mjs";
import { rejectsWith } from "../lib/expect.mjs";

const server = await startServer();
let client, source;

before(async () => {
  client = server.client();
  source = await createApp(client, "受付台帳", {
    受付番号: { type: "SINGLE_LINE_TEXT", code: "受付番号", label: "受付番号", unique: true },
    氏名: { type: "SINGLE_LINE_TEXT", code: "氏名", label: "氏名" },
    金額: { type: "NUMBER", code: "金額", label: "金額" },
    申請日: { type: "DATE", code: "申請日", label: "申請日" },
  });
});

const base = {
  申請者: { type: "SINGLE_LINE_TEXT", code: "申請者", label: "申請者" },
  申請額: { type: "NUMBER", code: "申請額", label: "申請額" },
};

const lookupField = (lookup) => ({
  受付: {
    type: "SINGLE_LINE_TEXT", code: "受付", label: "受付",
    lookup: { relatedApp: { app: String(source) }, relatedKeyField: "受付番号", fieldMappings: [], ...lookup },
  },
});

const relatedField = (referenceTable) => ({
  関連: {
    type: "REFERENCE_TABLE", code: "関連", label: "関連",
    referenceTable: {
      relatedApp: { app: String(source) }, condition: { field: "申請者", relatedField: "氏名" }, ...referenceTable,
    },
  },
});

async function emptyApp(name) {
  const { app } = await client.app.addApp({ name });
  await client.app.addFormFields({ app, properties: base });
  return app;
}

test("a lookup and related records that fit their datasource are saved and deploy", async () => {
  const app = await emptyApp("申請");
  await client.app.addFormFields({
    app,
    properties: {
      ...lookupField({
        fieldMappings: [{ field: "申請者", relatedField: "氏名" }, { field: "申請額", relatedField: "金額" }],
        lookupPickerFields: ["受付番号", "氏名"], filterCond: "金額 > 0", sort: "申請日 desc",
      }),
      ...relatedField({ displayFields: ["受付番号", "金額"], filterCond: '氏名 like "山"', sort: "金額 asc" }),
    },
  });
  assert.equal(await deploy(client, app), "SUCCESS");
  const { properties } = await client.app.getFormFields({ app });
  assert.deepEqual(properties.受付.lookup.fieldMappings.map((m) => m.field), ["申請者", "申請額"]);
  assert.equal(properties.関連.referenceTable.sort, "金額 asc");
});

test("an unknown datasource app is refused under relatedApp.app, nothing saved", async () => {
  const app = await emptyApp("不明な参照先");
  const { revision } = await client.app.getFormFields({ app, preview: true });
  const missing = { relatedApp: { app: "99999" } };
  await rejectsWith(
    client.app.addFormFields({ app, properties: { ...lookupField(missing), ...relatedField(missing) } }),
    {
      status: 400, code: "CB_VA01",
      errorKeys: ["properties[受付].lookup.relatedApp.app", "properties[関連].referenceTable.relatedApp.app"],
    },
  );
  const after = await client.app.getFormFields({ app, preview: true });
  assert.equal(after.revision, revision);
  assert.equal(after.properties.受付, undefined);
});

test("a datasource the caller may not view is refused like a missing one", async () => {
  const manager = server.addUser("ds-manager", "ds-pass");
  const app = await emptyApp("管理者の申請");
  await client.app.updateAppAcl({
    app, rights: [{ entity: { type: "USER", code: manager.username }, appEditable: true, recordViewable: true }],
  });
  assert.equal(await deploy(client, app), "SUCCESS");
  const hidden = await createApp(client, "非公開台帳", {
    番号: { type: "SINGLE_LINE_TEXT", code: "番号", label: "番号", unique: true },
  });
  await client.app.updateAppAcl({ app: hidden, rights: [{ entity: { type: "CREATOR" }, appEditable: true, recordViewable: true }] });
  assert.equal(await deploy(client, hidden), "SUCCESS");
  const e = await rejectsWith(
    server.client(manager).app.addFormFields({
      app, properties: lookupField({ relatedApp: { app: String(hidden) }, relatedKeyField: "番号" }),
    }),
    { status: 400, code: "CB_VA01", errorKeys: ["properties[受付].lookup.relatedApp.app"] },
  );
  assert.match(e.errors["properties[受付].lookup.relatedApp.app"].messages[0], new RegExp(String(hidden)));
  // The administrator sees it, so the same definition is accepted for them.
  await client.app.addFormFields({
    app, properties: lookupField({ relatedApp: { app: String(hidden) }, relatedKeyField: "番号" }),
  });
});

test("each bad lookup property is keyed by its path", async () => {
  const app = await emptyApp("誤ったルックアップ");
  await rejectsWith(
    client.app.addFormFields({
      app,
      properties: lookupField({
        relatedKeyField: "申請日",
        fieldMappings: [
          { field: "申請者", relatedField: "金額" },
          { field: "ない", relatedField: "氏名" },
          { field: "申請額", relatedField: "どこ" },
        ],
        lookupPickerFields: ["氏名", "申請者"],
        filterCond: "申請者 = 1",
        sort: "金額 sideways",
      }),
    }),
    {
      status: 400, code: "CB_VA01",
      errorKeys: [
        "properties[受付].lookup.relatedKeyField",
        "properties[受付].lookup.fieldMappings[0].field",
        "properties[受付].lookup.fieldMappings[1].field",
        "properties[受付].lookup.fieldMappings[2].relatedField",
        "properties[受付].lookup.lookupPickerFields[1]",
        "properties[受付].lookup.filterCond",
        "properties[受付].lookup.sort",
      ],
    },
  );
  const e = await rejectsWith(
    client.app.addFormFields({ app, properties: lookupField({ relatedKeyField: "見当たらない" }) }),
    { status: 400, code: "CB_VA01", errorKeys: ["properties[受付].lookup.relatedKeyField"] },
  );
  assert.match(e.errors["properties[受付].lookup.relatedKeyField"].messages[0], /見当たらない/);
});

test("each bad related-records property is keyed by its path", async () => {
  const app = await emptyApp("誤った関連レコード");
  await rejectsWith(
    client.app.addFormFields({
      app,
      properties: relatedField({
        condition: { field: "申請額", relatedField: "氏名" },
        displayFields: ["氏名", "ない"],
        filterCond: '申請日 like "x"',
        sort: "申請者 asc",
      }),
    }),
    {
      status: 400, code: "CB_VA01",
      errorKeys: [
        "properties[関連].referenceTable.condition.relatedField",
        "properties[関連].referenceTable.displayFields[1]",
        "properties[関連].referenceTable.filterCond",
        "properties[関連].referenceTable.sort",
      ],
    },
  );
  await rejectsWith(
    client.app.addFormFields({ app, properties: relatedField({ condition: { field: "ない", relatedField: "氏名" } }) }),
    { status: 400, code: "CB_VA01", errorKeys: ["properties[関連].referenceTable.condition.field"] },
  );
});

test("a lookup key that allows duplicates fails the deploy with GAIA_LO03", async () => {
  const app = await emptyApp("重複キー");
  await client.app.addFormFields({ app, properties: lookupField({ relatedKeyField: "氏名" }) });
  // The synchronous deploy answers the error itself; the status then reads FAIL.
  const e = await rejectsWith(client.app.deployApp({ apps: [{ app }] }), { status: 400, code: "GAIA_LO03" });
  assert.equal(e.errors, undefined);
  const { apps } = await client.app.getDeployStatus({ apps: [app] });
  assert.equal(apps[0].status, "FAIL");
});

test("renaming a copy target follows into the lookup; deleting one drops its mapping", async () => {
  const app = await emptyApp("改名");
  await client.app.addFormFields({
    app,
    properties: {
      ...lookupField({
        fieldMappings: [{ field: "申請者", relatedField: "氏名" }, { field: "申請額", relatedField: "金額" }],
      }),
      ...relatedField({}),
    },
  });
  await client.app.updateFormFields({
    app, properties: { 申請者: { type: "SINGLE_LINE_TEXT", code: "申請者名" } },
  });
  await client.app.deleteFormFields({ app, fields: ["申請額"] });
  const { properties } = await client.app.getFormFields({ app, preview: true });
  assert.deepEqual(properties.受付.lookup.fieldMappings, [{ field: "申請者名", relatedField: "氏名" }]);
  assert.equal(properties.関連.referenceTable.condition.field, "申請者名");
  assert.equal(await deploy(client, app), "SUCCESS");
});

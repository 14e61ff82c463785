// Form fields: every addable type with its defaults on read, updates (rename, options),
// deletion, definition errors, the layout kept in step, and deploys that change the record
// table under existing records.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { startServer, raw } from "../lib/server.mjs";
import { createApp, deploy } from "../lib/apps.mjs";
import { rejectsWith, isError } from "../lib/expect.mjs";

let server, client, source;

server = await startServer();

before(async () => {
  client = server.client();
  source = await createApp(client, "Datasource", {
    key: { type: "SINGLE_LINE_TEXT", code: "key", label: "Key", unique: true },
    name: { type: "SINGLE_LINE_TEXT", code: "name", label: "Name" },
  });
});

const options = (...names) =>
  Object.fromEntries(names.map((n, i) => [n, { label: n, index: String(i) }]));

test("every addable field type reads back with kintone's default properties", async () => {
  const { app } = await client.app.addApp({ name: "All types" });
  const base = (type, code) => ({ type, code, label: code.toUpperCase() });
  const properties = {
    text: base("SINGLE_LINE_TEXT", "text"),
    number: base("NUMBER", "number"),
    calc: { ...base("CALC", "calc"), expression: "number * 2" },
    multi: base("MULTI_LINE_TEXT", "multi"),
    rich: base("RICH_TEXT", "rich"),
    link: { ...base("LINK", "link"), protocol: "WEB" },
    check: { ...base("CHECK_BOX", "check"), options: options("A", "B") },
    radio: { ...base("RADIO_BUTTON", "radio"), options: options("r1", "r2") },
    drop: { ...base("DROP_DOWN", "drop"), options: options("d1", "d2") },
    multiSelect: { ...base("MULTI_SELECT", "multiSelect"), options: options("m1") },
    file: base("FILE", "file"),
    date: base("DATE", "date"),
    time: base("TIME", "time"),
    datetime: base("DATETIME", "datetime"),
    user: base("USER_SELECT", "user"),
    org: base("ORGANIZATION_SELECT", "org"),
    group: base("GROUP_SELECT", "group"),
    box: base("GROUP", "box"),
    table: {
      ...base("SUBTABLE", "table"),
      fields: { item: base("SINGLE_LINE_TEXT", "item"), qty: base("NUMBER", "qty") },
    },
    related: {
      ...base("REFERENCE_TABLE", "related"),
      referenceTable: {
        relatedApp: { app: String(source) },
        condition: { field: "text", relatedField: "name" },
        displayFields: ["name"],
      },
    },
    lookedUp: {
      ...base("SINGLE_LINE_TEXT", "lookedUp"),
      lookup: {
        relatedApp: { app: String(source) },
        relatedKeyField: "key",
        fieldMappings: [{ field: "text", relatedField: "name" }],
      },
    },
  };
  const added = await client.app.addFormFields({ app, properties });
  assert.equal(added.revision, "3");

  const { properties: p, revision } = await client.app.getFormFields({ app, preview: true });
  assert.equal(revision, "3");
  const common = (type, code) => ({ type, code, label: code.toUpperCase(), noLabel: false });
  assert.deepEqual(p.text, {
    ...common("SINGLE_LINE_TEXT", "text"),
    required: false, unique: false, defaultValue: "", minLength: "", maxLength: "", expression: "", hideExpression: false,
  });
  assert.deepEqual(p.number, {
    ...common("NUMBER", "number"),
    required: false, unique: false, defaultValue: "", minValue: "", maxValue: "", digit: false, displayScale: "",
    unit: "", unitPosition: "BEFORE",
  });
  assert.deepEqual(p.calc, {
    ...common("CALC", "calc"),
    required: false, expression: "number * 2", format: "NUMBER", displayScale: "", hideExpression: false, unit: "",
    unitPosition: "BEFORE",
  });
  assert.deepEqual(p.multi, { ...common("MULTI_LINE_TEXT", "multi"), required: false, defaultValue: "" });
  assert.deepEqual(p.rich, { ...common("RICH_TEXT", "rich"), required: false, defaultValue: "" });
  assert.deepEqual(p.link, {
    ...common("LINK", "link"),
    required: false, unique: false, defaultValue: "", minLength: "", maxLength: "", protocol: "WEB",
  });
  assert.deepEqual(p.check, {
    ...common("CHECK_BOX", "check"), required: false, defaultValue: [], options: options("A", "B"), align: "HORIZONTAL",
  });
  assert.deepEqual(p.radio, {
    ...common("RADIO_BUTTON", "radio"), required: true, defaultValue: "r1", options: options("r1", "r2"), align: "HORIZONTAL",
  });
  assert.deepEqual(p.drop, { ...common("DROP_DOWN", "drop"), required: false, defaultValue: "", options: options("d1", "d2") });
  assert.deepEqual(p.multiSelect, {
    ...common("MULTI_SELECT", "multiSelect"), required: false, defaultValue: [], options: options("m1"),
  });
  assert.deepEqual(p.file, { ...common("FILE", "file"), required: false, thumbnailSize: "50" });
  assert.deepEqual(p.date, { ...common("DATE", "date"), required: false, unique: false, defaultValue: "", defaultNowValue: false });
  assert.deepEqual(p.datetime, {
    ...common("DATETIME", "datetime"), required: false, unique: false, defaultValue: "", defaultNowValue: false,
  });
  assert.deepEqual(p.time, { ...common("TIME", "time"), required: false, defaultValue: "", defaultNowValue: false });
  for (const [code, type] of [["user", "USER_SELECT"], ["org", "ORGANIZATION_SELECT"], ["group", "GROUP_SELECT"]]) {
    assert.deepEqual(p[code], { ...common(type, code), required: false, entities: [], defaultValue: [] });
  }
  assert.deepEqual(p.box, { ...common("GROUP", "box"), openGroup: false });
  assert.equal(p.table.type, "SUBTABLE");
  assert.equal(p.table.required, undefined);
  assert.deepEqual(Object.keys(p.table.fields).sort(), ["item", "qty"]);
  assert.deepEqual(p.table.fields.qty, {
    ...common("NUMBER", "qty"),
    required: false, unique: false, defaultValue: "", minValue: "", maxValue: "", digit: false, displayScale: "",
    unit: "", unitPosition: "BEFORE",
  });
  assert.deepEqual(p.related, {
    ...common("REFERENCE_TABLE", "related"),
    referenceTable: {
      relatedApp: { app: String(source), code: "" },
      condition: { field: "text", relatedField: "name" },
      filterCond: "",
      displayFields: ["name"],
      sort: "レコード番号 desc",
      size: "5",
    },
  });
  assert.equal(p.lookedUp.type, "SINGLE_LINE_TEXT");
  assert.deepEqual(p.lookedUp.lookup, {
    relatedApp: { app: String(source), code: "" },
    relatedKeyField: "key",
    fieldMappings: [{ field: "text", relatedField: "name" }],
    lookupPickerFields: [],
    filterCond: "",
    sort: "レコード番号 desc",
  });
  assert.equal(p.lookedUp.minLength, undefined, "base-type constraints are not emitted for lookups");

  // The record-info and process fields are always there.
  for (const [code, type] of [
    ["レコード番号", "RECORD_NUMBER"], ["作成者", "CREATOR"], ["作成日時", "CREATED_TIME"],
    ["更新者", "MODIFIER"], ["更新日時", "UPDATED_TIME"],
  ]) {
    assert.deepEqual(p[code], { type, code, label: code, noLabel: false });
  }
  assert.deepEqual(p["ステータス"], { type: "STATUS", code: "ステータス", label: "ステータス", enabled: false });
  assert.equal(p["作業者"].enabled, false);
  assert.equal(p["カテゴリー"].enabled, false);

  // Deployed, the same definitions are live.
  assert.equal(await deploy(client, app), "SUCCESS");
  const live = await client.app.getFormFields({ app });
  assert.deepEqual(live.properties, p);
});

test("explicit properties are normalised: numbers to strings, unique kept only where it exists", async () => {
  const { app } = await client.app.addApp({ name: "Explicit" });
  await client.app.addFormFields({
    app,
    properties: {
      n: { type: "NUMBER", code: "n", label: "N", minValue: 1, maxValue: "100", required: true, unique: true, defaultValue: 5 },
      t: { type: "SINGLE_LINE_TEXT", code: "t", label: "T", maxLength: 10, minLength: "2" },
      c: { type: "CHECK_BOX", code: "c", label: "C", unique: true, options: options("x"), defaultValue: ["x"] },
      f: { type: "FILE", code: "f", label: "F", thumbnailSize: 150 },
    },
  });
  const { properties: p } = await client.app.getFormFields({ app, preview: true });
  assert.equal(p.n.minValue, "1");
  assert.equal(p.n.maxValue, "100");
  assert.equal(p.n.defaultValue, "5");
  assert.equal(p.n.required, true);
  assert.equal(p.n.unique, true);
  assert.equal(p.t.maxLength, "10");
  assert.equal(p.t.minLength, "2");
  assert.equal(p.c.unique, undefined, "unique is dropped silently for CHECK_BOX");
  assert.deepEqual(p.c.defaultValue, ["x"]);
  assert.equal(p.f.thumbnailSize, "150");
});

test("bad definitions answer CB_VA01 keyed properties[<code>].<prop> and change nothing", async () => {
  const { app } = await client.app.addApp({ name: "Bad definitions" });
  const before = await client.app.getFormFields({ app, preview: true });

  const e = await rejectsWith(
    client.app.addFormFields({
      app,
      properties: {
        calc1: { type: "CALC", code: "calc1", label: "C", expression: "1", format: "PERCENT" },
        drop: { type: "DROP_DOWN", code: "drop", label: "D" },
        link: { type: "LINK", code: "link", label: "L", protocol: "FTP" },
      },
    }),
    { status: 400, code: "CB_VA01" },
  );
  assert.deepEqual(e.errors["properties[calc1].format"], { messages: ["Enum値のいずれかでなければなりません。"] });
  assert.ok(e.errors["properties[drop].options"], JSON.stringify(e.errors));
  assert.ok(e.errors["properties[link].protocol"], JSON.stringify(e.errors));

  await rejectsWith(
    client.app.addFormFields({ app, properties: { x: { type: "NOT_A_TYPE", code: "x", label: "X" } } }),
    { status: 400, code: "CB_VA01", errorKeys: ["properties[x].type"] },
  );
  await rejectsWith(
    client.app.addFormFields({ app, properties: { n: { type: "NUMBER", code: "n", label: "N", minValue: "abc" } } }),
    { status: 400, code: "CB_VA01", errorKeys: ["properties[n].minValue"] },
  );
  await rejectsWith(
    client.app.addFormFields({
      app,
      properties: { r: { type: "RADIO_BUTTON", code: "r", label: "R", options: options("a"), defaultValue: "zz" } },
    }),
    { status: 400, code: "CB_VA01", errorKeys: ["properties[r].defaultValue"] },
  );
  // Field code rules.
  for (const code of ["1abc", "a-b", "a b", "ステータス", "x".repeat(129)]) {
    const err = await rejectsWith(
      client.app.addFormFields({ app, properties: { [code]: { type: "SINGLE_LINE_TEXT", code, label: "L" } } }),
      { status: 400, code: "CB_VA01" },
    );
    assert.equal(Object.keys(err.errors).length, 1, JSON.stringify(err.errors));
    assert.ok(Object.keys(err.errors)[0].startsWith(`properties[${code}]`), JSON.stringify(err.errors));
  }
  // A key that differs from the code inside.
  await rejectsWith(
    client.app.addFormFields({ app, properties: { a: { type: "SINGLE_LINE_TEXT", code: "b", label: "L" } } }),
    { status: 400, code: "CB_VA01" },
  );
  // null definitions are a 400, not a crash.
  const nul = await raw(server.baseUrl, "POST", "/k/v1/preview/app/form/fields.json", {
    body: { app, properties: { x: null } },
  });
  isError(nul, 400, "CB_VA01");
  const missing = await raw(server.baseUrl, "POST", "/k/v1/preview/app/form/fields.json", { body: { app } });
  assert.deepEqual(isError(missing, 400, "CB_VA01").errors, { properties: { messages: ["Required field."] } });
  // System field types cannot be added.
  await rejectsWith(
    client.app.addFormFields({ app, properties: { rn: { type: "RECORD_NUMBER", code: "rn", label: "R" } } }),
    { status: 400, code: "CB_VA01", errorKeys: ["properties[rn].type"] },
  );

  const after = await client.app.getFormFields({ app, preview: true });
  assert.deepEqual(after, before, "nothing was written");
});

test("field codes are unique across the app, table inner fields included", async () => {
  const { app } = await client.app.addApp({ name: "Unique codes" });
  await client.app.addFormFields({
    app,
    properties: {
      t: { type: "SUBTABLE", code: "t", label: "T", fields: { inner: { type: "NUMBER", code: "inner", label: "I" } } },
    },
  });
  await rejectsWith(
    client.app.addFormFields({ app, properties: { inner: { type: "SINGLE_LINE_TEXT", code: "inner", label: "I" } } }),
    { status: 400, code: "CB_VA01" },
  );
  await rejectsWith(
    client.app.addFormFields({ app, properties: { t: { type: "SINGLE_LINE_TEXT", code: "t", label: "T" } } }),
    { status: 400, code: "CB_VA01" },
  );
  // Tables cannot hold tables, and need at least one field.
  await rejectsWith(
    client.app.addFormFields({
      app,
      properties: { t2: { type: "SUBTABLE", code: "t2", label: "T2", fields: {} } },
    }),
    { status: 400, code: "CB_VA01" },
  );
});

test("updateFormFields renames through code, replaces options and keeps the layout in step", async () => {
  const { app } = await client.app.addApp({ name: "Updates" });
  await client.app.addFormFields({
    app,
    properties: {
      old: { type: "SINGLE_LINE_TEXT", code: "old", label: "Old" },
      choice: { type: "DROP_DOWN", code: "choice", label: "Choice", options: options("a", "b", "c") },
    },
  });
  let layout = (await client.app.getFormLayout({ app, preview: true })).layout;
  assert.deepEqual(layout.map((r) => r.fields.map((f) => f.code)), [["old"], ["choice"]]);

  const r = await client.app.updateFormFields({
    app,
    properties: {
      old: { type: "SINGLE_LINE_TEXT", code: "renamed", label: "Renamed", maxLength: "5" },
      choice: { type: "DROP_DOWN", options: { b: { label: "b", index: "1" }, z: { label: "z", index: "0" } } },
    },
  });
  assert.match(r.revision, /^\d+$/);
  const { properties: p } = await client.app.getFormFields({ app, preview: true });
  assert.equal(p.old, undefined);
  assert.equal(p.renamed.code, "renamed");
  assert.equal(p.renamed.label, "Renamed");
  assert.equal(p.renamed.maxLength, "5");
  assert.deepEqual(p.choice.options, { b: { label: "b", index: "1" }, z: { label: "z", index: "0" } });
  assert.equal(p.choice.label, "Choice", "unsent properties keep their values");
  layout = (await client.app.getFormLayout({ app, preview: true })).layout;
  assert.deepEqual(layout.map((r) => r.fields.map((f) => f.code)), [["renamed"], ["choice"]]);

  // System fields can be relabelled and renamed.
  await client.app.updateFormFields({ app, properties: { "レコード番号": { type: "RECORD_NUMBER", code: "No", label: "番号" } } });
  const after = (await client.app.getFormFields({ app, preview: true })).properties;
  assert.deepEqual(after.No, { type: "RECORD_NUMBER", code: "No", label: "番号", noLabel: false });

  await rejectsWith(
    client.app.updateFormFields({ app, properties: { renamed: { type: "NUMBER" } } }),
    { status: 400, code: "CB_VA01" },
  );
});

test("updating or deleting an unknown field code is GAIA_FC01", async () => {
  const { app } = await client.app.addApp({ name: "FC01" });
  const e = await rejectsWith(
    client.app.updateFormFields({ app, properties: { ghost: { type: "SINGLE_LINE_TEXT", label: "G" } } }),
    { status: 400, code: "GAIA_FC01" },
  );
  assert.equal(e.errors, undefined);
  const en = await raw(server.baseUrl, "DELETE", `/k/v1/preview/app/form/fields.json?app=${app}&fields[0]=ghost`, {
    headers: { "Accept-Language": "en" },
  });
  assert.equal(isError(en, 400, "GAIA_FC01").message, "The specified field (code: ghost) is not found.");
});

test("deleteFormFields removes fields and their layout places; system fields stay", async () => {
  const { app } = await client.app.addApp({ name: "Deletes" });
  await client.app.addFormFields({
    app,
    properties: {
      a: { type: "SINGLE_LINE_TEXT", code: "a", label: "A" },
      b: { type: "NUMBER", code: "b", label: "B" },
      c: { type: "DATE", code: "c", label: "C" },
    },
  });
  const { revision } = await client.app.deleteFormFields({ app, fields: ["a", "c"] });
  assert.match(revision, /^\d+$/);
  const { properties } = await client.app.getFormFields({ app, preview: true });
  assert.equal(properties.a, undefined);
  assert.equal(properties.c, undefined);
  assert.equal(properties.b.type, "NUMBER");
  const { layout } = await client.app.getFormLayout({ app, preview: true });
  assert.deepEqual(layout.map((r) => r.fields.map((f) => f.code)), [["b"]]);

  await rejectsWith(client.app.deleteFormFields({ app, fields: ["作成者"] }), { status: 400, code: "CB_VA01" });
  const none = await raw(server.baseUrl, "DELETE", `/k/v1/preview/app/form/fields.json?app=${app}`);
  assert.deepEqual(isError(none, 400, "CB_VA01").errors, { fields: { messages: ["Required field."] } });
  const many = Array.from({ length: 101 }, (_, i) => `f${i}`);
  await rejectsWith(client.app.deleteFormFields({ app, fields: many }), { status: 400, code: "CB_VA01", errorKeys: ["fields"] });
});

test("updateFormLayout stores rows, tables and groups; read sizes are strings", async () => {
  const { app } = await client.app.addApp({ name: "Layout" });
  await client.app.addFormFields({
    app,
    properties: {
      a: { type: "SINGLE_LINE_TEXT", code: "a", label: "A" },
      m: { type: "MULTI_LINE_TEXT", code: "m", label: "M" },
      t: { type: "SUBTABLE", code: "t", label: "T", fields: { i: { type: "NUMBER", code: "i", label: "I" } } },
    },
  });
  const fromAdd = (await client.app.getFormLayout({ app, preview: true })).layout;
  assert.deepEqual(fromAdd.find((r) => r.type === "SUBTABLE"), {
    type: "SUBTABLE",
    code: "t",
    fields: [fromAdd.find((r) => r.type === "SUBTABLE").fields[0]],
  });
  assert.equal(fromAdd.find((r) => r.type === "SUBTABLE").fields[0].code, "i");

  await client.app.updateFormLayout({
    app,
    layout: [
      {
        type: "ROW",
        fields: [
          { type: "LABEL", label: "<b>見出し</b>", size: { width: 200 } },
          { type: "SINGLE_LINE_TEXT", code: "a", size: { width: "150" } },
          { type: "MULTI_LINE_TEXT", code: "m", size: { width: 300, innerHeight: 80 } },
        ],
      },
      { type: "SUBTABLE", code: "t", fields: [{ type: "NUMBER", code: "i", size: { width: 90 } }] },
    ],
  });
  const { layout } = await client.app.getFormLayout({ app, preview: true });
  assert.equal(layout.length, 2);
  assert.deepEqual(layout[0].fields[0], { type: "LABEL", label: "<b>見出し</b>", size: { width: "200" } });
  assert.deepEqual(layout[0].fields[1], { type: "SINGLE_LINE_TEXT", code: "a", size: { width: "150" } });
  assert.deepEqual(layout[0].fields[2].size, { width: "300", innerHeight: "80" });
  assert.equal(layout[1].fields[0].size.width, "90");
  // Labels are not fields.
  const { properties } = await client.app.getFormFields({ app, preview: true });
  assert.equal(Object.values(properties).some((f) => f.type === "LABEL"), false);

  await rejectsWith(
    client.app.updateFormLayout({ app, layout: [{ type: "ROW", fields: [{ type: "SINGLE_LINE_TEXT", code: "ghost" }] }] }),
    {
      status: 400,
      code: "CB_VA01",
      errors: { "layout[0].fields[0].code": { messages: ["指定されたフィールド（code: ghost）が見つかりません。"] } },
    },
  );
});

test("deploy applies added, removed and renamed fields to existing records", async () => {
  const app = await createApp(client, "Schema change", {
    keep: { type: "SINGLE_LINE_TEXT", code: "keep", label: "Keep" },
    gone: { type: "NUMBER", code: "gone", label: "Gone" },
    t: { type: "SUBTABLE", code: "t", label: "T", fields: { inner: { type: "SINGLE_LINE_TEXT", code: "inner", label: "I" } } },
  });
  const { id } = await client.record.addRecord({
    app,
    record: { keep: { value: "データ" }, gone: { value: "42" }, t: { value: [{ value: { inner: { value: "行" } } }] } },
  });
  await client.app.updateFormFields({
    app,
    properties: {
      keep: { type: "SINGLE_LINE_TEXT", code: "kept" },
      t: { type: "SUBTABLE", code: "table", fields: { inner: { type: "SINGLE_LINE_TEXT", code: "cell" } } },
    },
  });
  await client.app.deleteFormFields({ app, fields: ["gone"] });
  await client.app.addFormFields({
    app,
    properties: { added: { type: "NUMBER", code: "added", label: "Added", defaultValue: "7" } },
  });
  // Records follow the live form until the deploy.
  assert.equal((await client.record.getRecord({ app, id })).record.keep.value, "データ");

  assert.equal(await deploy(client, app), "SUCCESS");
  const { record } = await client.record.getRecord({ app, id });
  assert.equal(record.keep, undefined);
  assert.equal(record.gone, undefined);
  assert.deepEqual(record.kept, { type: "SINGLE_LINE_TEXT", value: "データ" });
  assert.deepEqual(record.added, { type: "NUMBER", value: "" }, "existing records do not get defaults");
  assert.equal(record.table.value[0].value.cell.value, "行");
  const { records } = await client.record.getRecords({ app, query: 'kept = "データ"' });
  assert.equal(records.length, 1);
  const { id: id2 } = await client.record.addRecord({ app, record: { kept: { value: "新" } } });
  assert.equal((await client.record.getRecord({ app, id: id2 })).record.added.value, "7");
  await rejectsWith(client.record.getRecords({ app, query: "gone = 42" }), { status: 400, code: "GAIA_IQ11" });
});

test("making a field unique over duplicate values fails the deploy and keeps records working", async () => {
  const app = await createApp(client, "Unique later", { code: { type: "SINGLE_LINE_TEXT", code: "code", label: "Code" } });
  await client.record.addRecords({ app, records: [{ code: { value: "dup" } }, { code: { value: "dup" } }, { code: { value: "x" } }] });
  await client.app.updateFormFields({ app, properties: { code: { type: "SINGLE_LINE_TEXT", unique: true } } });

  await rejectsWith(client.app.deployApp({ apps: [{ app }] }), {
    status: 400,
    code: "CB_VA01",
    errors: {
      "properties[code].unique": { messages: ["重複した値を持つレコードが存在するため、値の重複を禁止できません。"] },
    },
  });
  assert.equal((await client.app.getDeployStatus({ apps: [app] })).apps[0].status, "FAIL");
  assert.equal((await client.app.getFormFields({ app })).properties.code.unique, false, "live form unchanged");

  // Records keep working on the live form, duplicates included.
  await client.record.addRecord({ app, record: { code: { value: "dup" } } });
  const { records } = await client.record.getRecords({ app, query: 'code = "dup"' });
  assert.equal(records.length, 3);

  // Once the data is clean the deploy succeeds and the constraint holds.
  await client.record.deleteRecords({ app, ids: records.slice(1).map((r) => r.$id.value) });
  assert.equal(await deploy(client, app), "SUCCESS");
  assert.equal((await client.app.getFormFields({ app })).properties.code.unique, true);
  await rejectsWith(client.record.addRecord({ app, record: { code: { value: "dup" } } }), {
    status: 400,
    code: "CB_VA01",
    errors: { "record.code.value": { messages: ["値がほかのレコードと重複しています。"] } },
  });
});

test("making a field required later does not block the deploy", async () => {
  const app = await createApp(client, "Required later", { r: { type: "SINGLE_LINE_TEXT", code: "r", label: "R" } });
  const { id } = await client.record.addRecord({ app, record: {} });
  await client.app.updateFormFields({ app, properties: { r: { type: "SINGLE_LINE_TEXT", required: true } } });
  assert.equal(await deploy(client, app), "SUCCESS");
  assert.equal((await client.record.getRecord({ app, id })).record.r.value, "");
  await rejectsWith(client.record.updateRecord({ app, id, record: {} }), {
    status: 400,
    code: "CB_VA01",
    errors: { "record.r.value": { messages: ["必須です。"] } },
  });
});

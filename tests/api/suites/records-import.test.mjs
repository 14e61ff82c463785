// POST /api/records/import.json: a spreadsheet's rows in one transaction — added, or
// updated by a key where it matches; every row's problems at once; a dry run that stores
// nothing; the import right of the app ACL.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { startServer, raw } from "../lib/server.mjs";
import { createApp, deploy } from "../lib/apps.mjs";
import { isError } from "../lib/expect.mjs";

const server = await startServer();
let client, app;
const STAFF = { username: "import-staff", password: "staff-pass-1" };

const opts = (...names) => Object.fromEntries(names.map((n, i) => [n, { label: n, index: String(i) }]));
const importRows = (body, auth) => raw(server.baseUrl, "POST", "/api/records/import.json", { body, ...(auth ? { auth } : {}) });
const all = async () =>
  (await client.record.getRecords({ app, query: "order by $id asc limit 500" })).records.map((r) => ({
    no: r.no.value, name: r.name.value, state: r.state.value, amount: r.amount.value,
  }));

before(async () => {
  client = server.client();
  server.addUser(STAFF.username, STAFF.password);
  app = await createApp(client, "Import", {
    no: { type: "SINGLE_LINE_TEXT", code: "no", label: "番号", unique: true },
    name: { type: "SINGLE_LINE_TEXT", code: "name", label: "氏名", required: true },
    state: { type: "DROP_DOWN", code: "state", label: "状況", options: opts("受付", "完了") },
    amount: { type: "NUMBER", code: "amount", label: "金額", maxValue: "1000" },
  });
  await client.record.addRecords({
    app,
    records: [
      { no: { value: "A-1" }, name: { value: "佐藤" }, state: { value: "受付" }, amount: { value: "10" } },
      { no: { value: "A-2" }, name: { value: "鈴木" }, state: { value: "受付" }, amount: { value: "20" } },
    ],
  });
});

test("a dry run reports every row's problems and stores nothing", async () => {
  const r = await importRows({
    app,
    dryRun: true,
    records: [
      { no: { value: "A-3" }, name: { value: "高橋" } },
      { no: { value: "A-4" } },                                              // name required
      { no: { value: "A-5" }, name: { value: "田中" }, state: { value: "保留" } }, // not an option
      { no: { value: "A-6" }, name: { value: "渡辺" }, amount: { value: "5000" } }, // too large
    ],
  });
  const body = isError(r, 400, "CB_VA01");
  assert.deepEqual(Object.keys(body.errors).sort(), ["records[1].name.value", "records[2].state.value", "records[3].amount.value"]);
  assert.equal((await all()).length, 2);
});

test("values that must be unique are checked against the app and across the file's rows", async () => {
  const r = await importRows({
    app,
    dryRun: true,
    records: [
      { no: { value: "A-3" }, name: { value: "高橋" } },
      { no: { value: "A-1" }, name: { value: "伊藤" } }, // a stored record has it
      { no: { value: "A-3" }, name: { value: "渡辺" } }, // row 0 has it
    ],
  });
  const body = isError(r, 400, "CB_VA01");
  assert.deepEqual(Object.keys(body.errors).sort(), ["records[1].no.value", "records[2].no.value"]);
  assert.equal((await all()).length, 2);
});

test("a clean dry run answers what the import would do, and stores nothing", async () => {
  const r = await importRows({
    app, dryRun: true, updateKey: "no",
    records: [
      { no: { value: "A-2" }, state: { value: "完了" } },
      { no: { value: "A-9" }, name: { value: "新規" } },
    ],
  });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { added: "1", updated: "1", dryRun: true });
  assert.deepEqual((await all()).map((x) => x.state), ["受付", "受付"]);
});

test("with an update key, matching rows update and the others are added, all in one go", async () => {
  const r = await importRows({
    app, updateKey: "no",
    records: [
      { no: { value: "A-2" }, state: { value: "完了" }, amount: { value: "25" } },
      { no: { value: "A-3" }, name: { value: "高橋" }, state: { value: "受付" } },
      { name: { value: "番号なし" } }, // no key: added
    ],
  });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { added: "2", updated: "1", dryRun: false });
  assert.deepEqual(await all(), [
    { no: "A-1", name: "佐藤", state: "受付", amount: "10" },
    { no: "A-2", name: "鈴木", state: "完了", amount: "25" },
    { no: "A-3", name: "高橋", state: "受付", amount: "" },
    { no: "", name: "番号なし", state: null, amount: "" }, // no default option
  ]);
});

test("one bad row anywhere in a large file stores none of it", async () => {
  const records = Array.from({ length: 450 }, (_, i) => ({ no: { value: `B-${i}` }, name: { value: `n${i}` } }));
  records[420].amount = { value: "abc" };
  const r = await importRows({ app, records });
  const body = isError(r, 400, "CB_VA01");
  // A malformed number gets both of kintone's keys for it (see records.test.mjs).
  assert.deepEqual(Object.keys(body.errors).sort(), ["records[420].amount.value", "records[420][amount].value"]);
  assert.equal((await all()).length, 4);
  // Without the bad value the same 450 rows go in at once.
  delete records[420].amount;
  const ok = await importRows({ app, records });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.added, "450");
});

test("the record number (as an export writes it) updates by id; a bad number is a row problem", async () => {
  // Every app has its record number field, as in kintone.
  const { properties } = await client.app.getFormFields({ app });
  const rec = Object.values(properties).find((p) => p.type === "RECORD_NUMBER").code;
  const [first] = (await client.record.getRecords({ app, query: "order by $id asc limit 1" })).records;
  const r = await importRows({
    app, updateKey: rec,
    records: [{ [rec]: { value: first[rec].value }, state: { value: "完了" } }],
  });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { added: "0", updated: "1", dryRun: false });
  assert.equal((await client.record.getRecord({ app, id: first.$id.value })).record.state.value, "完了");
  const bad = await importRows({ app, updateKey: rec, records: [{ [rec]: { value: "x-y" }, name: { value: "n" } }] });
  assert.deepEqual(Object.keys(isError(bad, 400, "CB_VA01").errors), [`records[0].${rec}.value`]);
});

test("two rows with one key value are refused", async () => {
  const r = await importRows({
    app, updateKey: "no",
    records: [{ no: { value: "A-1" }, name: { value: "x" } }, { no: { value: "A-1" }, name: { value: "y" } }],
  });
  assert.deepEqual(Object.keys(isError(r, 400, "CB_VA01").errors), ["records[1].no.value"]);
});

test("bad requests: no rows, unknown update key, unknown app", async () => {
  assert.deepEqual(Object.keys(isError(await importRows({ app, records: [] }), 400, "CB_VA01").errors), ["records"]);
  const badKey = await importRows({ app, updateKey: "name", records: [{ name: { value: "x" } }] });
  isError(badKey, 400, "CB_VA01");
  isError(await importRows({ app: 9999, records: [{}] }), 404, "GAIA_AP01");
  isError(await importRows({ app, records: "nope" }), 400, "CB_VA01");
});

test("the import right of the app ACL is required, as are add and edit", async () => {
  await client.app.updateAppAcl({
    app,
    rights: [
      { entity: { type: "USER", code: STAFF.username }, recordViewable: true, recordAddable: true, recordEditable: true },
      { entity: { type: "CREATOR" }, appEditable: true, recordViewable: true, recordAddable: true, recordEditable: true, recordDeletable: true, recordImportable: true, recordExportable: true },
    ],
  });
  await deploy(client, app);
  const denied = await importRows({ app, records: [{ name: { value: "x" } }] }, STAFF);
  isError(denied, 403, "CB_NO02");
  await client.app.updateAppAcl({
    app,
    rights: [
      { entity: { type: "USER", code: STAFF.username }, recordViewable: true, recordAddable: true, recordImportable: true },
      { entity: { type: "CREATOR" }, appEditable: true, recordViewable: true, recordAddable: true, recordEditable: true, recordDeletable: true, recordImportable: true, recordExportable: true },
    ],
  });
  await deploy(client, app);
  const added = await importRows({ app, records: [{ name: { value: "職員" } }] }, STAFF);
  assert.equal(added.status, 200, added.text);
  // Updating by key needs the edit right too.
  isError(await importRows({ app, updateKey: "no", records: [{ no: { value: "A-1" }, name: { value: "z" } }] }, STAFF), 403, "CB_NO02");
});

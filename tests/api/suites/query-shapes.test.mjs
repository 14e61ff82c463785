// records.json keeps compiled queries by shape (the text with its string literals taken out,
// query/compiled_query_cache.h), so a look-up by key compiles once. Whatever it holds, every
// answer must be the one a fresh compile gives: each look-up finds its own record, a field
// hidden from one caller stays unknown to that caller's query while another caller uses the
// same shape, and a deploy or permission change is seen by the very next query.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "../lib/server.mjs";
import { createApp, deploy } from "../lib/apps.mjs";
import { rejectsWith } from "../lib/expect.mjs";

const server = await startServer();
let admin, reader, app;
const receipts = ["S-0001", "S-0002", "S-0003", "受付-〇〇四", 'with "quotes" \\ and a backslash'];

before(async () => {
  admin = server.client();
  server.addUser("shape-reader", "shape-reader-pass-1", { name: "形 読者" });
  reader = server.client({ username: "shape-reader", password: "shape-reader-pass-1" });
  app = await createApp(admin, "Shapes", {
    receipt: { type: "SINGLE_LINE_TEXT", code: "receipt", label: "受付番号", unique: true },
    note: { type: "SINGLE_LINE_TEXT", code: "note", label: "メモ" },
    owner: { type: "SINGLE_LINE_TEXT", code: "owner", label: "担当" },
  });
  await admin.record.addRecords({
    app,
    records: receipts.map((r, i) => ({
      receipt: { value: r },
      note: { value: `note ${i}` },
      owner: { value: i % 2 ? "shape-reader" : "someone" },
    })),
  });
});

const lookUp = (client, receipt, extra = "") =>
  client.record.getRecords({ app, query: `receipt = "${receipt.replace(/["\\]/g, (c) => "\\" + c)}"${extra}` });

test("look-ups of one shape each find their own record, and an empty key is its own shape", async () => {
  for (let round = 0; round < 2; ++round) {
    for (const r of receipts) {
      const { records } = await lookUp(admin, r);
      assert.equal(records.length, 1, r);
      assert.equal(records[0].receipt.value, r);
    }
    assert.deepEqual((await lookUp(admin, "S-9999")).records, []);
    assert.deepEqual((await lookUp(admin, "")).records, [], 'receipt = "" matches the records without one');
  }
  const both = await admin.record.getRecords({ app, query: 'receipt in ("S-0001", "S-0003") order by receipt asc' });
  assert.deepEqual(both.records.map((r) => r.receipt.value), ["S-0001", "S-0003"]);
  const again = await admin.record.getRecords({ app, query: 'receipt in ("S-0002", "S-0001") order by receipt asc' });
  assert.deepEqual(again.records.map((r) => r.receipt.value), ["S-0001", "S-0002"]);
  const not = await admin.record.getRecords({ app, query: 'receipt not in ("S-0001", "S-0002") and note != "note 4"' });
  assert.deepEqual(not.records.map((r) => r.receipt.value).sort(), ["S-0003", "受付-〇〇四"]);
});

test("a field hidden from one caller is unknown to that caller's query while another uses the shape", async () => {
  assert.equal((await reader.record.getRecords({ app, query: 'note = "note 1"' })).records.length, 1);
  await admin.app.updateFieldAcl({
    app,
    rights: [{
      code: "note",
      entities: [
        { entity: { type: "USER", code: "shape-reader" }, accessibility: "NONE" },
        { entity: { type: "GROUP", code: "everyone" }, accessibility: "WRITE" },
      ],
    }],
  });
  assert.equal(await deploy(admin, app), "SUCCESS");
  for (let i = 0; i < 2; ++i) {
    assert.equal((await admin.record.getRecords({ app, query: `note = "note ${i}"` })).records.length, 1);
    await rejectsWith(reader.record.getRecords({ app, query: `note = "note ${i + 2}"` }), { status: 400, code: "GAIA_IQ11" });
    await rejectsWith(reader.record.getRecords({ app, query: `receipt = "S-0001" order by note` }), { status: 400, code: "GAIA_IQ11" });
    assert.equal((await admin.record.getRecords({ app, query: `receipt = "S-0002" order by note` })).records.length, 1);
  }
  // The other fields stay queryable for the reader, without the hidden one in the answer.
  const seen = await lookUp(reader, "S-0002");
  assert.equal(seen.records.length, 1);
  assert.equal(seen.records[0].note, undefined);

  await admin.app.updateFieldAcl({ app, rights: [] });
  assert.equal(await deploy(admin, app), "SUCCESS");
  assert.equal((await reader.record.getRecords({ app, query: 'note = "note 3"' })).records.length, 1);
});

test("a record permission narrows a cached shape for its user only", async () => {
  await admin.app.updateRecordAcl({
    app,
    rights: [{
      filterCond: 'owner = "shape-reader"',
      entities: [{ entity: { type: "USER", code: "shape-reader" }, viewable: true }],
    }, {
      filterCond: "",
      entities: [{ entity: { type: "USER", code: "shape-reader" }, viewable: false }, { entity: { type: "GROUP", code: "everyone" }, viewable: true }],
    }],
  });
  assert.equal(await deploy(admin, app), "SUCCESS");
  for (let round = 0; round < 2; ++round) {
    assert.deepEqual((await lookUp(reader, "S-0001")).records, [], "S-0001 belongs to someone else");
    assert.equal((await lookUp(reader, "S-0002")).records.length, 1);
    assert.equal((await lookUp(admin, "S-0001")).records.length, 1, "the reader's narrowing is not the admin's");
  }
  await admin.app.updateRecordAcl({ app, rights: [] });
  assert.equal(await deploy(admin, app), "SUCCESS");
  assert.equal((await lookUp(reader, "S-0001")).records.length, 1);
});

test("a deploy that gives a field code to a field of another type is seen by the next query", async () => {
  assert.equal((await admin.record.getRecords({ app, query: 'owner = "someone"' })).records.length, 3);
  await admin.app.deleteFormFields({ app, fields: ["owner"] });
  await admin.app.addFormFields({ app, properties: { owner: { type: "NUMBER", code: "owner", label: "担当番号" } } });
  assert.equal(await deploy(admin, app), "SUCCESS");
  await rejectsWith(admin.record.getRecords({ app, query: 'owner = "someone"' }), { status: 400, code: "CB_VA01" });
  assert.deepEqual((await admin.record.getRecords({ app, query: 'owner = "12"' })).records, []);
  // The same shape on a text field still answers.
  assert.equal((await lookUp(admin, "S-0003")).records.length, 1);
});

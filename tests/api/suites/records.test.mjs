// Record API: single and bulk add/get/update/delete, every field type's value on write and
// read, validation keys and messages, unique fields, updateKey and upsert, revisions, files,
// tables, and all-or-nothing writes.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { startServer, raw } from "../lib/server.mjs";
import { createApp, deploy } from "../lib/apps.mjs";
import { rejectsWith, isError } from "../lib/expect.mjs";

let server, client, typesApp, rulesApp, keyApp;

const options = (...names) =>
  Object.fromEntries(names.map((n, i) => [n, { label: n, index: String(i) }]));

server = await startServer();

before(async () => {
  client = server.client();
  server.addUser("sato", "sato-password-1", { name: "佐藤 昇" });
  typesApp = await createApp(client, "Types", {
    text: { type: "SINGLE_LINE_TEXT", code: "text", label: "Text" },
    num: { type: "NUMBER", code: "num", label: "Num" },
    multi: { type: "MULTI_LINE_TEXT", code: "multi", label: "Multi" },
    rich: { type: "RICH_TEXT", code: "rich", label: "Rich" },
    link: { type: "LINK", code: "link", label: "Link", protocol: "WEB" },
    check: { type: "CHECK_BOX", code: "check", label: "Check", options: options("A", "B", "C") },
    radio: { type: "RADIO_BUTTON", code: "radio", label: "Radio", options: options("r1", "r2") },
    drop: { type: "DROP_DOWN", code: "drop", label: "Drop", options: options("d1", "d2") },
    ms: { type: "MULTI_SELECT", code: "ms", label: "MS", options: options("m1", "m2") },
    date: { type: "DATE", code: "date", label: "Date" },
    time: { type: "TIME", code: "time", label: "Time" },
    datetime: { type: "DATETIME", code: "datetime", label: "DateTime" },
    users: { type: "USER_SELECT", code: "users", label: "Users" },
    file: { type: "FILE", code: "file", label: "File" },
    table: {
      type: "SUBTABLE",
      code: "table",
      label: "Table",
      fields: {
        item: { type: "SINGLE_LINE_TEXT", code: "item", label: "Item" },
        qty: { type: "NUMBER", code: "qty", label: "Qty" },
        when: { type: "DATE", code: "when", label: "When" },
      },
    },
  });
  rulesApp = await createApp(client, "Rules", {
    req: { type: "SINGLE_LINE_TEXT", code: "req", label: "Req", required: true },
    short: { type: "SINGLE_LINE_TEXT", code: "short", label: "Short", maxLength: "5" },
    n: { type: "NUMBER", code: "n", label: "N", minValue: "0", maxValue: "100" },
    check: { type: "CHECK_BOX", code: "check", label: "Check", options: options("A", "B") },
    drop: { type: "DROP_DOWN", code: "drop", label: "Drop", options: options("d1") },
    url: { type: "LINK", code: "url", label: "URL", protocol: "WEB" },
    users: { type: "USER_SELECT", code: "users", label: "Users" },
    radio: { type: "RADIO_BUTTON", code: "radio", label: "Radio", options: options("x", "y"), required: true },
    rows: {
      type: "SUBTABLE",
      code: "rows",
      label: "Rows",
      fields: {
        cell: { type: "SINGLE_LINE_TEXT", code: "cell", label: "Cell", required: true },
        amount: { type: "NUMBER", code: "amount", label: "Amount" },
        pick: { type: "MULTI_SELECT", code: "pick", label: "Pick", options: options("p1", "p2") },
      },
    },
  });
  keyApp = await createApp(client, "Keys", {
    key: { type: "SINGLE_LINE_TEXT", code: "key", label: "Key", unique: true },
    serial: { type: "NUMBER", code: "serial", label: "Serial", unique: true },
    plain: { type: "SINGLE_LINE_TEXT", code: "plain", label: "Plain" },
    note: { type: "SINGLE_LINE_TEXT", code: "note", label: "Note" },
  });
});

test("a record with every field type reads back in kintone's shapes", async () => {
  const record = {
    text: { value: "こんにちは" },
    num: { value: "1.5e1" },
    multi: { value: "一行目\n二行目" },
    rich: { value: "<b>太字</b>" },
    link: { value: "https://example.com/path" },
    check: { value: ["B", "A"] },
    radio: { value: "r2" },
    drop: { value: "d1" },
    ms: { value: ["m2"] },
    date: { value: "2024-03-22" },
    time: { value: "15:31" },
    datetime: { value: "2024-03-22T10:15:42+09:00" },
    users: { value: [{ code: "sato" }] },
    table: { value: [{ value: { item: { value: "りんご" }, qty: { value: "3" }, when: { value: "2024-01-02" } } }] },
    unknownField: { value: "ignored" },
  };
  const added = await client.record.addRecord({ app: typesApp, record });
  assert.deepEqual(Object.keys(added).sort(), ["id", "revision"]);
  assert.match(added.id, /^\d+$/);
  assert.equal(added.revision, "1");

  const { record: r } = await client.record.getRecord({ app: typesApp, id: added.id });
  assert.deepEqual(r.$id, { type: "__ID__", value: added.id });
  assert.deepEqual(r.$revision, { type: "__REVISION__", value: "1" });
  assert.deepEqual(r["レコード番号"], { type: "RECORD_NUMBER", value: added.id });
  assert.equal(r["作成者"].type, "CREATOR");
  assert.equal(r["作成者"].value.code, "admin");
  assert.equal(typeof r["作成者"].value.name, "string");
  assert.equal(r["更新者"].type, "MODIFIER");
  assert.match(r["作成日時"].value, /^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/);
  assert.equal(r["更新日時"].value, r["作成日時"].value);
  assert.equal(r["作成日時"].type, "CREATED_TIME");
  assert.equal(r["更新日時"].type, "UPDATED_TIME");
  assert.equal(r.unknownField, undefined);
  assert.equal(r["ステータス"], undefined, "no STATUS without process management");

  assert.deepEqual(r.text, { type: "SINGLE_LINE_TEXT", value: "こんにちは" });
  assert.deepEqual(r.num, { type: "NUMBER", value: "15" });
  assert.deepEqual(r.multi, { type: "MULTI_LINE_TEXT", value: "一行目\n二行目" });
  assert.deepEqual(r.rich, { type: "RICH_TEXT", value: "<b>太字</b>" });
  assert.deepEqual(r.link, { type: "LINK", value: "https://example.com/path" });
  assert.deepEqual(r.check, { type: "CHECK_BOX", value: ["B", "A"] });
  assert.deepEqual(r.radio, { type: "RADIO_BUTTON", value: "r2" });
  assert.deepEqual(r.drop, { type: "DROP_DOWN", value: "d1" });
  assert.deepEqual(r.ms, { type: "MULTI_SELECT", value: ["m2"] });
  assert.deepEqual(r.date, { type: "DATE", value: "2024-03-22" });
  assert.deepEqual(r.time, { type: "TIME", value: "15:31" });
  assert.deepEqual(r.datetime, { type: "DATETIME", value: "2024-03-22T01:15:00Z" });
  assert.deepEqual(r.users, { type: "USER_SELECT", value: [{ code: "sato", name: "佐藤 昇" }] });
  assert.deepEqual(r.file, { type: "FILE", value: [] });
  assert.equal(r.table.type, "SUBTABLE");
  assert.equal(r.table.value.length, 1);
  assert.match(r.table.value[0].id, /^\d+$/);
  assert.deepEqual(r.table.value[0].value, {
    item: { type: "SINGLE_LINE_TEXT", value: "りんご" },
    qty: { type: "NUMBER", value: "3" },
    when: { type: "DATE", value: "2024-01-02" },
  });
});

test("an empty add gets defaults and kintone's empty values", async () => {
  const { id } = await client.record.addRecord({ app: typesApp });
  const { record: r } = await client.record.getRecord({ app: typesApp, id });
  assert.equal(r.text.value, "");
  assert.equal(r.num.value, "");
  assert.deepEqual(r.check.value, []);
  assert.equal(r.radio.value, "r1", "RADIO_BUTTON defaults to its first option");
  assert.equal(r.drop.value, null);
  assert.deepEqual(r.ms.value, []);
  assert.equal(r.date.value, null);
  assert.equal(r.time.value, null);
  assert.equal(r.datetime.value, "");
  assert.deepEqual(r.users.value, []);
  assert.deepEqual(r.file.value, []);
  assert.deepEqual(r.table.value, []);
});

test("DROP_DOWN written as empty reads null; explicit empties suppress defaults", async () => {
  const { id } = await client.record.addRecord({
    app: typesApp,
    record: { drop: { value: "" }, radio: { value: "" } },
  });
  const { record: r } = await client.record.getRecord({ app: typesApp, id });
  assert.equal(r.drop.value, null);
  assert.equal(r.radio.value, null);
});

test("NUMBER values are canonicalised and rounded by the app's precision", async () => {
  const cases = [
    ["1.5e1", "15"],
    [" 42 ", "42"],
    ["100", "100"],
    ["-0.5", "-0.5"],
    ["12.34567", "12.3457"],
    ["0.00005", "0"],
    ["0.00015", "0.0002"],
    ["123456789012", "123456789012"],
    [7, "7"],
  ];
  const { ids } = await client.record.addRecords({
    app: typesApp,
    records: cases.map(([v]) => ({ num: { value: v } })),
  });
  const { records } = await client.record.getRecords({
    app: typesApp,
    query: `$id in (${ids.join(",")}) order by $id asc`,
    fields: ["num"],
  });
  assert.deepEqual(records.map((r) => r.num.value), cases.map(([, want]) => want));

  for (const bad of ["abc", "12abc", "1,000"]) {
    await rejectsWith(client.record.addRecord({ app: typesApp, record: { num: { value: bad } } }), {
      status: 400,
      code: "CB_VA01",
      errors: {
        "record[num].value": { messages: ["数字でなければなりません。"] },
        "record.num.value": { messages: ["必須です。"] },
      },
    });
  }
  await rejectsWith(client.record.addRecord({ app: typesApp, record: { num: { value: "1234567890123" } } }), {
    status: 400,
    code: "CB_VA01",
    errors: { "record.num.value": { messages: ["有効桁数を超えています。"] } },
  });
});

test("DATETIME is stored in UTC at minute precision; malformed dates are CB_VA01", async () => {
  const { id } = await client.record.addRecord({
    app: typesApp,
    record: { datetime: { value: "2024-12-31T23:59:59-05:00" }, time: { value: "07:05:33" } },
  });
  const { record: r } = await client.record.getRecord({ app: typesApp, id });
  assert.equal(r.datetime.value, "2025-01-01T04:59:00Z");
  assert.equal(r.time.value, "07:05");

  for (const [code, value] of [["date", "2024-13-01"], ["date", "yesterday"], ["time", "25:00"], ["datetime", "not a time"]]) {
    const e = await rejectsWith(client.record.addRecord({ app: typesApp, record: { [code]: { value } } }), {
      status: 400,
      code: "CB_VA01",
    });
    const keys = Object.keys(e.errors);
    assert.ok(
      keys.length >= 1 && keys.every((k) => k === `record.${code}.value` || k === `record[${code}].value`),
      JSON.stringify(e.errors),
    );
  }
});

test("CREATOR and CREATED_TIME may be set on add (data migration) but not changed by update", async () => {
  const { id } = await client.record.addRecord({
    app: typesApp,
    record: {
      作成者: { value: { code: "sato" } },
      作成日時: { value: "2020-01-02T03:04:05Z" },
      更新者: { value: { code: "sato" } },
      更新日時: { value: "2020-01-03T00:00:00Z" },
    },
  });
  let { record: r } = await client.record.getRecord({ app: typesApp, id });
  assert.deepEqual(r["作成者"].value, { code: "sato", name: "佐藤 昇" });
  assert.equal(r["作成日時"].value, "2020-01-02T03:04:00Z");
  assert.equal(r["更新日時"].value, "2020-01-03T00:00:00Z");

  await client.record.updateRecord({
    app: typesApp,
    id,
    record: { 作成者: { value: { code: "admin" } }, 作成日時: { value: "2000-01-01T00:00:00Z" }, text: { value: "x" } },
  });
  ({ record: r } = await client.record.getRecord({ app: typesApp, id }));
  assert.equal(r["作成者"].value.code, "sato");
  assert.equal(r["作成日時"].value, "2020-01-02T03:04:00Z");
  assert.equal(r["更新者"].value.code, "admin", "an update sets the modifier");
  assert.notEqual(r["更新日時"].value, "2020-01-03T00:00:00Z");
  assert.equal(r.$revision.value, "2");
});

test("files: upload with a Japanese name, attach, read, download, keep and remove", async () => {
  const { fileKey: uploadKey } = await client.file.uploadFile({ file: { name: "請求書 2024.txt", data: "内容です" } });
  assert.equal(typeof uploadKey, "string");
  const { id } = await client.record.addRecord({ app: typesApp, record: { file: { value: [{ fileKey: uploadKey }] } } });
  let { record: r } = await client.record.getRecord({ app: typesApp, id });
  assert.equal(r.file.value.length, 1);
  const stored = r.file.value[0];
  assert.deepEqual(Object.keys(stored).sort(), ["contentType", "fileKey", "name", "size"]);
  assert.equal(stored.name, "請求書 2024.txt");
  assert.equal(stored.size, String(Buffer.byteLength("内容です")));
  assert.match(stored.contentType, /^text\/plain/);
  assert.notEqual(stored.fileKey, uploadKey, "the download key differs from the upload key");

  const data = await client.file.downloadFile({ fileKey: stored.fileKey });
  assert.equal(Buffer.from(data).toString("utf8"), "内容です");
  const dl = await fetch(`${server.baseUrl}/k/v1/file.json?fileKey=${encodeURIComponent(stored.fileKey)}`, {
    headers: { "X-Cybozu-Authorization": Buffer.from("admin:admin-password-for-tests").toString("base64") },
  });
  assert.equal(dl.status, 200);
  assert.match(dl.headers.get("content-type"), /^text\/plain/);
  assert.ok(
    dl.headers.get("content-disposition").includes("filename*=UTF-8''" + encodeURIComponent("請求書 2024.txt")),
    dl.headers.get("content-disposition"),
  );
  // The client reads error bodies of downloads as bytes, so check the code through raw HTTP.
  await assert.rejects(client.file.downloadFile({ fileKey: uploadKey }), (e) => e.status === 404);
  for (const key of [uploadKey, "no-such-key"]) {
    const r = await raw(server.baseUrl, "GET", `/k/v1/file.json?fileKey=${key}`);
    assert.equal(isError(r, 404, "GAIA_BL01").message, `The specified file (id: ${key}) not found.`);
  }
  const missing = await raw(server.baseUrl, "GET", "/k/v1/file.json");
  assert.deepEqual(isError(missing, 400, "CB_VA01").errors, { fileKey: { messages: ["Required field."] } });

  // Keep the first file by its download key, add a second one.
  const { fileKey: second } = await client.file.uploadFile({ file: { name: "画像.bin", data: Buffer.from([0, 1, 2, 255]) } });
  await client.record.updateRecord({
    app: typesApp,
    id,
    record: { file: { value: [{ fileKey: stored.fileKey }, { fileKey: second }] } },
  });
  ({ record: r } = await client.record.getRecord({ app: typesApp, id }));
  assert.deepEqual(r.file.value.map((f) => f.name), ["請求書 2024.txt", "画像.bin"]);
  assert.equal(r.file.value[1].size, "4");
  const bin = await client.file.downloadFile({ fileKey: r.file.value[1].fileKey });
  assert.deepEqual([...new Uint8Array(bin)], [0, 1, 2, 255]);

  // Unlisted attachments are removed.
  await client.record.updateRecord({ app: typesApp, id, record: { file: { value: [{ fileKey: r.file.value[1].fileKey }] } } });
  ({ record: r } = await client.record.getRecord({ app: typesApp, id }));
  assert.deepEqual(r.file.value.map((f) => f.name), ["画像.bin"]);

  // Deleting the record takes its attachments out of reach.
  const kept = r.file.value[0].fileKey;
  await client.record.deleteRecords({ app: typesApp, ids: [id] });
  const gone = await raw(server.baseUrl, "GET", `/k/v1/file.json?fileKey=${kept}`);
  isError(gone, 404, "GAIA_BL01");

  const bad = await rejectsWith(
    client.record.addRecord({ app: typesApp, record: { file: { value: [{ fileKey: "bogus" }] } } }),
    { status: 400, code: "CB_VA01" },
  );
  assert.deepEqual(Object.keys(bad.errors), ["record.file.values"]);

  const noFile = await raw(server.baseUrl, "POST", "/k/v1/file.json", { body: {} });
  isError(noFile, 400, "CB_VA01");
});

test("table rows get server ids; PUT replaces the row list and merges rows by id", async () => {
  const { id } = await client.record.addRecord({
    app: typesApp,
    record: {
      table: {
        value: [
          { id: "999999", value: { item: { value: "a" }, qty: { value: "1" } } },
          { id: "", value: { item: { value: "b" }, qty: { value: "abc" } } },
        ],
      },
    },
  });
  let { record: r } = await client.record.getRecord({ app: typesApp, id });
  const [row1, row2] = r.table.value;
  assert.notEqual(row1.id, "999999", "client ids on add are ignored");
  assert.notEqual(row1.id, row2.id);
  assert.equal(row2.value.qty.value, "", "non-numbers inside a table are stored empty");
  assert.equal(row2.value.when.value, null);

  // Omitted table: unchanged.
  await client.record.updateRecord({ app: typesApp, id, record: { text: { value: "t" } } });
  ({ record: r } = await client.record.getRecord({ app: typesApp, id }));
  assert.deepEqual(r.table.value.map((x) => x.id), [row1.id, row2.id]);

  // Row 1 merged (item kept), row 2 dropped, a new row and an unknown id become new rows.
  await client.record.updateRecord({
    app: typesApp,
    id,
    record: {
      table: {
        value: [
          { id: row1.id, value: { qty: { value: "5" } } },
          { value: { item: { value: "new" } } },
          { id: "88888888", value: { item: { value: "unknown id" } } },
        ],
      },
    },
  });
  ({ record: r } = await client.record.getRecord({ app: typesApp, id }));
  assert.equal(r.table.value.length, 3);
  assert.equal(r.table.value[0].id, row1.id);
  assert.deepEqual(r.table.value[0].value.item, { type: "SINGLE_LINE_TEXT", value: "a" });
  assert.deepEqual(r.table.value[0].value.qty, { type: "NUMBER", value: "5" });
  assert.ok(![row1.id, row2.id, "88888888"].includes(r.table.value[1].id));
  assert.ok(![row1.id, row2.id, "88888888"].includes(r.table.value[2].id));
  assert.equal(r.table.value[2].value.item.value, "unknown id");

  await client.record.updateRecord({ app: typesApp, id, record: { table: { value: [] } } });
  ({ record: r } = await client.record.getRecord({ app: typesApp, id }));
  assert.deepEqual(r.table.value, []);
});

test("validation collects every violation with kintone's keys and messages", async () => {
  const e = await rejectsWith(
    client.record.addRecord({
      app: rulesApp,
      record: {
        req: { value: "" },
        short: { value: "123456" },
        n: { value: "101" },
        check: { value: ["A", "Z", "Y"] },
        drop: { value: "Q" },
        url: { value: "not a url" },
        rows: { value: [{ value: { cell: { value: "" }, pick: { value: ["p1", "zz"] } } }] },
      },
    }),
    { status: 400, code: "CB_VA01" },
  );
  assert.equal(e.errors["record.req.value"].messages[0], "必須です。");
  assert.deepEqual(e.errors["record.short.value"], { messages: ["6文字より短くなければなりません。"] });
  assert.deepEqual(e.errors["record.n.value"], { messages: ["100以下である必要があります。"] });
  assert.deepEqual(e.errors["record.check.values[1].value"], { messages: ['"Z"は選択肢にありません。'] });
  assert.deepEqual(e.errors["record.check.values[2].value"], { messages: ['"Y"は選択肢にありません。'] });
  assert.deepEqual(e.errors["record.drop.value"], { messages: ['"Q"は選択肢にありません。'] });
  assert.ok(e.errors["record.url.value"], JSON.stringify(e.errors));
  assert.deepEqual(e.errors["record.rows.value[0].value.cell.value"], { messages: ["必須です。"] });
  assert.deepEqual(e.errors["record.rows.value[0].value.pick.values[1].value"], { messages: ['"zz"は選択肢にありません。'] });
  assert.deepEqual(Object.keys(e.errors).sort(), [
    "record.check.values[1].value",
    "record.check.values[2].value",
    "record.drop.value",
    "record.n.value",
    "record.req.value",
    "record.rows.value[0].value.cell.value",
    "record.rows.value[0].value.pick.values[1].value",
    "record.short.value",
    "record.url.value",
  ]);
  assert.equal((await client.record.getRecords({ app: rulesApp, totalCount: true })).totalCount, "0");
});

test("record messages follow the language: 'Required.' for fields, 'Required field.' for parameters", async () => {
  const r = await raw(server.baseUrl, "POST", "/k/v1/record.json", {
    headers: { "Accept-Language": "en" },
    body: { app: rulesApp, record: { n: { value: "-1" }, users: { value: [{ code: "ghost" }] } } },
  });
  const body = isError(r, 400, "CB_VA01");
  assert.equal(body.message, "Missing or invalid input.");
  assert.deepEqual(body.errors["record.req.value"], { messages: ["Required."] });
  assert.deepEqual(body.errors["record.n.value"], { messages: ["The value must be 0 or more."] });
  assert.deepEqual(Object.keys(body.errors).sort(), ["record.n.value", "record.req.value", "record.users.values.value"]);
  const p = await raw(server.baseUrl, "GET", "/k/v1/record.json?id=1", { headers: { "Accept-Language": "en" } });
  assert.deepEqual(isError(p, 400, "CB_VA01").errors, { app: { messages: ["Required field."] } });
});

test("required is not enforced for RADIO_BUTTON; required runs on the merged record", async () => {
  const { id } = await client.record.addRecord({ app: rulesApp, record: { req: { value: "ok" }, radio: { value: "" } } });
  const { record } = await client.record.getRecord({ app: rulesApp, id });
  assert.equal(record.radio.value, null);
  // PUT without the required field passes: the stored value fills it.
  const { revision } = await client.record.updateRecord({ app: rulesApp, id, record: { short: { value: "abc" } } });
  assert.equal(revision, "2");
  await rejectsWith(client.record.updateRecord({ app: rulesApp, id, record: { req: { value: "" } } }), {
    status: 400,
    code: "CB_VA01",
    errors: { "record.req.value": { messages: ["必須です。"] } },
  });
});

test("bulk validation keys carry the record index and nothing is written", async () => {
  const records = Array.from({ length: 100 }, (_, i) => ({ req: { value: `r${i}` } }));
  records[57] = { req: { value: "" } };
  records[83] = { req: { value: "x" }, n: { value: "abc" } };
  await rejectsWith(client.record.addRecords({ app: rulesApp, records }), {
    status: 400,
    code: "CB_VA01",
    errors: {
      "records[57].req.value": { messages: ["必須です。"] },
      "records[83][n].value": { messages: ["数字でなければなりません。"] },
      "records[83].n.value": { messages: ["必須です。"] },
    },
  });
  const before = (await client.record.getRecords({ app: rulesApp, totalCount: true })).totalCount;
  records[57] = { req: { value: "fixed" } };
  records[83] = { req: { value: "fixed too" } };
  const { ids, revisions } = await client.record.addRecords({ app: rulesApp, records });
  assert.equal(ids.length, 100);
  assert.ok(ids.every((id) => /^\d+$/.test(id)));
  assert.deepEqual(revisions, Array(100).fill("1"));
  assert.deepEqual(ids.map(Number), [...ids.map(Number)].sort((a, b) => a - b));
  assert.equal((await client.record.getRecords({ app: rulesApp, totalCount: true })).totalCount, String(Number(before) + 100));
});

test("bulk writes take at most 100 records and empty lists answer empty", async () => {
  const many = Array.from({ length: 101 }, () => ({ req: { value: "x" } }));
  await rejectsWith(client.record.addRecords({ app: rulesApp, records: many }), {
    status: 400,
    code: "CB_VA01",
    errors: { records: { messages: ["一度に100件までのレコードを追加できます。"] } },
  });
  const en = await raw(server.baseUrl, "PUT", "/k/v1/records.json", {
    headers: { "Accept-Language": "en" },
    body: { app: rulesApp, records: many.map((_, i) => ({ id: i + 1, record: {} })) },
  });
  assert.deepEqual(isError(en, 400, "CB_VA01").errors, {
    records: { messages: ["A maximum of 100 records can be updated at one time."] },
  });
  const addEmpty = await raw(server.baseUrl, "POST", "/k/v1/records.json", { body: { app: rulesApp, records: [] } });
  assert.deepEqual(addEmpty.json, { ids: [], revisions: [] });
  const putEmpty = await raw(server.baseUrl, "PUT", "/k/v1/records.json", { body: { app: rulesApp, records: [] } });
  assert.deepEqual(putEmpty.json, { records: [] });
  const noRecords = await raw(server.baseUrl, "POST", "/k/v1/records.json", { body: { app: rulesApp } });
  assert.deepEqual(isError(noRecords, 400, "CB_VA01").errors, { records: { messages: ["Required field."] } });
});

test("many multi-value and table rows in one write are all stored, in several statement sizes", async () => {
  // 100 records × 7 check box values = 700 multi-value rows (statements of 512, 128, 32, 16, 8
  // and 4 rows), and 100 × 3 table rows with 1 value each.
  const names = ["A", "B", "C", "D", "E", "F", "G"];
  const app = await createApp(client, "ManyRows", {
    tag: { type: "SINGLE_LINE_TEXT", code: "tag", label: "Tag" },
    check: { type: "CHECK_BOX", code: "check", label: "Check", options: options(...names) },
    rows: {
      type: "SUBTABLE",
      code: "rows",
      label: "Rows",
      fields: {
        cell: { type: "SINGLE_LINE_TEXT", code: "cell", label: "Cell" },
        pick: { type: "MULTI_SELECT", code: "pick", label: "Pick", options: options("p1", "p2") },
      },
    },
  });
  const records = Array.from({ length: 100 }, (_, i) => ({
    tag: { value: `t${i}` },
    check: { value: i % 2 ? names : names.slice(0, 6) },
    rows: { value: [0, 1, 2].map((k) => ({ value: { cell: { value: `${i}-${k}` }, pick: { value: [k % 2 ? "p2" : "p1"] } } })) },
  }));
  await client.record.addRecords({ app, records });
  const count = async (query) =>
    Number((await client.record.getRecords({ app, query: `${query} limit 1`, totalCount: true })).totalCount);
  for (const name of names.slice(0, 6)) assert.equal(await count(`check in ("${name}")`), 100, name);
  assert.equal(await count(`check in ("G")`), 50);
  assert.equal(await count(`pick in ("p2")`), 100);
  assert.equal(await count(`cell in ("57-2")`), 1);
  const { records: got } = await client.record.getRecords({ app, query: `tag = "t57"` });
  assert.deepEqual(got[0].check.value, names);
  assert.deepEqual(got[0].rows.value.map((r) => r.value.cell.value), ["57-0", "57-1", "57-2"]);
});

test("single-record errors: unknown ids, missing parameters, app < 1", async () => {
  const e = await rejectsWith(client.record.getRecord({ app: rulesApp, id: 987654 }), { status: 404, code: "GAIA_RE01" });
  assert.equal(e.errors, undefined);
  const en = await raw(server.baseUrl, "GET", `/k/v1/record.json?app=${rulesApp}&id=987654`, {
    headers: { "Accept-Language": "en" },
  });
  assert.equal(isError(en, 404, "GAIA_RE01").message, "The specified record (ID: 987654) is not found.");
  const ja = await raw(server.baseUrl, "GET", `/k/v1/record.json?app=${rulesApp}&id=987654`, {
    headers: { "Accept-Language": "ja" },
  });
  assert.equal(ja.json.message, "指定したレコード（id: 987654）が見つかりません。");
  await rejectsWith(client.record.updateRecord({ app: rulesApp, id: 987654, record: {} }), { status: 404, code: "GAIA_RE01" });
  const noId = await raw(server.baseUrl, "GET", `/k/v1/record.json?app=${rulesApp}`);
  assert.deepEqual(isError(noId, 400, "CB_VA01").errors, { id: { messages: ["Required field."] } });
  const zero = await raw(server.baseUrl, "GET", "/k/v1/records.json?app=0");
  assert.deepEqual(isError(zero, 400, "CB_VA01").errors, { app: { messages: ["must be greater than or equal to 1"] } });
  const neg = await raw(server.baseUrl, "GET", "/k/v1/records.json?app=-1");
  assert.deepEqual(isError(neg, 400, "CB_VA01").errors, { app: { messages: ["must be greater than or equal to 1"] } });
  const noApp = await raw(server.baseUrl, "POST", "/k/v1/record.json", { body: { record: {} } });
  assert.deepEqual(isError(noApp, 400, "CB_VA01").errors, { app: { messages: ["Required field."] } });
  await rejectsWith(client.record.addRecord({ app: 424242, record: {} }), { status: 404, code: "GAIA_AP01" });
  const putNoId = await raw(server.baseUrl, "PUT", "/k/v1/record.json", { body: { app: rulesApp, record: {} } });
  assert.equal(isError(putNoId, 400, "CB_VA01").errors.id.messages[0], "Required field.");
});

test("revisions: stale ones are 409 GAIA_CO02 and change nothing; -1 skips the check", async () => {
  const { id } = await client.record.addRecord({ app: keyApp, record: { note: { value: "v1" } } });
  const r2 = await client.record.updateRecord({ app: keyApp, id, record: { note: { value: "v2" } }, revision: 1 });
  assert.equal(r2.revision, "2");
  const e = await rejectsWith(
    client.record.updateRecord({ app: keyApp, id, record: { note: { value: "stale" } }, revision: 1 }),
    { status: 409, code: "GAIA_CO02" },
  );
  assert.equal(e.errors, undefined);
  assert.equal((await client.record.getRecord({ app: keyApp, id })).record.note.value, "v2");
  const r3 = await client.record.updateRecord({ app: keyApp, id, record: { note: { value: "v3" } }, revision: -1 });
  assert.equal(r3.revision, "3");

  // Bulk: one stale revision fails the batch.
  const { id: other } = await client.record.addRecord({ app: keyApp, record: { note: { value: "o" } } });
  await rejectsWith(
    client.record.updateRecords({
      app: keyApp,
      records: [
        { id: other, record: { note: { value: "changed" } }, revision: 1 },
        { id, record: { note: { value: "changed" } }, revision: 2 },
      ],
    }),
    { status: 409, code: "GAIA_CO02" },
  );
  assert.equal((await client.record.getRecord({ app: keyApp, id: other })).record.note.value, "o");
  const ok = await client.record.updateRecords({
    app: keyApp,
    records: [
      { id: other, record: { note: { value: "changed" } }, revision: 1 },
      { id, record: { note: { value: "changed" } }, revision: "3" },
    ],
  });
  assert.deepEqual(ok.records, [
    { id: String(other), revision: "2" },
    { id: String(id), revision: "4" },
  ]);
});

test("concurrent writers with the same revision: exactly one wins", async () => {
  const { id } = await client.record.addRecord({ app: keyApp, record: { note: { value: "start" } } });
  const attempts = await Promise.allSettled(
    Array.from({ length: 6 }, (_, i) =>
      client.record.updateRecord({ app: keyApp, id, record: { note: { value: `w${i}` } }, revision: 1 }),
    ),
  );
  const won = attempts.filter((a) => a.status === "fulfilled");
  const lost = attempts.filter((a) => a.status === "rejected");
  assert.equal(won.length, 1);
  assert.ok(lost.every((a) => a.reason.code === "GAIA_CO02" && a.reason.status === 409));
  const { record } = await client.record.getRecord({ app: keyApp, id });
  assert.equal(record.$revision.value, "2");
});

test("unique fields: duplicates rejected, empty never collides, an update may keep its own value", async () => {
  await client.record.addRecord({ app: keyApp, record: { key: { value: "U-1" }, serial: { value: "1" } } });
  await rejectsWith(client.record.addRecord({ app: keyApp, record: { key: { value: "U-1" } } }), {
    status: 400,
    code: "CB_VA01",
    errors: { "record.key.value": { messages: ["値がほかのレコードと重複しています。"] } },
  });
  await rejectsWith(client.record.addRecord({ app: keyApp, record: { serial: { value: "1.0" } } }), {
    status: 400,
    code: "CB_VA01",
    errors: { "record.serial.value": { messages: ["値がほかのレコードと重複しています。"] } },
  });
  await rejectsWith(
    client.record.addRecords({ app: keyApp, records: [{ key: { value: "U-2" } }, { key: { value: "U-2" } }] }),
    { status: 400, code: "CB_VA01", errorKeys: ["records[1].key.value"] },
  );
  await client.record.addRecords({ app: keyApp, records: [{ key: { value: "" } }, { key: { value: "" } }] });
  const { records } = await client.record.getRecords({ app: keyApp, query: 'key = "U-1"' });
  const id = records[0].$id.value;
  await client.record.updateRecord({ app: keyApp, id, record: { key: { value: "U-1" }, note: { value: "same" } } });
});

test("unique fields in batches: every colliding record of the batch is named, whatever its place", async () => {
  const { ids } = await client.record.addRecords({
    app: keyApp,
    records: [
      { key: { value: "B-1" }, serial: { value: "101" } },
      { key: { value: "B-2" }, serial: { value: "102" } },
    ],
  });
  // 99 records: checked in statements of 64, 32, 2 and 1 values; a collision in each.
  const batch = [];
  for (let i = 0; i < 99; i++) batch.push({ key: { value: `B-new-${i}` } });
  batch[7] = { key: { value: "B-2" } };                                // stored
  batch[70] = { key: { value: "B-new-0" }, serial: { value: "101" } }; // in the batch; stored
  batch[97] = { serial: { value: "102.0" } };                          // stored, another spelling
  batch[98] = { key: { value: "B-1" } };                               // stored
  await rejectsWith(client.record.addRecords({ app: keyApp, records: batch }), {
    status: 400,
    code: "CB_VA01",
    errorKeys: [
      "records[7].key.value",
      "records[70].key.value",
      "records[70].serial.value",
      "records[97].serial.value",
      "records[98].key.value",
    ],
  });
  const none = await client.record.getRecords({ app: keyApp, query: 'key like "B-new"' });
  assert.equal(none.records.length, 0, "nothing of the refused batch was stored");
  // Updates: a record keeps its own value; taking another record's value is refused.
  await client.record.updateRecords({
    app: keyApp,
    records: [{ id: ids[0], record: { key: { value: "B-1" } } }, { id: ids[1], record: { serial: { value: "102" } } }],
  });
  await rejectsWith(
    client.record.updateRecords({
      app: keyApp,
      records: [{ id: ids[0], record: { key: { value: "B-3" } } }, { id: ids[1], record: { key: { value: "B-1" } } }],
    }),
    { status: 400, code: "CB_VA01", errorKeys: ["records[1].key.value"] },
  );
});

test("unique fields of a wide app: a batch stored in several statements names only its collisions", async () => {
  // 80 text fields: 100 records are inserted in statements of 91 and 9 rows, so the index
  // refuses a value after the first statement stored its records.
  const properties = { key: { type: "SINGLE_LINE_TEXT", code: "key", label: "Key", unique: true } };
  for (let i = 0; i < 79; i++) properties[`t${i}`] = { type: "SINGLE_LINE_TEXT", code: `t${i}`, label: `T${i}` };
  const wide = await createApp(client, "Wide keys", properties);
  await client.record.addRecord({ app: wide, record: { key: { value: "W-stored" } } });
  const batch = [];
  for (let i = 0; i < 100; i++) batch.push({ key: { value: `W-${i}` }, t0: { value: "x" } });
  batch[95] = { key: { value: "W-stored" } }; // in the second statement
  await rejectsWith(client.record.addRecords({ app: wide, records: batch }), {
    status: 400,
    code: "CB_VA01",
    errorKeys: ["records[95].key.value"],
  });
  batch[95] = { key: { value: "W-3" } }; // the first statement's own record, later in the batch
  await rejectsWith(client.record.addRecords({ app: wide, records: batch }), {
    status: 400,
    code: "CB_VA01",
    errorKeys: ["records[95].key.value"],
  });
  const { totalCount } = await client.record.getRecords({ app: wide, totalCount: true });
  assert.equal(totalCount, "1", "nothing of the refused batches was stored");
  batch[95] = { key: { value: "W-95" } };
  const { ids } = await client.record.addRecords({ app: wide, records: batch });
  assert.equal(ids.length, 100);
});

test("updateKey updates by a unique field; unknown values are 404 GAIA_RE20", async () => {
  const { id } = await client.record.addRecord({ app: keyApp, record: { key: { value: "K-100" }, serial: { value: "100" } } });
  const r = await client.record.updateRecord({
    app: keyApp,
    updateKey: { field: "key", value: "K-100" },
    record: { note: { value: "by key" } },
  });
  assert.equal(r.revision, "2");
  await client.record.updateRecord({ app: keyApp, updateKey: { field: "serial", value: 100 }, record: { note: { value: "by number" } } });
  assert.equal((await client.record.getRecord({ app: keyApp, id })).record.note.value, "by number");

  await rejectsWith(
    client.record.updateRecord({ app: keyApp, updateKey: { field: "key", value: "K-nope" }, record: {} }),
    { status: 404, code: "GAIA_RE20" },
  );
  // Only unique SINGLE_LINE_TEXT / NUMBER fields can be keys.
  await rejectsWith(
    client.record.updateRecord({ app: keyApp, updateKey: { field: "plain", value: "x" }, record: {} }),
    { status: 400, code: "CB_VA01", errorKeys: ["updateKey.field"] },
  );
  await rejectsWith(
    client.record.updateRecord({ app: keyApp, updateKey: { field: "ghost", value: "x" }, record: {} }),
    { status: 400, code: "CB_VA01", errors: { "updateKey.field": { messages: ["指定されたフィールド（code: ghost）が見つかりません。"] } } },
  );
  await rejectsWith(
    client.record.updateRecords({
      app: keyApp,
      records: [{ id, record: {} }, { updateKey: { field: "key", value: "K-100" }, record: {} }],
    }),
    { status: 400, code: "CB_VA01", errorKeys: ["records[1].id"] },
  );
});

test("upsert inserts or updates, parses the 9007199254740991 placeholders and stores the key", async () => {
  const { id: existing } = await client.record.addRecord({ app: keyApp, record: { key: { value: "CUSTOMER-001" } } });
  const { id: another } = await client.record.addRecord({ app: keyApp, record: {} });
  const r = await client.record.updateRecords({
    app: keyApp,
    upsert: true,
    records: [
      { updateKey: { field: "key", value: "CUSTOMER-001" }, record: { note: { value: "updated" } } },
      { updateKey: { field: "key", value: "CUSTOMER-002" }, record: { note: { value: "inserted" } } },
      { id: "9007199254740991", record: { note: { value: "placeholder 1" } } },
      { id: 9007199254740990, record: { note: { value: "placeholder 2" } } },
      { id: another, record: { plain: { value: "by id" } } },
    ],
  });
  assert.equal(r.records.length, 5);
  assert.deepEqual(r.records.map((x) => x.operation), ["UPDATE", "INSERT", "INSERT", "INSERT", "UPDATE"]);
  assert.deepEqual(r.records[0], { id: String(existing), revision: "2", operation: "UPDATE" });
  assert.deepEqual(r.records[4], { id: String(another), revision: "2", operation: "UPDATE" });
  for (const inserted of r.records.slice(1, 4)) {
    assert.match(inserted.id, /^\d+$/);
    assert.notEqual(inserted.id, "9007199254740991");
    assert.equal(inserted.revision, "1");
  }
  const { record: two } = await client.record.getRecord({ app: keyApp, id: r.records[1].id });
  assert.equal(two.key.value, "CUSTOMER-002", "the updateKey value is stored in the inserted record");
  assert.equal(two.note.value, "inserted");
  const { record: p1 } = await client.record.getRecord({ app: keyApp, id: r.records[2].id });
  assert.equal(p1.note.value, "placeholder 1");

  // Without upsert the placeholder is an unknown record, and nothing else in the batch is written.
  await rejectsWith(
    client.record.updateRecords({
      app: keyApp,
      records: [
        { id: existing, record: { note: { value: "should roll back" } } },
        { id: "9007199254740991", record: {} },
      ],
    }),
    { status: 404, code: "GAIA_RE01" },
  );
  assert.equal((await client.record.getRecord({ app: keyApp, id: existing })).record.note.value, "updated");

  // The client's upsertRecord: GET by key, then PUT or POST.
  const up1 = await client.record.upsertRecord({
    app: keyApp,
    updateKey: { field: "key", value: "CUSTOMER-003" },
    record: { note: { value: "first" } },
  });
  assert.equal(up1.revision, "1");
  const up2 = await client.record.upsertRecord({
    app: keyApp,
    updateKey: { field: "key", value: "CUSTOMER-003" },
    record: { note: { value: "second" } },
  });
  assert.equal(up2.id, up1.id);
  assert.equal(up2.revision, "2");
});

test("deleteRecords: revisions with nulls, stale revisions, unknown ids, parameter errors", async () => {
  const { ids } = await client.record.addRecords({
    app: keyApp,
    records: [{ note: { value: "d1" } }, { note: { value: "d2" } }, { note: { value: "d3" } }],
  });
  await client.record.updateRecord({ app: keyApp, id: ids[1], record: { note: { value: "d2b" } } });

  await rejectsWith(client.record.deleteRecords({ app: keyApp, ids, revisions: [1, 1, 1] }), { status: 409, code: "GAIA_CO02" });
  await rejectsWith(client.record.deleteRecords({ app: keyApp, ids: [ids[0], 99999999] }), { status: 404, code: "GAIA_RE01" });
  assert.equal((await client.record.getRecords({ app: keyApp, query: `$id in (${ids.join(",")})` })).records.length, 3);

  const del = await raw(server.baseUrl, "DELETE", "/k/v1/records.json", {
    body: { app: keyApp, ids, revisions: [null, 2, -1] },
  });
  assert.equal(del.status, 200, del.text);
  assert.deepEqual(del.json, {});
  assert.equal((await client.record.getRecords({ app: keyApp, query: `$id in (${ids.join(",")})` })).records.length, 0);
  await rejectsWith(client.record.getRecord({ app: keyApp, id: ids[0] }), { status: 404, code: "GAIA_RE01" });

  // IDs are never reused.
  const { id: next } = await client.record.addRecord({ app: keyApp, record: {} });
  assert.ok(Number(next) > Number(ids[2]));

  const ja = await raw(server.baseUrl, "DELETE", `/k/v1/records.json?app=${keyApp}`, { headers: { "Accept-Language": "ja" } });
  assert.deepEqual(isError(ja, 400, "CB_VA01").errors, {
    ids: { messages: ["必須です。", "一度に1件から100件までのレコードを削除できます。"] },
  });
  const en = await raw(server.baseUrl, "DELETE", `/k/v1/records.json?app=${keyApp}`, { headers: { "Accept-Language": "en" } });
  assert.deepEqual(isError(en, 400, "CB_VA01").errors, {
    ids: { messages: ["Between 1 and 100 records can be deleted at one time.", "Required field."] },
  });
  const tooMany = Array.from({ length: 101 }, (_, i) => i + 1);
  await rejectsWith(client.record.deleteRecords({ app: keyApp, ids: tooMany }), {
    status: 400,
    code: "CB_VA01",
    errors: { ids: { messages: ["一度に1件から100件までのレコードを削除できます。"] } },
  });
});

test("getRecords: totalCount only when asked, default order $id desc, fields selection", async () => {
  const app = await createApp(client, "Listing", {
    a: { type: "SINGLE_LINE_TEXT", code: "a", label: "A" },
    b: { type: "NUMBER", code: "b", label: "B" },
  });
  await client.record.addRecords({ app, records: [1, 2, 3].map((i) => ({ a: { value: `a${i}` }, b: { value: String(i) } })) });
  const plain = await client.record.getRecords({ app });
  assert.equal(plain.totalCount, null);
  assert.deepEqual(plain.records.map((r) => r.a.value), ["a3", "a2", "a1"]);
  const counted = await client.record.getRecords({ app, totalCount: true, query: "limit 1" });
  assert.equal(counted.totalCount, "3");
  assert.equal(counted.records.length, 1);
  const chosen = await client.record.getRecords({ app, fields: ["b", "nonexistent"] });
  assert.deepEqual(chosen.records[0], { b: { type: "NUMBER", value: "3" } });
  const withId = await client.record.getRecords({ app, fields: ["$id", "a"] });
  assert.deepEqual(Object.keys(withId.records[0]).sort(), ["$id", "a"]);
  const rawCount = await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${app}&totalCount=false`);
  assert.equal(rawCount.json.totalCount, null);
});

test("an update without record or with only unknown fields still answers a revision", async () => {
  const { id } = await client.record.addRecord({ app: keyApp, record: {} });
  const r = await client.record.updateRecord({ app: keyApp, id, record: { nothingHere: { value: "x" } } });
  assert.match(r.revision, /^\d+$/);
  const r2 = await raw(server.baseUrl, "PUT", "/k/v1/record.json", { body: { app: keyApp, id } });
  assert.equal(r2.status, 200, r2.text);
  assert.match(r2.json.revision, /^\d+$/);
});

test("apps with CALC fields refuse record writes with a clear TK_NS01 until formulas are evaluated", async () => {
  const app = await createApp(client, "Calc", {
    n: { type: "NUMBER", code: "n", label: "N" },
    twice: { type: "CALC", code: "twice", label: "Twice", expression: "n * 2" },
  });
  const e = await rejectsWith(client.record.addRecord({ app, record: { n: { value: "2" } } }), {
    status: 400,
    code: "TK_NS01",
  });
  assert.equal(e.errors, undefined);
  const en = await raw(server.baseUrl, "POST", "/k/v1/record.json", { body: { app, record: {} } });
  assert.equal(isError(en, 400, "TK_NS01").message, "This feature (CALC) is not supported yet.");
  assert.deepEqual((await client.record.getRecords({ app })).records, []);
});

test("input forms: short dates are completed, date-only DATETIME is midnight UTC, NUMBER drops trailing zeros", async () => {
  const app = await createApp(client, "Forms", {
    d: { type: "DATE", code: "d", label: "D" },
    dt: { type: "DATETIME", code: "dt", label: "DT" },
    n: { type: "NUMBER", code: "n", label: "N" },
  });
  const cases = [
    [{ d: { value: "2024-7-5" } }, "d", "2024-07-05"],
    [{ d: { value: "2024-07" } }, "d", "2024-07-01"],
    [{ dt: { value: "2024-03-22" } }, "dt", "2024-03-22T00:00:00Z"],
    [{ dt: { value: "2024-03-22T10:00Z" } }, "dt", "2024-03-22T10:00:00Z"],
    [{ n: { value: "1.50" } }, "n", "1.5"],
    [{ n: { value: "-0" } }, "n", "0"],
    [{ n: { value: "1E3" } }, "n", "1000"],
  ];
  for (const [record, code, want] of cases) {
    const { id } = await client.record.addRecord({ app, record });
    assert.equal((await client.record.getRecord({ app, id })).record[code].value, want, JSON.stringify(record));
  }
});

test("minLength also rejects empty values; CALL and MAIL links are checked", async () => {
  const app = await createApp(client, "Formats", {
    code: { type: "SINGLE_LINE_TEXT", code: "code", label: "Code", minLength: "3", maxLength: "4" },
    call: { type: "LINK", code: "call", label: "Call", protocol: "CALL" },
    mail: { type: "LINK", code: "mail", label: "Mail", protocol: "MAIL" },
    web: { type: "LINK", code: "web", label: "Web", protocol: "WEB" },
  });
  const minimum = { messages: ["2文字より長くなければなりません。"] };
  await rejectsWith(client.record.addRecord({ app, record: {} }), { status: 400, code: "CB_VA01", errors: { "record.code.value": minimum } });
  await rejectsWith(client.record.addRecord({ app, record: { code: { value: "ab" } } }), {
    status: 400,
    code: "CB_VA01",
    errors: { "record.code.value": minimum },
  });
  await rejectsWith(client.record.addRecord({ app, record: { code: { value: "abcde" } } }), {
    status: 400,
    code: "CB_VA01",
    errors: { "record.code.value": { messages: ["5文字より短くなければなりません。"] } },
  });
  await rejectsWith(
    client.record.addRecord({
      app,
      record: { code: { value: "漢字三" }, call: { value: "call me" }, mail: { value: "no-at-sign" }, web: { value: "ftp:x" } },
    }),
    {
      status: 400,
      code: "CB_VA01",
      errors: {
        "record.call.value": { messages: ["電話番号の形式が正しくありません。"] },
        "record.mail.value": { messages: ["メールアドレスの形式が正しくありません。"] },
        "record.web.value": { messages: ["URLの形式が正しくありません。"] },
      },
    },
  );
  const { id } = await client.record.addRecord({
    app,
    record: { code: { value: "漢字三" }, call: { value: "03-1234-5678" }, mail: { value: "a@example.com" }, web: { value: "http://x.example" } },
  });
  assert.equal((await client.record.getRecord({ app, id })).record.mail.value, "a@example.com");
});

test("defaults: defaultNowValue in the user's zone, check box defaults, table row defaults; unknown entities", async () => {
  const app = await createApp(client, "Defaults", {
    today: { type: "DATE", code: "today", label: "Today", defaultNowValue: true },
    clock: { type: "TIME", code: "clock", label: "Clock", defaultNowValue: true },
    stamp: { type: "DATETIME", code: "stamp", label: "Stamp", defaultNowValue: true },
    boxes: { type: "CHECK_BOX", code: "boxes", label: "Boxes", options: options("a", "b"), defaultValue: ["b"] },
    note: { type: "SINGLE_LINE_TEXT", code: "note", label: "Note", defaultValue: "初期値" },
    org: { type: "ORGANIZATION_SELECT", code: "org", label: "Org" },
    group: { type: "GROUP_SELECT", code: "group", label: "Group" },
    rows: {
      type: "SUBTABLE",
      code: "rows",
      label: "Rows",
      fields: {
        qty: { type: "NUMBER", code: "qty", label: "Qty", defaultValue: "5" },
        name: { type: "SINGLE_LINE_TEXT", code: "name", label: "Name" },
      },
    },
  });
  const before = Date.now();
  const { id } = await client.record.addRecord({ app, record: { rows: { value: [{ value: { name: { value: "x" } } }] } } });
  const { record: r } = await client.record.getRecord({ app, id });
  const tokyo = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" });
  assert.ok([tokyo.format(new Date(before)), tokyo.format(new Date())].includes(r.today.value), r.today.value);
  assert.match(r.clock.value, /^\d\d:\d\d$/);
  assert.match(r.stamp.value, /^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/);
  assert.ok(Math.abs(Date.parse(r.stamp.value) - before) < 120000);
  assert.deepEqual(r.boxes.value, ["b"]);
  assert.equal(r.note.value, "初期値");
  assert.equal(r.rows.value[0].value.qty.value, "5");
  // An update never applies defaults.
  await client.record.updateRecord({ app, id, record: { note: { value: "" }, rows: { value: [{ value: {} }] } } });
  const { record: u } = await client.record.getRecord({ app, id });
  assert.equal(u.note.value, "");
  assert.equal(u.rows.value[0].value.qty.value, "5", "new rows in an update get inner defaults");

  await rejectsWith(
    client.record.addRecord({ app, record: { org: { value: [{ code: "nope" }] }, group: { value: [{ code: "nope" }] } } }),
    { status: 400, code: "CB_VA01", errorKeys: ["record.org.values.value", "record.group.values.value"] },
  );
});

test("the app's numberPrecision rounds NUMBER values; display settings do not", async () => {
  const app = await createApp(client, "Precision", {
    n: { type: "NUMBER", code: "n", label: "N", displayScale: "1", digit: true, unit: "円" },
  });
  await client.app.updateAppSettings({ app, numberPrecision: { digits: "8", decimalPlaces: "2", roundingMode: "UP" } });
  await deploy(client, app);
  const { ids } = await client.record.addRecords({
    app,
    records: [{ n: { value: "1.231" } }, { n: { value: "-1.231" } }, { n: { value: "123456.789" } }],
  });
  const { records } = await client.record.getRecords({ app, query: `$id in (${ids.join(",")}) order by $id asc` });
  assert.deepEqual(records.map((r) => r.n.value), ["1.24", "-1.24", "123456.79"]);
  await rejectsWith(client.record.addRecord({ app, record: { n: { value: "1234567" } } }), {
    status: 400,
    code: "CB_VA01",
    errors: { "record.n.value": { messages: ["有効桁数を超えています。"] } },
  });
});

test("STATUS and assignees appear once process management is enabled and deployed", async () => {
  const app = await createApp(client, "Process", { t: { type: "SINGLE_LINE_TEXT", code: "t", label: "T" } });
  const { id: early } = await client.record.addRecord({ app, record: {} });
  assert.equal((await client.record.getRecord({ app, id: early })).record["ステータス"], undefined);
  await client.app.updateProcessManagement({
    app,
    enable: true,
    states: { 未処理: { name: "未処理", index: "0" }, 完了: { name: "完了", index: "1" } },
    actions: [{ name: "完了にする", from: "未処理", to: "完了" }],
  });
  await deploy(client, app);
  assert.equal((await client.app.getFormFields({ app })).properties["ステータス"].enabled, true);
  const { id } = await client.record.addRecord({ app, record: {} });
  const { record } = await client.record.getRecord({ app, id });
  assert.deepEqual(record["ステータス"], { type: "STATUS", value: "未処理" });
  assert.equal(record["作業者"].type, "STATUS_ASSIGNEE");
  assert.deepEqual(record["作業者"].value.map((u) => u.code), ["admin"]);
  const { records } = await client.record.getRecords({ app, query: 'ステータス in ("未処理")', fields: ["$id"] });
  assert.deepEqual(records.map((r) => r.$id.value), [id]);
  // Status is not writable through the record API.
  await client.record.updateRecord({ app, id, record: { ステータス: { value: "完了" } } });
  assert.equal((await client.record.getRecord({ app, id })).record["ステータス"].value, "未処理");
});

test("lookup fields refuse non-empty keys with a clear TK_NS01 until lookups are evaluated", async () => {
  const source = await createApp(client, "Lookup source", {
    key: { type: "SINGLE_LINE_TEXT", code: "key", label: "Key", unique: true },
  });
  const app = await createApp(client, "Lookup", {
    ref: {
      type: "SINGLE_LINE_TEXT",
      code: "ref",
      label: "Ref",
      lookup: { relatedApp: { app: String(source) }, relatedKeyField: "key", fieldMappings: [] },
    },
    other: { type: "SINGLE_LINE_TEXT", code: "other", label: "Other" },
  });
  const e = await rejectsWith(client.record.addRecord({ app, record: { ref: { value: "k1" } } }), { status: 400, code: "TK_NS01" });
  assert.match(e.message, /lookup/);
  const { id } = await client.record.addRecord({ app, record: { other: { value: "no key" } } });
  assert.equal((await client.record.getRecord({ app, id })).record.ref.value, "");
});

test("record history lists the values of an add and the before/after of an update, subtables included", async () => {
  const { id } = await client.record.addRecord({
    app: typesApp,
    record: {
      text: { value: "履歴 テスト" },
      num: { value: "12" },
      check: { value: ["A", "C"] },
      table: { value: [{ value: { item: { value: "行1" }, qty: { value: "3" } } }] },
    },
  });
  await client.record.updateRecord({ app: typesApp, id, record: { text: { value: "変更後" } } });
  const r = await raw(server.baseUrl, "GET", `/api/record/history.json?app=${typesApp}&id=${id}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.totalCount, "2");
  const [update, add] = r.json.history;
  assert.equal(update.action, "update");
  assert.deepEqual(
    update.changes.map((c) => [c.code, c.type, c.before, c.after]),
    [["text", "SINGLE_LINE_TEXT", "履歴 テスト", "変更後"]],
  );
  assert.equal(add.action, "add");
  const added = Object.fromEntries(add.changes.map((c) => [c.code, c]));
  assert.equal(added.text.after, "履歴 テスト");
  assert.equal(added.text.type, "SINGLE_LINE_TEXT");
  assert.equal(added.num.after, "12");
  assert.deepEqual(added.check.after, ["A", "C"]);
  assert.equal(added.table.after.length, 1);
  assert.match(added.table.after[0].id, /^[1-9][0-9]*$/);
  assert.deepEqual(added.table.after[0].value.item, { type: "SINGLE_LINE_TEXT", value: "行1" });
  assert.equal(added.table.after[0].value.qty.value, "3");
});

// Cursor API: create/get/delete, pages and `next`, the end of a cursor, the 10-cursor limit
// and parameter errors.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { startServer, raw } from "../lib/server.mjs";
import { createApp } from "../lib/apps.mjs";
import { rejectsWith, isError } from "../lib/expect.mjs";

let server, client, app, empty;

server = await startServer();

before(async () => {
  client = server.client();
  app = await createApp(client, "Cursor", {
    n: { type: "NUMBER", code: "n", label: "N" },
    name: { type: "SINGLE_LINE_TEXT", code: "name", label: "Name" },
    t: { type: "SUBTABLE", code: "t", label: "T", fields: { x: { type: "SINGLE_LINE_TEXT", code: "x", label: "X" } } },
  });
  empty = await createApp(client, "Empty", { n: { type: "NUMBER", code: "n", label: "N" } });
  const records = Array.from({ length: 25 }, (_, i) => ({
    n: { value: String(i % 5) },
    name: { value: `名前${i}` },
    t: { value: [{ value: { x: { value: `row${i}` } } }] },
  }));
  await client.record.addRecords({ app, records });
});

test("a cursor pages through its records in query order and ends itself", async () => {
  const created = await client.record.createCursor({ app, query: "n >= 2 order by n desc, $id asc", size: 4 });
  assert.deepEqual(Object.keys(created).sort(), ["id", "totalCount"]);
  assert.match(created.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.equal(created.totalCount, "15");

  const seen = [];
  const nexts = [];
  for (;;) {
    const page = await client.record.getRecordsByCursor({ id: created.id });
    assert.deepEqual(Object.keys(page).sort(), ["next", "records"]);
    assert.ok(page.records.length <= 4);
    seen.push(...page.records);
    nexts.push(page.next);
    if (!page.next) break;
  }
  assert.deepEqual(nexts, [true, true, true, false]);
  assert.equal(seen.length, 15);
  const expected = [];
  for (const n of [4, 3, 2]) for (let i = 0; i < 25; i++) if (i % 5 === n) expected.push(`名前${i}`);
  assert.deepEqual(seen.map((r) => r.name.value), expected);
  assert.equal(seen[0].t.value[0].value.x.value, "row4", "tables come with the records");

  // The finished cursor is gone.
  const e = await rejectsWith(client.record.getRecordsByCursor({ id: created.id }), { status: 404, code: "GAIA_CN01" });
  assert.equal(e.errors, undefined);
  await rejectsWith(client.record.deleteCursor({ id: created.id }), { status: 404, code: "GAIA_CN01" });
});

test("concurrent reads of one cursor get distinct pages, none skipped, and one last page", async () => {
  // Pages are read outside the writer and taken with a compare-and-set of the position: two
  // readers racing for a page must not both get it nor lose the one after it.
  const { id, totalCount } = await client.record.createCursor({ app, query: "order by $id asc", size: 3 });
  assert.equal(totalCount, "25");
  const pages = [];
  let ended = 0;
  const reader = async () => {
    for (;;) {
      let page;
      try {
        page = await client.record.getRecordsByCursor({ id });
      } catch (e) {
        // The other reader took the last page: the cursor is gone.
        assert.equal(e.code, "GAIA_CN01");
        return;
      }
      pages.push(page.records.map((r) => Number(r.$id.value)));
      if (!page.next) {
        ended++;
        return;
      }
    }
  };
  await Promise.all([reader(), reader(), reader()]);
  assert.equal(ended, 1, "exactly one reader gets the last page");
  const ids = pages.flat().sort((a, b) => a - b);
  assert.equal(ids.length, 25, "every record once");
  assert.equal(new Set(ids).size, 25, "no record twice");
  for (const p of pages) assert.ok(p.length === 3 || p.length === 1, `a whole page: ${p}`);
});

test("fields limit what a cursor returns; default size is 100", async () => {
  const { id, totalCount } = await client.record.createCursor({ app, fields: ["name"] });
  assert.equal(totalCount, "25");
  const page = await client.record.getRecordsByCursor({ id });
  assert.equal(page.next, false);
  assert.equal(page.records.length, 25);
  assert.deepEqual(Object.keys(page.records[0]), ["name"]);
  assert.equal(page.records[0].name.value, "名前24", "default order is $id desc");
});

test("field values are read when a page is fetched", async () => {
  const { id } = await client.record.createCursor({ app, query: "order by $id asc", size: 1, fields: ["$id", "name"] });
  const first = await client.record.getRecordsByCursor({ id });
  const secondId = String(Number(first.records[0].$id.value) + 1);
  await client.record.updateRecord({ app, id: secondId, record: { name: { value: "changed" } } });
  const second = await client.record.getRecordsByCursor({ id });
  assert.equal(second.records[0].name.value, "changed");
  await client.record.updateRecord({ app, id: secondId, record: { name: { value: "名前1" } } });
  assert.deepEqual(await client.record.deleteCursor({ id }), {});
});

test("a cursor over nothing answers one empty last page", async () => {
  const { id, totalCount } = await client.record.createCursor({ app: empty });
  assert.equal(totalCount, "0");
  assert.deepEqual(await client.record.getRecordsByCursor({ id }), { records: [], next: false });
  await rejectsWith(client.record.getRecordsByCursor({ id }), { status: 404, code: "GAIA_CN01" });
});

test("delete answers {} and the cursor is unknown afterwards", async () => {
  const { id } = await client.record.createCursor({ app, size: 2 });
  await client.record.getRecordsByCursor({ id });
  assert.deepEqual(await client.record.deleteCursor({ id }), {});
  const ja = await raw(server.baseUrl, "GET", `/k/v1/records/cursor.json?id=${id}`, { headers: { "Accept-Language": "ja" } });
  assert.equal(isError(ja, 404, "GAIA_CN01").message, "指定したカーソルは存在しないか、既に有効期限が切れています。");
  await rejectsWith(client.record.deleteCursor({ id }), { status: 404, code: "GAIA_CN01" });
  await rejectsWith(client.record.getRecordsByCursor({ id: "00000000-0000-0000-0000-000000000000" }), {
    status: 404,
    code: "GAIA_CN01",
  });
});

test("ten live cursors at most: the 11th is 429 GAIA_TM12 until one ends", async () => {
  const ids = [];
  for (let i = 0; i < 10; i++) ids.push((await client.record.createCursor({ app, size: 1 })).id);
  const e = await rejectsWith(client.record.createCursor({ app }), { status: 429, code: "GAIA_TM12" });
  assert.equal(e.errors, undefined);
  assert.equal(e.headers["x-cybozu-error"], "GAIA_TM12");
  const ja = await raw(server.baseUrl, "POST", "/k/v1/records/cursor.json", {
    body: { app },
    headers: { "Accept-Language": "ja" },
  });
  assert.equal(
    isError(ja, 429, "GAIA_TM12").message,
    "作成できるカーソルの上限に達しているため、カーソルを作成できません。不要なカーソルを削除するか、しばらく経ってから再実行してください。",
  );
  await client.record.deleteCursor({ id: ids.pop() });
  ids.push((await client.record.createCursor({ app })).id);
  await rejectsWith(client.record.createCursor({ app }), { status: 429, code: "GAIA_TM12" });
  for (const id of ids) await client.record.deleteCursor({ id });
  const again = await client.record.createCursor({ app });
  await client.record.deleteCursor({ id: again.id });
});

test("cursor parameters: size 1..500, no limit/offset in the query, query errors, unknown app", async () => {
  await rejectsWith(client.record.createCursor({ app, size: 501 }), { status: 400, code: "CB_VA01", errorKeys: ["size"] });
  await rejectsWith(client.record.createCursor({ app, size: 0 }), { status: 400, code: "CB_VA01", errorKeys: ["size"] });
  await rejectsWith(client.record.createCursor({ app, query: "limit 10" }), { status: 400, code: "CB_VA01", errorKeys: ["query"] });
  await rejectsWith(client.record.createCursor({ app, query: "n > 1 offset 5" }), { status: 400, code: "CB_VA01", errorKeys: ["query"] });
  await rejectsWith(client.record.createCursor({ app, query: "ghost = 1" }), { status: 400, code: "GAIA_IQ11" });
  await rejectsWith(client.record.createCursor({ app: 4242 }), { status: 404, code: "GAIA_AP01" });
  const noId = await raw(server.baseUrl, "GET", "/k/v1/records/cursor.json");
  assert.deepEqual(isError(noId, 400, "CB_VA01").errors, { id: { messages: ["Required field."] } });
  const maxSize = await client.record.createCursor({ app, size: 500 });
  await client.record.deleteCursor({ id: maxSize.id });
});

test("another user's cursor is unknown to them", async () => {
  const bob = server.addUser("bob", "bob-password-1");
  const { id } = await client.record.createCursor({ app });
  await rejectsWith(server.client(bob).record.getRecordsByCursor({ id }), { status: 404, code: "GAIA_CN01" });
  await rejectsWith(server.client(bob).record.deleteCursor({ id }), { status: 404, code: "GAIA_CN01" });
  const page = await client.record.getRecordsByCursor({ id });
  assert.equal(page.records.length, 25);
});

test("getAllRecordsWithCursor reads everything and leaves no cursor behind", async () => {
  const records = await client.record.getAllRecordsWithCursor({ app, query: "order by n asc" });
  assert.equal(records.length, 25);
  assert.deepEqual(records.map((r) => Number(r.n.value)), [...records.map((r) => Number(r.n.value))].sort());
  // All ten slots are free again.
  const ids = [];
  for (let i = 0; i < 10; i++) ids.push((await client.record.createCursor({ app })).id);
  for (const id of ids) await client.record.deleteCursor({ id });
});

// Full-text search with indexing off the write request: `like` answers exactly the moment a
// write returns, from the index for records it has caught up with and from the text itself for
// records still queued; the answers do not change once the background indexer has caught up,
// a restart resumes indexing what was queued, and a search file that is missing, older than the
// database (a restore) or damaged is rebuilt at start without a wrong answer.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startServer } from "../lib/server.mjs";
import { createApp, deploy } from "../lib/apps.mjs";

// The indexer looks for work once an hour: everything written here stays queued until restart.
let server = await startServer({ env: { TSUMIKI_SEARCH_INDEX_INTERVAL_MS: "3600000" } });
let client = server.client();
let app;
const id = {}; // label -> record id
// A data directory kept across restarts (a server started inside a test stops when it ends).
let keptDataDir;
after(() => keptDataDir && rmSync(keptDataDir, { recursive: true, force: true }));

// Records still queued for the indexer, read from the database file (WAL: a consistent read
// beside the running server). The sqlite3 shell is a test dependency (scripts/install-deps.sh).
function queued() {
  const out = execFileSync("sqlite3", [join(server.dataDir, "tsumiki.db"), `SELECT count(*) FROM r${app}_fts_pending`]);
  return Number(String(out).trim());
}

async function ids(query) {
  const { records, totalCount } = await client.record.getRecords({ app, query, totalCount: true });
  return { ids: records.map((r) => r.label.value), totalCount: Number(totalCount) };
}

async function cursorIds(query) {
  const records = await client.record.getAllRecordsWithCursor({ app, query, fields: ["label"] });
  return records.map((r) => r.label.value);
}

// The queries whose answers must not change when the indexer catches up.
const QUERIES = [
  'name like "山田"',
  'name like "ヤマダ"', // kana folded: やまだ / ﾔﾏﾀﾞ / ヤマダ
  'name like "太郎"',
  'name like "田"',
  'name like "abc"', // width and case folded: ＡＢＣ
  'name not like "山田"',
  'name like "山" or note like "至急"',
  'note like "至急" and amount > 10',
  'name like "山" order by amount desc',
  'name like "山" order by $id asc limit 2 offset 1',
  'name like "山" limit 1 offset 2',
  'name like "花子"',
  'note like " "', // blank: every record
  'memo like "追記"', // a field added by a deploy while records were queued
  'name like "次郎"',
];

async function snapshot() {
  const out = {};
  for (const q of QUERIES) out[q] = await ids(q);
  out.cursor = await cursorIds('name like "山"');
  return out;
}

test("a record is found by its current text the moment the write returns", async () => {
  app = await createApp(client, "Search index", {
    label: { type: "SINGLE_LINE_TEXT", code: "label", label: "Label" },
    name: { type: "SINGLE_LINE_TEXT", code: "name", label: "氏名" },
    note: { type: "MULTI_LINE_TEXT", code: "note", label: "備考" },
    amount: { type: "NUMBER", code: "amount", label: "金額" },
    extra: { type: "SINGLE_LINE_TEXT", code: "extra", label: "予備" },
  });
  const add = async (label, name, note = "", amount = "1") => {
    const record = { label: { value: label }, name: { value: name }, note: { value: note }, amount: { value: amount } };
    id[label] = (await client.record.addRecord({ app, record })).id;
  };
  await add("a", "山田太郎", "至急\n確認", "50");
  await add("b", "やまだ花子", "", "5");
  await add("c", "ﾔﾏﾀﾞ ｼﾞﾛｳ", "至急", "20");
  await add("d", "ＡＢＣ商事", "", "7");
  await add("e", "佐藤一郎", "山の上", "30");
  await client.record.updateRecord({ app, id: id.a, record: { extra: { value: "消える予定" } } });
  assert.ok(queued() >= 5, "the writes only queued their text");

  assert.deepEqual(await ids('name like "山田"'), { ids: ["a"], totalCount: 1 });
  assert.deepEqual((await ids('name like "ヤマダ"')).ids, ["c", "b"]);
  assert.deepEqual((await ids('name like "abc"')).ids, ["d"]);
  assert.deepEqual((await ids('name like "山" or note like "至急"')).ids, ["c", "a"]);
  assert.deepEqual((await ids('name not like "山田"')).ids, ["e", "d", "c", "b"]);

  // Bulk adds and updates too (one POST / PUT of several records).
  const added = await client.record.addRecords({
    app,
    records: [
      { label: { value: "f" }, name: { value: "山本花子" }, amount: { value: "100" } },
      { label: { value: "g" }, name: { value: "田中" }, amount: { value: "3" } },
    ],
  });
  [id.f, id.g] = added.ids;
  assert.deepEqual((await ids('name like "花子"')).ids, ["f", "b"]);
});

test("an updated record no longer matches its old text; a deleted one matches nothing", async () => {
  await client.record.updateRecord({ app, id: id.a, record: { name: { value: "山口太郎" } } });
  assert.deepEqual((await ids('name like "山田"')).ids, []);
  assert.deepEqual((await ids('name like "山口"')).ids, ["a"]);
  assert.deepEqual((await ids('name like "太郎"')).ids, ["a"]);
  await client.record.updateRecords({ app, records: [{ id: id.g, record: { name: { value: "田中山田" } } }] });
  assert.deepEqual((await ids('name like "山田"')).ids, ["g"]);
  await client.record.deleteRecords({ app, ids: [id.e] });
  assert.deepEqual((await ids('note like "山"')).ids, []);
  assert.deepEqual((await ids('name like "佐藤"')).totalCount, 0);
});

test("a text field added by a deploy is searchable at once; a removed one is gone", async () => {
  await client.app.addFormFields({ app, properties: { memo: { type: "SINGLE_LINE_TEXT", code: "memo", label: "メモ" } } });
  assert.equal(await deploy(client, app), "SUCCESS");
  await client.record.updateRecord({ app, id: id.d, record: { memo: { value: "追記あり" } } });
  assert.deepEqual((await ids('memo like "追記"')).ids, ["d"]);
  assert.deepEqual((await ids('memo like "追記" and name like "ＡＢＣ"')).ids, ["d"]);

  assert.deepEqual((await ids('extra like "消える"')).ids, ["a"]);
  await client.app.deleteFormFields({ app, fields: ["extra"] });
  assert.equal(await deploy(client, app), "SUCCESS");
  await client.record.updateRecord({ app, id: id.c, record: { name: { value: "ﾔﾏﾀﾞ 次郎" } } });
  assert.deepEqual((await ids('name like "次郎"')).ids, ["c"]);
  await assert.rejects(client.record.getRecords({ app, query: 'extra like "消える"' }));
});

test("results are identical after the indexer catches up, also across a restart", async () => {
  const before = await snapshot();
  assert.ok(queued() > 0);

  // Restart with the indexer's default pace: what was queued is indexed after the restart.
  const dataDir = server.dataDir;
  const stopped = await server.stop({ keepData: true });
  keptDataDir = dataDir; // the tests below restart on it too
  assert.equal(stopped.code, 0, "clean shutdown");
  server = await startServer({ dataDir });
  client = server.client();
  const deadline = Date.now() + 20000;
  while (queued() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.equal(queued(), 0, "the indexer drained the queue after the restart");

  const indexed = await snapshot();
  assert.deepEqual(indexed, before);

  // With the indexer running, a change is still visible at once.
  await client.record.updateRecord({ app, id: id.b, record: { name: { value: "川田花子" } } });
  assert.deepEqual((await ids('name like "川田"')).ids, ["b"]);
  assert.deepEqual((await ids('name like "やまだ"')).ids, ["c"]);
});

// The search file (tsumiki-search.db) is derived data: backups leave it out (docs/backup.md). An
// old copy of it next to a newer database, or none at all, must never give wrong answers.
test("a search file from an older moment, none, or a damaged one is rebuilt at start", async () => {
  const dataDir = keptDataDir;
  server = await startServer({ dataDir });
  client = server.client();
  const searchFiles = () => readdirSync(dataDir).filter((f) => f.startsWith("tsumiki-search.db"));
  const drained = async () => {
    const deadline = Date.now() + 20000;
    while (queued() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(queued(), 0, "the indexer drained the queue");
  };

  // Keep a copy of the search file as it is now (server stopped: no WAL left).
  await drained();
  assert.equal((await server.stop({ keepData: true })).code, 0, "clean shutdown");
  const old = join(dataDir, "old-search.db");
  copyFileSync(join(dataDir, "tsumiki-search.db"), old);
  server = await startServer({ dataDir });
  client = server.client();

  // The database moves on and is indexed.
  await client.record.updateRecord({ app, id: id.b, record: { name: { value: "森花子" } } });
  await drained();
  const current = await snapshot();
  assert.deepEqual((await ids('name like "森"')).ids, ["b"]);

  // The old copy comes back beside the newer database.
  assert.equal((await server.stop({ keepData: true })).code, 0);
  for (const f of searchFiles()) rmSync(join(dataDir, f));
  copyFileSync(old, join(dataDir, "tsumiki-search.db"));
  rmSync(old);
  server = await startServer({ dataDir });
  client = server.client();
  assert.deepEqual((await ids('name like "川田"')).ids, [], "no answer from the old copy");
  assert.deepEqual((await ids('name like "森"')).ids, ["b"]);
  await drained();
  assert.deepEqual(await snapshot(), current);

  // Stopped, the search file replaced by what `replace(bytes of the old one)` gives (nothing:
  // removed), started again: the same answers at once and once rebuilt.
  const restartWithSearchFile = async (replace) => {
    assert.equal((await server.stop({ keepData: true })).code, 0);
    const content = replace(readFileSync(join(dataDir, "tsumiki-search.db")));
    for (const f of searchFiles()) rmSync(join(dataDir, f));
    if (content) writeFileSync(join(dataDir, "tsumiki-search.db"), content);
    server = await startServer({ dataDir });
    client = server.client();
    assert.deepEqual(await snapshot(), current);
    await drained();
    assert.deepEqual(await snapshot(), current);
  };
  // No search file at all.
  await restartWithSearchFile(() => undefined);
  // A damaged one: the first half of a copy, as a backup interrupted mid-file leaves it.
  await restartWithSearchFile((whole) => whole.subarray(0, whole.length >> 1));
  // Garbage under its name: the server starts all the same, and answers the same.
  await restartWithSearchFile(() => Buffer.alloc(65536, 0x5a));
});

// The query language end to end through records.json: operators per field type, `like`
// with Japanese text, table semantics, functions, sorting, errors, limits, and the client's
// paging strategies and method override.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { startServer, raw } from "../lib/server.mjs";
import { createApp } from "../lib/apps.mjs";
import { rejectsWith, isError } from "../lib/expect.mjs";

let server, client, app, datesApp, bigApp;
const idOf = {}; // record label → id

const options = (...names) =>
  Object.fromEntries(names.map((n, i) => [n, { label: n, index: String(i) }]));

server = await startServer();

before(async () => {
  client = server.client();
  server.addUser("sato", "sato-password-1", { name: "佐藤" });
  app = await createApp(client, "Query", {
    label: { type: "SINGLE_LINE_TEXT", code: "label", label: "Label" },
    name: { type: "SINGLE_LINE_TEXT", code: "name", label: "Name" },
    num: { type: "NUMBER", code: "num", label: "Num" },
    body: { type: "MULTI_LINE_TEXT", code: "body", label: "Body" },
    rich: { type: "RICH_TEXT", code: "rich", label: "Rich" },
    link: { type: "LINK", code: "link", label: "Link", protocol: "WEB" },
    check: { type: "CHECK_BOX", code: "check", label: "チェック", options: options("A", "B", "C") },
    radio: { type: "RADIO_BUTTON", code: "radio", label: "Radio", options: options("r1", "r2") },
    drop: { type: "DROP_DOWN", code: "drop", label: "Drop", options: options("高", "中", "低") },
    ms: { type: "MULTI_SELECT", code: "ms", label: "MS", options: options("m1", "m2") },
    day: { type: "DATE", code: "day", label: "Day" },
    at: { type: "TIME", code: "at", label: "At" },
    when: { type: "DATETIME", code: "when", label: "When" },
    users: { type: "USER_SELECT", code: "users", label: "Users" },
    table: {
      type: "SUBTABLE",
      code: "table",
      label: "Table",
      fields: {
        item: { type: "SINGLE_LINE_TEXT", code: "item", label: "Item" },
        qty: { type: "NUMBER", code: "qty", label: "Qty" },
      },
    },
  });
  const rows = (...pairs) => ({ value: pairs.map(([item, qty]) => ({ value: { item: { value: item }, qty: { value: String(qty) } } })) });
  const data = {
    r1: {
      name: "東京都千代田区", num: "10", body: "今日は晴れ\n明日は雨", rich: "<p>リッチな本文</p>", link: "https://a.example.com",
      check: ["A"], radio: "r1", drop: "高", ms: ["m1"], day: "2024-01-15", at: "09:00", when: "2024-01-15T00:30:00Z",
      users: [{ code: "admin" }], table: rows(["りんご", 1], ["みかん", 5]),
    },
    r2: {
      name: "大阪府大阪市", num: "-5", body: "", check: ["A", "B"], radio: "r2", drop: "低", ms: [], day: "2024-02-01",
      at: "18:30", when: "2024-02-01T12:00:00Z", users: [{ code: "sato" }], table: rows(["りんご", 3]),
    },
    r3: {
      name: "Tokyo Station", num: "100.5", body: "gamma keyword", check: [], radio: "r1", drop: "", ms: ["m1", "m2"],
      day: "", at: "", when: "", users: [], table: { value: [] },
    },
    r4: {
      name: "とうきょう タワー", num: "", body: " \t\n ", check: ["C"], radio: "r2", drop: "中", ms: ["m2"],
      day: "2024-12-31", at: "23:59", when: "2024-12-31T15:00:00Z", users: [{ code: "admin" }, { code: "sato" }],
      table: rows(["バナナ", 2], ["りんご", 9]),
    },
    r5: { name: "ＡＢＣ１２３", num: "0", check: ["B"], radio: "r1", drop: "高", day: "2023-06-01", table: rows(["ぶどう", 10]) },
    r6: { name: "" },
  };
  for (const [label, fields] of Object.entries(data)) {
    const record = { label: { value: label } };
    for (const [code, value] of Object.entries(fields)) record[code] = code === "table" ? value : { value };
    idOf[label] = (await client.record.addRecord({ app, record })).id;
  }

  datesApp = await createApp(client, "Dates", {
    label: { type: "SINGLE_LINE_TEXT", code: "label", label: "Label" },
    day: { type: "DATE", code: "day", label: "Day" },
    when: { type: "DATETIME", code: "when", label: "When" },
  });
  bigApp = await createApp(client, "Big", {
    n: { type: "NUMBER", code: "n", label: "N" },
    text: { type: "SINGLE_LINE_TEXT", code: "text", label: "Text" },
  });
  for (let chunk = 0; chunk < 12; chunk++) {
    const records = Array.from({ length: 100 }, (_, i) => {
      const n = chunk * 100 + i + 1;
      return { n: { value: String(n) }, text: { value: `t${n % 7}` } };
    });
    await client.record.addRecords({ app: bigApp, records });
  }
});

// Labels of the records a query returns, in order.
async function labels(query) {
  const { records } = await client.record.getRecords({ app, query, fields: ["label"] });
  return records.map((r) => r.label.value);
}
const sorted = (xs) => [...xs].sort();

test("text fields: =, !=, in, not in, like and not like", async () => {
  assert.deepEqual(await labels('name = "東京都千代田区"'), ["r1"]);
  assert.deepEqual(sorted(await labels('name in ("大阪府大阪市", "Tokyo Station", "nothing")')), ["r2", "r3"]);
  assert.deepEqual(sorted(await labels('name != "東京都千代田区"')), ["r2", "r3", "r4", "r5", "r6"]);
  assert.deepEqual(sorted(await labels('name not in ("大阪府大阪市", "")')), ["r1", "r3", "r4", "r5"]);
  assert.deepEqual(await labels('name = ""'), ["r6"]);
  assert.deepEqual(await labels('link = "https://a.example.com"'), ["r1"]);
  assert.deepEqual(await labels('link like "example"'), ["r1"]);
  const notLike = await labels('name not like "大阪"');
  assert.ok(!notLike.includes("r2"));
  for (const l of ["r1", "r3", "r4", "r5"]) assert.ok(notLike.includes(l), l);
});

test("like finds Japanese 1-2 character terms, substrings, full-width and kana variants", async () => {
  assert.deepEqual(await labels('name like "千代田"'), ["r1"]);
  assert.deepEqual(await labels('name like "大阪"'), ["r2"]);
  assert.deepEqual(await labels('name like "都"'), ["r1"]);
  assert.deepEqual(await labels('name like "トウキョウ"'), ["r4"], "katakana finds hiragana");
  assert.deepEqual(await labels('name like "たわー"'), ["r4"], "hiragana finds katakana");
  assert.deepEqual(await labels('name like "abc"'), ["r5"], "half-width finds full-width, any case");
  assert.deepEqual(await labels('name like "１２"'), ["r5"]);
  assert.deepEqual(await labels('name like "tok"'), ["r3"], "substrings inside words are found");
  assert.deepEqual(await labels('name like "STATION"'), ["r3"]);
  assert.deepEqual(await labels('body like "晴れ"'), ["r1"]);
  assert.deepEqual(await labels('body like "keyword"'), ["r3"]);
  assert.deepEqual(await labels('rich like "リッチ"'), ["r1"]);
  assert.deepEqual(await labels('name like "存在しない"'), []);
});

test("a record is searchable the moment it is saved", async () => {
  const { id } = await client.record.addRecord({ app: bigApp, record: { text: { value: "即時検索テスト" } } });
  const { records } = await client.record.getRecords({ app: bigApp, query: 'text like "検索テ"' });
  assert.deepEqual(records.map((r) => r.$id.value), [id]);
  await client.record.updateRecord({ app: bigApp, id, record: { text: { value: "変更後" } } });
  assert.equal((await client.record.getRecords({ app: bigApp, query: 'text like "検索テ"' })).records.length, 0);
  await client.record.deleteRecords({ app: bigApp, ids: [id] });
});

test("is empty counts whitespace-only text as empty", async () => {
  assert.deepEqual(sorted(await labels("body is empty")), ["r2", "r4", "r5", "r6"]);
  assert.deepEqual(await labels("body is not empty"), ["r3", "r1"]);
});

test("numbers compare numerically, bare or quoted, and by $id", async () => {
  assert.deepEqual(sorted(await labels("num > 0")), ["r1", "r3"]);
  assert.deepEqual(sorted(await labels('num >= "0"')), ["r1", "r3", "r5"]);
  assert.deepEqual(await labels('num < "-1"'), ["r2"]);
  assert.deepEqual(await labels("num <= -5"), ["r2"]);
  assert.deepEqual(await labels("num = 100.5"), ["r3"]);
  assert.deepEqual(sorted(await labels('num in (10, "-5")')), ["r1", "r2"]);
  assert.deepEqual(sorted(await labels('num = ""')), ["r4", "r6"]);
  assert.deepEqual(await labels(`$id = ${idOf.r3}`), ["r3"]);
  assert.deepEqual(await labels(`$id > ${idOf.r4} order by $id asc`), ["r5", "r6"]);
  assert.deepEqual(await labels(`$id in (${idOf.r1}, "${idOf.r2}") order by $id asc`), ["r1", "r2"]);
  assert.deepEqual(await labels(`レコード番号 <= ${idOf.r2} order by レコード番号 asc`), ["r1", "r2"]);
});

test("choice fields: in / not in, empty selections, option checks before operator checks", async () => {
  assert.deepEqual(sorted(await labels('check in ("A")')), ["r1", "r2"]);
  assert.deepEqual(sorted(await labels('check in ("B", "C")')), ["r2", "r4", "r5"]);
  assert.deepEqual(sorted(await labels('check not in ("A")')), ["r3", "r4", "r5", "r6"]);
  assert.deepEqual(sorted(await labels('radio in ("r2")')), ["r2", "r4"]);
  assert.deepEqual(sorted(await labels('drop in ("")')), ["r3", "r6"]);
  assert.deepEqual(sorted(await labels('drop not in ("", "高")')), ["r2", "r4"]);
  assert.deepEqual(sorted(await labels('ms in ("m2")')), ["r3", "r4"]);
  await rejectsWith(client.record.getRecords({ app, query: 'check in ("Z")' }), { status: 400, code: "GAIA_IQ10" });
  const iq10 = await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${app}&query=${encodeURIComponent('radio = "nope"')}`, {
    headers: { "Accept-Language": "ja" },
  });
  assert.equal(isError(iq10, 400, "GAIA_IQ10").message, "フィールド「radio」の項目に「nope」は存在しません。");
  await rejectsWith(client.record.getRecords({ app, query: 'check = "A"' }), { status: 400, code: "GAIA_IQ03" });
});

test("dates, times and date-times compare chronologically; DATETIME literals take offsets", async () => {
  assert.deepEqual(await labels('day = "2024-01-15"'), ["r1"]);
  assert.deepEqual(sorted(await labels('day > "2024-01-31"')), ["r2", "r4"]);
  assert.deepEqual(await labels('day < "2024-01-01"'), ["r5"]);
  assert.deepEqual(sorted(await labels('at >= "18:00"')), ["r2", "r4"]);
  assert.deepEqual(await labels('when = "2024-01-15T09:30:00+0900"'), ["r1"]);
  assert.deepEqual(await labels('when = "2024-01-15T09:30:00+09:00"'), ["r1"]);
  assert.deepEqual(sorted(await labels('when > "2024-02-01T11:59:00Z"')), ["r2", "r4"]);
  assert.deepEqual(sorted(await labels('when = ""')), ["r3", "r5", "r6"]);
  assert.deepEqual(sorted(await labels('when != ""')), ["r1", "r2", "r4"]);
  await rejectsWith(client.record.getRecords({ app, query: 'day like "2024"' }), { status: 400, code: "GAIA_IQ03" });
});

test("users: entity codes and LOGINUSER(); creator by LOGINUSER()", async () => {
  assert.deepEqual(sorted(await labels('users in ("sato")')), ["r2", "r4"]);
  assert.deepEqual(sorted(await labels("users in (LOGINUSER())")), ["r1", "r4"]);
  assert.deepEqual(sorted(await labels('users not in ("admin")')), ["r2", "r3", "r5", "r6"]);
  assert.equal((await labels("作成者 in (LOGINUSER())")).length, 6);
  const sato = server.client({ username: "sato", password: "sato-password-1" });
  const { records } = await sato.record.getRecords({ app, query: "users in (LOGINUSER())", fields: ["label"] });
  assert.deepEqual(sorted(records.map((r) => r.label.value)), ["r2", "r4"]);
});

test("table fields: any row for positive, every row for negative, same row for and", async () => {
  assert.deepEqual(sorted(await labels('item in ("りんご")')), ["r1", "r2", "r4"]);
  assert.deepEqual(await labels('item not in ("りんご")'), ["r5"], "empty tables match neither");
  assert.deepEqual(sorted(await labels("qty > 4")), ["r1", "r4", "r5"]);
  assert.deepEqual(await labels('item in ("りんご") and qty >= 5'), ["r4"], "conditions on one table need the same row");
  assert.deepEqual(sorted(await labels('item in ("りんご") and num >= 0')), ["r1"]);
  assert.deepEqual(sorted(await labels('item like "ナナ" or item in ("ぶどう")')), ["r4", "r5"]);
  assert.deepEqual(await labels('item in ("")'), []);
  await rejectsWith(client.record.getRecords({ app, query: 'item = "りんご"' }), { status: 400, code: "GAIA_IQ07" });
  await rejectsWith(client.record.getRecords({ app, query: 'table.item in ("りんご")' }), { status: 400, code: "GAIA_IR02" });
});

test("and binds tighter than or; parentheses group; keywords in any case; U+3000 is whitespace", async () => {
  assert.deepEqual(await labels('num = 10 or num = -5 and name like "東京"'), ["r1"]);
  assert.deepEqual(sorted(await labels('(num = 10 or num = -5) and name like "大阪"')), ["r2"]);
  assert.deepEqual(sorted(await labels('num = 10 OR num = -5 ORDER BY $id ASC LIMIT 5')), ["r1", "r2"]);
  assert.deepEqual(await labels("num\u3000=\u300010"), ["r1"]);
  assert.deepEqual(await labels("  num = 10\n"), ["r1"]);
});

test("order by several keys: empties first ascending, choices by definition order, ties $id desc", async () => {
  assert.deepEqual(await labels("order by num asc"), ["r6", "r4", "r2", "r5", "r1", "r3"]);
  assert.deepEqual(await labels("order by num desc"), ["r3", "r1", "r5", "r2", "r6", "r4"]);
  assert.deepEqual(await labels("order by drop asc"), ["r6", "r3", "r5", "r1", "r4", "r2"]);
  assert.deepEqual(await labels("order by name asc"), ["r6", "r3", "r4", "r2", "r1", "r5"], "code point order");
  assert.deepEqual(await labels("order by radio asc, num desc"), ["r3", "r1", "r5", "r6", "r2", "r4"]);
  assert.deepEqual(await labels("order by radio desc"), ["r4", "r2", "r6", "r5", "r3", "r1"], "ties come $id desc");
  assert.deepEqual(await labels("order by radio desc, $id asc"), ["r2", "r4", "r1", "r3", "r5", "r6"]);
  assert.deepEqual(await labels("order by day asc limit 3"), ["r6", "r3", "r5"]);
  assert.deepEqual(await labels("order by when desc limit 2"), ["r4", "r2"]);
  assert.deepEqual(await labels(""), ["r6", "r5", "r4", "r3", "r2", "r1"], "default order is $id desc");
  const e = await rejectsWith(client.record.getRecords({ app, query: "order by check asc" }), { status: 400, code: "GAIA_IS02" });
  assert.match(e.message, /「チェック」フィールドはソート条件に使用できません。/);
  await rejectsWith(client.record.getRecords({ app, query: "order by qty asc" }), { status: 400, code: "GAIA_IS02" });
  await rejectsWith(client.record.getRecords({ app, query: "order by body asc" }), { status: 400, code: "GAIA_IS02" });
});

test("query errors: unknown fields, operators, syntax, quotes, control characters", async () => {
  const iq11 = await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${app}&query=${encodeURIComponent("ghost = 1")}`, {
    headers: { "Accept-Language": "ja" },
  });
  assert.equal(isError(iq11, 400, "GAIA_IQ11").message, "指定されたフィールド（ghost）が見つかりません。");
  assert.equal(iq11.json.errors, undefined);
  await rejectsWith(client.record.getRecords({ app, query: 'name > "a"' }), { status: 400, code: "GAIA_IQ03" });
  await rejectsWith(client.record.getRecords({ app, query: 'body = "a"' }), { status: 400, code: "GAIA_IQ03" });
  const syntax = { status: 400, code: "CB_VA01", errors: { query: { messages: ["クエリ記法が間違っています。"] } } };
  for (const q of ["name = 'single'", 'name = "open', "num = = 1", "(num = 1", 'name = "tab\there"', "num = 1 limit", "order num"]) {
    await rejectsWith(client.record.getRecords({ app, query: q }), syntax);
  }
  const escaped = await client.record.addRecord({ app: bigApp, record: { text: { value: 'say "hi" \\ back' } } });
  const { records } = await client.record.getRecords({ app: bigApp, query: 'text = "say \\"hi\\" \\\\ back"' });
  assert.deepEqual(records.map((r) => r.$id.value), [escaped.id]);
  await client.record.deleteRecords({ app: bigApp, ids: [escaped.id] });
});

test("date functions: TODAY, YESTERDAY, FROM_TODAY, THIS_MONTH, THIS_YEAR and NOW in the user's zone", async () => {
  const tokyo = (d) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(d);
  const now = new Date();
  const day = (offset) => tokyo(new Date(now.getTime() + offset * 86400000));
  const records = [
    { label: { value: "today" }, day: { value: day(0) }, when: { value: new Date(now.getTime() - 3600000).toISOString() } },
    { label: { value: "yesterday" }, day: { value: day(-1) } },
    { label: { value: "week" }, day: { value: day(7) } },
    { label: { value: "old" }, day: { value: "2001-02-03" }, when: { value: "2001-02-03T04:05:00Z" } },
  ];
  await client.record.addRecords({ app: datesApp, records });
  const q = async (query) =>
    sorted((await client.record.getRecords({ app: datesApp, query, fields: ["label"] })).records.map((r) => r.label.value));
  assert.deepEqual(await q("day = TODAY()"), ["today"]);
  assert.deepEqual(await q("day = YESTERDAY()"), ["yesterday"]);
  assert.deepEqual(await q("day = FROM_TODAY(7, DAYS)"), ["week"]);
  assert.deepEqual(await q("day = FROM_TODAY(-1, DAYS)"), ["yesterday"]);
  assert.deepEqual(await q("day >= TODAY()"), ["today", "week"]);
  assert.deepEqual(await q("day < TODAY()"), ["old", "yesterday"]);
  const month = day(0).slice(0, 7);
  const inMonth = ["today", "yesterday", "week"].filter((_, i) => [day(0), day(-1), day(7)][i].startsWith(month));
  assert.deepEqual(await q("day = THIS_MONTH()"), sorted(inMonth));
  const year = day(0).slice(0, 4);
  const inYear = ["today", "yesterday", "week"].filter((_, i) => [day(0), day(-1), day(7)][i].startsWith(year));
  assert.deepEqual(await q("day = THIS_YEAR()"), sorted(inYear));
  const lastYear = String(Number(year) - 1);
  const inLastYear = ["today", "yesterday", "week"].filter((_, i) => [day(0), day(-1), day(7)][i].startsWith(lastYear));
  assert.deepEqual(await q("day = LAST_YEAR()"), sorted(inLastYear));
  assert.deepEqual(await q("when < NOW()"), ["old", "today"]);
  const anHourAgoIsToday = tokyo(new Date(now.getTime() - 3600000)) === day(0);
  assert.deepEqual(await q("when = TODAY()"), anHourAgoIsToday ? ["today"] : []);
  assert.deepEqual(await q("作成日時 = TODAY()"), ["old", "today", "week", "yesterday"]);
  await rejectsWith(client.record.getRecords({ app: datesApp, query: "day = FROM_TODAY(1, LIGHTYEARS)" }), { status: 400, code: "GAIA_IQ25" });
  await rejectsWith(client.record.getRecords({ app: datesApp, query: "day = THIS_MONTH(32)" }), { status: 400, code: "GAIA_IQ23" });
  await rejectsWith(client.record.getRecords({ app: datesApp, query: "day = TODAY(1)" }), { status: 400, code: "GAIA_IL08" });
  await rejectsWith(client.record.getRecords({ app: datesApp, query: "day = FROM_TODAY(1)" }), { status: 400, code: "GAIA_IL08" });
});

test("limit and offset: defaults, kintone's maxima and their errors", async () => {
  const def = await client.record.getRecords({ app: bigApp });
  assert.equal(def.records.length, 100);
  assert.equal(def.records[0].n.value, "1200");
  const max = await client.record.getRecords({ app: bigApp, query: "order by n asc limit 500 offset 1000", totalCount: true });
  assert.equal(max.records.length, 200);
  assert.equal(max.records[0].n.value, "1001");
  assert.equal(max.totalCount, "1200");
  assert.equal((await client.record.getRecords({ app: bigApp, query: "limit 0" })).records.length, 0);
  assert.equal((await client.record.getRecords({ app: bigApp, query: "offset 10000" })).records.length, 0);

  const qu01 = await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${bigApp}&query=${encodeURIComponent("limit 501")}`, {
    headers: { "Accept-Language": "ja" },
  });
  assert.equal(isError(qu01, 400, "GAIA_QU01").message, "limit には 500 以下の値を指定してください。");
  const qu02 = await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${bigApp}&query=${encodeURIComponent("offset 10001")}`, {
    headers: { "Accept-Language": "ja" },
  });
  assert.equal(isError(qu02, 400, "GAIA_QU02").message, "offset には 10,000 以下の値を指定してください。");
  await rejectsWith(client.record.getRecords({ app: bigApp, query: "limit -1" }), { status: 400, code: "CB_VA01", errorKeys: ["query"] });
  const none = await client.record.getRecords({ app: bigApp, query: "n > 5000", totalCount: true });
  assert.deepEqual(none, { records: [], totalCount: "0" });
});

test("getAllRecords pages by $id, by offset and by cursor with the same result", async () => {
  const byId = await client.record.getAllRecords({ app: bigApp, condition: 'n > 100 and text in ("t1", "t2")' });
  const expected = [];
  for (let n = 101; n <= 1200; n++) if (n % 7 === 1 || n % 7 === 2) expected.push(String(n));
  assert.deepEqual(byId.map((r) => r.n.value), expected, "WithId pages ascending by $id");

  const byOffset = await client.record.getAllRecords({ app: bigApp, condition: "n > 100", orderBy: "n desc", withCursor: false });
  assert.equal(byOffset.length, 1100);
  assert.equal(byOffset[0].n.value, "1200");
  assert.equal(byOffset[1099].n.value, "101");

  const byCursor = await client.record.getAllRecords({ app: bigApp, condition: "n > 100", orderBy: "n desc" });
  assert.deepEqual(byCursor.map((r) => r.n.value), byOffset.map((r) => r.n.value));

  const all = await client.record.getAllRecordsWithId({ app: bigApp, fields: ["n"] });
  assert.equal(all.length, 1200);
  assert.deepEqual(Object.keys(all[0]).sort(), ["$id", "n"]);
});

test("very long queries go through POST with X-HTTP-Method-Override", async () => {
  const values = Array.from({ length: 900 }, (_, i) => String(i + 1));
  const query = `n in (${values.map((v) => `"${v}"`).join(", ")}) order by n asc limit 500`;
  assert.ok(query.length > 4096);
  const r = await client.record.getRecords({ app: bigApp, query, totalCount: true });
  assert.equal(r.totalCount, "900");
  assert.equal(r.records.length, 500);
  assert.equal(r.records[499].n.value, "500");

  const direct = await raw(server.baseUrl, "POST", "/k/v1/records.json", {
    headers: { "X-HTTP-Method-Override": "GET" },
    body: { app: bigApp, query: "n <= 3 order by n asc", fields: ["n"] },
  });
  assert.equal(direct.status, 200, direct.text);
  assert.deepEqual(direct.json.records.map((x) => x.n.value), ["1", "2", "3"]);
  assert.equal(direct.json.totalCount, null);
});

test("like ordered by $id is read from the search index and answers as the plain plan does", async () => {
  // Ordered by $id (the default), a top-level `like` drives the query from its search index;
  // ordered by anything else it is a plain filter. Both must select the same records, count
  // them alike, and page them alike.
  const ids = async (query, extra = {}) => {
    const r = await client.record.getRecords({ app, query, fields: ["$id"], totalCount: true, ...extra });
    return { ids: r.records.map((x) => Number(x.$id.value)), total: r.totalCount };
  };
  for (const condition of [
    'label like "r"',
    'label like "R" and num >= 0',
    'drop in ("高", "低") and label like "r"',
    'label like "r" and name not like "京"',
    'label like "r" and item not in ("りんご")',
    'label like "r" and (day = "" or radio in ("r2"))',
    'name like "大阪"',
    'name like "とうきょう"',
    'name like "京" and num >= 0',
    'num >= 0 and name like "京" and drop in ("高", "中")',
    'name like "京" and drop not in ("高")',
    'name like "京" and name not like "タワー"',
    'name like "京" or body like "keyword"',
    'name like "京" and (radio in ("r2") or num > 50)',
    'name like "京" and item in ("りんご")',
    'name like "京" and item not in ("バナナ")',
    'name like "京" and item in ("りんご") and qty >= 5',
    'name like "京" and check in ("A", "C")',
    'name like "京" and body like "晴れ"',
    'body like "晴れ" and name like "千代田区"',
    'name like "存在しない" and num > 0',
    'name like "   " and num >= 0',
  ]) {
    const driven = await ids(condition);
    const plain = await ids(`${condition} order by label asc`);
    const newestFirst = [...plain.ids].sort((x, y) => y - x);
    assert.deepEqual(driven.ids, newestFirst, condition);
    assert.equal(driven.total, plain.total, condition);
    assert.deepEqual((await ids(`${condition} order by $id asc`)).ids, [...newestFirst].reverse(), condition);
    const page = await ids(`${condition} order by $id desc limit 1 offset 1`);
    assert.deepEqual(page.ids, newestFirst.slice(1, 2), condition);
    assert.equal(page.total, plain.total, condition);
  }
});

test("deep pages: an offset picks the same records whatever the plan", async () => {
  const all = await client.record.getRecords({ app: bigApp, query: "order by n desc limit 500", fields: ["n"] });
  const rest = await client.record.getRecords({ app: bigApp, query: "order by n desc limit 500 offset 500", fields: ["n"] });
  const byN = [...all.records, ...rest.records].map((r) => Number(r.n.value));
  const page = async (query) =>
    (await client.record.getRecords({ app: bigApp, query, fields: ["n"] })).records.map((r) => Number(r.n.value));
  assert.deepEqual(await page("order by n desc limit 7 offset 993"), byN.slice(993, 1000));
  assert.deepEqual(await page('text in ("t3") order by n asc limit 5 offset 150'), [1053, 1060, 1067, 1074, 1081]);
  assert.deepEqual(await page('text in ("t3") limit 3 offset 160'), [80, 73, 66], "newest first");
  assert.deepEqual(await page("n >= 100 and n < 200 order by $id asc limit 2 offset 98"), [198, 199]);
});

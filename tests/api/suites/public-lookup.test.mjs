// Public look-up pages: a resident sees exactly one record, only when every key matches
// after NFKC normalisation; every miss gets one identical answer whether or not the receipt
// number exists; failures are limited per address and per receipt number.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { startServer, raw } from "../lib/server.mjs";
import { createApp } from "../lib/apps.mjs";
import { isError } from "../lib/expect.mjs";
import { publish, pub } from "../lib/public.mjs";
import { rmSync } from "node:fs";

let server, client, app, receipt, otherReceipt;
const options = (...names) => Object.fromEntries(names.map((n, i) => [n, { label: n, index: String(i) }]));

server = await startServer();

const lookupSettings = (extra = {}) => ({
  title: "申請状況の確認",
  description: "受付番号と生年月日を入力してください。",
  keys: [
    { code: "receipt", label: "受付番号" },
    { code: "birth", help: "例: 1980-01-02" },
  ],
  shown: [{ code: "name" }, { code: "state", label: "状況" }],
  valueLabels: { 審査中: { ja: "審査しています", en: "Under review" }, 支給済: "お振込みしました" },
  ...extra,
});

before(async () => {
  client = server.client();
  app = await createApp(client, "Benefit", {
    receipt: { type: "SINGLE_LINE_TEXT", code: "receipt", label: "受付番号", unique: true },
    name: { type: "SINGLE_LINE_TEXT", code: "name", label: "氏名" },
    birth: { type: "DATE", code: "birth", label: "生年月日" },
    phone: { type: "SINGLE_LINE_TEXT", code: "phone", label: "電話番号" },
    state: { type: "DROP_DOWN", code: "state", label: "状態", options: options("受付", "審査中", "支給済") },
    secret: { type: "SINGLE_LINE_TEXT", code: "secret", label: "内部メモ" },
  });
  await raw(server.baseUrl, "PUT", "/api/app/receipt.json", {
    body: { app, format: { field: "receipt", prefix: "B", year: "none", digits: 6 } },
  });
  const { ids } = await client.record.addRecords({
    app,
    records: [
      { name: { value: "山田 花子" }, birth: { value: "1980-01-02" }, phone: { value: "090-1234-5678" }, state: { value: "審査中" }, secret: { value: "見せない" } },
      { name: { value: "鈴木 一郎" }, birth: { value: "1975-12-31" }, phone: { value: "03-0000-1111" }, state: { value: "支給済" } },
    ],
  });
  const { records } = await client.record.getRecords({ app, query: `$id in (${ids.join(",")}) order by $id asc` });
  receipt = records[0].receipt.value;
  otherReceipt = records[1].receipt.value;
  assert.equal(receipt, "B-000001");
});

test("publishing needs two keys, a unique first key, and showable fields", async () => {
  const one = await publish(server.baseUrl, app, "lookup", lookupSettings({ keys: [{ code: "receipt" }] }));
  assert.deepEqual(Object.keys(isError(one, 400, "CB_VA01").errors), ["keys"]);
  const notUnique = await publish(server.baseUrl, app, "lookup",
    lookupSettings({ keys: [{ code: "name" }, { code: "birth" }], shown: [{ code: "nope" }] }));
  assert.deepEqual(Object.keys(isError(notUnique, 400, "CB_VA01").errors).sort(), ["keys[0].code", "shown[0].code"]);
});

let token, phoneToken;

test("the page describes its keys to anyone", async () => {
  const p = await publish(server.baseUrl, app, "lookup", lookupSettings());
  assert.equal(p.status, 200, p.text);
  assert.equal(p.json.path, `/public/l/${p.json.token}`);
  token = p.json.token;
  const d = await pub(server.baseUrl, "GET", `/api/public/lookup.json?token=${token}`);
  assert.equal(d.status, 200, d.text);
  assert.deepEqual(d.json.keys.map((k) => [k.code, k.label, k.type]), [
    ["receipt", "受付番号", "SINGLE_LINE_TEXT"],
    ["birth", "生年月日", "DATE"],
  ]);
  const phone = await publish(server.baseUrl, app, "lookup", lookupSettings({
    keys: [{ code: "receipt" }, { code: "phone", match: "last4", label: "電話番号の下4桁" }],
    rateLimit: { perAddress: 100, perKey: 100 },
  }));
  phoneToken = phone.json.token;
});

const search = (t, keys, lang = "en") =>
  pub(server.baseUrl, "POST", "/api/public/lookup/search.json", { body: { token: t, keys }, lang });

test("right keys show exactly the chosen fields, with friendly status labels", async () => {
  const r = await search(token, { receipt, birth: "1980-01-02" }, "ja");
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.fields, [
    { label: "氏名", value: "山田 花子" },
    { label: "状況", value: "審査しています" },
  ]);
  assert.ok(!r.text.includes("見せない"), "unshown fields never leave the server");
  const en = await search(token, { receipt, birth: "1980-01-02" }, "en");
  assert.equal(en.json.fields[1].value, "Under review");
});

test("full-width digits and stray spaces still match (NFKC)", async () => {
  const wide = "Ｂ－" + receipt.slice(2).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  const r = await search(token, { receipt: `　${wide} `, birth: "１９８０-０１-０２" });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.fields[0].value, "山田 花子");
});

test("phone last four digits as the secret", async () => {
  const r = await search(phoneToken, { receipt, phone: "５６７８" });
  assert.equal(r.status, 200, r.text);
  isError(await search(phoneToken, { receipt, phone: "1234" }), 404, "TK_PB06");
});

test("wrong details and unknown receipt numbers get the very same answer", async () => {
  const answers = [
    await search(token, { receipt, birth: "1980-01-03" }),
    await search(token, { receipt: "B-999999", birth: "1980-01-02" }),
    await search(token, { receipt: otherReceipt, birth: "1980-01-02" }),
    await search(token, { receipt }),
    await search(token, { receipt: "", birth: "" }),
    await search(token, { receipt: "B-00000", birth: "1980-01-02" }),
  ];
  const shapes = answers.map((a) => {
    isError(a, 404, "TK_PB06");
    const { id, ...rest } = a.json;
    return JSON.stringify(rest);
  });
  assert.equal(new Set(shapes).size, 1, shapes.join("\n"));
  assert.match(answers[0].json.message, /No application matches/);
});

test("failures for one receipt number are limited, and then even the right keys wait", async () => {
  const p = await publish(server.baseUrl, app, "lookup", lookupSettings({ rateLimit: { perAddress: 100, perKey: 3 } }));
  const t = p.json.token;
  for (let i = 0; i < 3; i++) isError(await search(t, { receipt: otherReceipt, birth: `2000-01-0${i + 1}` }), 404, "TK_PB06");
  isError(await search(t, { receipt: otherReceipt, birth: "1975-12-31" }), 429, "TK_PB05");
  // Another receipt number from the same address is unaffected.
  assert.equal((await search(t, { receipt, birth: "1980-01-02" })).status, 200);
});

test("failures from one address are limited across receipt numbers", async () => {
  const p = await publish(server.baseUrl, app, "lookup", lookupSettings({ rateLimit: { perAddress: 4, perKey: 100 } }));
  const t = p.json.token;
  for (let i = 0; i < 4; i++) isError(await search(t, { receipt: `B-00010${i}`, birth: "1980-01-02" }), 404, "TK_PB06");
  const blocked = await search(t, { receipt, birth: "1980-01-02" });
  isError(blocked, 429, "TK_PB05");
});

// Behind a reverse proxy every resident arrives from the proxy's address: the limit must follow
// X-Forwarded-For from trusted proxies only, or one resident locks everyone out (and a forged
// header from anyone else must not buy fresh attempts).
const searchFrom = (baseUrl, t, keys, forwardedFor) =>
  pub(baseUrl, "POST", "/api/public/lookup/search.json", {
    body: { token: t, keys },
    headers: { "X-Forwarded-For": forwardedFor },
  });

test("without trusted proxies a forged X-Forwarded-For does not reset the per-address limit", async () => {
  const p = await publish(server.baseUrl, app, "lookup", lookupSettings({ rateLimit: { perAddress: 2, perKey: 100 } }));
  const t = p.json.token;
  for (let i = 0; i < 2; i++) {
    isError(await searchFrom(server.baseUrl, t, { receipt: `B-00020${i}`, birth: "1980-01-02" }, `198.51.100.${i}`), 404, "TK_PB06");
  }
  isError(await searchFrom(server.baseUrl, t, { receipt, birth: "1980-01-02" }, "198.51.100.9"), 429, "TK_PB05");
});

test("behind a trusted proxy each resident's address is limited on its own", async () => {
  const proxied = await startServer({ env: { TSUMIKI_TRUSTED_PROXIES: "127.0.0.1/32" } });
  try {
    const c = proxied.client();
    const a = await createApp(c, "Proxied", {
      receipt: { type: "SINGLE_LINE_TEXT", code: "receipt", label: "受付番号", unique: true },
      birth: { type: "DATE", code: "birth", label: "生年月日" },
    });
    await c.record.addRecord({ app: a, record: { receipt: { value: "P-1" }, birth: { value: "1990-05-06" } } });
    const p = await publish(proxied.baseUrl, a, "lookup", {
      title: "確認",
      keys: [{ code: "receipt" }, { code: "birth" }],
      shown: [{ code: "receipt" }],
      rateLimit: { perAddress: 2, perKey: 100 },
    });
    assert.equal(p.status, 200, p.text);
    const t = p.json.token;
    for (let i = 0; i < 2; i++) {
      isError(await searchFrom(proxied.baseUrl, t, { receipt: `P-9${i}`, birth: "1990-05-06" }, "203.0.113.7"), 404, "TK_PB06");
    }
    isError(await searchFrom(proxied.baseUrl, t, { receipt: "P-1", birth: "1990-05-06" }, "203.0.113.7"), 429, "TK_PB05");
    // Another resident behind the same proxy is not blocked by the first one's failures.
    const other = await searchFrom(proxied.baseUrl, t, { receipt: "P-1", birth: "1990-05-06" }, "203.0.113.8");
    assert.equal(other.status, 200, other.text);
  } finally {
    await proxied.stop();
  }
});

test("a restart keeps a block: the counters live in the database", async () => {
  const first = await startServer();
  let second;
  try {
    const c = first.client();
    const a = await createApp(c, "Restart", {
      receipt: { type: "SINGLE_LINE_TEXT", code: "receipt", label: "受付番号", unique: true },
      birth: { type: "DATE", code: "birth", label: "生年月日" },
    });
    await c.record.addRecord({ app: a, record: { receipt: { value: "Q-1" }, birth: { value: "1990-05-06" } } });
    const p = await publish(first.baseUrl, a, "lookup", {
      title: "確認",
      keys: [{ code: "receipt" }, { code: "birth" }],
      shown: [{ code: "receipt" }],
      rateLimit: { perAddress: 100, perKey: 2 },
    });
    const t = p.json.token;
    const at = (s, birth) => pub(s.baseUrl, "POST", "/api/public/lookup/search.json", { body: { token: t, keys: { receipt: "Q-1", birth } } });
    for (const birth of ["2000-01-01", "2000-01-02"]) isError(await at(first, birth), 404, "TK_PB06");
    isError(await at(first, "1990-05-06"), 429, "TK_PB05");
    await first.stop({ keepData: true });
    second = await startServer({ dataDir: first.dataDir });
    const after = await at(second, "1990-05-06");
    isError(after, 429, "TK_PB05");
  } finally {
    await first.stop();
    if (second) await second.stop();
    rmSync(first.dataDir, { recursive: true, force: true });
  }
});

test("unknown and disabled pages answer not found", async () => {
  isError(await pub(server.baseUrl, "GET", "/api/public/lookup.json?token=nope"), 404, "TK_PB01");
  isError(await search("nope", { receipt, birth: "1980-01-02" }), 404, "TK_PB01");
  const pages = await raw(server.baseUrl, "GET", `/api/public/pages.json?app=${app}`);
  const page = pages.json.pages.find((p) => p.token === token);
  await raw(server.baseUrl, "PUT", "/api/public/pages.json", { body: { id: page.id, enabled: false } });
  isError(await search(token, { receipt, birth: "1980-01-02" }), 404, "TK_PB01");
  const del = await raw(server.baseUrl, "DELETE", "/api/public/pages.json", { body: { id: page.id } });
  assert.equal(del.status, 200, del.text);
  const after = await raw(server.baseUrl, "GET", `/api/public/pages.json?app=${app}`);
  assert.ok(!after.json.pages.some((p) => p.id === page.id));
});

// Transport conventions: concurrency headers, error bodies, message language, malformed and
// oversized bodies, unknown paths and methods, guest paths, parameter styles and method
// override.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { KintoneRestAPIClient } from "@kintone/rest-api-client";
import { startServer, raw, ADMIN } from "../lib/server.mjs";
import { createApp } from "../lib/apps.mjs";
import { rejectsWith, isError } from "../lib/expect.mjs";

let server, client, app;
const auth = Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString("base64");

// Raised kintone limits (server settings) are exercised here; query.test.mjs uses the defaults.
server = await startServer({ args: ["--max-body-bytes", "1M", "--max-limit", "1000", "--max-offset", "20000"] });

before(async () => {
  client = server.client();
  app = await createApp(client, "Transport", {
    a: { type: "SINGLE_LINE_TEXT", code: "a", label: "A" },
    b: { type: "NUMBER", code: "b", label: "B" },
  });
  await client.record.addRecords({ app, records: [1, 2, 3].map((i) => ({ a: { value: `v${i}` }, b: { value: String(i) } })) });
});

// A request through node:http, which (unlike fetch) sends no Accept-Language and allows a
// body on GET.
function request(method, path, { headers = {}, body } = {}) {
  return new Promise((ok, fail) => {
    const req = http.request(
      `${server.baseUrl}${path}`,
      {
        method,
        headers: {
          "X-Cybozu-Authorization": auth,
          ...(body === undefined ? {} : { "Content-Length": Buffer.byteLength(body) }),
          ...headers,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => {
          let json;
          try {
            json = JSON.parse(text);
          } catch {}
          ok({ status: res.statusCode, headers: new Headers(res.headers), text, json });
        });
      },
    );
    req.on("error", fail);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

test("every API answer carries the concurrency headers and JSON content type", async () => {
  const ok = await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${app}`);
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get("x-concurrencylimit-limit"), "100");
  assert.match(ok.headers.get("x-concurrencylimit-running"), /^[1-9]\d*$/);
  assert.equal(ok.headers.get("content-type"), "application/json;charset=utf-8");
  const bad = await raw(server.baseUrl, "GET", "/k/v1/record.json?app=99999&id=1");
  isError(bad, 404, "GAIA_AP01");
  assert.equal(bad.headers.get("x-concurrencylimit-limit"), "100");
  assert.equal(bad.headers.get("x-cybozu-error"), "GAIA_AP01");
  const unauth = await raw(server.baseUrl, "GET", "/k/v1/apps.json", { auth: null });
  isError(unauth, 401, "CB_AU01");
  assert.equal(unauth.headers.get("x-concurrencylimit-limit"), "100");
});

test("error ids are fresh 20-character alphanumerics and bodies have exactly code, id, message", async () => {
  const ids = new Set();
  for (let i = 0; i < 5; i++) {
    const r = await raw(server.baseUrl, "GET", `/k/v1/record.json?app=${app}&id=424242`);
    const body = isError(r, 404, "GAIA_RE01");
    assert.deepEqual(Object.keys(body).sort(), ["code", "id", "message"]);
    ids.add(body.id);
  }
  assert.equal(ids.size, 5);
});

test("message language: Accept-Language with q-values, '*' is English, none is the default Japanese", async () => {
  const path = `/k/v1/record.json?app=${app}&id=424242`;
  const ja = "指定したレコード（id: 424242）が見つかりません。";
  const en = "The specified record (ID: 424242) is not found.";
  const cases = [
    [{ "Accept-Language": "en" }, en],
    [{ "Accept-Language": "ja" }, ja],
    [{ "Accept-Language": "*" }, en],
    [{ "Accept-Language": "en,ja;q=0.9" }, en],
    [{ "Accept-Language": "ja-JP,ja;q=0.9,en;q=0.8" }, ja],
    [{ "Accept-Language": "fr,en;q=0.5" }, en],
    [{ "Accept-Language": "en-US;q=0.3, ja;q=0.7" }, ja],
    [{}, ja],
  ];
  for (const [headers, message] of cases) {
    const r = await request("GET", path, { headers });
    assert.equal(isError(r, 404, "GAIA_RE01").message, message, JSON.stringify(headers));
  }
  // The client library sends no Accept-Language: messages in the default language.
  const e = await rejectsWith(client.record.getRecord({ app, id: 424242 }), { status: 404, code: "GAIA_RE01" });
  assert.equal(e.message, `[404] [GAIA_RE01] ${ja} (${e.id})`);
});

test("malformed JSON is 400 CB_IJ01", async () => {
  for (const body of ["{", '{"app": }', "[1,2]", "nul"]) {
    const r = await raw(server.baseUrl, "POST", "/k/v1/record.json", {
      headers: { "Content-Type": "application/json", "Accept-Language": "ja" },
      body,
    });
    assert.equal(isError(r, 400, "CB_IJ01").message, "不正なJSON文字列です。", body);
  }
  const charset = await raw(server.baseUrl, "POST", "/k/v1/record.json", {
    headers: { "Content-Type": "application/json; charset=UTF-8" },
    body: JSON.stringify({ app, record: { a: { value: "charset" } } }),
  });
  assert.equal(charset.status, 200, charset.text);
});

test("a body over the size limit is 413 with a JSON error", async () => {
  const big = JSON.stringify({ app, record: { a: { value: "x".repeat(1_200_000) } } });
  const r = await request("POST", "/k/v1/record.json", {
    headers: { "Content-Type": "application/json" },
    body: big,
  });
  const body = isError(r, 413, "CB_RL01");
  assert.equal(body.message, "リクエストのサイズが上限を超えています。");
  const after = await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${app}`);
  assert.equal(after.status, 200, "the server keeps serving");
});

test("unknown API paths are JSON 404s and unsupported methods JSON 405s", async () => {
  const unknown = await raw(server.baseUrl, "GET", "/k/v1/nothing.json");
  isError(unknown, 404, "CB_NF01");
  const unknownGuest = await raw(server.baseUrl, "GET", "/k/guest/abc/v1/records.json");
  isError(unknownGuest, 404, "CB_NF01");
  const method = await raw(server.baseUrl, "DELETE", `/k/v1/app.json?id=${app}`);
  isError(method, 405, "CB_MN01");
  const patch = await raw(server.baseUrl, "PATCH", "/k/v1/records.json", { body: { app } });
  assert.ok([404, 405].includes(patch.status), patch.text);
  assert.equal(typeof patch.json?.code, "string");
  const health = await fetch(`${server.baseUrl}/healthz`);
  assert.equal(health.status, 200);
});

test("a normal app through a guest path is 403 CB_NO02", async () => {
  const r = await raw(server.baseUrl, "GET", `/k/guest/1/v1/record.json?app=${app}&id=1`, {
    headers: { "Accept-Language": "en" },
  });
  assert.equal(isError(r, 403, "CB_NO02").message, "No privilege to proceed.");
  const guest = new KintoneRestAPIClient({ baseUrl: server.baseUrl, auth: ADMIN, guestSpaceId: 1 });
  await rejectsWith(guest.record.getRecords({ app }), { status: 403, code: "CB_NO02" });
  await rejectsWith(guest.app.getFormFields({ app }), { status: 403, code: "CB_NO02" });
});

test("qs-style arrays: indexed, empty brackets and repeated names", async () => {
  const pick = (r) => Object.keys(r.json.records[0]).sort();
  const indexed = await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${app}&fields%5B0%5D=a&fields%5B1%5D=%24id`);
  assert.deepEqual(pick(indexed), ["$id", "a"]);
  const brackets = await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${app}&fields[]=b&fields[]=a`);
  assert.deepEqual(pick(brackets), ["a", "b"]);
  const repeated = await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${app}&fields=b&fields=a`);
  assert.deepEqual(pick(repeated), ["a", "b"]);
  const apps = await raw(server.baseUrl, "GET", `/k/v1/apps.json?ids%5B0%5D=${app}&ids%5B1%5D=99999`);
  assert.deepEqual(apps.json.apps.map((x) => x.appId), [String(app)]);
  const { ids } = await client.record.addRecords({ app, records: [{}, {}] });
  const del = await raw(server.baseUrl, "DELETE", `/k/v1/records.json?app=${app}&ids%5B0%5D=${ids[0]}&ids%5B1%5D=${ids[1]}`);
  assert.equal(del.status, 200, del.text);
  await rejectsWith(client.record.getRecord({ app, id: ids[0] }), { status: 404, code: "GAIA_RE01" });
  // null parameters (qs sends `name=`) count as absent.
  const nullTotal = await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${app}&totalCount=`);
  assert.equal(nullTotal.status, 200, nullTotal.text);
  assert.equal(nullTotal.json.totalCount, null);
});

test("GET with a JSON body, numeric strings and numbers alike", async () => {
  const r = await request("GET", "/k/v1/records.json", {
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ app: String(app), query: "b >= 2 order by b asc", fields: ["b"], totalCount: true }),
  });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.records.map((x) => x.b.value), ["2", "3"]);
  assert.equal(r.json.totalCount, "2");
  const merged = await request("GET", `/k/v1/record.json?app=${app}`, {
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ id: 1 }),
  });
  assert.equal(merged.status, 200, merged.text);
  assert.equal(merged.json.record.$id.value, "1");
});

test("X-HTTP-Method-Override dispatches POST to GET, PUT and DELETE", async () => {
  const get = await raw(server.baseUrl, "POST", "/k/v1/record.json", {
    headers: { "X-HTTP-Method-Override": "GET" },
    body: { app, id: 1 },
  });
  assert.equal(get.status, 200, get.text);
  assert.equal(get.json.record.a.value, "v1");
  const put = await raw(server.baseUrl, "POST", "/k/v1/record.json", {
    headers: { "X-HTTP-Method-Override": "PUT" },
    body: { app, id: 1, record: { a: { value: "overridden" } } },
  });
  assert.equal(put.status, 200, put.text);
  assert.match(put.json.revision, /^\d+$/);
  assert.equal((await client.record.getRecord({ app, id: 1 })).record.a.value, "overridden");
  const { id } = await client.record.addRecord({ app, record: {} });
  const del = await raw(server.baseUrl, "POST", "/k/v1/records.json", {
    headers: { "X-HTTP-Method-Override": "DELETE" },
    body: { app, ids: [id] },
  });
  assert.equal(del.status, 200, del.text);
  await rejectsWith(client.record.getRecord({ app, id }), { status: 404, code: "GAIA_RE01" });
});

test("parameters typed number-or-string accept both, and wrong types are CB_VA01 keyed by name", async () => {
  const asString = await raw(server.baseUrl, "POST", "/k/v1/record.json", { body: { app: String(app), record: {} } });
  assert.equal(asString.status, 200, asString.text);
  const notNumber = await raw(server.baseUrl, "GET", "/k/v1/records.json?app=abc");
  assert.deepEqual(Object.keys(isError(notNumber, 400, "CB_VA01").errors), ["app"]);
  const badBool = await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${app}&totalCount=maybe`);
  assert.deepEqual(Object.keys(isError(badBool, 400, "CB_VA01").errors), ["totalCount"]);
  const badRecord = await raw(server.baseUrl, "POST", "/k/v1/record.json", { body: { app, record: "text" } });
  assert.deepEqual(Object.keys(isError(badRecord, 400, "CB_VA01").errors), ["record"]);
});

test("server settings raise kintone's 500-record limit and 10,000 offset", async () => {
  const deep = await createApp(client, "Deep paging", { n: { type: "NUMBER", code: "n", label: "N" } });
  for (let chunk = 0; chunk < 7; chunk++) {
    await client.record.addRecords({
      app: deep,
      records: Array.from({ length: 100 }, (_, i) => ({ n: { value: String(chunk * 100 + i) } })),
    });
  }
  const page = await client.record.getRecords({ app: deep, query: "order by n asc limit 600 offset 50" });
  assert.equal(page.records.length, 600);
  assert.equal(page.records[0].n.value, "50");
  assert.deepEqual((await client.record.getRecords({ app: deep, query: "offset 15000" })).records, []);
  const limit = await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${deep}&query=${encodeURIComponent("limit 1001")}`, {
    headers: { "Accept-Language": "ja" },
  });
  assert.equal(isError(limit, 400, "GAIA_QU01").message, "limit には 1,000 以下の値を指定してください。");
  const offset = await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${deep}&query=${encodeURIComponent("offset 20001")}`, {
    headers: { "Accept-Language": "ja" },
  });
  assert.equal(isError(offset, 400, "GAIA_QU02").message, "offset には 20,000 以下の値を指定してください。");
});

// bulkRequest.json and the client's addAllRecords / updateAllRecords / deleteAllRecords,
// which send 2,000 records per bulkRequest: results, failure index, all or nothing.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { startServer, raw } from "../lib/server.mjs";
import { createApp } from "../lib/apps.mjs";
import { rejectsWith, isError } from "../lib/expect.mjs";

let server, client, app, other;

server = await startServer();

before(async () => {
  client = server.client();
  app = await createApp(client, "Bulk", {
    req: { type: "SINGLE_LINE_TEXT", code: "req", label: "Req", required: true },
    n: { type: "NUMBER", code: "n", label: "N" },
  });
  other = await createApp(client, "Other", { note: { type: "SINGLE_LINE_TEXT", code: "note", label: "Note" } });
});

const count = async (a, query = "") =>
  Number((await client.record.getRecords({ app: a, query: `${query} limit 1`, totalCount: true })).totalCount);

test("bulkRequest runs record writes across apps in order and answers each result", async () => {
  const { id: existing } = await client.record.addRecord({ app, record: { req: { value: "before" } } });
  const { results } = await client.bulkRequest({
    requests: [
      { method: "POST", api: "/k/v1/record.json", payload: { app, record: { req: { value: "one" } } } },
      { method: "POST", api: "/k/v1/records.json", payload: { app: other, records: [{ note: { value: "x" } }, {}] } },
      { method: "PUT", api: "/k/v1/record.json", payload: { app, id: existing, record: { n: { value: "5" } }, revision: 1 } },
      { method: "PUT", api: "/k/v1/records.json", payload: { app, records: [{ id: existing, record: { n: { value: "6" } } }] } },
      { method: "DELETE", api: "/k/v1/records.json", payload: { app, ids: [existing], revisions: [null] } },
    ],
  });
  assert.equal(results.length, 5);
  assert.match(results[0].id, /^\d+$/);
  assert.equal(results[0].revision, "1");
  assert.equal(results[1].ids.length, 2);
  assert.deepEqual(results[1].revisions, ["1", "1"]);
  assert.deepEqual(results[2], { revision: "2" });
  assert.deepEqual(results[3], { records: [{ id: String(existing), revision: "3" }] });
  assert.deepEqual(results[4], {});
  await rejectsWith(client.record.getRecord({ app, id: existing }), { status: 404, code: "GAIA_RE01" });
  assert.equal((await client.record.getRecord({ app, id: results[0].id })).record.req.value, "one");
});

test("a failing sub-request rolls back the whole batch and reports its index", async () => {
  const before = await count(app);
  const beforeOther = await count(other);
  const e = await rejectsWith(
    client.bulkRequest({
      requests: [
        { method: "POST", api: "/k/v1/record.json", payload: { app, record: { req: { value: "rolled back" } } } },
        { method: "POST", api: "/k/v1/records.json", payload: { app: other, records: [{ note: { value: "rolled back" } }] } },
        { method: "POST", api: "/k/v1/records.json", payload: { app, records: [{ req: { value: "ok" } }, { req: { value: "" } }] } },
        { method: "POST", api: "/k/v1/record.json", payload: { app, record: { req: { value: "never" } } } },
      ],
    }),
    { status: 400, code: "CB_VA01", errors: { "records[1].req.value": { messages: ["必須です。"] } } },
  );
  assert.equal(e.bulkRequestIndex, 2);
  assert.equal(await count(app), before);
  assert.equal(await count(other), beforeOther);

  // The raw body: one error object at the failing index, {} elsewhere.
  const r = await raw(server.baseUrl, "POST", "/k/v1/bulkRequest.json", {
    body: {
      requests: [
        { method: "POST", api: "/k/v1/record.json", payload: { app, record: { req: { value: "x" } } } },
        { method: "PUT", api: "/k/v1/record.json", payload: { app, id: 99999999, record: {} } },
        { method: "POST", api: "/k/v1/record.json", payload: { app, record: { req: { value: "y" } } } },
      ],
    },
  });
  assert.equal(r.status, 404);
  assert.equal(r.headers.get("x-cybozu-error"), "GAIA_RE01");
  assert.equal(r.json.results.length, 3);
  assert.deepEqual(r.json.results[0], {});
  assert.deepEqual(r.json.results[2], {});
  assert.equal(r.json.results[1].code, "GAIA_RE01");
  assert.match(r.json.results[1].id, /^[A-Za-z0-9]{20}$/);
  assert.equal(r.json.results[1].message, "The specified record (ID: 99999999) is not found.");
  assert.equal(await count(app), before);

  const { id: target } = await client.record.addRecord({ app, record: { req: { value: "target" } } });
  const conflict = await rejectsWith(
    client.bulkRequest({
      requests: [
        { method: "POST", api: "/k/v1/record.json", payload: { app, record: { req: { value: "x" } } } },
        { method: "PUT", api: "/k/v1/records.json", payload: { app, records: [{ id: target, record: {}, revision: 999 }] } },
      ],
    }),
    { status: 409, code: "GAIA_CO02" },
  );
  assert.equal(conflict.bulkRequestIndex, 1);
});

test("bulkRequest validates its envelope", async () => {
  const request = { method: "POST", api: "/k/v1/record.json", payload: { app, record: { req: { value: "z" } } } };
  await rejectsWith(client.bulkRequest({ requests: Array(21).fill(request) }), {
    status: 400,
    code: "CB_VA01",
    errorKeys: ["requests"],
  });
  const empty = await raw(server.baseUrl, "POST", "/k/v1/bulkRequest.json", { body: { requests: [] } });
  assert.deepEqual(isError(empty, 400, "CB_VA01").errors, { requests: { messages: ["Required field."] } });
  const notAllowed = await raw(server.baseUrl, "POST", "/k/v1/bulkRequest.json", {
    body: { requests: [request, { method: "GET", api: "/k/v1/records.json", payload: { app } }] },
  });
  assert.deepEqual(Object.keys(isError(notAllowed, 400, "CB_VA01").errors), ["requests[1].api"]);
  const otherApi = await raw(server.baseUrl, "POST", "/k/v1/bulkRequest.json", {
    body: { requests: [{ method: "POST", api: "/k/v1/preview/app.json", payload: { name: "x" } }] },
  });
  assert.deepEqual(Object.keys(isError(otherApi, 400, "CB_VA01").errors), ["requests[0].api"]);
  const noPayload = await raw(server.baseUrl, "POST", "/k/v1/bulkRequest.json", {
    body: { requests: [{ method: "POST", api: "/k/v1/record.json" }] },
  });
  assert.deepEqual(Object.keys(isError(noPayload, 400, "CB_VA01").errors), ["requests[0].payload"]);
  // Twenty is fine.
  const { results } = await client.bulkRequest({ requests: Array(20).fill(request) });
  assert.equal(results.length, 20);
});

test("a normal app addressed through a guest path inside bulkRequest is CB_NO02", async () => {
  const before = await count(app);
  const e = await rejectsWith(
    client.bulkRequest({
      requests: [
        { method: "POST", api: "/k/v1/record.json", payload: { app, record: { req: { value: "a" } } } },
        { method: "POST", api: "/k/guest/1/v1/record.json", payload: { app, record: { req: { value: "b" } } } },
      ],
    }),
    { status: 403, code: "CB_NO02" },
  );
  assert.equal(e.bulkRequestIndex, 1);
  assert.equal(await count(app), before);
});

test("addAllRecords, updateAllRecords and deleteAllRecords handle 5,000 records", async () => {
  const bulk = await createApp(client, "Five thousand", {
    seq: { type: "NUMBER", code: "seq", label: "Seq" },
    name: { type: "SINGLE_LINE_TEXT", code: "name", label: "Name" },
  });
  const records = Array.from({ length: 5000 }, (_, i) => ({ seq: { value: String(i) }, name: { value: `名前${i}` } }));
  const added = await client.record.addAllRecords({ app: bulk, records });
  assert.equal(added.records.length, 5000);
  assert.ok(added.records.every((r) => /^\d+$/.test(r.id) && r.revision === "1"));
  assert.equal(new Set(added.records.map((r) => r.id)).size, 5000);
  assert.equal(await count(bulk), 5000);

  const updated = await client.record.updateAllRecords({
    app: bulk,
    records: added.records.map((r, i) => ({ id: r.id, revision: r.revision, record: { name: { value: `更新${i}` } } })),
  });
  assert.equal(updated.records.length, 5000);
  assert.ok(updated.records.every((r) => r.revision === "2"));
  const sample = await client.record.getRecords({ app: bulk, query: "seq = 4321", fields: ["name"] });
  assert.equal(sample.records[0].name.value, "更新4321");

  const all = await client.record.getAllRecords({ app: bulk, fields: ["$id"] });
  assert.equal(all.length, 5000);
  assert.deepEqual(await client.record.deleteAllRecords({ app: bulk, records: all.map((r) => ({ id: r.$id.value })) }), {});
  assert.equal(await count(bulk), 0);
});

test("addAllRecords stops at the failing chunk: earlier chunks stay, the failing one is rolled back", async () => {
  const bulk = await createApp(client, "Failing chunk", {
    req: { type: "SINGLE_LINE_TEXT", code: "req", label: "Req", required: true },
  });
  const records = Array.from({ length: 5000 }, (_, i) => ({ req: { value: `r${i}` } }));
  records[4321] = { req: { value: "" } };
  let error;
  try {
    await client.record.addAllRecords({ app: bulk, records });
  } catch (e) {
    error = e;
  }
  assert.ok(error, "addAllRecords must fail");
  assert.equal(error.numOfProcessedRecords, 4000);
  assert.equal(error.numOfAllRecords, 5000);
  assert.equal(error.errorIndex, 4321);
  assert.equal(error.error.code, "CB_VA01");
  assert.equal(error.error.bulkRequestIndex, 3);
  assert.deepEqual(error.error.errors, { "records[21].req.value": { messages: ["必須です。"] } });
  assert.equal(await count(bulk), 4000);
  assert.equal(await count(bulk, 'req = "r3999"'), 1);
  assert.equal(await count(bulk, 'req = "r4000"'), 0);
});

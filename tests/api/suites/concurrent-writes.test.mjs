// Many writes at once: the server commits writes that queue for the database together (group
// commit), each still all or nothing on its own. A failing request must not undo the others,
// unique values stay unique across concurrent requests, every saved record is searchable
// when its response arrives, and reads and /healthz are answered while writes queue.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "../lib/server.mjs";
import { createApp, deploy } from "../lib/apps.mjs";
import { rejectsWith } from "../lib/expect.mjs";

let server, client, app;

server = await startServer();

before(async () => {
  client = server.client();
  app = await createApp(client, "Concurrent", {
    key: { type: "SINGLE_LINE_TEXT", code: "key", label: "Key", unique: true },
    name: { type: "SINGLE_LINE_TEXT", code: "name", label: "Name", required: true },
    status: {
      type: "DROP_DOWN", code: "status", label: "Status",
      options: { open: { label: "open", index: "0" }, done: { label: "done", index: "1" } },
    },
    day: { type: "DATE", code: "day", label: "Day" },
  });
});

const count = async (query = "") =>
  Number((await client.record.getRecords({ app, query: `${query} limit 1`, totalCount: true })).totalCount);

const batch = (prefix, n, extra = {}) =>
  Array.from({ length: n }, (_, i) => ({
    key: { value: `${prefix}-${i}` }, name: { value: `${prefix} 名前${i}` }, ...extra,
  }));

test("concurrent POSTs: the failing ones leave nothing, the others are all stored", async () => {
  const before = await count();
  // Each request's keys carry a tag no other request's keys contain: reqAQ-0, reqBQ-0, …
  const tag = (k) => `req${String.fromCharCode(65 + k)}Q`;
  const requests = Array.from({ length: 24 }, (_, k) => {
    const records = batch(tag(k), 50);
    // Every third request fails validation in its last record (after 49 good ones).
    if (k % 3 === 2) records[49].name = { value: "" };
    return client.record.addRecords({ app, records }).then(
      (r) => ({ k, ok: true, ids: r.ids }),
      (e) => ({ k, ok: false, e }),
    );
  });
  const results = await Promise.all(requests);
  for (const r of results) {
    if (r.k % 3 === 2) {
      assert.equal(r.ok, false, `request ${r.k} should fail`);
      assert.equal(r.e.code, "CB_VA01");
      assert.ok(r.e.errors["records[49].name.value"]);
    } else {
      assert.equal(r.ok, true, `request ${r.k}: ${r.e?.message}`);
      assert.equal(r.ids.length, 50);
    }
  }
  assert.equal(await count(), before + 16 * 50);
  for (const r of results) {
    const n = await count(`key like "${tag(r.k)}"`);
    assert.equal(n, r.k % 3 === 2 ? 0 : 50, `records of request ${r.k}`);
  }
});

test("concurrent writes of the same unique value: exactly one wins", async () => {
  const attempts = await Promise.all(
    Array.from({ length: 12 }, (_, k) =>
      client.record
        .addRecord({ app, record: { key: { value: "same-key" }, name: { value: `try ${k}` } } })
        .then(() => "ok", (e) => e.code),
    ),
  );
  assert.equal(attempts.filter((a) => a === "ok").length, 1, JSON.stringify(attempts));
  assert.ok(attempts.filter((a) => a !== "ok").every((c) => c === "CB_VA01"));
  assert.equal(await count('key = "same-key"'), 1);
});

test("a record is found with like as soon as its POST answers, during concurrent writes", async () => {
  const writers = Array.from({ length: 6 }, async (_, k) => {
    for (let i = 0; i < 5; i++) {
      const word = `探索${k}語${i}`;
      const { id } = await client.record.addRecord({ app, record: { key: { value: word }, name: { value: `山田 ${word}` } } });
      const { records } = await client.record.getRecords({ app, query: `name like "${word}"` });
      assert.deepEqual(records.map((r) => r.$id.value), [id]);
    }
  });
  await Promise.all(writers);
});

test("concurrent PUTs with revisions: one wins each revision, history-backed revisions count up", async () => {
  const { id } = await client.record.addRecord({ app, record: { key: { value: "put-target" }, name: { value: "x" } } });
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, k) =>
      client.record
        .updateRecord({ app, id, revision: 1, record: { name: { value: `writer ${k}` } } })
        .then((r) => r.revision, (e) => e.code),
    ),
  );
  assert.deepEqual(results.filter((r) => r === "2"), ["2"]);
  assert.ok(results.filter((r) => r !== "2").every((c) => c === "GAIA_CO02"), JSON.stringify(results));
  const unchecked = await Promise.all(
    Array.from({ length: 10 }, () => client.record.updateRecord({ app, id, revision: -1, record: { status: { value: "done" } } })),
  );
  assert.deepEqual(unchecked.map((r) => Number(r.revision)).sort((a, b) => a - b),
    [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  assert.equal((await client.record.getRecord({ app, id })).record.$revision.value, "12");
});

test("/healthz and reads answer while many writes wait for the database", async () => {
  const big = Array.from({ length: 16 }, (_, k) => client.record.addRecords({ app, records: batch(`h${k}`, 100) }));
  const started = Date.now();
  const health = await fetch(`${server.baseUrl}/healthz`);
  assert.equal(health.status, 200);
  const read = await client.record.getRecords({ app, query: "limit 1" });
  assert.equal(read.records.length, 1);
  const readMs = Date.now() - started;
  await Promise.all(big);
  assert.ok(readMs < 5000, `healthz + read took ${readMs} ms`);
});

test("a view's filter and sort keep working across deploys that add and remove views", async () => {
  await client.record.addRecords({
    app,
    records: [
      { key: { value: "v1" }, name: { value: "a" }, status: { value: "open" }, day: { value: "2026-01-02" } },
      { key: { value: "v2" }, name: { value: "b" }, status: { value: "open" }, day: { value: "2026-01-03" } },
      { key: { value: "v3" }, name: { value: "c" }, status: { value: "done" }, day: { value: "2026-01-01" } },
    ],
  });
  const page = async () =>
    (await client.record.getRecords({ app, query: 'status in ("open") and key like "v" order by day desc' }))
      .records.map((r) => r.key.value);
  assert.deepEqual(await page(), ["v2", "v1"]);
  await client.app.updateViews({
    app,
    views: { Open: { type: "LIST", index: 0, name: "Open", filterCond: 'status in ("open")', sort: "day desc", fields: ["key"] } },
  });
  assert.equal(await deploy(client, app), "SUCCESS");
  assert.deepEqual(await page(), ["v2", "v1"]);
  await client.app.updateViews({ app, views: {} });
  assert.equal(await deploy(client, app), "SUCCESS");
  assert.deepEqual(await page(), ["v2", "v1"]);
  // Removing a field a view's index covers still deploys.
  await client.app.updateViews({
    app,
    views: { ByDay: { type: "LIST", index: 0, name: "ByDay", filterCond: 'status in ("done")', sort: "day asc", fields: ["key"] } },
  });
  assert.equal(await deploy(client, app), "SUCCESS");
  await client.app.updateViews({ app, views: {} });
  await client.app.deleteFormFields({ app, fields: ["day"] });
  assert.equal(await deploy(client, app), "SUCCESS");
  await rejectsWith(client.record.getRecords({ app, query: 'day = "2026-01-01"' }), { status: 400, code: "GAIA_IQ11" });
});

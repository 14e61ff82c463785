// totalCount is answered from in-memory columns once they are loaded (storage/count_index.h):
// through adds, updates, upserts, deletes, a failed bulk request and a deploy that changes the
// form, every count equals the one computed here from what was written, and a record is
// counted as soon as its write returns.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { startServer, raw } from "../lib/server.mjs";
import { createApp, deploy } from "../lib/apps.mjs";

const server = await startServer();
let client, app;

const FIELDS = {
  番号: { type: "SINGLE_LINE_TEXT", code: "番号", label: "番号", unique: true },
  区分: {
    type: "DROP_DOWN", code: "区分", label: "区分",
    options: { 一般: { label: "一般", index: "0" }, 特別: { label: "特別", index: "1" }, 再申請: { label: "再申請", index: "2" } },
  },
  金額: { type: "NUMBER", code: "金額", label: "金額" },
  申請日: { type: "DATE", code: "申請日", label: "申請日" },
};

// What this test wrote, by record id: { 区分, 金額, 申請日 } ("" when empty).
const records = new Map();

const FILTERS = {
  "": () => true,
  '区分 in ("特別")': (r) => r.区分 === "特別",
  '区分 not in ("一般", "")': (r) => r.区分 !== "一般" && r.区分 !== "",
  '区分 in ("")': (r) => r.区分 === "",
  "金額 >= 500": (r) => r.金額 !== "" && Number(r.金額) >= 500,
  "金額 < 0": (r) => r.金額 !== "" && Number(r.金額) < 0,
  '金額 = ""': (r) => r.金額 === "",
  '申請日 >= "2026-04-10" and 申請日 < "2026-04-20"': (r) => r.申請日 !== "" && r.申請日 >= "2026-04-10" && r.申請日 < "2026-04-20",
  '区分 in ("特別") or (申請日 = "" and 金額 > 100)': (r) => r.区分 === "特別" || (r.申請日 === "" && r.金額 !== "" && Number(r.金額) > 100),
};

function valuesFor(i) {
  return {
    区分: ["一般", "特別", "再申請", ""][i % 4],
    金額: i % 9 === 0 ? "" : String((i * 37) % 1000 - 100),
    申請日: i % 7 === 0 ? "" : `2026-04-${String(1 + (i % 28)).padStart(2, "0")}`,
  };
}

function toRecord(v, number) {
  const r = { 区分: { value: v.区分 }, 金額: { value: v.金額 }, 申請日: { value: v.申請日 || null } };
  if (number !== undefined) r.番号 = { value: number };
  return r;
}

async function expectCounts(when) {
  for (const [filter, match] of Object.entries(FILTERS)) {
    const expected = [...records.values()].filter(match).length;
    const got = await client.record.getRecords({ app, query: `${filter} limit 1`, fields: ["$id"], totalCount: true });
    assert.equal(Number(got.totalCount), expected, `${when}: ${filter || "(all)"}`);
  }
}

before(async () => {
  client = server.client();
  app = await createApp(client, "Counts", FIELDS);
  await deploy(client, app);
  const batch = Array.from({ length: 300 }, (_, i) => ({ i, v: valuesFor(i) }));
  for (let k = 0; k < batch.length; k += 100) {
    const part = batch.slice(k, k + 100);
    const { ids } = await client.record.addRecords({ app, records: part.map(({ i, v }) => toRecord(v, `N-${i}`)) });
    ids.forEach((id, j) => records.set(Number(id), part[j].v));
  }
});

test("counts stay exact through every kind of write once the columns are loaded", async () => {
  await expectCounts("first counts (loading the columns)");
  await sleep(500); // the columns load in the background; the next counts read them
  await expectCounts("loaded");

  const { id } = await client.record.addRecord({ app, record: toRecord({ 区分: "特別", 金額: "900", 申請日: "2026-04-15" }, "N-new") });
  records.set(Number(id), { 区分: "特別", 金額: "900", 申請日: "2026-04-15" });
  await expectCounts("right after an add");

  const changed = [...records.keys()].filter((k) => k % 5 === 0);
  await client.record.updateRecords({
    app,
    records: changed.map((k) => ({ id: k, record: toRecord({ 区分: "再申請", 金額: "-5", 申請日: "" }) })),
  });
  for (const k of changed) records.set(k, { 区分: "再申請", 金額: "-5", 申請日: "" });
  await expectCounts("after updates");

  // Upsert by the unique key: one update, one insert.
  const upserted = await client.record.updateRecords({
    app,
    upsert: true,
    records: [
      { updateKey: { field: "番号", value: "N-1" }, record: toRecord({ 区分: "一般", 金額: "1000", 申請日: "2026-04-11" }) },
      { updateKey: { field: "番号", value: "N-upsert" }, record: toRecord({ 区分: "特別", 金額: "", 申請日: "" }) },
    ],
  });
  records.set(Number(upserted.records[0].id), { 区分: "一般", 金額: "1000", 申請日: "2026-04-11" });
  records.set(Number(upserted.records[1].id), { 区分: "特別", 金額: "", 申請日: "" });
  await expectCounts("after an upsert");

  const deleted = [...records.keys()].filter((k) => k % 3 === 0).slice(0, 60);
  await client.record.deleteRecords({ app, ids: deleted });
  for (const k of deleted) records.delete(k);
  await expectCounts("after deletes");

  // A bulk request that fails in its last part writes nothing.
  const first = [...records.keys()][0];
  await assert.rejects(client.bulkRequest({
    requests: [
      { method: "PUT", api: "/k/v1/record.json", payload: { app, id: first, record: toRecord({ 区分: "特別", 金額: "5000", 申請日: "2026-04-12" }) } },
      { method: "DELETE", api: "/k/v1/records.json", payload: { app, ids: [[...records.keys()][1]] } },
      { method: "POST", api: "/k/v1/record.json", payload: { app, record: { 番号: { value: "N-0" } } } }, // the first record's key
    ],
  }));
  await expectCounts("after a failed bulk request");
});

// Graphs and dashboards: COUNT per 区分 and per month of 申請日 through the aggregate endpoint,
// against what was written, before and after the columns load and after a write.
async function expectAggregates(when) {
  const aggregate = async (groups, filterCond = "") => {
    const r = await raw(server.baseUrl, "GET", "/api/app/aggregate.json", { body: { app, groups, filterCond } });
    assert.equal(r.status, 200, `${when}: ${r.text}`);
    return Object.fromEntries(r.json.rows.map((row) => [row.keys.join("|"), row.count]));
  };
  const tally = (key, match = () => true) => {
    const out = {};
    for (const r of records.values()) if (match(r)) out[key(r)] = (out[key(r)] ?? 0) + 1;
    return out;
  };
  assert.deepEqual(await aggregate([{ code: "区分" }]), tally((r) => r.区分), `${when}: per 区分`);
  assert.deepEqual(await aggregate([{ code: "申請日", per: "MONTH" }], "金額 >= 500"),
    tally((r) => r.申請日.slice(0, 7), (r) => r.金額 !== "" && Number(r.金額) >= 500), `${when}: per month`);
}

test("aggregates for graphs count per group exactly, from the columns too", async () => {
  await expectAggregates("first aggregates (loading the columns)");
  await sleep(500);
  await expectAggregates("loaded");
  const { id } = await client.record.addRecord({ app, record: toRecord({ 区分: "", 金額: "600", 申請日: "2026-05-02" }, "N-agg") });
  records.set(Number(id), { 区分: "", 金額: "600", 申請日: "2026-05-02" });
  await expectAggregates("right after an add");
});

test("a deploy that changes the form drops the columns and counts go on exactly", async () => {
  await expectCounts("before the deploy");
  await client.app.updateFormFields({
    app,
    properties: {
      区分: {
        type: "DROP_DOWN", code: "区分", label: "区分",
        options: { 一般: { label: "一般", index: "0" }, 特別: { label: "特別", index: "1" }, 再申請: { label: "再申請", index: "2" }, 至急: { label: "至急", index: "3" } },
      },
    },
  });
  await client.app.addFormFields({ app, properties: { 備考: { type: "SINGLE_LINE_TEXT", code: "備考", label: "備考" } } });
  await deploy(client, app);
  await expectCounts("right after the deploy");
  const { id } = await client.record.addRecord({ app, record: { ...toRecord({ 区分: "至急", 金額: "1", 申請日: "2026-04-01" }, "N-after"), 備考: { value: "x" } } });
  records.set(Number(id), { 区分: "至急", 金額: "1", 申請日: "2026-04-01" });
  await sleep(500);
  await expectCounts("after the deploy, loaded again");
  const got = await client.record.getRecords({ app, query: '区分 in ("至急") limit 1', totalCount: true });
  assert.equal(got.totalCount, "1");
});

// The authorisation matrix: users in several organisations (a tree) and groups, one app
// with app, record and field ACLs, and for every principal × operation exactly what is
// allowed and what comes back — get, list, count, query and sort on each field, writes,
// deletes, bulk requests, cursors, aggregates, file downloads, record history and comments.
//
// Directory: city ⊃ welfare ⊃ welfare-care, city ⊃ tax; group auditors.
//   alice: welfare   bob: welfare-care   carol: tax   dave: auditors   erin: nobody
// App ACL (everyone listed first, still tried last):
//   everyone: view | welfare+subs: view add edit delete export | tax: view
//   auditors: view export | CREATOR (admin): everything
// Record ACL:
//   kind = "private": owner field: view edit | welfare (no subs): view edit delete | everyone: -
//   every other record: record creator: view edit delete | everyone: view
// Field ACL:
//   salary: carol WRITE, welfare+subs READ, everyone NONE
//   attachment: alice WRITE, everyone NONE
//   memo: the record's owner (FIELD_ENTITY) WRITE, everyone NONE
//   paper: the record's owner (FIELD_ENTITY) READ, everyone NONE — decided record by record,
//   so nobody may filter, sort or aggregate on them (their values could be inferred).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { startServer, raw } from "../lib/server.mjs";
import { createApp, deploy } from "../lib/apps.mjs";
import { rejectsWith, isError } from "../lib/expect.mjs";

const server = await startServer();
const { ok } = server;

const USERS = {
  alice: { orgs: ["welfare"], groups: [] },
  bob: { orgs: ["welfare-care"], groups: [] },
  carol: { orgs: ["tax"], groups: [] },
  dave: { orgs: [], groups: ["auditors"] },
  erin: { orgs: [], groups: [] },
};
const clients = {};
let admin, app, tokenClient, editToken, tokenValue;
const ids = {};  // r1 public (admin), r2 private owner bob, r3 private owner carol, r4 public (alice)
let fileKey, paperFileKey;

before(async () => {
  admin = server.client();
  clients.admin = admin;
  await ok("POST", "/v1/organizations.json", {
    organizations: [
      { code: "city", name: "市" },
      { code: "welfare", name: "福祉課", parentCode: "city" },
      { code: "welfare-care", name: "介護係", parentCode: "welfare" },
      { code: "tax", name: "税務課", parentCode: "city" },
    ],
  });
  await ok("POST", "/v1/groups.json", { groups: [{ code: "auditors", name: "監査" }] });
  await ok("POST", "/v1/users.json", {
    users: Object.keys(USERS).map((code) => ({ code, password: `${code}-pw`, name: code })),
  });
  await ok("PUT", "/v1/userOrganizations.json", {
    userOrganizations: Object.entries(USERS).map(([code, u]) => ({ code, organizations: u.orgs.map((orgCode) => ({ orgCode })) })),
  });
  await ok("PUT", "/v1/userGroups.json", {
    userGroups: Object.entries(USERS).map(([code, u]) => ({ code, groups: u.groups })),
  });
  for (const code of Object.keys(USERS)) clients[code] = server.client({ username: code, password: `${code}-pw` });

  app = await createApp(admin, "Matrix", {
    title: { type: "SINGLE_LINE_TEXT", code: "title", label: "Title" },
    kind: { type: "SINGLE_LINE_TEXT", code: "kind", label: "Kind" },
    owner: { type: "USER_SELECT", code: "owner", label: "Owner" },
    salary: { type: "NUMBER", code: "salary", label: "Salary" },
    attachment: { type: "FILE", code: "attachment", label: "Attachment" },
    memo: { type: "SINGLE_LINE_TEXT", code: "memo", label: "Memo" },
    paper: { type: "FILE", code: "paper", label: "Paper" },
  });
  // Records and the file exist before the ACLs restrict anyone.
  ({ fileKey } = await admin.file.uploadFile({ file: { name: "secret.txt", data: "confidential" } }));
  const add = (record) => admin.record.addRecord({ app, record });
  const paperKey = (await admin.file.uploadFile({ file: { name: "paper.txt", data: "bob's paper" } })).fileKey;
  ids.r1 = (await add({ title: { value: "p1" }, kind: { value: "public" }, owner: { value: [{ code: "bob" }] },
    salary: { value: "100" }, attachment: { value: [{ fileKey }] }, memo: { value: "m1" } })).id;
  ids.r2 = (await add({ title: { value: "s1" }, kind: { value: "private" }, owner: { value: [{ code: "bob" }] }, salary: { value: "200" },
    memo: { value: "m2" }, paper: { value: [{ fileKey: paperKey }] } })).id;
  ids.r3 = (await add({ title: { value: "s2" }, kind: { value: "private" }, owner: { value: [{ code: "carol" }] }, salary: { value: "300" },
    memo: { value: "m3" } })).id;
  ids.r4 = (await clients.alice.record.addRecord({ app, record: { title: { value: "p2" }, kind: { value: "public" } } })).id;
  fileKey = (await admin.record.getRecord({ app, id: ids.r1 })).record.attachment.value[0].fileKey;
  paperFileKey = (await admin.record.getRecord({ app, id: ids.r2 })).record.paper.value[0].fileKey;

  const org = (code, subs = false) => ({ entity: { type: "ORGANIZATION", code }, includeSubs: subs });
  const everyone = { entity: { type: "GROUP", code: "everyone" } };
  await admin.app.updateAppAcl({
    app,
    rights: [
      { ...everyone, recordViewable: true },
      { ...org("welfare", true), recordViewable: true, recordAddable: true, recordEditable: true, recordDeletable: true, recordExportable: true },
      { ...org("tax"), recordViewable: true },
      { entity: { type: "GROUP", code: "auditors" }, recordViewable: true, recordExportable: true },
      { entity: { type: "CREATOR" }, appEditable: true, recordViewable: true, recordAddable: true, recordEditable: true,
        recordDeletable: true, recordImportable: true, recordExportable: true },
    ],
  });
  await admin.app.updateRecordAcl({
    app,
    rights: [
      {
        filterCond: 'kind = "private"',
        entities: [
          { entity: { type: "FIELD_ENTITY", code: "owner" }, viewable: true, editable: true },
          { ...org("welfare"), viewable: true, editable: true, deletable: true },
          { ...everyone, viewable: false },
        ],
      },
      { filterCond: "", entities: [{ entity: { type: "CREATOR" }, viewable: true, editable: true, deletable: true }, { ...everyone, viewable: true }] },
    ],
  });
  await admin.app.updateFieldAcl({
    app,
    rights: [
      { code: "salary", entities: [
        { entity: { type: "USER", code: "carol" }, accessibility: "WRITE" },
        { ...org("welfare", true), accessibility: "READ" },
        { ...everyone, accessibility: "NONE" },
      ] },
      { code: "attachment", entities: [{ entity: { type: "USER", code: "alice" }, accessibility: "WRITE" }, { ...everyone, accessibility: "NONE" }] },
      { code: "memo", entities: [{ entity: { type: "FIELD_ENTITY", code: "owner" }, accessibility: "WRITE" }, { ...everyone, accessibility: "NONE" }] },
      { code: "paper", entities: [{ entity: { type: "FIELD_ENTITY", code: "owner" }, accessibility: "READ" }, { ...everyone, accessibility: "NONE" }] },
    ],
  });
  const tokens = await raw(server.baseUrl, "POST", "/api/app/tokens.json", { body: { app, viewRecord: true } });
  const edit = await raw(server.baseUrl, "POST", "/api/app/tokens.json", { body: { app, viewRecord: true, editRecord: true } });
  await deploy(admin, app);
  tokenValue = tokens.json.token;
  tokenClient = server.client({ apiToken: tokenValue });
  editToken = server.client({ apiToken: edit.json.token });
  clients.token = tokenClient;
});

// What each principal sees: records (by name), and which of salary / attachment.
const EXPECT = {
  admin: { records: ["r1", "r4"], fields: [] },
  alice: { records: ["r1", "r2", "r3", "r4"], fields: ["salary", "attachment"] },
  bob: { records: ["r1", "r2", "r4"], fields: ["salary"] },
  carol: { records: ["r1", "r3", "r4"], fields: ["salary"] },
  dave: { records: ["r1", "r4"], fields: [] },
  erin: { records: ["r1", "r4"], fields: [] },
  token: { records: ["r1", "r2", "r3", "r4"], fields: ["salary", "attachment"] },
};
const ALL = ["r1", "r2", "r3", "r4"];
// memo and paper follow the record's owner field: bob owns r1 and r2, carol r3, nobody r4.
const OWNER = { r1: "bob", r2: "bob", r3: "carol" };
const seesOwnerFields = (who, name) => who === "token" || OWNER[name] === who;
const nameOf = (r) => Object.keys(ids).find((k) => String(ids[k]) === r.$id.value);
// GET file.json as `who` (raw: the client hides the error body of binary downloads).
const download = (who, key = fileKey) => {
  const auth = who === "admin" ? undefined : who === "token" ? null : { username: who, password: `${who}-pw` };
  const headers = who === "token" ? { "X-Cybozu-API-Token": tokenValue } : {};
  return raw(server.baseUrl, "GET", `/k/v1/file.json?fileKey=${encodeURIComponent(key)}`, { auth, headers });
};
const names = (records) => records.map((r) => Object.keys(ids).find((k) => String(ids[k]) === r.$id.value)).sort();

for (const [who, expected] of Object.entries(EXPECT)) {
  test(`${who}: get each record — visible ones with only visible fields, others CB_NO02`, async () => {
    for (const name of ALL) {
      const call = clients[who].record.getRecord({ app, id: ids[name] });
      if (!expected.records.includes(name)) {
        await rejectsWith(call, { status: 403, code: "CB_NO02" });
        continue;
      }
      const { record } = await call;
      for (const f of ["salary", "attachment"]) {
        assert.equal(f in record, expected.fields.includes(f), `${who} ${name} ${f}`);
      }
      for (const f of ["memo", "paper"]) assert.equal(f in record, seesOwnerFields(who, name), `${who} ${name} ${f}`);
      assert.ok("title" in record);
    }
  });

  test(`${who}: list and totalCount hold exactly the visible records, with paging`, async () => {
    const { records, totalCount } = await clients[who].record.getRecords({ app, totalCount: true });
    assert.deepEqual(names(records), expected.records);
    for (const r of records) assert.equal("memo" in r, seesOwnerFields(who, nameOf(r)), `${who} ${nameOf(r)} memo`);
    assert.equal(totalCount, String(expected.records.length));
    const page = await clients[who].record.getRecords({ app, query: "order by $id asc limit 1 offset 1", totalCount: true });
    assert.equal(page.records.length, 1);
    assert.equal(page.totalCount, String(expected.records.length));
    assert.equal(page.records[0].$id.value, String(ids[expected.records[1]]));
    // Hidden fields asked for by `fields` are left out.
    const picked = await clients[who].record.getRecords({ app, fields: ["$id", "salary", "memo"] });
    for (const r of picked.records) {
      assert.equal("salary" in r, expected.fields.includes("salary"));
      assert.equal("memo" in r, seesOwnerFields(who, nameOf(r)));
    }
  });

  test(`${who}: a query filtering or sorting on a field they cannot view is refused`, async () => {
    for (const [field, condition] of [["title", 'title like "p"'], ["salary", "salary > 0"], ["attachment", "attachment is not empty"]]) {
      const visible = field === "title" || expected.fields.includes(field);
      for (const query of [condition, `order by ${field} asc`]) {
        if (field === "attachment" && query.startsWith("order")) continue;  // files do not sort
        const call = clients[who].record.getRecords({ app, query, totalCount: true });
        if (!visible) {
          await rejectsWith(call, { status: 400, code: "GAIA_IQ11" });
          continue;
        }
        const { records, totalCount } = await call;
        assert.equal(records.length, Number(totalCount), `${who}: ${query}`);
        for (const r of records) assert.ok(expected.records.includes(names([r])[0]), `${who}: ${query}`);
      }
    }
    // A field whose rule depends on the record is unknown to every user's query, even where
    // they may see it (bob's own memos): a filter would tell apart the records they may not.
    for (const query of ['memo = "m3"', "order by memo asc", "paper is empty"]) {
      const call = clients[who].record.getRecords({ app, query });
      if (who === "token") await call;
      else await rejectsWith(call, { status: 400, code: "GAIA_IQ11" });
    }
    if (expected.fields.includes("salary")) {
      const { records } = await clients[who].record.getRecords({ app, query: "salary >= 200" });
      assert.deepEqual(names(records), ["r2", "r3"].filter((r) => expected.records.includes(r)));
    }
  });

  test(`${who}: a cursor pages exactly the visible records and fields`, async () => {
    const { id, totalCount } = await clients[who].record.createCursor({ app, size: 1 });
    assert.equal(totalCount, String(expected.records.length));
    const seen = [];
    for (;;) {
      const page = await clients[who].record.getRecordsByCursor({ id });
      seen.push(...page.records);
      for (const r of page.records) {
        assert.equal("salary" in r, expected.fields.includes("salary"));
        assert.equal("memo" in r, seesOwnerFields(who, nameOf(r)));
      }
      if (!page.next) break;
    }
    assert.deepEqual(names(seen), expected.records);
  });

  test(`${who}: aggregates count only the visible records; summing or filtering a hidden field is refused`, async () => {
    const auth = who === "admin" ? undefined : who === "token" ? null : { username: who, password: `${who}-pw` };
    const headers = who === "token" ? { "X-Cybozu-API-Token": tokenValue } : {};
    const aggregate = (body) => raw(server.baseUrl, "GET", "/api/app/aggregate.json", { body: { app, ...body }, auth, headers });
    const byKind = await aggregate({ groups: [{ code: "kind" }] });
    assert.equal(byKind.status, 200, `${who}: ${byKind.text}`);
    const kindOf = { r1: "public", r2: "private", r3: "private", r4: "public" };
    const want = {};
    for (const r of expected.records) want[kindOf[r]] = (want[kindOf[r]] ?? 0) + 1;
    assert.deepEqual(Object.fromEntries(byKind.json.rows.map((r) => [r.keys[0], r.count])), want, who);
    const byMemo = await aggregate({ groups: [{ code: "memo" }] });
    if (who === "token") assert.equal(byMemo.status, 200, byMemo.text);
    else isError(byMemo, 400, "GAIA_IQ11");
    const sum = await aggregate({ aggregations: [{ type: "SUM", code: "salary" }] });
    const filtered = await aggregate({ filterCond: "salary > 0" });
    if (expected.fields.includes("salary")) {
      assert.equal(sum.status, 200, sum.text);
      const salaries = { r1: 100, r2: 200, r3: 300, r4: 0 };
      assert.equal(sum.json.rows[0].values[0], expected.records.reduce((a, r) => a + salaries[r], 0), who);
      assert.equal(filtered.json.rows[0].count, expected.records.filter((r) => salaries[r] > 0).length, who);
    } else {
      isError(sum, 400, "GAIA_IQ11");
      isError(filtered, 400, "GAIA_IQ11");
    }
  });

  test(`${who}: file download only with the record and the attachment field visible`, async () => {
    // paper (on r2) is visible to r2's owner only, of those who see r2.
    const paper = await download(who, paperFileKey);
    if (!expected.records.includes("r2")) {
      isError(paper, 403, "CB_NO02");
    } else if (seesOwnerFields(who, "r2")) {
      assert.equal(paper.status, 200, paper.text);
      assert.equal(paper.text, "bob's paper");
    } else {
      isError(paper, 404, "GAIA_BL01");
    }
    const r = await download(who);
    if (expected.records.includes("r1") && expected.fields.includes("attachment")) {
      assert.equal(r.status, 200, r.text);
      assert.equal(r.text, "confidential");
    } else {
      isError(r, 404, "GAIA_BL01");
    }
  });

  test(`${who}: history — only of visible records, never with a hidden field`, async () => {
    const auth = who === "admin" ? undefined : who === "token" ? null : { username: who, password: `${who}-pw` };
    const headers = who === "token" ? { "X-Cybozu-API-Token": tokenValue } : {};
    for (const name of ALL) {
      const r = await raw(server.baseUrl, "GET", `/api/record/history.json?app=${app}&id=${ids[name]}`, { auth, headers });
      if (!expected.records.includes(name)) {
        isError(r, 403, "CB_NO02");
        continue;
      }
      assert.equal(r.status, 200, `${who} ${name}: ${r.text}`);
      const codes = new Set(r.json.history.flatMap((h) => h.changes.map((c) => c.code)));
      assert.ok(codes.has("title"), `${who} ${name}: ${r.text}`);
      for (const f of ["salary", "attachment"]) {
        if (!expected.fields.includes(f)) assert.ok(!codes.has(f) && !r.text.includes(`"${f}"`), `${who} ${name} ${f}: ${r.text}`);
      }
      // memo's history follows the record's owner as the record does.
      if (name !== "r4") assert.equal(codes.has("memo"), seesOwnerFields(who, name), `${who} ${name} memo: ${r.text}`);
      if (!seesOwnerFields(who, name)) assert.ok(!r.text.includes(`"m${name.slice(1)}"`), `${who} ${name}: ${r.text}`);
    }
  });

  test(`${who}: comments — read and posted only on visible records`, async () => {
    for (const name of ALL) {
      const list = () => clients[who].record.getRecordComments({ app, record: ids[name] });
      const post = () => clients[who].record.addRecordComment({ app, record: ids[name], comment: { text: `${who} was here` } });
      if (!expected.records.includes(name)) {
        await rejectsWith(list(), { status: 403, code: "CB_NO02" });
        await rejectsWith(post(), { status: 403, code: "CB_NO02" });
        continue;
      }
      await post();
      const { comments } = await list();
      assert.equal(comments[0].text, `${who} was here`);
    }
  });
}

test("writes: record rules decide edit and delete, app rights come first", async () => {
  // alice edits her own public record, not admin's (everyone: view only).
  await clients.alice.record.updateRecord({ app, id: ids.r4, record: { title: { value: "p2'" } } });
  await rejectsWith(clients.alice.record.updateRecord({ app, id: ids.r1, record: { title: { value: "x" } } }), { status: 403, code: "CB_NO02" });
  // bob may edit the private record he owns, not the one he cannot see.
  await clients.bob.record.updateRecord({ app, id: ids.r2, record: { title: { value: "s1'" } } });
  await rejectsWith(clients.bob.record.updateRecord({ app, id: ids.r3, record: { title: { value: "x" } } }), { status: 403, code: "CB_NO02" });
  // carol owns r3 but the app gives tax no edit right.
  await rejectsWith(clients.carol.record.updateRecord({ app, id: ids.r3, record: { title: { value: "x" } } }), { status: 403, code: "CB_NO02" });
  await rejectsWith(clients.erin.record.addRecord({ app, record: { title: { value: "x" } } }), { status: 403, code: "CB_NO02" });
  // A missing record is still "not found".
  await rejectsWith(clients.alice.record.updateRecord({ app, id: 99999, record: {} }), { status: 404, code: "GAIA_RE01" });
});

test("writes: a field without WRITE access is refused with GAIA_FU01, nothing changes", async () => {
  await rejectsWith(clients.bob.record.updateRecord({ app, id: ids.r2, record: { salary: { value: "1" } } }), { status: 403, code: "GAIA_FU01" });
  await rejectsWith(clients.bob.record.addRecord({ app, record: { title: { value: "x" }, salary: { value: "1" } } }), { status: 403, code: "GAIA_FU01" });
  await rejectsWith(clients.bob.record.updateRecords({ app, records: [{ id: ids.r2, record: { title: { value: "ok" } } },
    { id: ids.r4, record: { attachment: { value: [] } } }] }), { status: 403, code: "GAIA_FU01" });
  const { record } = await tokenClient.record.getRecord({ app, id: ids.r2 });
  assert.equal(record.salary.value, "200");
  // alice may write the attachment field.
  const { id } = await clients.alice.record.addRecord({ app, record: { title: { value: "alice's" }, attachment: { value: [] } } });
  assert.ok(id);
});

test("deletes: only where the record rule allows, and a batch is all or nothing", async () => {
  const { id: mine } = await clients.alice.record.addRecord({ app, record: { title: { value: "to delete" }, kind: { value: "public" } } });
  const { id: bobs } = await clients.bob.record.addRecord({ app, record: { title: { value: "bob's" }, kind: { value: "public" } } });
  // bob may view alice's public record but not delete it; the batch fails whole.
  await rejectsWith(clients.bob.record.deleteRecords({ app, ids: [bobs, mine] }), { status: 403, code: "CB_NO02" });
  assert.ok((await tokenClient.record.getRecord({ app, id: bobs })).record);
  await clients.bob.record.deleteRecords({ app, ids: [bobs] });
  await clients.alice.record.deleteRecords({ app, ids: [mine] });
  // dave has no delete right at all.
  await rejectsWith(clients.dave.record.deleteRecords({ app, ids: [ids.r1] }), { status: 403, code: "CB_NO02" });
});

test("bulkRequest: a denied sub-request fails the whole batch at its index", async () => {
  const e = await rejectsWith(
    clients.bob.bulkRequest({
      requests: [
        { method: "PUT", api: "/k/v1/record.json", payload: { app, id: ids.r2, record: { title: { value: "bulk ok" } } } },
        { method: "PUT", api: "/k/v1/record.json", payload: { app, id: ids.r2, record: { salary: { value: "9" } } } },
      ],
    }),
    { status: 403, code: "GAIA_FU01" },
  );
  assert.equal(e.bulkRequestIndex, 1);
  assert.notEqual((await tokenClient.record.getRecord({ app, id: ids.r2 })).record.title.value, "bulk ok");
  const denied = await rejectsWith(
    clients.carol.bulkRequest({ requests: [{ method: "PUT", api: "/k/v1/record.json", payload: { app, id: ids.r3, record: { title: { value: "x" } } } }] }),
    { status: 403, code: "CB_NO02" },
  );
  assert.equal(denied.bulkRequestIndex, 0);
});

test("API tokens act within their token rights, regardless of user ACLs", async () => {
  await rejectsWith(tokenClient.record.updateRecord({ app, id: ids.r3, record: { title: { value: "x" } } }), { status: 403, code: "GAIA_NO01" });
  await editToken.record.updateRecord({ app, id: ids.r3, record: { salary: { value: "301" } } });
  await rejectsWith(editToken.record.deleteRecords({ app, ids: [ids.r3] }), { status: 403, code: "GAIA_NO01" });
});

test("a file removed from its record by an update can no longer be downloaded", async () => {
  assert.equal(Buffer.from(await tokenClient.file.downloadFile({ fileKey })).toString(), "confidential");
  assert.equal((await download("alice")).text, "confidential");
  await editToken.record.updateRecord({ app, id: ids.r1, record: { attachment: { value: [] } } });
  isError(await download("token"), 404, "GAIA_BL01");
  isError(await download("alice"), 404, "GAIA_BL01");
});

test("membership changes take effect at once (no stale permission cache)", async () => {
  // erin joins welfare: she now sees the private records and salaries.
  await ok("PUT", "/v1/userOrganizations.json", { userOrganizations: [{ code: "erin", organizations: [{ orgCode: "welfare" }] }] });
  const { records, totalCount } = await clients.erin.record.getRecords({ app, query: 'kind = "private"', totalCount: true });
  assert.equal(totalCount, "2");
  assert.ok(records.every((r) => "salary" in r));
  await ok("PUT", "/v1/userOrganizations.json", { userOrganizations: [{ code: "erin", organizations: [] }] });
  await rejectsWith(clients.erin.record.getRecord({ app, id: ids.r2 }), { status: 403, code: "CB_NO02" });
});

test("records/acl/evaluate.json answers what the enforcement does", async () => {
  const { rights } = await clients.bob.app.evaluateRecordsAcl({ app, ids: [ids.r2, ids.r3, ids.r4] });
  assert.deepEqual(rights.map((r) => r.id), [ids.r2, ids.r3, ids.r4].map(String));
  assert.deepEqual(rights[0].record, { viewable: true, editable: true, deletable: false });
  assert.deepEqual(rights[0].fields.salary, { viewable: true, editable: false });
  assert.deepEqual(rights[0].fields.attachment, { viewable: false, editable: false });
  assert.deepEqual(rights[0].fields.title, { viewable: true, editable: true });
  assert.deepEqual(rights[1].record, { viewable: false, editable: false, deletable: false });
  assert.deepEqual(rights[1].fields.title, { viewable: false, editable: false });
  assert.deepEqual(rights[2].record, { viewable: true, editable: false, deletable: false });
  await rejectsWith(clients.bob.app.evaluateRecordsAcl({ app, ids: [99999] }), { status: 404, code: "GAIA_RE01" });
});

test("check as this user: managers see another user's rights; others may not ask", async () => {
  const r = await raw(server.baseUrl, "GET", `/api/app/acl/evaluate.json?app=${app}&user=carol&ids[0]=${ids.r3}&ids[1]=${ids.r2}`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.app, { appEditable: false, recordViewable: true, recordAddable: false, recordEditable: false,
    recordDeletable: false, recordImportable: false, recordExportable: false });
  assert.deepEqual(r.json.fields.salary, { viewable: true, editable: false });
  assert.deepEqual(r.json.rights[0].record, { viewable: true, editable: false, deletable: false });
  assert.equal(r.json.rights[1].record.viewable, false);
  const denied = await raw(server.baseUrl, "GET", `/api/app/acl/evaluate.json?app=${app}&user=carol`, { auth: { username: "bob", password: "bob-pw" } });
  assert.equal(denied.status, 403);
  assert.equal(denied.json.code, "CB_NO02");
  const unknown = await raw(server.baseUrl, "GET", `/api/app/acl/evaluate.json?app=${app}&user=ghost`);
  assert.equal(unknown.json.code, "GAIA_IL26");
});

test("FIELD_ENTITY field rule: writes are decided on the record as stored", async () => {
  // bob owns r2: he may write its memo; alice may edit r2 (welfare) but not its memo.
  await clients.bob.record.updateRecord({ app, id: ids.r2, record: { memo: { value: "m2'" } } });
  await rejectsWith(clients.alice.record.updateRecord({ app, id: ids.r2, record: { memo: { value: "x" } } }), { status: 403, code: "GAIA_FU01" });
  // Naming herself owner in the same request does not pass the rule that field decides.
  await rejectsWith(clients.alice.record.updateRecord({ app, id: ids.r2, record: { owner: { value: [{ code: "alice" }] }, memo: { value: "x" } } }),
    { status: 403, code: "GAIA_FU01" });
  // paper is READ for its owner: not writable even by bob.
  await rejectsWith(clients.bob.record.updateRecord({ app, id: ids.r2, record: { paper: { value: [] } } }), { status: 403, code: "GAIA_FU01" });
  const { record } = await tokenClient.record.getRecord({ app, id: ids.r2 });
  assert.equal(record.memo.value, "m2'");
  assert.deepEqual(record.owner.value.map((u) => u.code), ["bob"]);
  // A new record: the rule is matched against the record as sent.
  const { id } = await clients.bob.record.addRecord({ app, record: { title: { value: "b" }, kind: { value: "public" },
    owner: { value: [{ code: "bob" }] }, memo: { value: "mine" } } });
  assert.equal((await clients.bob.record.getRecord({ app, id })).record.memo.value, "mine");
  await rejectsWith(clients.bob.record.addRecord({ app, record: { title: { value: "b" }, owner: { value: [{ code: "alice" }] }, memo: { value: "x" } } }),
    { status: 403, code: "GAIA_FU01" });
  // Handing the record to alice moves the memo with it (bob still sees the record he created).
  await clients.bob.record.updateRecord({ app, id, record: { owner: { value: [{ code: "alice" }] } } });
  assert.equal((await clients.alice.record.getRecord({ app, id })).record.memo.value, "mine");
  assert.ok(!("memo" in (await clients.bob.record.getRecord({ app, id })).record));
  await clients.bob.record.deleteRecords({ app, ids: [id] });
});

test("FIELD_ENTITY field rule: check as this user answers per record", async () => {
  const { rights } = await clients.bob.app.evaluateRecordsAcl({ app, ids: [ids.r2, ids.r4] });
  assert.deepEqual(rights[0].fields.memo, { viewable: true, editable: true });
  assert.deepEqual(rights[0].fields.paper, { viewable: true, editable: false });
  assert.deepEqual(rights[1].fields.memo, { viewable: false, editable: false });
  const r = await raw(server.baseUrl, "GET", `/api/app/acl/evaluate.json?app=${app}&user=bob&ids[0]=${ids.r2}`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.fields.memo, { viewable: false, editable: false, dependsOnRecord: true });
  assert.deepEqual(r.json.rights[0].fields.memo, { viewable: true, editable: true });
});

// Record comments (§5.9) through @kintone/rest-api-client — paging and its older/newer flags,
// mentions checked against the directory, deletion by the author only, every error code —
// and Tsumiki's record history (/api/record/history.json) and form rights
// (/api/record/rights.json), including what field and record permissions hide.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { startServer, raw } from "../lib/server.mjs";
import { createApp, deploy } from "../lib/apps.mjs";
import { rejectsWith } from "../lib/expect.mjs";

const server = await startServer();
let admin, sato, suzuki, app;
const call = (method, path, body, auth) => raw(server.baseUrl, method, path, { body, auth });

before(async () => {
  admin = server.client();
  const s = server.addUser("sato", "sato-pass", { name: "佐藤 昇" });
  const z = server.addUser("suzuki", "suzuki-pass", { name: "鈴木 花子" });
  sato = server.client(s);
  suzuki = server.client(z);
  sato.auth = s;
  suzuki.auth = z;
  app = await createApp(admin, "Comments", {
    title: { type: "SINGLE_LINE_TEXT", code: "title", label: "Title" },
    secret: { type: "SINGLE_LINE_TEXT", code: "secret", label: "Secret" },
  });
});

const newRecord = async (title = "r") => Number((await admin.record.addRecord({ app, record: { title: { value: title } } })).id);

test("comments: post, list newest first, older/newer flags for both orders", async () => {
  const record = await newRecord();
  const ids = [];
  for (const text of ["one", "two", "three"]) {
    ids.push((await sato.record.addRecordComment({ app, record, comment: { text } })).id);
  }
  assert.ok(ids.every((id) => /^\d+$/.test(id)));
  const all = await sato.record.getRecordComments({ app, record });
  assert.deepEqual(all.comments.map((c) => c.text), ["three", "two", "one"]);
  assert.equal(all.older, false);
  assert.equal(all.newer, false);
  const c = all.comments[0];
  assert.deepEqual(c.creator, { code: "sato", name: "佐藤 昇" });
  assert.match(c.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.deepEqual(c.mentions, []);
  // The spec's verified example: the middle of three, both flags set.
  const middle = await sato.record.getRecordComments({ app, record, order: "asc", offset: 1, limit: 1 });
  assert.deepEqual(middle.comments.map((x) => x.text), ["two"]);
  assert.equal(middle.older, true);
  assert.equal(middle.newer, true);
  const newest = await sato.record.getRecordComments({ app, record, order: "desc", limit: 1 });
  assert.deepEqual([newest.older, newest.newer], [true, false]);
  const oldest = await sato.record.getRecordComments({ app, record, order: "asc", limit: 1 });
  assert.deepEqual(oldest.comments.map((x) => x.text), ["one"]);
  assert.deepEqual([oldest.older, oldest.newer], [false, true]);
});

test("comments: mentions are checked against the directory and prepended to the text", async () => {
  const record = await newRecord();
  await sato.record.addRecordComment({ app, record, comment: { text: "見てください", mentions: [{ code: "suzuki", type: "USER" }] } });
  const { comments } = await suzuki.record.getRecordComments({ app, record });
  assert.equal(comments[0].text, "suzuki 見てください");
  assert.deepEqual(comments[0].mentions, [{ code: "suzuki", type: "USER" }]);
  await rejectsWith(sato.record.addRecordComment({ app, record, comment: { text: "x", mentions: [{ code: "nobody", type: "USER" }] } }),
    { status: 400, code: "GAIA_IL26" });
  await rejectsWith(sato.record.addRecordComment({ app, record, comment: { text: "x", mentions: [{ code: "nobody", type: "ORGANIZATION" }] } }),
    { status: 400, code: "GAIA_IL28" });
  await rejectsWith(sato.record.addRecordComment({ app, record, comment: { text: "x", mentions: [{ code: "sato", type: "ROBOT" }] } }),
    { status: 400, code: "CB_VA01", errorKeys: ["comment.mentions[0].type"] });
  const eleven = Array.from({ length: 11 }, () => ({ code: "sato", type: "USER" }));
  await rejectsWith(sato.record.addRecordComment({ app, record, comment: { text: "x", mentions: eleven } }),
    { status: 400, code: "CB_VA01", errorKeys: ["comment.mentions"] });
  assert.equal((await sato.record.getRecordComments({ app, record })).comments.length, 1, "refused comments are not stored");
});

test("comments: text is required and at most 65,535 characters; bad order and limit", async () => {
  const record = await newRecord();
  await rejectsWith(sato.record.addRecordComment({ app, record, comment: { text: "" } }),
    { status: 400, code: "CB_VA01", errorKeys: ["comment.text"] });
  await rejectsWith(sato.record.addRecordComment({ app, record, comment: { text: "あ".repeat(65536) } }),
    { status: 400, code: "CB_VA01", errorKeys: ["comment.text"] });
  await sato.record.addRecordComment({ app, record, comment: { text: "あ".repeat(65535) } });
  await rejectsWith(sato.record.getRecordComments({ app, record, order: "wrong" }),
    { status: 400, code: "CB_VA01", errors: { order: { messages: ["Enum値のいずれかでなければなりません。"] } } });
  await rejectsWith(sato.record.getRecordComments({ app, record, limit: 11 }), { status: 400, code: "CB_VA01", errorKeys: ["limit"] });
  await rejectsWith(sato.record.getRecordComments({ app, record, limit: 0 }), { status: 400, code: "CB_VA01", errorKeys: ["limit"] });
});

test("comments: unknown record 404 GAIA_RE01, unknown comment 400 GAIA_RE02, only the author deletes", async () => {
  const record = await newRecord();
  await rejectsWith(sato.record.getRecordComments({ app, record: 999999 }), { status: 404, code: "GAIA_RE01" });
  await rejectsWith(sato.record.addRecordComment({ app, record: 999999, comment: { text: "x" } }), { status: 404, code: "GAIA_RE01" });
  await rejectsWith(sato.record.deleteRecordComment({ app, record: 999999, comment: 1 }), { status: 404, code: "GAIA_RE01" });
  const { id } = await sato.record.addRecordComment({ app, record, comment: { text: "mine" } });
  await rejectsWith(sato.record.deleteRecordComment({ app, record, comment: 999999 }), { status: 400, code: "GAIA_RE02" });
  await rejectsWith(suzuki.record.deleteRecordComment({ app, record, comment: id }), { status: 403, code: "CB_NO02" });
  await rejectsWith(admin.record.deleteRecordComment({ app, record, comment: id }), { status: 403, code: "CB_NO02" });
  assert.deepEqual(await sato.record.deleteRecordComment({ app, record, comment: id }), {});
  await rejectsWith(sato.record.deleteRecordComment({ app, record, comment: id }), { status: 400, code: "GAIA_RE02" });
  await rejectsWith(sato.record.getRecordComments({ app: 999999, record }), { status: 404, code: "GAIA_AP01" });
});

test("comments go with their record", async () => {
  const record = await newRecord();
  const { id } = await sato.record.addRecordComment({ app, record, comment: { text: "bye" } });
  await admin.record.deleteRecords({ app, ids: [record] });
  await rejectsWith(sato.record.getRecordComments({ app, record }), { status: 404, code: "GAIA_RE01" });
  const other = await newRecord();
  await rejectsWith(sato.record.deleteRecordComment({ app, record: other, comment: id }), { status: 400, code: "GAIA_RE02" });
});

test("comments: API tokens need the view grant and post as Administrator", async () => {
  const record = await newRecord();
  const viewer = await call("POST", "/api/app/tokens.json", { app, viewRecord: true });
  const adder = await call("POST", "/api/app/tokens.json", { app, addRecord: true });
  assert.equal(viewer.status, 200, viewer.text);
  await deploy(admin, app);
  const token = server.client({ apiToken: viewer.json.token });
  const noView = server.client({ apiToken: adder.json.token });
  const { id } = await token.record.addRecordComment({ app, record, comment: { text: "from a script" } });
  const { comments } = await token.record.getRecordComments({ app, record });
  assert.equal(comments[0].creator.code, "Administrator");
  await rejectsWith(noView.record.getRecordComments({ app, record }), { status: 403, code: "GAIA_NO01" });
  await rejectsWith(noView.record.addRecordComment({ app, record, comment: { text: "x" } }), { status: 403, code: "GAIA_NO01" });
  await token.record.deleteRecordComment({ app, record, comment: id });
});

test("comments turned off in the app settings are refused with TK_CM01", async () => {
  const off = await createApp(admin, "No comments", { title: { type: "SINGLE_LINE_TEXT", code: "title", label: "Title" } });
  await admin.app.updateAppSettings({ app: off, enableComments: false });
  await deploy(admin, off);
  const { id } = await admin.record.addRecord({ app: off, record: { title: { value: "x" } } });
  await rejectsWith(admin.record.getRecordComments({ app: off, record: id }), { status: 400, code: "TK_CM01" });
  await rejectsWith(admin.record.addRecordComment({ app: off, record: id, comment: { text: "x" } }), { status: 400, code: "TK_CM01" });
});

test("history: newest first with who, when and before/after, paged", async () => {
  const record = await newRecord("first");
  await sato.record.updateRecord({ app, id: record, record: { title: { value: "second" } } });
  await admin.record.updateRecord({ app, id: record, record: { title: { value: "third" }, secret: { value: "s1" } } });
  const r = await call("GET", `/api/record/history.json?app=${app}&id=${record}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.totalCount, "3");
  assert.deepEqual(r.json.history.map((h) => [h.revision, h.action, h.user.code]),
    [["3", "update", "admin"], ["2", "update", "sato"], ["1", "add", "admin"]]);
  assert.match(r.json.history[0].at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.deepEqual(r.json.history[1].changes, [{ code: "title", label: "Title", type: "SINGLE_LINE_TEXT", before: "first", after: "second" }]);
  const page = await call("GET", `/api/record/history.json?app=${app}&id=${record}&offset=1&limit=1`);
  assert.deepEqual(page.json.history.map((h) => h.revision), ["2"]);
  const bad = await call("GET", `/api/record/history.json?app=${app}&id=${record}&limit=0`);
  assert.equal(bad.status, 400);
  assert.equal(bad.json.code, "CB_VA01");
  const missing = await call("GET", `/api/record/history.json?app=${app}&id=999999`);
  assert.equal(missing.status, 404);
  assert.equal(missing.json.code, "GAIA_RE01");
});

// An add is stored without the record (it would double the database): its entry shows the
// record as added, the current one with every later update undone.
test("history: the add entry shows the record as it was added, after any updates", async () => {
  const kept = await createApp(admin, "History", {
    title: { type: "SINGLE_LINE_TEXT", code: "title", label: "Title" },
    note: { type: "MULTI_LINE_TEXT", code: "note", label: "Note" },
    amount: { type: "NUMBER", code: "amount", label: "Amount" },
    items: { type: "SUBTABLE", code: "items", label: "Items", fields: {
      item: { type: "SINGLE_LINE_TEXT", code: "item", label: "Item" },
    } },
  });
  const { id } = await admin.record.addRecord({ app: kept, record: {
    title: { value: "申請" }, note: { value: "初回" }, amount: { value: "5" },
    items: { value: [{ value: { item: { value: "机" } } }, { value: { item: { value: "椅子" } } }] },
  } });
  const added = (await admin.record.getRecord({ app: kept, id })).record;
  const asAdded = (h) => Object.fromEntries(h.changes.map((c) => [c.code, c.after]));
  const history = async (query = "") =>
    (await call("GET", `/api/record/history.json?app=${kept}&id=${id}${query}`)).json.history;
  const first = await history();
  assert.deepEqual(first.map((h) => h.action), ["add"]);
  const expected = { title: "申請", note: "初回", amount: "5", items: added.items.value };
  assert.deepEqual(asAdded(first[0]), expected);

  await admin.record.updateRecord({ app: kept, id, record: { title: { value: "申請（訂正）" }, note: { value: "" } } });
  await sato.record.updateRecord({ app: kept, id, record: { amount: { value: "7" }, items: { value: [{ value: { item: { value: "棚" } } }] } } });
  await admin.record.updateRecord({ app: kept, id, record: { title: { value: "申請（再訂正）" } } });
  const all = await history();
  assert.deepEqual(all.map((h) => [h.revision, h.action]), [["4", "update"], ["3", "update"], ["2", "update"], ["1", "add"]]);
  assert.deepEqual(asAdded(all[3]), expected);
  assert.deepEqual(all[3].changes.map((c) => c.before), [null, null, null, null]);
  // The add alone on the last page: the same.
  const last = await history("&offset=3&limit=1");
  assert.deepEqual(last.map((h) => h.revision), ["1"]);
  assert.deepEqual(asAdded(last[0]), expected);
});

test("history follows renamed field codes, swapped codes too", async () => {
  const renamed = await createApp(admin, "HistoryRenamed", {
    title: { type: "SINGLE_LINE_TEXT", code: "title", label: "Title" },
    a: { type: "SINGLE_LINE_TEXT", code: "a", label: "A" },
    b: { type: "SINGLE_LINE_TEXT", code: "b", label: "B" },
    items: { type: "SUBTABLE", code: "items", label: "Items", fields: {
      item: { type: "SINGLE_LINE_TEXT", code: "item", label: "Item" },
    } },
  });
  const { id } = await admin.record.addRecord({ app: renamed, record: {
    title: { value: "初版" }, a: { value: "a1" }, b: { value: "b1" },
    items: { value: [{ value: { item: { value: "机" } } }] },
  } });
  await admin.record.updateRecord({ app: renamed, id, record: {
    title: { value: "改訂" }, a: { value: "a2" }, items: { value: [{ value: { item: { value: "椅子" } } }] },
  } });

  // title -> 件名, and a and b swap their codes (through a third code: a form never holds two
  // fields with one code), all in one deploy.
  const rename = (properties) => admin.app.updateFormFields({ app: renamed, properties });
  await rename({ title: { type: "SINGLE_LINE_TEXT", code: "件名" }, a: { type: "SINGLE_LINE_TEXT", code: "tmp" } });
  await rename({ b: { type: "SINGLE_LINE_TEXT", code: "a" } });
  await rename({ tmp: { type: "SINGLE_LINE_TEXT", code: "b" } });
  // The table and the field inside it both get new codes.
  await rename({ items: { type: "SUBTABLE", code: "明細", fields: { item: { type: "SINGLE_LINE_TEXT", code: "品名" } } } });
  await deploy(admin, renamed);

  const history = (await call("GET", `/api/record/history.json?app=${renamed}&id=${id}`)).json.history;
  assert.deepEqual(history.map((h) => h.action), ["update", "add"]);
  const rows = (v) => v && v.map((row) => Object.fromEntries(Object.entries(row.value).map(([k, f]) => [k, f.value])));
  const changes = (h) => Object.fromEntries(h.changes.map((c) =>
    [c.code, c.type === "SUBTABLE" ? [rows(c.before), rows(c.after)] : [c.before, c.after]]));
  // The field once coded a is now b: its change is shown under b.
  assert.deepEqual(changes(history[0]), {
    件名: ["初版", "改訂"], b: ["a1", "a2"], 明細: [[{ 品名: "机" }], [{ 品名: "椅子" }]],
  });
  assert.deepEqual(changes(history[1]), {
    件名: [null, "初版"], b: [null, "a1"], a: [null, "b1"], 明細: [null, [{ 品名: "机" }]],
  });
});

test("history and rights follow field and record permissions", async () => {
  const guarded = await createApp(admin, "Guarded", {
    title: { type: "SINGLE_LINE_TEXT", code: "title", label: "Title" },
    secret: { type: "SINGLE_LINE_TEXT", code: "secret", label: "Secret" },
    note: { type: "SINGLE_LINE_TEXT", code: "note", label: "Note" },
  });
  const { id: open } = await admin.record.addRecord({ app: guarded, record: { title: { value: "open" }, secret: { value: "s0" } } });
  const { id: closed } = await admin.record.addRecord({ app: guarded, record: { title: { value: "closed" } } });
  await admin.record.updateRecord({ app: guarded, id: open, record: { secret: { value: "s1" }, note: { value: "n1" } } });
  await admin.app.updateFieldAcl({ app: guarded, rights: [
    { code: "secret", entities: [{ accessibility: "WRITE", entity: { type: "USER", code: "admin" } }, { accessibility: "NONE", entity: { type: "GROUP", code: "everyone" } }] },
    { code: "note", entities: [{ accessibility: "WRITE", entity: { type: "USER", code: "admin" } }, { accessibility: "READ", entity: { type: "GROUP", code: "everyone" } }] },
  ] });
  await admin.app.updateRecordAcl({ app: guarded, rights: [
    { filterCond: 'title = "closed"', entities: [{ entity: { type: "USER", code: "admin" }, viewable: true, editable: true, deletable: true }] },
  ] });
  await deploy(admin, guarded);
  const hist = await call("GET", `/api/record/history.json?app=${guarded}&id=${open}`, undefined, sato.auth);
  assert.equal(hist.status, 200, hist.text);
  assert.ok(!hist.text.includes("secret") && !hist.text.includes("s0") && !hist.text.includes("s1"), hist.text);
  assert.deepEqual(hist.json.history[0].changes.map((c) => c.code), ["note"]);
  const adminHist = await call("GET", `/api/record/history.json?app=${guarded}&id=${open}`);
  assert.deepEqual(adminHist.json.history[0].changes.map((c) => c.code), ["secret", "note"]);
  const hidden = await call("GET", `/api/record/history.json?app=${guarded}&id=${closed}`, undefined, sato.auth);
  assert.equal(hidden.status, 403);
  assert.equal(hidden.json.code, "CB_NO02");
  await rejectsWith(sato.record.getRecordComments({ app: guarded, record: closed }), { status: 403, code: "CB_NO02" });
  await rejectsWith(sato.record.addRecordComment({ app: guarded, record: closed, comment: { text: "x" } }), { status: 403, code: "CB_NO02" });

  const rights = await call("GET", `/api/record/rights.json?app=${guarded}&id=${open}`, undefined, sato.auth);
  assert.equal(rights.status, 200, rights.text);
  assert.deepEqual(rights.json.record, { viewable: true, editable: true, deletable: true });
  assert.deepEqual(rights.json.fields.secret, { viewable: false, editable: false });
  assert.deepEqual(rights.json.fields.note, { viewable: true, editable: false });
  assert.deepEqual(rights.json.fields.title, { viewable: true, editable: true });
  const closedRights = await call("GET", `/api/record/rights.json?app=${guarded}&id=${closed}`, undefined, sato.auth);
  assert.deepEqual(closedRights.json.record, { viewable: false, editable: false, deletable: false });
  assert.equal(closedRights.json.fields.title.viewable, false);
  const fresh = await call("GET", `/api/record/rights.json?app=${guarded}`, undefined, sato.auth);
  assert.deepEqual(fresh.json.record, { addable: true });
  assert.deepEqual(fresh.json.fields.note, { viewable: true, editable: false });
  assert.deepEqual(fresh.json.fields.secret, { viewable: false, editable: false });
  // The rights agree with enforcement: writing the read-only field is refused.
  await rejectsWith(sato.record.updateRecord({ app: guarded, id: open, record: { note: { value: "x" } } }), { status: 403, code: "GAIA_FU01" });
  const missing = await call("GET", `/api/record/rights.json?app=${guarded}&id=999999`, undefined, sato.auth);
  assert.equal(missing.json.code, "GAIA_RE01");
});

test("history of an app holding personal data is an audited read", async () => {
  const personal = await createApp(admin, "Residents", { name: { type: "SINGLE_LINE_TEXT", code: "name", label: "Name" } });
  await admin.app.updateAppSettings({ app: personal, holdsPersonalData: true });
  await deploy(admin, personal);
  const { id } = await admin.record.addRecord({ app: personal, record: { name: { value: "山田" } } });
  const r = await call("GET", `/api/record/history.json?app=${personal}&id=${id}`, undefined, sato.auth);
  assert.equal(r.status, 200, r.text);
  await sato.record.getRecordComments({ app: personal, record: id });
  const log = await call("GET", `/api/audit/log.json?limit=50&app=${personal}`);
  assert.equal(log.status, 200, log.text);
  const seen = log.json.entries.map((e) => [e.action, e.target, e.user]);
  assert.ok(seen.some((e) => e[0] === "record.history.read" && e[1] === id && e[2] === "sato"), JSON.stringify(seen));
  assert.ok(seen.some((e) => e[0] === "record.comments.read" && e[1] === id && e[2] === "sato"), JSON.stringify(seen));
});

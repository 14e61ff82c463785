// Authentication: password header, Basic, API tokens (rights, apps, several at once),
// throttling of failed logins, and browser sessions with their CSRF token.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { KintoneRestAPIClient } from "@kintone/rest-api-client";
import { startServer, raw, ADMIN } from "../lib/server.mjs";
import { createApp } from "../lib/apps.mjs";
import { rejectsWith, isError } from "../lib/expect.mjs";

let server, admin, app1, app2;
const b64 = (s) => Buffer.from(s).toString("base64");

server = await startServer();

before(async () => {
  admin = server.client();
  const fields = { title: { type: "SINGLE_LINE_TEXT", code: "title", label: "Title" } };
  app1 = await createApp(admin, "Auth one", fields);
  app2 = await createApp(admin, "Auth two", fields);
  await admin.record.addRecord({ app: app1, record: { title: { value: "in app 1" } } });
  await admin.record.addRecord({ app: app2, record: { title: { value: "in app 2" } } });
});

async function newToken(app, rights) {
  const r = await raw(server.baseUrl, "POST", "/api/app/tokens.json", { body: { app, ...rights } });
  assert.equal(r.status, 200, r.text);
  assert.equal(typeof r.json.token, "string");
  return r.json.token;
}

const tokenClient = (apiToken) =>
  new KintoneRestAPIClient({ baseUrl: server.baseUrl, auth: { apiToken } });

test("password header authenticates and unknown credentials answer 401 CB_WA01 alike", async () => {
  const { apps } = await admin.app.getApps({});
  assert.equal(apps.length, 2);

  const wrong = await raw(server.baseUrl, "GET", "/k/v1/apps.json", {
    auth: { username: ADMIN.username, password: "wrong" },
    headers: { "Accept-Language": "ja" },
  });
  const body = isError(wrong, 401, "CB_WA01");
  assert.equal(
    body.message,
    "ユーザーのパスワード認証に失敗しました。「X-Cybozu-Authorization」ヘッダーの値が正しくありません。",
  );
  assert.equal(body.errors, undefined);

  const unknown = await raw(server.baseUrl, "GET", "/k/v1/apps.json", {
    auth: { username: "nobody-here", password: "wrong" },
    headers: { "Accept-Language": "ja" },
  });
  assert.equal(isError(unknown, 401, "CB_WA01").message, body.message);

  await rejectsWith(server.client({ username: "nobody-here", password: "x" }).app.getApps({}), {
    status: 401,
    code: "CB_WA01",
  });
});

test("a malformed X-Cybozu-Authorization value is CB_WA01", async () => {
  for (const value of ["not base64 at all!", b64("no-colon"), b64(":only-password")]) {
    const r = await raw(server.baseUrl, "GET", "/k/v1/apps.json", {
      auth: null,
      headers: { "X-Cybozu-Authorization": value },
    });
    isError(r, 401, "CB_WA01");
  }
});

test("no credentials answer 401 CB_AU01", async () => {
  const r = await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${app1}`, {
    auth: null,
    headers: { "Accept-Language": "en" },
  });
  assert.equal(isError(r, 401, "CB_AU01").message, "Please login.");
  const ja = await raw(server.baseUrl, "GET", "/k/v1/apps.json", {
    auth: null,
    headers: { "Accept-Language": "ja" },
  });
  assert.equal(isError(ja, 401, "CB_AU01").message, "ログインしてください。");
});

test("HTTP Basic credentials authenticate like the password header", async () => {
  const r = await raw(server.baseUrl, "GET", `/k/v1/record.json?app=${app1}&id=1`, {
    auth: null,
    headers: { Authorization: "Basic " + b64(`${ADMIN.username}:${ADMIN.password}`) },
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.record.title.value, "in app 1");
  const bad = await raw(server.baseUrl, "GET", "/k/v1/apps.json", {
    auth: null,
    headers: { Authorization: "Basic " + b64(`${ADMIN.username}:nope`) },
  });
  isError(bad, 401, "CB_WA01");
});

test("an API token with view rights reads its app's records and writes as Administrator", async () => {
  const token = await newToken(app1, { viewRecord: true, addRecord: true });
  const c = tokenClient(token);
  const { records } = await c.record.getRecords({ app: app1 });
  assert.deepEqual(
    records.map((r) => r.title.value),
    ["in app 1"],
  );
  const { id } = await c.record.addRecord({ app: app1, record: { title: { value: "by token" } } });
  const { record } = await c.record.getRecord({ app: app1, id });
  assert.equal(record["作成者"].value.code, "Administrator");
  assert.equal(record["更新者"].value.code, "Administrator");
  await admin.record.deleteRecords({ app: app1, ids: [id] });
});

test("a token of another app is 400 GAIA_IA02", async () => {
  const token = await newToken(app1, { viewRecord: true });
  await rejectsWith(tokenClient(token).record.getRecords({ app: app2 }), {
    status: 400,
    code: "GAIA_IA02",
  });
});

test("a token lacking the needed right is 403 GAIA_NO01", async () => {
  const token = await newToken(app1, { viewRecord: true });
  const c = tokenClient(token);
  const e = await rejectsWith(c.record.addRecord({ app: app1, record: {} }), { status: 403, code: "GAIA_NO01" });
  assert.equal(e.errors, undefined);
  await rejectsWith(c.record.updateRecord({ app: app1, id: 1, record: {} }), { status: 403, code: "GAIA_NO01" });
  await rejectsWith(c.record.deleteRecords({ app: app1, ids: [1] }), { status: 403, code: "GAIA_NO01" });
  await rejectsWith(c.app.getFormFields({ app: app1, preview: true }), { status: 403, code: "GAIA_NO01" });
  await rejectsWith(
    c.app.updateAppSettings({ app: app1, description: "x" }),
    { status: 403, code: "GAIA_NO01" },
  );

  const writeOnly = tokenClient(await newToken(app1, { addRecord: true }));
  await rejectsWith(writeOnly.record.getRecords({ app: app1 }), { status: 403, code: "GAIA_NO01" });
});

test("an add-only token (a web form) adds records and reads the live form, nothing else", async () => {
  const c = tokenClient(await newToken(app1, { addRecord: true }));
  const { id } = await c.record.addRecord({ app: app1, record: { title: { value: "from a form" } } });
  assert.match(id, /^\d+$/);
  const { properties } = await c.app.getFormFields({ app: app1 });
  assert.equal(properties.title.type, "SINGLE_LINE_TEXT");
  await rejectsWith(c.record.getRecord({ app: app1, id }), { status: 403, code: "GAIA_NO01" });
  await rejectsWith(c.app.getFormFields({ app: app1, preview: true }), { status: 403, code: "GAIA_NO01" });
  await admin.record.deleteRecords({ app: app1, ids: [id] });
});

test("two tokens of the same app combine their rights", async () => {
  const view = await newToken(app1, { viewRecord: true });
  const add = await newToken(app1, { addRecord: true });
  const c = new KintoneRestAPIClient({ baseUrl: server.baseUrl, auth: { apiToken: [view, add] } });
  const { id } = await c.record.addRecord({ app: app1, record: { title: { value: "combined" } } });
  assert.equal((await c.record.getRecord({ app: app1, id })).record.title.value, "combined");
  await rejectsWith(c.record.deleteRecords({ app: app1, ids: [id] }), { status: 403, code: "GAIA_NO01" });
  await admin.record.deleteRecords({ app: app1, ids: [id] });
});

test("a token with app management reads and writes preview settings", async () => {
  const c = tokenClient(await newToken(app1, { editApp: true }));
  const { properties } = await c.app.getFormFields({ app: app1, preview: true });
  assert.equal(properties.title.type, "SINGLE_LINE_TEXT");
  const { revision } = await c.app.getAppSettings({ app: app1, preview: true });
  const r = await c.app.updateAppSettings({ app: app1, description: "by token", revision });
  assert.equal(r.revision, String(Number(revision) + 1));
  await c.app.deployApp({ apps: [{ app: app1 }], revert: true });
});

test("comma-joined and repeated token headers cover several apps", async () => {
  const t1 = await newToken(app1, { viewRecord: true });
  const t2 = await newToken(app2, { viewRecord: true });
  const c = new KintoneRestAPIClient({ baseUrl: server.baseUrl, auth: { apiToken: [t1, t2] } });
  assert.equal((await c.record.getRecords({ app: app1 })).records.length, 1);
  assert.equal((await c.record.getRecords({ app: app2 })).records.length, 1);

  const h = new Headers();
  h.append("X-Cybozu-API-Token", t1);
  h.append("X-Cybozu-API-Token", t2);
  const r = await fetch(`${server.baseUrl}/k/v1/records.json?app=${app2}`, { headers: h });
  assert.equal(r.status, 200);
  assert.equal((await r.json()).records[0].title.value, "in app 2");
});

test("more than nine tokens at once are refused", async () => {
  const t = await newToken(app1, { viewRecord: true });
  const r = await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${app1}`, {
    auth: null,
    headers: { "X-Cybozu-API-Token": Array(10).fill(t).join(",") },
  });
  isError(r, 400, "GAIA_IA01");
  const nine = await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${app1}`, {
    auth: null,
    headers: { "X-Cybozu-API-Token": Array(9).fill(t).join(",") },
  });
  assert.equal(nine.status, 200, nine.text);
});

test("an unknown token is GAIA_IA02 and the password header wins over a token", async () => {
  const r = await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${app1}`, {
    auth: null,
    headers: { "X-Cybozu-API-Token": "no-such-token" },
  });
  isError(r, 400, "GAIA_IA02");
  const both = await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${app1}`, {
    headers: { "X-Cybozu-API-Token": "no-such-token" },
  });
  assert.equal(both.status, 200, both.text);
});

test("apps.json, app creation and token management refuse API tokens with CB_NO02", async () => {
  const c = tokenClient(await newToken(app1, { viewRecord: true, editApp: true }));
  await rejectsWith(c.app.getApps({}), { status: 403, code: "CB_NO02" });
  await rejectsWith(c.app.addApp({ name: "by token" }), { status: 403, code: "CB_NO02" });
  const token = await newToken(app1, { viewRecord: true });
  const r = await raw(server.baseUrl, "GET", `/api/app/tokens.json?app=${app1}`, {
    auth: null,
    headers: { "X-Cybozu-API-Token": token },
  });
  isError(r, 403, "CB_NO02");
  // app.json accepts tokens.
  const app = await c.app.getApp({ id: app1 });
  assert.equal(app.appId, String(app1));
});

test("tokens are listed without their text and stop working once revoked", async () => {
  const token = await newToken(app2, { viewRecord: true, deleteRecord: true });
  const list = await raw(server.baseUrl, "GET", `/api/app/tokens.json?app=${app2}`);
  assert.equal(list.status, 200, list.text);
  const entry = list.json.tokens.find((t) => token.startsWith(t.hint) && !t.revoked);
  assert.ok(entry, list.text);
  assert.equal(typeof entry.id, "string");
  assert.equal(entry.viewRecord, true);
  assert.equal(entry.addRecord, false);
  assert.equal(entry.editRecord, false);
  assert.equal(entry.deleteRecord, true);
  assert.equal(entry.editApp, false);
  assert.ok(!list.text.includes(token), "token text is never listed again");

  const c = tokenClient(token);
  await c.record.getRecords({ app: app2 });
  const del = await raw(server.baseUrl, "DELETE", `/api/app/tokens.json?app=${app2}&id=${entry.id}`);
  assert.equal(del.status, 200, del.text);
  assert.deepEqual(del.json, {});
  await rejectsWith(c.record.getRecords({ app: app2 }), { status: 400, code: "GAIA_IA02" });
  const after = await raw(server.baseUrl, "GET", `/api/app/tokens.json?app=${app2}`);
  assert.equal(after.json.tokens.find((t) => t.id === entry.id).revoked, true);
});

test("a revoked token stops working at once, alone or with others, even while in use", async () => {
  // Verified tokens are remembered in memory; revocation must still take effect immediately.
  const t1 = await newToken(app1, { viewRecord: true });
  const t2 = await newToken(app2, { viewRecord: true });
  const one = tokenClient(t1);
  const both = tokenClient(`${t1},${t2}`);
  for (let i = 0; i < 3; i++) {
    assert.equal((await one.record.getRecords({ app: app1 })).records.length, 1);
    assert.equal((await both.record.getRecords({ app: app2 })).records.length, 1);
  }
  const list = await raw(server.baseUrl, "GET", `/api/app/tokens.json?app=${app1}`);
  const entry = list.json.tokens.find((t) => t1.startsWith(t.hint) && !t.revoked);
  assert.ok(entry, list.text);

  // Requests in flight while the token is revoked may go either way; none after it may pass.
  let stop = false;
  const inFlight = Array.from({ length: 8 }, async () => {
    while (!stop) await one.record.getRecords({ app: app1 }).catch(() => {});
  });
  const del = await raw(server.baseUrl, "DELETE", `/api/app/tokens.json?app=${app1}&id=${entry.id}`);
  assert.equal(del.status, 200, del.text);
  for (let i = 0; i < 20; i++) {
    await rejectsWith(one.record.getRecords({ app: app1 }), { status: 400, code: "GAIA_IA02" });
  }
  stop = true;
  await Promise.all(inFlight);
  await rejectsWith(one.record.getRecords({ app: app1 }), { status: 400, code: "GAIA_IA02" });
  await rejectsWith(both.record.getRecords({ app: app2 }), { status: 400, code: "GAIA_IA02" });
  // The other token is unaffected.
  assert.equal((await tokenClient(t2).record.getRecords({ app: app2 })).records.length, 1);
});

test("token administration validates its parameters and needs app management", async () => {
  const missing = await raw(server.baseUrl, "POST", "/api/app/tokens.json", { body: { viewRecord: true } });
  assert.deepEqual(isError(missing, 400, "CB_VA01").errors, {
    app: { messages: ["Required field."] },
  });
  const unknown = await raw(server.baseUrl, "POST", "/api/app/tokens.json", { body: { app: 999 } });
  assert.equal(unknown.status >= 400, true);
  assert.ok(["GAIA_AP01", "CB_NO02"].includes(unknown.json.code), unknown.text);

  const bob = server.addUser("bob", "bob-password-1");
  const r = await raw(server.baseUrl, "POST", "/api/app/tokens.json", {
    auth: bob,
    body: { app: app1, viewRecord: true },
  });
  isError(r, 403, "CB_NO02");
  // An ordinary user still works with records of the app (kintone's default permissions).
  const { records } = await server.client(bob).record.getRecords({ app: app1 });
  assert.equal(records.length, 1);
  await rejectsWith(server.client(bob).app.getFormFields({ app: app1, preview: true }), {
    status: 403,
    code: "CB_NO02",
  });
});

test("repeated failures lock the account with 429 CB_LO01, other accounts unaffected", async () => {
  const carol = server.addUser("carol", "carol-password-1");
  const wrong = { username: "carol", password: "not-it" };
  let lastStatus;
  for (let i = 0; i < 6; i++) {
    const r = await raw(server.baseUrl, "GET", "/k/v1/apps.json", { auth: wrong });
    lastStatus = r.status;
    if (r.status === 429) break;
    isError(r, 401, "CB_WA01");
  }
  const locked = await raw(server.baseUrl, "GET", "/k/v1/apps.json", {
    auth: carol,
    headers: { "Accept-Language": "en" },
  });
  const body = isError(locked, 429, "CB_LO01");
  assert.equal(body.message, "Too many login attempts. Please try again later.");
  assert.equal(locked.headers.get("x-cybozu-error"), "CB_LO01");
  assert.ok([401, 429].includes(lastStatus));
  // The lock is per account: the administrator is not affected.
  const ok = await raw(server.baseUrl, "GET", "/k/v1/apps.json");
  assert.equal(ok.status, 200);
});

async function login(username, password, headers = { "X-Requested-With": "XMLHttpRequest" }) {
  return raw(server.baseUrl, "POST", "/api/session/login.json", {
    auth: null,
    headers,
    body: { username, password },
  });
}

test("browser session: login sets the cookie, reads need X-Requested-With, writes the CSRF token", async () => {
  const r = await login(ADMIN.username, ADMIN.password);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.user.code, ADMIN.username);
  assert.equal(typeof r.json.csrfToken, "string");
  const setCookie = r.headers.get("set-cookie");
  assert.match(setCookie, /^tsumiki_session=[^;]+; /);
  assert.match(setCookie, /HttpOnly/);
  const cookie = setCookie.split(";")[0];
  const xhr = { Cookie: cookie, "X-Requested-With": "XMLHttpRequest" };

  const session = await raw(server.baseUrl, "GET", "/api/session.json", { auth: null, headers: { Cookie: cookie } });
  assert.equal(session.status, 200, session.text);
  assert.equal(session.json.user.code, ADMIN.username);
  assert.equal(session.json.csrfToken, r.json.csrfToken);

  const read = await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${app1}`, { auth: null, headers: xhr });
  assert.equal(read.status, 200, read.text);
  const noHeader = await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${app1}`, {
    auth: null,
    headers: { Cookie: cookie },
  });
  isError(noHeader, 401, "CB_AU01");

  const record = { title: { value: "by session" } };
  const noToken = await raw(server.baseUrl, "POST", "/k/v1/record.json", {
    auth: null,
    headers: xhr,
    body: { app: app1, record },
  });
  isError(noToken, 403, "CB_NO02");
  const badToken = await raw(server.baseUrl, "POST", "/k/v1/record.json", {
    auth: null,
    headers: xhr,
    body: { app: app1, record, __REQUEST_TOKEN__: "forged" },
  });
  isError(badToken, 403, "CB_NO02");
  const added = await raw(server.baseUrl, "POST", "/k/v1/record.json", {
    auth: null,
    headers: xhr,
    body: { app: app1, record, __REQUEST_TOKEN__: r.json.csrfToken },
  });
  assert.equal(added.status, 200, added.text);
  const { record: stored } = await admin.record.getRecord({ app: app1, id: added.json.id });
  assert.equal(stored["作成者"].value.code, ADMIN.username);

  // DELETE carries the token in the query string.
  const delNoToken = await raw(server.baseUrl, "DELETE", `/k/v1/records.json?app=${app1}&ids[0]=${added.json.id}`, {
    auth: null,
    headers: xhr,
  });
  isError(delNoToken, 403, "CB_NO02");
  const del = await raw(
    server.baseUrl,
    "DELETE",
    `/k/v1/records.json?app=${app1}&ids[0]=${added.json.id}&__REQUEST_TOKEN__=${encodeURIComponent(r.json.csrfToken)}`,
    { auth: null, headers: xhr },
  );
  assert.equal(del.status, 200, del.text);

  const out = await raw(server.baseUrl, "POST", "/api/session/logout.json", { auth: null, headers: xhr, body: {} });
  assert.equal(out.status, 200, out.text);
  assert.match(out.headers.get("set-cookie"), /^tsumiki_session=;.*Max-Age=0/);
  const afterLogout = await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${app1}`, { auth: null, headers: xhr });
  isError(afterLogout, 401, "CB_AU01");
  const sessionGone = await raw(server.baseUrl, "GET", "/api/session.json", { auth: null, headers: { Cookie: cookie } });
  isError(sessionGone, 401, "CB_AU01");
});

test("session login refuses missing X-Requested-With, wrong passwords and missing fields", async () => {
  const noHeader = await login(ADMIN.username, ADMIN.password, {});
  isError(noHeader, 403, "CB_NO02");
  assert.equal(noHeader.headers.get("set-cookie"), null);

  const wrong = await login("dave-does-not-exist", "whatever");
  const body = isError(wrong, 400, "CB_VA01");
  assert.deepEqual(Object.keys(body.errors), ["password"]);

  const missing = await raw(server.baseUrl, "POST", "/api/session/login.json", {
    auth: null,
    headers: { "X-Requested-With": "XMLHttpRequest" },
    body: { username: ADMIN.username },
  });
  assert.deepEqual(isError(missing, 400, "CB_VA01").errors, { password: { messages: ["Required field."] } });

  const none = await raw(server.baseUrl, "GET", "/api/session.json", { auth: null });
  isError(none, 401, "CB_AU01");
  const forged = await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${app1}`, {
    auth: null,
    headers: { Cookie: "tsumiki_session=forged", "X-Requested-With": "XMLHttpRequest" },
  });
  isError(forged, 401, "CB_AU01");
});

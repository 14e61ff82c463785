// Audit log: what is recorded (sign-ins and failures, logouts, directory changes, deploys,
// tokens and their use, exports, reads of personal-data apps and only those), searching
// and CSV export for administrators only, and `tsumiki admin audit verify` finding an
// altered or removed entry in a tampered copy of the database.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KintoneRestAPIClient } from "@kintone/rest-api-client";
import { startServer, raw, tsumikiBinary, ADMIN } from "../lib/server.mjs";
import { createApp, deploy } from "../lib/apps.mjs";
import { isError } from "../lib/expect.mjs";

const server = await startServer();
let admin, residents, plain, staff, ids;

const fields = { name: { type: "SINGLE_LINE_TEXT", code: "name", label: "Name" } };

async function search(query = "", auth = ADMIN) {
  const r = await raw(server.baseUrl, "GET", `/api/audit/log.json?limit=500${query}`, { auth });
  assert.equal(r.status, 200, r.text);
  return r.json.entries;
}

before(async () => {
  admin = server.client();
  residents = await createApp(admin, "住民申請", fields);
  plain = await createApp(admin, "備品", fields);
  // Mark the residents' app as holding personal data, then deploy the setting.
  await admin.app.updateAppSettings({ app: residents, holdsPersonalData: true });
  await deploy(admin, residents);
  const added = await admin.record.addRecords({
    app: residents,
    records: [{ name: { value: "山田 太郎" } }, { name: { value: "佐藤 花子" } }, { name: { value: "田中 一郎" } }],
  });
  ids = added.ids;
  await admin.record.addRecord({ app: plain, record: { name: { value: "机" } } });
  staff = server.addUser("staff", "staff-password-1");
});

test("sign-ins, failures and logouts are recorded with the address", async () => {
  await raw(server.baseUrl, "GET", "/k/v1/apps.json", { auth: { username: "staff", password: "wrong" } });
  const login = await raw(server.baseUrl, "POST", "/api/session/login.json", {
    auth: null,
    headers: { "X-Requested-With": "XMLHttpRequest" },
    body: { username: "staff", password: "staff-password-1" },
  });
  assert.equal(login.status, 200, login.text);
  const bad = await raw(server.baseUrl, "POST", "/api/session/login.json", {
    auth: null,
    headers: { "X-Requested-With": "XMLHttpRequest" },
    body: { username: "nobody", password: "guess" },
  });
  assert.equal(bad.status, 400);
  const cookie = login.headers.get("set-cookie").split(";")[0];
  await raw(server.baseUrl, "POST", "/api/session/logout.json", {
    auth: null,
    headers: { Cookie: cookie, "X-Requested-With": "XMLHttpRequest" },
    body: {},
  });
  // Logouts without a session (none, or one already ended) end nothing and are not logged.
  for (const headers of [{ "X-Requested-With": "XMLHttpRequest" }, { Cookie: cookie, "X-Requested-With": "XMLHttpRequest" }]) {
    const again = await raw(server.baseUrl, "POST", "/api/session/logout.json", { auth: null, headers, body: {} });
    assert.equal(again.status, 200);
  }

  const entries = await search("&action=login.");
  const failures = entries.filter((e) => e.action === "login.failure");
  assert.deepEqual(
    failures.map((e) => [e.user, e.detail.via]),
    [["nobody", "session"], ["staff", "header"]],
  );
  assert.ok(failures.every((e) => e.address === "127.0.0.1"));
  assert.ok(entries.every((e) => e.action === "login.failure"), "login. matches login.* only");
  const logins = await search("&action=login");
  assert.deepEqual(logins.map((e) => e.user), ["staff"]);
  const logout = await search("&action=logout");
  assert.equal(logout.length, 1);
  assert.match(logout[0].at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

test("reads of a personal-data app name the records; other apps' reads are not logged", async () => {
  await admin.record.getRecords({ app: residents, query: `name like "山田"` });
  await admin.record.getRecord({ app: residents, id: ids[1] });
  await admin.record.getRecords({ app: plain });
  // Leaving $id out of the fields does not hide the read: the count and query are kept.
  await admin.record.getRecords({ app: residents, fields: ["name"], query: "order by name asc" });
  const reads = await search("&action=record.read");
  assert.deepEqual(
    reads.map((e) => [e.app, e.target, e.user]),
    [
      [String(residents), "", ADMIN.username],
      [String(residents), ids[1], ADMIN.username],
      [String(residents), ids[0], ADMIN.username],
    ],
  );
  assert.deepEqual(reads[0].detail, { count: 3, query: "order by name asc", fields: ["name"] });
  assert.equal(reads[2].detail.query, `name like "山田"`);
  assert.equal(reads[2].detail.count, 1);
  // "Who looked at this resident's record": filter by app, then look for the id.
  const byApp = await search(`&app=${residents}&action=record.read`);
  assert.ok(byApp.some((e) => e.target.split(",").includes(ids[1])));
});

test("cursor exports are recorded, and the records they deliver from a personal-data app", async () => {
  const all = await admin.record.getAllRecordsWithCursor({ app: residents, fields: ["$id", "name"] });
  assert.equal(all.length, 3);
  const exports = await search(`&action=export.cursor&app=${residents}`);
  assert.equal(exports.length, 1);
  assert.deepEqual(exports[0].detail.fields, ["$id", "name"]);
  const reads = await search(`&action=record.read&app=${residents}`);
  assert.deepEqual(reads[0].target.split(",").sort(), [...ids].sort());
});

test("directory changes, deploys and API tokens (creation, use, revocation) are recorded", async () => {
  const add = await raw(server.baseUrl, "POST", "/v1/users.json", {
    body: { users: [{ code: "newcomer", password: "pw-newcomer", name: "新人" }] },
  });
  assert.equal(add.status, 200, add.text);
  const created = await raw(server.baseUrl, "POST", "/api/app/tokens.json", { body: { app: plain, viewRecord: true } });
  const token = created.json.token;
  const client = new KintoneRestAPIClient({ baseUrl: server.baseUrl, auth: { apiToken: token } });
  await client.record.getRecords({ app: plain });
  await client.record.getRecords({ app: plain });
  const list = await raw(server.baseUrl, "GET", `/api/app/tokens.json?app=${plain}`);
  await raw(server.baseUrl, "DELETE", "/api/app/tokens.json", { body: { app: plain, id: list.json.tokens[0].id } });

  const userAdd = await search("&action=user.add");
  assert.equal(userAdd[0].target, "newcomer");
  assert.equal(JSON.stringify(userAdd[0]).includes("pw-newcomer"), false, "no passwords in the log");
  const deploys = await search(`&action=app.deploy`);
  assert.ok(deploys.some((e) => e.target === String(residents)));
  const tokens = await search(`&app=${plain}&action=token.`);
  const actions = tokens.map((e) => e.action);
  assert.equal(actions[0], "token.revoke");
  assert.equal(actions.at(-1), "token.create");
  // Two calls, one line: token use is logged once per app and minute (two if a minute
  // boundary fell between them).
  const uses = actions.slice(1, -1);
  assert.ok(uses.length >= 1 && uses.length <= 2 && uses.every((a) => a === "token.use"), actions.join());
  assert.equal(tokens.at(-1).detail.hint, token.slice(0, 4));
  assert.equal(JSON.stringify(tokens).includes(token), false, "the token itself is never logged");
});

test("only administrators search or export; filters by user and time work", async () => {
  isError(await raw(server.baseUrl, "GET", "/api/audit/log.json", { auth: staff }), 403, "CB_NO02");
  isError(await raw(server.baseUrl, "GET", "/api/audit/export.csv", { auth: staff }), 403, "CB_NO02");
  isError(await raw(server.baseUrl, "GET", "/api/audit/log.json?from=yesterday"), 400, "CB_VA01");
  isError(await raw(server.baseUrl, "GET", "/api/audit/log.json?limit=501"), 400, "CB_VA01");
  const byStaff = await search("&user=staff");
  assert.ok(byStaff.length >= 3 && byStaff.every((e) => e.user === "staff"));
  assert.deepEqual(await search("&to=2000-01-01T00:00:00Z"), []);
  const future = await search("&from=2999-01-01T00:00:00Z");
  assert.deepEqual(future, []);
  const paged = await raw(server.baseUrl, "GET", "/api/audit/log.json?limit=2&offset=1");
  const all = await search();
  assert.deepEqual(paged.json.entries.map((e) => e.seq), all.slice(1, 3).map((e) => e.seq));
});

test("CSV export defuses spreadsheet formulas", async () => {
  for (const name of ["=HYPERLINK(\"evil\")", "+1+1", "@SUM(A1)", "-2"]) {
    await raw(server.baseUrl, "GET", "/k/v1/apps.json", { auth: { username: name, password: "x" } });
  }
  const r = await raw(server.baseUrl, "GET", "/api/audit/export.csv?action=login.failure");
  assert.equal(r.status, 200);
  assert.match(r.headers.get("content-type"), /^text\/csv/);
  assert.match(r.headers.get("content-disposition"), /^attachment; filename="audit-log.csv"/);
  assert.equal(r.headers.get("x-content-type-options"), "nosniff");
  const lines = r.text.replace(/^\uFEFF/, "").trim().split("\r\n");
  assert.equal(lines[0], "seq,at,user,address,action,app,target,detail");
  const users = lines.slice(1).map((l) => l.split(",")[2]);
  assert.ok(users.includes(`"'=HYPERLINK(""evil"")"`), users.join(" "));
  for (const bad of ["'+1+1", "'@SUM(A1)", "'-2"]) assert.ok(users.includes(bad), bad);
  assert.ok(!users.some((u) => /^[=+@-]/.test(u)));
  const exported = await search("&action=audit.export");
  assert.equal(exported[0].user, ADMIN.username);
});

function verify(dataDir) {
  try {
    return { code: 0, out: execFileSync(tsumikiBinary(), ["admin", "audit", "verify", "--data", dataDir]).toString() };
  } catch (e) {
    return { code: e.status, out: e.stdout.toString() + e.stderr.toString() };
  }
}

// A consistent copy of the live database to tamper with.
function copyOfDatabase() {
  const dir = mkdtempSync(join(tmpdir(), "tsumiki-audit-"));
  execFileSync("sqlite3", [join(server.dataDir, "tsumiki.db"), `.backup '${join(dir, "tsumiki.db")}'`]);
  return dir;
}

const sql = (dir, statement) => execFileSync("sqlite3", [join(dir, "tsumiki.db"), statement]).toString();

test("audit verify passes an intact log and finds altered, removed and re-chained entries", () => {
  const live = verify(server.dataDir);
  assert.equal(live.code, 0, live.out);
  assert.match(live.out, /audit log intact: \d+ entries; head entry \d+ [0-9a-f]{64}/);

  const dirs = [];
  try {
    // The triggers refuse ordinary changes.
    const guarded = copyOfDatabase();
    dirs.push(guarded);
    assert.throws(() => sql(guarded, "UPDATE audit_log SET user_code='x' WHERE seq=2"), /append-only/);
    assert.throws(() => sql(guarded, "DELETE FROM audit_log WHERE seq=2"), /append-only/);

    const altered = copyOfDatabase();
    dirs.push(altered);
    sql(altered, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET user_code='someone-else' WHERE seq=3");
    const a = verify(altered);
    assert.equal(a.code, 1);
    assert.match(a.out, /audit log BROKEN: entry 3 was altered \(2 entries verified before it\)/);

    const removed = copyOfDatabase();
    dirs.push(removed);
    sql(removed, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq=4");
    const r = verify(removed);
    assert.equal(r.code, 1);
    assert.match(r.out, /entries 4 to 4 are missing/);

    // Removing an entry and renumbering the rest still breaks the chain.
    const renumbered = copyOfDatabase();
    dirs.push(renumbered);
    sql(
      renumbered,
      "DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_update; DELETE FROM audit_log WHERE seq=4; " +
        "UPDATE audit_log SET seq = seq - 1 WHERE seq > 4",
    );
    const n = verify(renumbered);
    assert.equal(n.code, 1);
    assert.match(n.out, /entry 4 (does not follow the entry before it|was altered)/);
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
});

// cybozu User API (§10) and the directory CSV: users, organisations (tree), groups,
// memberships, admin-only writes, error keys, the CSV round trip, and records seeing
// directory changes at once.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { startServer, raw } from "../lib/server.mjs";
import { createApp } from "../lib/apps.mjs";
import { errorKeysOf } from "../lib/expect.mjs";

const server = await startServer();
const { call, ok } = server;
const errorKeys = errorKeysOf;
const MEMBER = { username: "member", password: "member-pass-1" };

before(async () => {
  await ok("POST", "/v1/users.json", {
    users: [{ code: MEMBER.username, password: MEMBER.password, name: "一般 職員" }],
  });
});

test("users: add, list by codes and ids, update with newCode, delete", async () => {
  await ok("POST", "/v1/users.json", {
    users: [
      { code: "sato", password: "pw-sato", name: "佐藤 昇", surName: "佐藤", givenName: "昇",
        email: "sato@example.jp", timezone: "Asia/Tokyo", locale: "ja", joinDate: "2020-04-01" },
      { code: "suzuki", password: "pw-suzuki", name: "鈴木 花子", valid: false },
    ],
  });
  const { users } = await ok("GET", "/v1/users.json?codes[0]=sato&codes[1]=suzuki");
  assert.equal(users.length, 2);
  const sato = users.find((u) => u.code === "sato");
  assert.equal(typeof sato.id, "string");
  assert.equal(sato.name, "佐藤 昇");
  assert.equal(sato.surName, "佐藤");
  assert.equal(sato.joinDate, "2020-04-01");
  assert.equal(sato.valid, true);
  assert.equal(sato.primaryOrganization, null);
  assert.match(sato.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(users.find((u) => u.code === "suzuki").valid, false);

  const byId = await ok("GET", `/v1/users.json?ids[0]=${sato.id}`);
  assert.deepEqual(byId.users.map((u) => u.code), ["sato"]);
  const paged = await ok("GET", "/v1/users.json?offset=1&size=2");
  assert.equal(paged.users.length, 2);

  await ok("PUT", "/v1/users.json", { users: [{ code: "sato", newCode: "sato.n", phone: "03-1234" }] });
  const renamed = await ok("GET", "/v1/users.json?codes[0]=sato.n");
  assert.equal(renamed.users[0].id, sato.id);
  assert.equal(renamed.users[0].phone, "03-1234");
  assert.equal(renamed.users[0].name, "佐藤 昇");

  // The new password works for the renamed account.
  await ok("GET", "/v1/users.json?codes[0]=sato.n", undefined, { username: "sato.n", password: "pw-sato" });

  await ok("DELETE", "/v1/users.json", { codes: ["suzuki"] });
  assert.equal((await ok("GET", "/v1/users.json?codes[0]=suzuki")).users.length, 0);
});

test("users: every violation is reported with its key, and nothing is written", async () => {
  const r = await call("POST", "/v1/users.json", {
    users: [
      { code: "", password: "x", name: "blank code" },
      { code: "long-pw", password: "x".repeat(65), name: "n" },
      { code: "bad", password: "x", name: "n", timezone: "Mars/Base", locale: "fr", email: "nope" },
      { code: "fine", password: "x", name: "fine" },
      { code: MEMBER.username, password: "x", name: "duplicate" },
      { password: "x", name: "no code" },
    ],
  });
  assert.equal(r.status, 400);
  assert.equal(r.json.code, "CB_VA01");
  assert.deepEqual(errorKeys(r), [
    "users[0].code", "users[1].password", "users[2].email", "users[2].locale",
    "users[2].timezone", "users[4].code", "users[5].code",
  ]);
  assert.equal((await ok("GET", "/v1/users.json?codes[0]=fine")).users.length, 0);

  const tooMany = await call("POST", "/v1/users.json", {
    users: Array.from({ length: 101 }, (_, i) => ({ code: `u${i}`, password: "x", name: "n" })),
  });
  assert.deepEqual(errorKeys(tooMany), ["users"]);
});

test("writes are for administrators only; reads for any user; tokens are refused", async () => {
  for (const [method, path, body] of [
    ["POST", "/v1/users.json", { users: [{ code: "x", password: "x", name: "x" }] }],
    ["PUT", "/v1/users.json", { users: [{ code: "member", name: "x" }] }],
    ["DELETE", "/v1/users.json", { codes: ["member"] }],
    ["POST", "/v1/organizations.json", { organizations: [{ code: "x", name: "x" }] }],
    ["PUT", "/v1/userOrganizations.json", { userOrganizations: [{ code: "member", organizations: [] }] }],
    ["POST", "/v1/groups.json", { groups: [{ code: "x", name: "x" }] }],
    ["PUT", "/v1/userGroups.json", { userGroups: [{ code: "member", groups: [] }] }],
    ["POST", "/api/directory/import.json", { kind: "users", csv: "code\nx\n" }],
  ]) {
    const r = await call(method, path, body, MEMBER);
    assert.equal(r.status, 403, `${method} ${path}`);
    assert.equal(r.json.code, "CB_NO02");
  }
  assert.equal((await call("GET", "/api/directory/export.csv?kind=users", undefined, MEMBER)).status, 403);
  for (const path of ["/v1/users.json", "/v1/organizations.json", "/v1/groups.json"]) {
    await ok("GET", path, undefined, MEMBER);
  }
  const token = await raw(server.baseUrl, "GET", "/v1/users.json", {
    auth: null, headers: { "X-Cybozu-API-Token": "whatever" },
  });
  assert.notEqual(token.status, 200);
  const self = await call("DELETE", "/v1/users.json", { codes: ["admin"] });
  assert.deepEqual(errorKeys(self), ["codes[0]"]);
});

test("administrators make others administrators (isAdmin), never demote themselves; only they see the flag", async () => {
  const byCode = async (auth) => (await call("GET", "/v1/users.json?codes[0]=admin&codes[1]=member", undefined, auth)).json.users;
  assert.deepEqual((await byCode()).map((u) => [u.code, u.isAdmin]), [["admin", true], ["member", false]]);
  assert.ok((await byCode(MEMBER)).every((u) => !("isAdmin" in u)), "members do not learn who the administrators are");

  await ok("PUT", "/v1/users.json", { users: [{ code: "member", isAdmin: true }] });
  await ok("POST", "/v1/groups.json", { groups: [{ code: "promoted-can-write", name: "昇格の確認" }] }, MEMBER);
  assert.deepEqual((await byCode(MEMBER)).map((u) => [u.code, u.isAdmin]), [["admin", true], ["member", true]]);

  const self = await call("PUT", "/v1/users.json", { users: [{ code: "admin", isAdmin: false }] });
  assert.equal(self.status, 400);
  assert.deepEqual(errorKeys(self), ["users[0].isAdmin"]);
  const bad = await call("PUT", "/v1/users.json", { users: [{ code: "member", isAdmin: "yes" }] });
  assert.deepEqual(errorKeys(bad), ["users[0].isAdmin"]);

  await ok("PUT", "/v1/users.json", { users: [{ code: "member", isAdmin: false }] });
  assert.equal((await call("POST", "/v1/groups.json", { groups: [{ code: "demoted", name: "x" }] }, MEMBER)).status, 403);
  await ok("DELETE", "/v1/groups.json", { codes: ["promoted-can-write"] });
});

test("organizations: a tree without cycles; parents with children are not deleted alone", async () => {
  await ok("POST", "/v1/organizations.json", {
    organizations: [
      { code: "city", name: "市役所" },
      { code: "welfare", name: "福祉部", parentCode: "city" },
      { code: "benefits", name: "給付課", parentCode: "welfare", localName: "Benefits", localNameLocale: "en" },
    ],
  });
  const { organizations } = await ok("GET", "/v1/organizations.json?codes[0]=benefits&codes[1]=city");
  const benefits = organizations.find((o) => o.code === "benefits");
  assert.equal(benefits.parentCode, "welfare");
  assert.equal(benefits.localName, "Benefits");
  assert.equal(organizations.find((o) => o.code === "city").parentCode, null);

  const unknownParent = await call("POST", "/v1/organizations.json", {
    organizations: [{ code: "x", name: "x", parentCode: "nowhere" }],
  });
  assert.deepEqual(errorKeys(unknownParent), ["organizations[0].parentCode"]);
  const cycle = await call("PUT", "/v1/organizations.json", {
    organizations: [{ code: "city", parentCode: "benefits" }],
  });
  assert.deepEqual(errorKeys(cycle), ["organizations[0].parentCode"]);
  const parent = await call("DELETE", "/v1/organizations.json", { codes: ["welfare"] });
  assert.deepEqual(errorKeys(parent), ["codes[0]"]);

  await ok("POST", "/v1/organizations.json", { organizations: [{ code: "tmp", name: "tmp" }, { code: "tmp2", name: "tmp2", parentCode: "tmp" }] });
  await ok("PUT", "/v1/organizations.json", { organizations: [{ code: "tmp2", newCode: "tmp-child", parentCode: null }] });
  await ok("DELETE", "/v1/organizations.json", { codes: ["tmp", "tmp-child"] });
});

test("memberships: the whole list is replaced, the first becomes primary, titles are kept", async () => {
  await ok("PUT", "/v1/userOrganizations.json", {
    userOrganizations: [{ code: "member", organizations: [{ orgCode: "benefits", titleCode: "kacho" }, { orgCode: "city" }] }],
  });
  const { organizationTitles } = await ok("GET", "/v1/user/organizations.json?code=member");
  assert.deepEqual(organizationTitles.map((t) => t.organization.code), ["benefits", "city"]);
  assert.equal(organizationTitles[0].title.code, "kacho");
  assert.equal(organizationTitles[1].title, null);
  const { users } = await ok("GET", "/v1/users.json?codes[0]=member");
  assert.equal(users[0].primaryOrganization, organizationTitles[0].organization.id);

  const { userTitles } = await ok("GET", "/v1/organization/users.json?code=benefits&size=10");
  assert.deepEqual(userTitles.map((t) => [t.user.code, t.title?.code]), [["member", "kacho"]]);

  const bad = await call("PUT", "/v1/userOrganizations.json", {
    userOrganizations: [{ code: "ghost", organizations: [] }, { code: "member", organizations: [{ orgCode: "nowhere" }] }],
  });
  assert.deepEqual(errorKeys(bad), ["userOrganizations[0].code", "userOrganizations[1].organizations[0].orgCode"]);

  await ok("PUT", "/v1/userOrganizations.json", { userOrganizations: [{ code: "member", organizations: [] }] });
  assert.equal((await ok("GET", "/v1/user/organizations.json?code=member")).organizationTitles.length, 0);
  assert.equal((await ok("GET", "/v1/users.json?codes[0]=member")).users[0].primaryOrganization, null);
});

test("groups: add, rename, members, delete", async () => {
  await ok("POST", "/v1/groups.json", { groups: [{ code: "clerks", name: "窓口担当", description: "受付" }] });
  await ok("PUT", "/v1/groups.json", { groups: [{ code: "clerks", newCode: "desk", name: "窓口" }] });
  const { groups } = await ok("GET", "/v1/groups.json?codes[0]=desk");
  assert.equal(groups[0].name, "窓口");
  await ok("PUT", "/v1/userGroups.json", { userGroups: [{ code: "member", groups: ["desk"] }] });
  assert.deepEqual((await ok("GET", "/v1/user/groups.json?code=member")).groups.map((g) => g.code), ["desk"]);
  assert.deepEqual((await ok("GET", "/v1/group/users.json?code=desk")).users.map((u) => u.code), ["member"]);
  const bad = await call("PUT", "/v1/userGroups.json", { userGroups: [{ code: "member", groups: ["nope"] }] });
  assert.deepEqual(errorKeys(bad), ["userGroups[0].groups[0]"]);
  await ok("DELETE", "/v1/groups.json", { codes: ["desk"] });
  assert.equal((await ok("GET", "/v1/user/groups.json?code=member")).groups.length, 0);
});

test("CSV: export with BOM, import with row keys, dry run, round trip with Japanese names", async () => {
  const csv = [
    "code,name,password,surName,givenName",
    'tanaka,"田中, 一郎",pw-tanaka,田中,一郎',
    "yamada,山田 太郎,pw-yamada,山田,太郎",
  ].join("\r\n");
  const dry = await ok("POST", "/api/directory/import.json", { kind: "users", csv, dryRun: true });
  assert.equal(dry.added, 2);
  assert.equal((await ok("GET", "/v1/users.json?codes[0]=tanaka")).users.length, 0);
  await ok("POST", "/api/directory/import.json", { kind: "users", csv });
  assert.equal((await ok("GET", "/v1/users.json?codes[0]=tanaka")).users[0].name, "田中, 一郎");

  const exported = await call("GET", "/api/directory/export.csv?kind=users");
  assert.equal(exported.status, 200);
  assert.match(exported.headers.get("content-type"), /^text\/csv/);
  const bytes = Buffer.from(await (await fetch(`${server.baseUrl}/api/directory/export.csv?kind=users`, {
    headers: { "X-Cybozu-Authorization": Buffer.from("admin:admin-password-for-tests").toString("base64") },
  })).arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.match(exported.text, /"田中, 一郎"/);
  const roundTrip = await ok("POST", "/api/directory/import.json", { kind: "users", csv: exported.text });
  assert.equal(roundTrip.added, 0);
  // Passwords survive a round trip (the export has no password column).
  await ok("GET", "/v1/users.json", undefined, { username: "tanaka", password: "pw-tanaka" });

  const bad = await call("POST", "/api/directory/import.json", {
    kind: "users", csv: "code,name,password\nnew1,New,pw\n,Blank,pw\nnew2,No password,\n",
  });
  assert.equal(bad.status, 400);
  assert.deepEqual(errorKeys(bad), ["rows[3].code", "rows[4].password"]);
  assert.equal((await ok("GET", "/v1/users.json?codes[0]=new1")).users.length, 0);

  await ok("POST", "/api/directory/import.json", {
    kind: "organizations", csv: "code,name,parentCode\nsection,係,welfare\n",
  });
  await ok("POST", "/api/directory/import.json", {
    kind: "memberships", csv: "code,orgCode,titleCode,primary\ntanaka,city,,\ntanaka,section,係長,true\n",
  });
  const memberships = await call("GET", "/api/directory/export.csv?kind=memberships");
  assert.match(memberships.text, /tanaka,city,,\r\ntanaka,section,係長,true\r\n/);
  const orgs = await call("GET", "/api/directory/export.csv?kind=organizations");
  assert.match(orgs.text, /section,係,welfare/);
});

test("CSV: group memberships are exported, checked and replaced per user, all or nothing", async () => {
  await ok("POST", "/v1/users.json", {
    users: [
      { code: "g-ito", password: "pw", name: "伊藤" },
      { code: "g-kato", password: "pw", name: "加藤" },
    ],
  });
  await ok("POST", "/v1/groups.json", { groups: [{ code: "madoguchi", name: "窓口" }, { code: "kansa", name: "監査" }] });
  await ok("PUT", "/v1/userGroups.json", { userGroups: [{ code: "g-ito", groups: ["madoguchi"] }] });

  const exported = await call("GET", "/api/directory/export.csv?kind=groupMemberships");
  assert.equal(exported.status, 200);
  assert.match(exported.headers.get("content-disposition"), /groupMemberships\.csv/);
  assert.match(exported.text, /^\uFEFF?code,groupCode\r\n/);
  assert.match(exported.text, /g-ito,madoguchi\r\n/);

  // Every problem keyed by line; nothing is written.
  const bad = await call("POST", "/api/directory/import.json", {
    kind: "groupMemberships",
    csv: "code,groupCode\ng-ito,kansa\ng-ito,nope\nghost,kansa\n",
  });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.code, "CB_VA01");
  assert.deepEqual(errorKeys(bad), ["rows[3].groupCode", "rows[4].code"]);
  const unknownColumn = await call("POST", "/api/directory/import.json", { kind: "groupMemberships", csv: "code,group\ng-ito,kansa\n" });
  assert.deepEqual(errorKeys(unknownColumn), ["csv"]);

  // The yearly reshuffle: g-ito moves from 窓口 to 監査, g-kato joins both.
  const csv = "code,groupCode\r\ng-ito,kansa\r\ng-kato,madoguchi\r\ng-kato,kansa\r\n";
  const dry = await ok("POST", "/api/directory/import.json", { kind: "groupMemberships", csv, dryRun: true });
  assert.deepEqual(dry, { dryRun: true, rows: 3, added: 0, updated: 2 });
  assert.deepEqual((await ok("GET", "/v1/user/groups.json?code=g-ito")).groups.map((g) => g.code), ["madoguchi"], "dry run changed nothing");
  await ok("POST", "/api/directory/import.json", { kind: "groupMemberships", csv });
  assert.deepEqual((await ok("GET", "/v1/user/groups.json?code=g-ito")).groups.map((g) => g.code), ["kansa"]);
  assert.deepEqual((await ok("GET", "/v1/user/groups.json?code=g-kato")).groups.map((g) => g.code).sort(), ["kansa", "madoguchi"]);
  const again = await call("GET", "/api/directory/export.csv?kind=groupMemberships");
  assert.match(again.text, /g-ito,kansa\r\n/);
  assert.doesNotMatch(again.text, /g-ito,madoguchi/);

  // A row with an empty groupCode leaves the user in no group; the file is for administrators.
  await ok("POST", "/api/directory/import.json", { kind: "groupMemberships", csv: "code,groupCode\ng-ito,\n" });
  assert.equal((await ok("GET", "/v1/user/groups.json?code=g-ito")).groups.length, 0);
  assert.equal((await call("POST", "/api/directory/import.json", { kind: "groupMemberships", csv }, MEMBER)).status, 403);
  assert.equal((await call("GET", "/api/directory/export.csv?kind=groupMemberships", undefined, MEMBER)).status, 403);
});

test("a USER_SELECT field accepts a new user at once and follows a rename", async () => {
  const admin = server.client();
  const app = await createApp(admin, "Directory", {
    person: { type: "USER_SELECT", code: "person", label: "Person" },
  });
  await ok("POST", "/v1/users.json", { users: [{ code: "newcomer", password: "pw-new", name: "新人" }] });
  const { id } = await admin.record.addRecord({ app, record: { person: { value: [{ code: "newcomer" }] } } });
  await ok("PUT", "/v1/users.json", { users: [{ code: "newcomer", newCode: "newcomer2", name: "新人 二郎" }] });
  const { record } = await admin.record.getRecord({ app, id });
  assert.deepEqual(record.person.value, [{ code: "newcomer2", name: "新人 二郎" }]);
});

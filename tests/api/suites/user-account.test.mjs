// The user screen's save in one request (POST/PUT /api/directory/user.json): the account,
// organisations with titles and the primary one, and groups are checked together and written
// in one transaction — any problem anywhere leaves everything as it was, and every problem is
// reported at once under the property that caused it.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "../lib/server.mjs";
import { isError, errorKeysOf } from "../lib/expect.mjs";

const server = await startServer();
const { call, ok } = server;
const errorKeys = errorKeysOf;
const MEMBER = { username: "ua-member", password: "member-pass-1" };

/** What the directory holds for `code`: the user (or undefined), organisations with titles, groups. */
async function stateOf(code) {
  const { users } = await ok("GET", `/v1/users.json?codes[0]=${encodeURIComponent(code)}`);
  if (users.length === 0) return { user: undefined };
  const orgs = await ok("GET", `/v1/user/organizations.json?code=${encodeURIComponent(code)}`);
  const groups = await ok("GET", `/v1/user/groups.json?code=${encodeURIComponent(code)}`);
  return {
    user: users[0],
    organizations: orgs.organizationTitles.map((t) => [t.organization.code, t.title?.code ?? null]),
    groups: groups.groups.map((g) => g.code).sort(),
  };
}

before(async () => {
  await ok("POST", "/v1/users.json", { users: [{ code: MEMBER.username, password: MEMBER.password, name: "一般 職員" }] });
  await ok("POST", "/v1/organizations.json", {
    organizations: [{ code: "ua-city", name: "市" }, { code: "ua-welfare", name: "福祉課", parentCode: "ua-city" }],
  });
  await ok("POST", "/v1/groups.json", { groups: [{ code: "ua-clerks", name: "窓口" }, { code: "ua-audit", name: "監査" }] });
});

test("add: account, organisations with titles, primary and groups in one request", async () => {
  await ok("POST", "/api/directory/user.json", {
    user: { code: "ua-sato", password: "pw-sato-2026", name: "佐藤 昇", email: "sato@example.jp", locale: "ja" },
    memberships: { organizations: [{ orgCode: "ua-city" }, { orgCode: "ua-welfare", titleCode: "kacho" }], primaryOrganization: "ua-welfare" },
    groups: ["ua-clerks", "ua-audit"],
  });
  const s = await stateOf("ua-sato");
  assert.equal(s.user.name, "佐藤 昇");
  assert.deepEqual(s.organizations, [["ua-city", null], ["ua-welfare", "kacho"]]);
  assert.deepEqual(s.groups, ["ua-audit", "ua-clerks"]);
  const orgs = (await ok("GET", "/v1/organizations.json?codes[0]=ua-welfare")).organizations;
  assert.equal(s.user.primaryOrganization, orgs[0].id);
});

test("update: rename, new lists; an absent list is left as it is", async () => {
  await ok("PUT", "/api/directory/user.json", {
    user: { code: "ua-sato", newCode: "ua-sato2", name: "佐藤 昇一" },
    memberships: { organizations: [{ orgCode: "ua-welfare", titleCode: "bucho" }] },
  });
  const s = await stateOf("ua-sato2");
  assert.equal(s.user.name, "佐藤 昇一");
  assert.deepEqual(s.organizations, [["ua-welfare", "bucho"]]);
  assert.deepEqual(s.groups, ["ua-audit", "ua-clerks"], "groups not sent: unchanged");
  await ok("PUT", "/api/directory/user.json", { user: { code: "ua-sato2" }, groups: [] });
  assert.deepEqual((await stateOf("ua-sato2")).groups, []);
});

test("add: an unknown organisation, a title too long, an unknown group — every problem, nothing written", async () => {
  const r = await call("POST", "/api/directory/user.json", {
    user: { code: "ua-kato", password: "pw-kato-2026", name: "加藤" },
    memberships: { organizations: [{ orgCode: "ua-ghost" }, { orgCode: "ua-city", titleCode: "t".repeat(129) }], primaryOrganization: "ua-nowhere" },
    groups: ["ua-clerks", "ua-nogroup"],
  });
  isError(r, 400, "CB_VA01");
  assert.deepEqual(errorKeys(r), ["groups[1]", "memberships.organizations[0].orgCode", "memberships.organizations[1].titleCode",
    "memberships.primaryOrganization"]);
  assert.equal((await stateOf("ua-kato")).user, undefined, "the account was not added either");
});

test("add: account problems and membership problems come back together", async () => {
  const r = await call("POST", "/api/directory/user.json", {
    user: { code: "ua-sato2", name: "", locale: "xx" },
    memberships: { organizations: [{ orgCode: "ua-ghost" }] },
    groups: ["ua-nogroup"],
  });
  isError(r, 400, "CB_VA01");
  const keys = errorKeys(r);
  for (const k of ["user.code", "user.password", "user.locale", "memberships.organizations[0].orgCode", "groups[0]"]) {
    assert.ok(keys.includes(k), `${k} in ${keys}`);
  }
  // The user "not found" of the membership steps is not repeated: the account says why.
  assert.ok(!keys.includes("memberships.code") && !keys.includes("groups.code"), keys.join());
});

test("update: a refused group leaves the account and organisations untouched", async () => {
  const before = await stateOf("ua-sato2");
  const r = await call("PUT", "/api/directory/user.json", {
    user: { code: "ua-sato2", name: "変わらない", email: "new@example.jp", valid: false },
    memberships: { organizations: [{ orgCode: "ua-city" }] },
    groups: ["ua-nogroup"],
  });
  isError(r, 400, "CB_VA01");
  assert.deepEqual(errorKeys(r), ["groups[0]"]);
  assert.deepEqual(await stateOf("ua-sato2"), before);
});

test("update: an unknown user, and deactivating yourself, are refused with nothing written", async () => {
  const r = await call("PUT", "/api/directory/user.json", { user: { code: "ua-ghost", name: "x" }, groups: ["ua-clerks"] });
  isError(r, 400, "CB_VA01");
  assert.deepEqual(errorKeys(r), ["user.code"]);
  const admin = await stateOf("admin");
  const self = await call("PUT", "/api/directory/user.json", { user: { code: "admin", valid: false }, groups: ["ua-clerks"] });
  isError(self, 400, "CB_VA01");
  assert.deepEqual(errorKeys(self), ["user.valid"]);
  assert.deepEqual(await stateOf("admin"), admin);
});

test("bad request shapes and non-administrators", async () => {
  isError(await call("POST", "/api/directory/user.json", {}), 400, "CB_VA01");
  const shapes = await call("PUT", "/api/directory/user.json", { user: "x", memberships: [], groups: "ua-clerks" });
  assert.deepEqual(errorKeys(shapes), ["groups", "memberships", "user"]);
  const denied = await call("PUT", "/api/directory/user.json", { user: { code: MEMBER.username, name: "x" } }, MEMBER);
  isError(denied, 403, "CB_NO02");
  assert.equal((await stateOf(MEMBER.username)).user.name, "一般 職員");
});

test("the save is audit-logged as a user change", async () => {
  const { entries } = await ok("GET", "/api/audit/log.json?limit=500&action=user.");
  assert.ok(entries.some((e) => e.action === "user.add" && JSON.stringify(e).includes("ua-sato")), JSON.stringify(entries).slice(0, 400));
  assert.ok(entries.some((e) => e.action === "user.update" && JSON.stringify(e).includes("ua-sato2")), JSON.stringify(entries).slice(0, 400));
});

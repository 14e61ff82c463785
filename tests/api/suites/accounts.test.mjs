// Accounts: the password policy on every path that sets a password (admin CLI, User API,
// a user's own change), revocation of browser sessions (password change, deactivation,
// deletion, "log out everywhere"), and the administrators' network allow-list behind a
// trusted reverse proxy.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { startServer, raw, tsumikiBinary, ADMIN } from "../lib/server.mjs";
import { isError } from "../lib/expect.mjs";

// The shipped policy (min 8, not the login, not a common password), with a longer minimum.
const strict = {
  TSUMIKI_PASSWORD_MIN_LENGTH: "10",
  TSUMIKI_PASSWORD_REJECT_LOGIN: "true",
  TSUMIKI_PASSWORD_REJECT_COMMON: "true",
};
const server = await startServer({ env: strict });
// Administrators only from 10.20.0.0/16; 127.0.0.1 is the reverse proxy in front.
const fenced = await startServer({
  env: { TSUMIKI_ADMIN_ALLOW_FROM: "10.20.0.0/16", TSUMIKI_TRUSTED_PROXIES: "127.0.0.1" },
});

const XHR = { "X-Requested-With": "XMLHttpRequest" };

async function login(base, username, password, headers = {}) {
  const r = await raw(base, "POST", "/api/session/login.json", {
    auth: null,
    headers: { ...XHR, ...headers },
    body: { username, password },
  });
  if (r.status !== 200) return { response: r };
  return {
    response: r,
    csrf: r.json.csrfToken,
    headers: { ...XHR, ...headers, Cookie: r.headers.get("set-cookie").split(";")[0] },
  };
}

const whoAmI = (base, session) => raw(base, "GET", "/k/v1/apps.json", { auth: null, headers: session.headers });

function cliAdd(login, password) {
  try {
    execFileSync(tsumikiBinary(), ["admin", "user", "add", login, "--data", server.dataDir], {
      env: { ...process.env, ...strict, TSUMIKI_PASSWORD: password },
      stdio: "pipe",
    });
    return { ok: true };
  } catch (e) {
    return { ok: false, stderr: e.stderr.toString() };
  }
}

test("admin CLI refuses passwords that break the policy, saying why", () => {
  assert.match(cliAdd("kato", "short-pw").stderr, /at least 10 characters/);
  assert.match(cliAdd("kato", "i-am-kato-really").stderr, /must not contain the login name/);
  assert.match(cliAdd("kato", "Password123").stderr, /too common/);
  assert.deepEqual(cliAdd("kato", "umbrella-on-tuesday"), { ok: true });
});

test("User API reports policy violations per user, in the caller's language", async () => {
  const r = await raw(server.baseUrl, "POST", "/v1/users.json", {
    headers: { "Accept-Language": "ja" },
    body: {
      users: [
        { code: "ito", password: "short", name: "伊藤" },
        { code: "ueda", password: "ueda-ueda-ueda", name: "上田" },
        { code: "endo", password: "qwertyuiop", name: "遠藤" },
        { code: "oda", password: "ginkgo-leaves-fall", name: "織田" },
      ],
    },
  });
  const body = isError(r, 400, "CB_VA01");
  assert.deepEqual(body.errors, {
    "users[0].password": { messages: ["パスワードは10文字以上にしてください。"] },
    "users[1].password": { messages: ["パスワードにログイン名を含めることはできません。"] },
    "users[2].password": {
      messages: ["よく使われているパスワードのため使用できません。別のパスワードを指定してください。"],
    },
  });
  const none = await raw(server.baseUrl, "GET", "/v1/users.json?codes[0]=oda");
  assert.deepEqual(none.json.users, [], "all or nothing");

  const update = await raw(server.baseUrl, "PUT", "/v1/users.json", {
    body: { users: [{ code: "kato", password: "kato1234567" }] },
  });
  assert.deepEqual(Object.keys(isError(update, 400, "CB_VA01").errors), ["users[0].password"]);
});

test("a user's own password change checks the current one, applies the policy and ends other sessions", async () => {
  await raw(server.baseUrl, "POST", "/v1/users.json", {
    body: { users: [{ code: "mori", password: "first-long-phrase", name: "森" }] },
  });
  const desk = await login(server.baseUrl, "mori", "first-long-phrase");
  const phone = await login(server.baseUrl, "mori", "first-long-phrase");
  assert.equal(desk.response.status, 200, desk.response.text);
  const change = (session, body, csrf = session.csrf) =>
    raw(server.baseUrl, "POST", "/api/session/password.json", {
      auth: null,
      headers: session.headers,
      body: { ...body, __REQUEST_TOKEN__: csrf },
    });

  const forged = await change(desk, { currentPassword: "first-long-phrase", newPassword: "second-long-phrase" }, "x");
  isError(forged, 403, "CB_NO02");
  const wrong = await change(desk, { currentPassword: "not-it", newPassword: "second-long-phrase" });
  assert.deepEqual(isError(wrong, 400, "CB_VA01").errors, {
    currentPassword: { messages: ["The current password is incorrect."] },
  });
  const weak = await change(desk, { currentPassword: "first-long-phrase", newPassword: "mori-mori-mori" });
  assert.deepEqual(Object.keys(isError(weak, 400, "CB_VA01").errors), ["newPassword"]);
  assert.equal((await whoAmI(server.baseUrl, phone)).status, 200, "refused changes revoke nothing");

  const done = await change(desk, { currentPassword: "first-long-phrase", newPassword: "second-long-phrase" });
  assert.equal(done.status, 200, done.text);
  assert.match(done.headers.get("set-cookie"), /^tsumiki_session=[^;]+;.*HttpOnly.*SameSite=Lax/);
  const renewed = { headers: { ...XHR, Cookie: done.headers.get("set-cookie").split(";")[0] } };
  isError(await whoAmI(server.baseUrl, phone), 401, "CB_AU01");
  isError(await whoAmI(server.baseUrl, desk), 401, "CB_AU01");
  assert.equal((await whoAmI(server.baseUrl, renewed)).status, 200);
  assert.equal((await login(server.baseUrl, "mori", "first-long-phrase")).response.status, 400);
});

test("sessions end at once when an administrator resets the password, deactivates or deletes the user", async () => {
  await raw(server.baseUrl, "POST", "/v1/users.json", {
    body: {
      users: [
        { code: "abe", password: "hinoki-first-phrase", name: "阿部" },
        { code: "ono", password: "sugi-first-phrase", name: "小野" },
        { code: "ota", password: "keyaki-first-phrase", name: "太田" },
      ],
    },
  });
  const abe = await login(server.baseUrl, "abe", "hinoki-first-phrase");
  const ono = await login(server.baseUrl, "ono", "sugi-first-phrase");
  const ota = await login(server.baseUrl, "ota", "keyaki-first-phrase");
  for (const s of [abe, ono, ota]) assert.equal((await whoAmI(server.baseUrl, s)).status, 200);

  const put = await raw(server.baseUrl, "PUT", "/v1/users.json", {
    body: { users: [{ code: "abe", password: "hinoki-second-phrase" }, { code: "ono", valid: false }] },
  });
  assert.equal(put.status, 200, put.text);
  const del = await raw(server.baseUrl, "DELETE", "/v1/users.json", { body: { codes: ["ota"] } });
  assert.equal(del.status, 200, del.text);
  for (const s of [abe, ono, ota]) isError(await whoAmI(server.baseUrl, s), 401, "CB_AU01");
});

test("log out everywhere ends every session of the caller and only theirs", async () => {
  const a = await login(server.baseUrl, ADMIN.username, ADMIN.password);
  const b = await login(server.baseUrl, ADMIN.username, ADMIN.password);
  const kato = await login(server.baseUrl, "kato", "umbrella-on-tuesday");
  const noToken = await raw(server.baseUrl, "POST", "/api/session/logoutAll.json", {
    auth: null,
    headers: a.headers,
    body: {},
  });
  isError(noToken, 403, "CB_NO02");
  const out = await raw(server.baseUrl, "POST", "/api/session/logoutAll.json", {
    auth: null,
    headers: a.headers,
    body: { __REQUEST_TOKEN__: a.csrf },
  });
  assert.equal(out.status, 200, out.text);
  assert.match(out.headers.get("set-cookie"), /^tsumiki_session=;.*Max-Age=0/);
  isError(await whoAmI(server.baseUrl, a), 401, "CB_AU01");
  isError(await whoAmI(server.baseUrl, b), 401, "CB_AU01");
  assert.equal((await whoAmI(server.baseUrl, kato)).status, 200);
  // Without a session there is no one to log out.
  isError(await raw(server.baseUrl, "POST", "/api/session/logoutAll.json", { auth: null, body: {} }), 401, "CB_AU01");
});

test("administrators only from allowed networks, seen through a trusted proxy's X-Forwarded-For", async () => {
  const base = fenced.baseUrl;
  const from = (address) => ({ "X-Forwarded-For": address });
  const apps = (headers) => raw(base, "GET", "/k/v1/apps.json", { headers: { ...headers, "Accept-Language": "en" } });

  const direct = await apps({});
  assert.equal(isError(direct, 403, "CB_NO02").message, "Administrators cannot sign in from this network.");
  assert.equal((await apps(from("10.20.3.4"))).status, 200);
  // A client cannot smuggle an allowed address in front of its own.
  isError(await apps(from("10.20.3.4, 198.51.100.7")), 403, "CB_NO02");

  const outside = await login(base, ADMIN.username, ADMIN.password, from("198.51.100.7"));
  isError(outside.response, 403, "CB_NO02");
  assert.equal(outside.response.headers.get("set-cookie"), null, "no session for a refused admin");
  const inside = await login(base, ADMIN.username, ADMIN.password, from("10.20.0.9"));
  assert.equal(inside.response.status, 200, inside.response.text);
  const moved = { headers: { ...inside.headers, "X-Forwarded-For": "198.51.100.7" } };
  isError(await whoAmI(base, moved), 403, "CB_NO02");

  // Ordinary staff are not fenced.
  const staff = fenced.addUser("staff", "staff-password-1");
  const r = await raw(base, "GET", "/k/v1/apps.json", { auth: staff, headers: from("198.51.100.7") });
  assert.equal(r.status, 200, r.text);
});

// The SMTP password at rest: stored only encrypted (AES-256-GCM) under a key file the server
// creates with mode 0600 in the data directory, opened again to authenticate to the mail
// server, never returned by the admin API; a plain-text password from an older version is
// encrypted at start-up; another key (TSUMIKI_SECRET_KEY) cannot open it, and the server then
// treats the password as not set instead of failing.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, rmSync, statSync, existsSync } from "node:fs";
import { join } from "node:path";
import { startServer, raw } from "../lib/server.mjs";
import { startSink } from "../lib/smtp-sink.mjs";

const PASSWORD = "s3cret-relay-password";
const sink = await startSink({ auth: true });
after(() => sink.stop());
let server = await startServer();
const dataDir = server.dataDir;
after(() => rmSync(dataDir, { recursive: true, force: true }));

const settings = (extra = {}) => ({
  enabled: false,
  host: "127.0.0.1",
  port: sink.port,
  security: "none",
  username: "relay",
  fromAddress: "madoguchi@city.example.jp",
  timeoutSeconds: 5,
  ...extra,
});
const call = (method, path, body, opts = {}) => raw(server.baseUrl, method, path, { body, ...opts });

// Every byte the database keeps on disk (the file and its write-ahead log).
const databaseBytes = () =>
  Buffer.concat(readdirSync(dataDir).filter((f) => f.startsWith("tsumiki.db")).map((f) => readFileSync(join(dataDir, f))));

async function restart(options = {}) {
  const stopped = await server.stop({ keepData: true });
  assert.equal(stopped.code, 0);
  server = await startServer({ dataDir, ...options });
}

test("the password is stored encrypted under a 0600 key file and used to authenticate", async () => {
  assert.equal(existsSync(join(dataDir, "secret.key")), false, "no key until a secret is saved");
  const put = await call("PUT", "/api/admin/mail/settings.json", { settings: settings({ password: PASSWORD }) });
  assert.equal(put.status, 200, put.text);
  const key = statSync(join(dataDir, "secret.key"));
  assert.equal(key.mode & 0o777, 0o600);

  for (const r of [put, await call("GET", "/api/admin/mail/settings.json")]) {
    assert.equal(r.json.settings.passwordSet, true);
    assert.doesNotMatch(r.text, /password"|passwordSealed|s3cret/);
  }
  await restart();
  assert.equal(databaseBytes().includes(PASSWORD), false, "the database never holds the password");
  const stored = execFileSync("sqlite3", [join(dataDir, "tsumiki.db"), "SELECT settings FROM mail_settings"]).toString();
  assert.match(stored, /"passwordSealed":"v1:/);

  // After a restart the server opens it again and presents it to the SMTP server.
  const sent = await call("POST", "/api/admin/mail/test.json", { to: "kakunin@example.jp" });
  assert.equal(sent.status, 200, sent.text);
  assert.deepEqual(sink.auths.at(-1), { username: "relay", password: PASSWORD });
});

test("a plain-text password from an older version is encrypted when the server starts", async () => {
  await server.stop({ keepData: true });
  execFileSync("sqlite3", [
    join(dataDir, "tsumiki.db"),
    "UPDATE mail_settings SET settings = json_set(json_remove(settings, '$.passwordSealed'), '$.password', 'old-plain-pw')",
  ]);
  assert.equal(databaseBytes().includes("old-plain-pw"), true);
  server = await startServer({ dataDir });
  const stored = () => execFileSync("sqlite3", [join(dataDir, "tsumiki.db"), "SELECT settings FROM mail_settings"]).toString();
  assert.doesNotMatch(stored(), /old-plain-pw/, "converted at start-up");
  assert.match(stored(), /"passwordSealed":"v1:/);
  assert.equal((await call("GET", "/api/admin/mail/settings.json")).json.settings.passwordSet, true);
  const sent = await call("POST", "/api/admin/mail/test.json", { to: "kakunin@example.jp" });
  assert.equal(sent.status, 200, sent.text);
  assert.deepEqual(sink.auths.at(-1), { username: "relay", password: "old-plain-pw" });
  // The old value may linger in the file's free space until it is vacuumed (docs/mail.md).
  await server.stop({ keepData: true });
  execFileSync("sqlite3", [join(dataDir, "tsumiki.db"), "VACUUM"]);
  assert.equal(databaseBytes().includes("old-plain-pw"), false, "nothing left after VACUUM");
  server = await startServer({ dataDir });
});

test("with another key the password does not open: it reads as not set and can be entered again", async () => {
  const otherKey = Buffer.alloc(32, 7).toString("base64");
  await restart({ env: { TSUMIKI_SECRET_KEY: otherKey } });
  const read = await call("GET", "/api/admin/mail/settings.json");
  assert.equal(read.status, 200, read.text);
  assert.equal(read.json.settings.passwordSet, false);
  const put = await call("PUT", "/api/admin/mail/settings.json", { settings: { password: "new-pw" } });
  assert.equal(put.json.settings.passwordSet, true);
  const sent = await call("POST", "/api/admin/mail/test.json", { to: "kakunin@example.jp" });
  assert.equal(sent.status, 200, sent.text);
  assert.deepEqual(sink.auths.at(-1), { username: "relay", password: "new-pw" });
  // A malformed key stops the server at start rather than sealing with nothing.
  await server.stop({ keepData: true });
  await assert.rejects(startServer({ dataDir, env: { TSUMIKI_SECRET_KEY: "short" } }));
  server = await startServer({ dataDir, env: { TSUMIKI_SECRET_KEY: otherKey } });
});

// Outgoing mail over TLS against a real TLS SMTP server (npm smtp-server) with certificates
// made for the test by openssl: a private CA trusted through --mail-ca-file
// (TSUMIKI_MAIL_CA_FILE); STARTTLS before AUTH, so the password never crosses in clear text;
// SMTPS; a certificate no configured CA signed, refused with a clear error, and a queued
// message that then fails after its attempts instead of being retried forever; a server
// that does not offer STARTTLS when it is required, which gets neither the password nor
// the message.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { startServer, raw } from "../lib/server.mjs";
import { createApp } from "../lib/apps.mjs";
import { isError } from "../lib/expect.mjs";
import { publish, pub } from "../lib/public.mjs";
import { startSink } from "../lib/smtp-sink.mjs";
import { makeCertificates } from "../lib/tls-certs.mjs";

const certs = makeCertificates();
const server = await startServer({ args: ["--mail-retry-seconds", "1"], env: { TSUMIKI_MAIL_CA_FILE: certs.caFile } });
// Configured with a CA file that does not exist.
const misconfigured = await startServer({ env: { TSUMIKI_MAIL_CA_FILE: `${certs.dir}/no-such-ca.pem` } });
const trusted = { key: certs.key, cert: certs.cert };
const stranger = { key: certs.strangerKey, cert: certs.strangerCert };
const sinks = [];
const sink = async (options) => {
  const s = await startSink(options);
  sinks.push(s);
  return s;
};
test.after(() => Promise.all(sinks.map((s) => s.stop())));

const putSettings = async (body) => {
  const r = await raw(server.baseUrl, "PUT", "/api/admin/mail/settings.json", { body: { settings: body } });
  assert.equal(r.status, 200, r.text);
  return r.json.settings;
};
const settings = (port, extra = {}) => ({
  enabled: true,
  host: "127.0.0.1",
  port,
  security: "starttls",
  verifyTls: true,
  username: "",
  password: "",
  fromAddress: "madoguchi@city.example.jp",
  timeoutSeconds: 5,
  maxAttempts: 2,
  ...extra,
});
const sendTest = (to) =>
  raw(server.baseUrl, "POST", "/api/admin/mail/test.json", { body: { to }, headers: { "Accept-Language": "en" } });

let app, token;
let keyCounter = 0;
before(async () => {
  app = await createApp(server.client(), "TLS mail", {
    name: { type: "SINGLE_LINE_TEXT", code: "name", label: "氏名" },
    email: { type: "LINK", code: "email", label: "メール", protocol: "MAIL" },
  });
  const r = await publish(server.baseUrl, app, "form", {
    title: "申請",
    fields: [{ code: "name" }, { code: "email" }],
    confirmationMail: { enabled: true, toField: "email", subject: "受付 {{name}}", body: "{{name}} 様" },
  });
  assert.equal(r.status, 200, r.text);
  token = r.json.token;
});

// Queues a confirmation mail to `email` through the public form; returns the outbox row
// once it reached `status`.
async function queueAndWait(email, status, timeoutMs = 20000) {
  const r = await pub(server.baseUrl, "POST", "/api/public/form/submit.json", {
    body: { token, idempotencyKey: `tls-${++keyCounter}-${Date.now()}`, record: { name: "テスト", email } },
  });
  assert.equal(r.status, 200, r.text);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = await raw(server.baseUrl, "GET", "/api/admin/mail/outbox.json");
    const row = list.json.messages.find((m) => m.to === email);
    if (row && row.status === status) return row;
    if (Date.now() > deadline) throw new Error(`${email} not ${status}: ${JSON.stringify(row)}`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

test("STARTTLS with a certificate from the configured CA: delivered, and AUTH only after TLS", async () => {
  const s = await sink({ tls: trusted, auth: true });
  await putSettings(settings(s.port, { username: "relay", password: "relay-password" }));
  const r = await sendTest("admin@example.com");
  assert.equal(r.status, 200, r.text);
  const m = await s.waitFor((mail, env) => env.to.includes("admin@example.com"));
  assert.equal(m.secure, true, "the message went over TLS");
  assert.ok(s.auths.length >= 1, "the client authenticated");
  assert.ok(s.auths.every((a) => a.password === "relay-password"), JSON.stringify(s.auths));
  assert.deepEqual(s.authTls, s.auths.map(() => true), "AUTH only inside TLS");

  // The queue takes the same path.
  const row = await queueAndWait("queued-starttls@example.com", "sent");
  assert.equal(row.attempts, 1);
  assert.equal((await s.waitFor((mail, env) => env.to.includes("queued-starttls@example.com"))).secure, true);
  assert.deepEqual(s.tlsErrors, []);
});

test("SMTPS (TLS from the first byte) with a certificate from the configured CA is delivered", async () => {
  const s = await sink({ tls: trusted, secure: true });
  await putSettings(settings(s.port, { security: "tls" }));
  const r = await sendTest("smtps@example.com");
  assert.equal(r.status, 200, r.text);
  assert.equal((await s.waitFor((mail, env) => env.to.includes("smtps@example.com"))).secure, true);
  const row = await queueAndWait("queued-smtps@example.com", "sent");
  assert.equal(row.attempts, 1);
});

test("a certificate no configured CA signed is refused with a clear error; the queued message fails after its attempts", async (t) => {
  for (const [security, secure] of [["starttls", false], ["tls", true]]) {
    const s = await sink({ tls: stranger, secure, auth: true });
    await putSettings(settings(s.port, { security, username: "relay", password: "relay-password" }));
    const body = isError(await sendTest("nobody@example.com"), 502, "TK_ML01");
    assert.match(body.message, /certificate/i, body.message);
    t.diagnostic(`${security}: ${body.message}`);
    assert.doesNotMatch(body.message, /relay-password/);

    const failed = await queueAndWait(`untrusted-${security}@example.com`, "failed");
    assert.equal(failed.attempts, 2, "maxAttempts, then failed");
    assert.match(failed.lastError, /certificate/i, failed.lastError);
    // Failed means done: no further attempts.
    await new Promise((res) => setTimeout(res, 2500));
    const list = await raw(server.baseUrl, "GET", "/api/admin/mail/outbox.json?status=failed");
    assert.equal(list.json.messages.find((m) => m.id === failed.id).attempts, 2);
    assert.equal(s.messages.length, 0, "nothing was delivered to the impostor");
    assert.deepEqual(s.auths, [], "the password was not given to the impostor");
  }
});

test("verifyTls off accepts that certificate (an internal relay with a self-signed one)", async () => {
  const s = await sink({ tls: stranger });
  await putSettings(settings(s.port, { verifyTls: false }));
  const r = await sendTest("selfsigned@example.com");
  assert.equal(r.status, 200, r.text);
  assert.equal((await s.waitFor((mail, env) => env.to.includes("selfsigned@example.com"))).secure, true);
});

test("STARTTLS required but not offered: neither the password nor the message is sent in clear text", async (t) => {
  const s = await sink({ auth: true }); // no certificate: no STARTTLS
  await putSettings(settings(s.port, { username: "relay", password: "relay-password" }));
  const body = isError(await sendTest("clear@example.com"), 502, "TK_ML01");
  assert.match(body.message, /STARTTLS/, body.message);
  t.diagnostic(body.message);
  const failed = await queueAndWait("clear-queued@example.com", "failed");
  assert.match(failed.lastError, /STARTTLS/, failed.lastError);
  assert.ok(failed.attempts <= 2, JSON.stringify(failed));
  assert.equal(s.messages.length, 0);
  assert.deepEqual(s.auths, []);
});

test("a --mail-ca-file that cannot be read is named in the error", async () => {
  const s = await sink({ tls: trusted });
  const put = await raw(misconfigured.baseUrl, "PUT", "/api/admin/mail/settings.json", { body: { settings: settings(s.port) } });
  assert.equal(put.status, 200, put.text);
  const r = await raw(misconfigured.baseUrl, "POST", "/api/admin/mail/test.json", {
    body: { to: "x@example.com" },
    headers: { "Accept-Language": "en" },
  });
  const body = isError(r, 502, "TK_ML01");
  assert.match(body.message, /no-such-ca\.pem/, body.message);
  assert.equal(s.messages.length, 0);
});

// Outgoing mail: SMTP settings (administrators only, password write-only, audited), a test
// message, public-form confirmation e-mails queued with the record and delivered to a local
// SMTP sink (Japanese subject and body, no header injection from residents' input), retries
// with back-off after a 451, a stopped sink and a server restart that lose nothing, failed
// messages after the maximum of attempts, and retrying them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { startServer, raw } from "../lib/server.mjs";
import { createApp } from "../lib/apps.mjs";
import { isError } from "../lib/expect.mjs";
import { publish, pub } from "../lib/public.mjs";
import { startSink, decodeMail } from "../lib/smtp-sink.mjs";

const ARGS = ["--mail-retry-seconds", "1"];
let server = await startServer({ args: ARGS });
const sink = await startSink();
after(() => sink.stop());

let client, app, sato, token;
let keyCounter = 0;

const settings = (extra = {}) => ({
  enabled: true,
  host: "127.0.0.1",
  port: sink.port,
  security: "none",
  fromAddress: "madoguchi@city.example.jp",
  fromName: "市民課",
  timeoutSeconds: 5,
  maxAttempts: 5,
  ...extra,
});

const putSettings = (body, auth) =>
  raw(server.baseUrl, "PUT", "/api/admin/mail/settings.json", { body: { settings: body }, ...(auth ? { auth } : {}) });

const outbox = async (query = "") => {
  const r = await raw(server.baseUrl, "GET", `/api/admin/mail/outbox.json${query}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
};

async function waitForStatus(id, status, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { messages } = await outbox();
    const m = messages.find((x) => x.id === id);
    if (m && m.status === status) return m;
    if (Date.now() > deadline) throw new Error(`message ${id} not ${status}: ${JSON.stringify(m)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const submit = (record) =>
  pub(server.baseUrl, "POST", "/api/public/form/submit.json", {
    body: { token, idempotencyKey: `mail-${++keyCounter}-${Date.now()}`, record },
  });

const formSettings = (mail) => ({
  title: "子育て支援給付金の申請",
  fields: [{ code: "name" }, { code: "email" }, { code: "kind" }, { code: "birth" }],
  confirmationMail: mail,
});

const MAIL = {
  enabled: true,
  toField: "email",
  subject: "【{{title}}】受付番号 {{receipt}} {{name}} 様",
  body: "{{name}} 様\n\n{{title}}を受け付けました。\n受付番号: {{receipt}}\n種別: {{kind}}\n",
};

before(async () => {
  client = server.client();
  sato = server.addUser("sato", "sato-password-1", { name: "佐藤" });
  app = await createApp(client, "Benefits", {
    receipt: { type: "SINGLE_LINE_TEXT", code: "receipt", label: "受付番号", unique: true },
    name: { type: "SINGLE_LINE_TEXT", code: "name", label: "氏名", required: true },
    email: { type: "LINK", code: "email", label: "メールアドレス", protocol: "MAIL" },
    kind: { type: "DROP_DOWN", code: "kind", label: "種別", options: { 一般: { label: "一般", index: "0" }, 特例: { label: "特例", index: "1" } } },
    birth: { type: "DATE", code: "birth", label: "生年月日" },
  });
  const fmt = await raw(server.baseUrl, "PUT", "/api/app/receipt.json", {
    body: { app, format: { field: "receipt", prefix: "KS", year: "none", digits: 5 } },
  });
  assert.equal(fmt.status, 200, fmt.text);
});

test("settings: administrators only, validated per property, password never returned, audited", async () => {
  const initial = await raw(server.baseUrl, "GET", "/api/admin/mail/settings.json");
  assert.equal(initial.status, 200, initial.text);
  assert.equal(initial.json.settings.enabled, false);
  assert.equal(initial.json.settings.passwordSet, false);

  for (const [method, path, body] of [
    ["GET", "/api/admin/mail/settings.json"],
    ["PUT", "/api/admin/mail/settings.json", { settings: settings() }],
    ["POST", "/api/admin/mail/test.json", { to: "a@example.com" }],
    ["GET", "/api/admin/mail/outbox.json"],
    ["POST", "/api/admin/mail/retry.json", { id: "1" }],
  ]) {
    isError(await raw(server.baseUrl, method, path, { body, auth: sato }), 403, "CB_NO02");
    isError(await raw(server.baseUrl, method, path, { body, auth: null }), 401, "CB_AU01");
  }

  const bad = await putSettings({ enabled: true, host: "", port: 70000, security: "ssl", fromAddress: "窓口", timeoutSeconds: 0 });
  const body = isError(bad, 400, "CB_VA01");
  assert.deepEqual(Object.keys(body.errors).sort(), ["fromAddress", "host", "port", "security", "timeoutSeconds"]);
  isError(await putSettings({ fromName: "市民課\r\nBcc: x@example.com" }), 400, "CB_VA01");
  isError(await raw(server.baseUrl, "PUT", "/api/admin/mail/settings.json", { body: {} }), 400, "CB_VA01");

  const ok = await putSettings(settings({ username: "relay", password: "s3cret-relay-password" }));
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.settings.passwordSet, true);
  assert.equal(ok.json.settings.password, undefined);
  const read = await raw(server.baseUrl, "GET", "/api/admin/mail/settings.json");
  assert.equal(read.json.settings.passwordSet, true);
  assert.doesNotMatch(read.text, /s3cret/);
  // Omitting the password keeps it; "" removes it (the sink takes no AUTH).
  const kept = await putSettings({ port: sink.port });
  assert.equal(kept.json.settings.passwordSet, true);
  const cleared = await putSettings({ username: "", password: "" });
  assert.equal(cleared.json.settings.passwordSet, false);

  const audit = await raw(server.baseUrl, "GET", "/api/audit/log.json?action=mail.settings");
  assert.equal(audit.status, 200, audit.text);
  assert.ok(audit.json.entries.length >= 3, audit.text);
  assert.doesNotMatch(audit.text, /s3cret/);
});

test("a test message reaches the SMTP server; a bad address or an unreachable server is reported", async () => {
  const sent = await raw(server.baseUrl, "POST", "/api/admin/mail/test.json", { body: { to: "admin@example.com" } });
  assert.equal(sent.status, 200, sent.text);
  const m = await sink.waitFor((mail, env) => env.to.includes("admin@example.com"));
  assert.equal(m.from, "madoguchi@city.example.jp");
  assert.equal(m.mail.headers.subject, "Tsumiki テストメール / test message");
  assert.match(m.mail.headers.from, /市民課 <madoguchi@city\.example\.jp>/);
  assert.match(m.mail.body, /テストメール/);

  const bad = isError(await raw(server.baseUrl, "POST", "/api/admin/mail/test.json", { body: { to: "a@b.com\r\nBcc: c@d.com" } }), 400, "CB_VA01");
  assert.ok(bad.errors.to, JSON.stringify(bad));

  await sink.stop();
  try {
    const down = isError(await raw(server.baseUrl, "POST", "/api/admin/mail/test.json", { body: { to: "admin@example.com" } }), 502, "TK_ML01");
    assert.match(down.message, /connect|Couldn't|refused/i);
  } finally {
    await sink.start();
  }
});

test("form confirmation settings: recipient field and placeholders checked when saving", async () => {
  const unknown = await publish(server.baseUrl, app, "form", formSettings({ ...MAIL, body: "{{name}} 様 {{nmae}} {{receipt}}" }));
  const body = isError(unknown, 400, "CB_VA01");
  assert.deepEqual(Object.keys(body.errors), ["confirmationMail.body"]);
  assert.match(body.errors["confirmationMail.body"].messages[0], /\{\{nmae\}\}/);

  const wrongField = await publish(server.baseUrl, app, "form", formSettings({ ...MAIL, toField: "birth" }));
  assert.ok(isError(wrongField, 400, "CB_VA01").errors["confirmationMail.toField"]);
  const unpublished = await publish(server.baseUrl, app, "form", {
    ...formSettings({ ...MAIL, subject: "受付 {{receipt}}", body: "{{receipt}}" }),
    fields: [{ code: "name" }],
  });
  assert.ok(isError(unpublished, 400, "CB_VA01").errors["confirmationMail.toField"]);

  const created = await publish(server.baseUrl, app, "form", formSettings(MAIL));
  assert.equal(created.status, 200, created.text);
  assert.deepEqual(created.json.settings.confirmationMail, MAIL);
  token = created.json.token;
  // The resident's page is told which field's address receives the confirmation; a form
  // without one says nothing of a mail.
  const page = await raw(server.baseUrl, "GET", `/api/public/form.json?token=${token}`, { auth: null });
  assert.deepEqual(page.json.confirmationMail, { toField: "email" });
  // While sending is switched off for the server, no mail is promised (it would only wait).
  assert.equal((await putSettings(settings({ enabled: false }))).status, 200);
  const paused = await raw(server.baseUrl, "GET", `/api/public/form.json?token=${token}`, { auth: null });
  assert.equal(paused.json.confirmationMail, undefined);
  assert.equal((await putSettings(settings())).status, 200);
  const silent = await publish(server.baseUrl, app, "form", formSettings({ ...MAIL, enabled: false }));
  const quiet = await raw(server.baseUrl, "GET", `/api/public/form.json?token=${silent.json.token}`, { auth: null });
  assert.equal(quiet.status, 200, quiet.text);
  assert.equal(quiet.json.confirmationMail, undefined);
});

test("a submission queues its confirmation with the record; it arrives in Japanese with the receipt", async () => {
  const r = await submit({ name: "山田 太郎", email: "taro.yamada@example.com", kind: "特例" });
  assert.equal(r.status, 200, r.text);
  const receipt = r.json.receipt;
  const m = await sink.waitFor((mail, env) => env.to.includes("taro.yamada@example.com"));
  assert.deepEqual(m.to, ["taro.yamada@example.com"]);
  assert.equal(m.mail.headers.to, "<taro.yamada@example.com>");
  assert.equal(m.mail.headers.subject, `【子育て支援給付金の申請】受付番号 ${receipt} 山田 太郎 様`);
  assert.equal(m.mail.body, `山田 太郎 様\r\n\r\n子育て支援給付金の申請を受け付けました。\r\n受付番号: ${receipt}\r\n種別: 特例\r\n`);
  assert.match(m.mail.headers["content-type"], /charset=UTF-8/i);
  assert.ok(m.mail.headers.date && m.mail.headers["message-id"], m.mail.head);

  const { messages } = await outbox("?status=sent");
  const row = messages.find((x) => x.to === "taro.yamada@example.com");
  assert.equal(row.kind, "form");
  assert.equal(row.app, String(app));
  assert.equal(row.record, String(r.json.id ?? row.record));
  assert.equal(row.attempts, 1);
  assert.equal(row.body, undefined, "the list carries no message bodies");
});

test("line breaks typed by a resident cannot add headers or recipients", async () => {
  const r = await submit({ name: "悪意\r\nBcc: victim@example.com\r\nX-Injected: yes", email: "resident@example.com", kind: "一般" });
  assert.equal(r.status, 200, r.text);
  const m = await sink.waitFor((mail, env) => env.to.includes("resident@example.com"));
  assert.deepEqual(m.to, ["resident@example.com"]);
  assert.ok(!m.mail.names.includes("bcc"), m.mail.head);
  assert.ok(!m.mail.names.includes("x-injected"), m.mail.head);
  assert.match(m.mail.headers.subject, /悪意 Bcc: victim@example\.com X-Injected: yes 様$/);
  assert.equal(sink.messages.filter((x) => x.to.includes("victim@example.com")).length, 0);

  // An address field holding more than one address (or a header) is refused; nothing is stored.
  const before = (await outbox()).totalCount;
  for (const email of ["a@example.com\r\nBcc: victim@example.com", "a@example.com, b@example.com", "山田"]) {
    const bad = await submit({ name: "x", email, kind: "一般" });
    const body = isError(bad, 400, "CB_VA01");
    assert.ok(body.errors["record.email.value"], bad.text);
  }
  assert.equal((await outbox()).totalCount, before, "a refused submission queues nothing");
  // No address given: the record is stored, no mail is queued.
  const silent = await submit({ name: "メールなし", kind: "一般" });
  assert.equal(silent.status, 200, silent.text);
  assert.equal((await outbox()).totalCount, before);
});

test("a 451 from the SMTP server is retried with back-off until it is accepted", async () => {
  sink.refuseNext = 2;
  const refusalsBefore = sink.refusals;
  const r = await submit({ name: "再送 花子", email: "hanako@example.com", kind: "一般" });
  assert.equal(r.status, 200, r.text);
  const m = await sink.waitFor((mail, env) => env.to.includes("hanako@example.com"), 20000);
  assert.match(m.mail.headers.subject, /再送 花子/);
  assert.equal(sink.refusals - refusalsBefore, 2);
  const { messages } = await outbox("?status=sent");
  const row = messages.find((x) => x.to === "hanako@example.com");
  assert.equal(row.attempts, 3);
  assert.equal(sink.messages.filter((x) => x.to.includes("hanako@example.com")).length, 1);
});

test("after the maximum of attempts a message is failed with the last error, and can be retried", async () => {
  assert.equal((await putSettings({ maxAttempts: 2 })).status, 200);
  sink.refuseNext = 2;
  const r = await submit({ name: "失敗 次郎", email: "jiro@example.com", kind: "一般" });
  assert.equal(r.status, 200, r.text);
  let failed;
  const deadline = Date.now() + 20000;
  while (!failed && Date.now() < deadline) {
    failed = (await outbox("?status=failed")).messages.find((x) => x.to === "jiro@example.com");
    if (!failed) await new Promise((res) => setTimeout(res, 200));
  }
  assert.ok(failed, "marked failed");
  assert.equal(failed.attempts, 2);
  assert.match(failed.lastError, /451/);
  assert.ok((await outbox()).counts.failed >= 1);

  const retried = await raw(server.baseUrl, "POST", "/api/admin/mail/retry.json", { body: { id: failed.id } });
  assert.equal(retried.status, 200, retried.text);
  await sink.waitFor((mail, env) => env.to.includes("jiro@example.com"));
  await waitForStatus(failed.id, "sent");
  // Only failed messages can be retried; unknown ids are 404.
  const again = await raw(server.baseUrl, "POST", "/api/admin/mail/retry.json", { body: { id: failed.id } });
  assert.ok(isError(again, 400, "CB_VA01").errors.id);
  isError(await raw(server.baseUrl, "POST", "/api/admin/mail/retry.json", { body: { id: "999999" } }), 404, "TK_ML02");
  isError(await raw(server.baseUrl, "GET", "/api/admin/mail/outbox.json?status=lost"), 400, "CB_VA01");
  assert.equal((await putSettings({ maxAttempts: 5 })).status, 200);
});

test("a stopped SMTP server and a server restart lose nothing: the message goes out later", async () => {
  await sink.stop();
  const r = await submit({ name: "保留 三郎", email: "saburo@example.com", kind: "一般" });
  assert.equal(r.status, 200, r.text);
  // The sender tries, fails to connect and keeps the message queued with the error.
  let queued;
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
    queued = (await outbox("?status=queued")).messages.find((x) => x.to === "saburo@example.com");
    if (queued && queued.attempts >= 1) break;
    await new Promise((res) => setTimeout(res, 200));
  }
  assert.ok(queued && queued.attempts >= 1, JSON.stringify(queued));
  assert.ok(queued.lastError.length > 0);

  // Restart Tsumiki on the same data directory, then bring the SMTP server back.
  const dataDir = server.dataDir;
  const stopped = await server.stop({ keepData: true });
  after(() => rmSync(dataDir, { recursive: true, force: true }));
  assert.equal(stopped.code, 0, `clean shutdown with the sender running: ${JSON.stringify(stopped)}`);
  server = await startServer({ args: ARGS, dataDir });
  await sink.start();
  const m = await sink.waitFor((mail, env) => env.to.includes("saburo@example.com"), 20000).catch(async (e) => {
    throw new Error(`${e.message}; outbox: ${JSON.stringify((await outbox()).messages.find((x) => x.id === queued.id))}\n${server.log()}`);
  });
  assert.match(m.mail.body, /保留 三郎 様/);
  await waitForStatus(queued.id, "sent");
});

test("decodeMail reads folded encoded-words (harness self-check)", () => {
  const mail = decodeMail("Subject: =?UTF-8?B?44GC?=\r\n =?UTF-8?B?44GE?=\r\nTo: <a@b.c>\r\n\r\nhi");
  assert.equal(mail.headers.subject, "あい");
  assert.deepEqual(mail.names, ["subject", "to"]);
});

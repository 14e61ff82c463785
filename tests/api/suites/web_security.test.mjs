// The browser-facing defences, each checked on the wire: cookie flags, CSRF on the session
// API, security headers on API answers and on the web UI (CSP without inline script,
// frame-ancestors, nosniff, Referrer-Policy), safe file downloads, request size limits,
// and error answers that reveal no SQL, paths or stack traces.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, raw, repoRoot, ADMIN, insecureGet } from "../lib/server.mjs";
import { createApp } from "../lib/apps.mjs";
import { isError } from "../lib/expect.mjs";

const webRoot = join(repoRoot, "web/dist");
const hasWeb = existsSync(join(webRoot, "index.html"));
const server = await startServer({ args: ["--max-body-bytes", "64K", ...(hasWeb ? ["--web-root", webRoot] : [])] });
let app;

before(async () => {
  app = await createApp(server.client(), "Security", {
    title: { type: "SINGLE_LINE_TEXT", code: "title", label: "Title" },
    attachment: { type: "FILE", code: "attachment", label: "File" },
  });
});

async function session() {
  const r = await raw(server.baseUrl, "POST", "/api/session/login.json", {
    auth: null,
    headers: { "X-Requested-With": "XMLHttpRequest" },
    body: { username: ADMIN.username, password: ADMIN.password },
  });
  assert.equal(r.status, 200, r.text);
  return { cookie: r.headers.get("set-cookie"), csrf: r.json.csrfToken };
}

test("the session cookie is HttpOnly, SameSite and not sent to scripts; Secure behind HTTPS", async () => {
  const { cookie } = await session();
  assert.match(cookie, /; HttpOnly/);
  assert.match(cookie, /; SameSite=Lax/);
  assert.match(cookie, /; Path=\//);
  assert.doesNotMatch(cookie, /; Secure/, "plain HTTP on loopback");
  const behindProxy = await raw(server.baseUrl, "POST", "/api/session/login.json", {
    auth: null,
    headers: { "X-Requested-With": "XMLHttpRequest", "X-Forwarded-Proto": "https" },
    body: { username: ADMIN.username, password: ADMIN.password },
  });
  assert.match(behindProxy.headers.get("set-cookie"), /; Secure/);
});

test("cross-site requests cannot use the session: reads need X-Requested-With, writes the CSRF token", async () => {
  const { cookie, csrf } = await session();
  const c = cookie.split(";")[0];
  // What a cross-site <form> or <img> can send: the cookie, no custom header.
  isError(await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${app}`, { auth: null, headers: { Cookie: c } }), 401, "CB_AU01");
  const form = await raw(server.baseUrl, "POST", "/k/v1/record.json", {
    auth: null,
    headers: { Cookie: c, "Content-Type": "application/x-www-form-urlencoded" },
    body: `app=${app}`,
  });
  assert.ok(form.status >= 400 && form.status < 500, form.text);
  const xhr = { Cookie: c, "X-Requested-With": "XMLHttpRequest" };
  isError(
    await raw(server.baseUrl, "POST", "/k/v1/record.json", { auth: null, headers: xhr, body: { app, record: {} } }),
    403,
    "CB_NO02",
  );
  const ok = await raw(server.baseUrl, "POST", "/k/v1/record.json", {
    auth: null,
    headers: xhr,
    body: { app, record: { title: { value: "csrf ok" } }, __REQUEST_TOKEN__: csrf },
  });
  assert.equal(ok.status, 200, ok.text);
  // Login itself needs the header too (login CSRF).
  const noHeader = await raw(server.baseUrl, "POST", "/api/session/login.json", {
    auth: null,
    body: { username: ADMIN.username, password: ADMIN.password },
  });
  isError(noHeader, 403, "CB_NO02");
});

test("API answers carry nosniff, no framing, no referrer and no caching", async () => {
  for (const r of [
    await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${app}`),
    await raw(server.baseUrl, "GET", "/k/v1/nothing.json"),
    await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${app}`, { auth: null }),
  ]) {
    assert.equal(r.headers.get("x-content-type-options"), "nosniff");
    assert.equal(r.headers.get("content-security-policy"), "default-src 'none'; frame-ancestors 'none'");
    assert.equal(r.headers.get("x-frame-options"), "DENY");
    assert.equal(r.headers.get("referrer-policy"), "no-referrer");
    assert.equal(r.headers.get("cache-control"), "no-store");
  }
});

test("over HTTPS, API answers also carry Strict-Transport-Security", async () => {
  const tls = await startServer({ tls: true });
  const basic = `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString("base64")}`;
  for (const r of [
    await insecureGet(`${tls.baseUrl}/k/v1/apps.json`, { Authorization: basic }),
    await insecureGet(`${tls.baseUrl}/k/v1/apps.json`),
    await insecureGet(`${tls.baseUrl}/k/v1/nothing.json`),
  ]) {
    assert.equal(r.headers["strict-transport-security"], "max-age=31536000");
    assert.equal(r.headers["x-content-type-options"], "nosniff");
    assert.equal(r.headers["content-security-policy"], "default-src 'none'; frame-ancestors 'none'");
    assert.equal(r.headers["x-frame-options"], "DENY");
    assert.equal(r.headers["referrer-policy"], "no-referrer");
    assert.equal(r.headers["cache-control"], "no-store");
  }
  const plain = await raw(server.baseUrl, "GET", "/k/v1/nothing.json");
  assert.equal(plain.headers.get("strict-transport-security"), null, "not over plain HTTP");
  await tls.stop();
});

test("the web UI is served with a strict CSP and has no inline script", { skip: !hasWeb && "web/dist not built" }, async () => {
  const r = await fetch(`${server.baseUrl}/`);
  assert.equal(r.status, 200);
  const csp = r.headers.get("content-security-policy");
  const directives = Object.fromEntries(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives["script-src"], ["'self'"]);
  assert.deepEqual(directives["frame-ancestors"], ["'none'"]);
  assert.deepEqual(directives["default-src"], ["'self'"]);
  assert.doesNotMatch(csp, /unsafe-eval/);
  assert.deepEqual(directives["base-uri"], ["'self'"]);
  assert.equal(r.headers.get("x-content-type-options"), "nosniff");
  assert.equal(r.headers.get("x-frame-options"), "DENY");
  assert.ok(r.headers.get("referrer-policy"));
  const html = await r.text();
  // Every <script> must load from a file: an inline one would need 'unsafe-inline'.
  for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []) {
    assert.match(tag, /\bsrc=/, tag);
    assert.match(tag, /><\/script>$/, tag);
  }
  assert.doesNotMatch(html, /\son[a-z]+=/i, "no inline event handlers");
  assert.equal(html, readFileSync(join(webRoot, "index.html"), "utf8"));
});

test("downloads are attachments that never render: hostile names and HTML content are defused", async () => {
  const form = new FormData();
  const html = "<html><script>alert(document.cookie)</script></html>";
  form.append("file", new Blob([html], { type: "text/html" }), 'evil"\r\nX-Injected: 1.html');
  const auth = { "X-Cybozu-Authorization": Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString("base64") };
  const up = await fetch(`${server.baseUrl}/k/v1/file.json`, { method: "POST", headers: auth, body: form });
  assert.equal(up.status, 200, await up.clone().text());
  const { fileKey } = await up.json();
  const added = await raw(server.baseUrl, "POST", "/k/v1/record.json", {
    body: { app, record: { attachment: { value: [{ fileKey }] } } },
  });
  const record = await raw(server.baseUrl, "GET", `/k/v1/record.json?app=${app}&id=${added.json.id}`);
  const stored = record.json.record.attachment.value[0];
  const down = await raw(server.baseUrl, "GET", `/k/v1/file.json?fileKey=${stored.fileKey}`);
  assert.equal(down.status, 200);
  assert.equal(down.headers.get("x-injected"), null, "no header injection through the name");
  const disposition = down.headers.get("content-disposition");
  assert.match(disposition, /^attachment; filename="[^"\r\n]*"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/);
  assert.equal(down.headers.get("x-content-type-options"), "nosniff");
  const csp = down.headers.get("content-security-policy");
  assert.match(csp, /(^|; )sandbox(;|$)/);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /frame-ancestors 'none'/);
});

test("bodies over the configured size are refused with 413 before they are read", async () => {
  const big = JSON.stringify({ app, record: { title: { value: "x".repeat(70 * 1024) } } });
  const r = await raw(server.baseUrl, "POST", "/k/v1/record.json", { body: big, headers: { "Content-Type": "application/json" } });
  isError(r, 413, "CB_RL01");
});

test("error answers reveal no SQL, file paths or stack traces", async () => {
  const probes = [
    await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${app}&query=${encodeURIComponent('title = "x\' OR 1=1 --')}`),
    await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${app}&query=${encodeURIComponent("title in (select)")}`),
    await raw(server.baseUrl, "GET", `/k/v1/records.json?app=${app}&query=${encodeURIComponent("nosuchfield = 1")}`),
    await raw(server.baseUrl, "POST", "/k/v1/record.json", { body: "{not json", headers: { "Content-Type": "application/json" } }),
    await raw(server.baseUrl, "GET", "/k/v1/record.json?app=99999999999999999999&id=1"),
    await raw(server.baseUrl, "GET", `/k/v1/file.json?fileKey=${encodeURIComponent("../../etc/passwd")}`),
  ];
  for (const r of probes) {
    assert.ok(r.status >= 400 && r.status < 500, `${r.status} ${r.text}`);
    assert.deepEqual(Object.keys(r.json).filter((k) => !["code", "id", "message", "errors"].includes(k)), []);
    assert.doesNotMatch(r.text, /SELECT|sqlite|FROM r\d|\.cpp|\/work\/|\/tmp\/|exception|std::/i, r.text);
  }
});

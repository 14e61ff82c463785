// Starts a real `tsumiki serve` on a free port with a temporary data directory, and stops it
// (SIGTERM, then SIGKILL) when the suite ends — even when a test fails.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createServer } from "node:net";
import { request as httpsRequest } from "node:https";
import { after } from "node:test";
import { KintoneRestAPIClient } from "@kintone/rest-api-client";

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, "../../..");

export function tsumikiBinary() {
  const candidates = [process.env.TSUMIKI_BIN, join(repoRoot, "build/src/server/tsumiki")];
  for (const c of candidates) if (c && existsSync(c)) return c;
  throw new Error("tsumiki binary not found; run `make build` first");
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
    s.on("error", fail);
  });
}

export const ADMIN = { username: "admin", password: "admin-password-for-tests" };

// GET over HTTPS trusting any certificate (the suites' self-signed ones): {status, headers, text}.
export function insecureGet(url, headers = {}) {
  return new Promise((ok, fail) => {
    const req = httpsRequest(url, { method: "GET", headers, rejectUnauthorized: false }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => ok({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString() }));
    });
    req.on("error", fail);
    req.end();
  });
}

// Starts a server for the calling test file; returns {baseUrl, port, dataDir, client(), stop(),
// addUser()}. Call it at the top level of the file (`await startServer()`), not inside a hook:
// it registers the file-level `after` that stops the server.
// `dataDir`: reuse a data directory (a restart); it is then left in place when stopping.
// `tls`: serve HTTPS with a fresh self-signed certificate (openssl); baseUrl is https://.
export async function startServer({ env = {}, args = [], dataDir: reuse, tls = false } = {}) {
  const port = await freePort();
  const dataDir = reuse ?? mkdtempSync(join(tmpdir(), "tsumiki-api-"));
  const certDir = tls ? mkdtempSync(join(tmpdir(), "tsumiki-tls-")) : undefined;
  if (certDir) {
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
      "-nodes", "-days", "1", "-subj", "/CN=localhost", "-keyout", join(certDir, "key.pem"),
      "-out", join(certDir, "cert.pem")], { stdio: "ignore" });
    args = ["--tls-cert", join(certDir, "cert.pem"), "--tls-key", join(certDir, "key.pem"), ...args];
  }
  const child = spawn(
    tsumikiBinary(),
    ["serve", "--data", dataDir, "--listen", `127.0.0.1:${port}`, ...args],
    {
      env: {
        ...process.env,
        TSUMIKI_ADMIN_USER: ADMIN.username,
        TSUMIKI_ADMIN_PASSWORD: ADMIN.password,
        TSUMIKI_LOG_LEVEL: process.env.TSUMIKI_LOG_LEVEL ?? "warn",
        // Suites use short fixture passwords; security.test.mjs tests the real default policy.
        TSUMIKI_PASSWORD_MIN_LENGTH: "1",
        TSUMIKI_PASSWORD_REJECT_LOGIN: "false",
        TSUMIKI_PASSWORD_REJECT_COMMON: "false",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise((ok) => child.on("exit", (code, signal) => ok({ code, signal })));

  const baseUrl = `${tls ? "https" : "http"}://localhost:${port}`;
  const deadline = Date.now() + 15000;
  for (;;) {
    try {
      const r = tls ? await insecureGet(`${baseUrl}/healthz`) : await fetch(`${baseUrl}/healthz`);
      if (r.status === 200) break;
    } catch {}
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`tsumiki did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  let stopped = false;
  // `keepData`: leave the data directory for a restart (the caller removes it).
  const stop = async ({ keepData = false } = {}) => {
    if (stopped) return exited;
    stopped = true;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10000);
    const result = await exited;
    clearTimeout(timer);
    if (!reuse && !keepData) rmSync(dataDir, { recursive: true, force: true });
    if (certDir) rmSync(certDir, { recursive: true, force: true });
    return result;
  };
  after(stop);

  const client = (auth = ADMIN) =>
    new KintoneRestAPIClient({
      baseUrl,
      auth: auth.apiToken ? { apiToken: auth.apiToken } : { username: auth.username, password: auth.password },
    });
  const log = () => output;
  // Adds an account through `tsumiki admin user add` on the live data directory.
  const addUser = (login, password, { name, admin = false } = {}) => {
    const args = ["admin", "user", "add", login, "--data", dataDir];
    if (name) args.push("--name", name);
    if (admin) args.push("--admin");
    execFileSync(tsumikiBinary(), args, {
      env: {
        ...process.env,
        TSUMIKI_PASSWORD_MIN_LENGTH: "1",
        TSUMIKI_PASSWORD_REJECT_LOGIN: "false",
        TSUMIKI_PASSWORD_REJECT_COMMON: "false",
        ...env,
        TSUMIKI_PASSWORD: password,
      },
      stdio: "pipe",
    });
    return { username: login, password };
  };
  // raw() against this server (as the administrator unless `auth` says otherwise), and the
  // same call that must answer 200, returning its JSON body.
  const call = (method, path, body, auth) => raw(baseUrl, method, path, { body, auth });
  const ok = async (method, path, body, auth) => {
    const r = await call(method, path, body, auth);
    if (r.status !== 200) throw new Error(`${method} ${path}: ${r.status} ${r.text}`);
    return r.json;
  };
  return { baseUrl, port, dataDir, client, stop, log, child, addUser, call, ok };
}

// Raw HTTP call with password auth, for shapes the client library hides. Node's fetch sends
// `Accept-Language: *`, so messages come in English unless a test sets the header.
export async function raw(baseUrl, method, path, { body, headers = {}, auth = ADMIN } = {}) {
  const h = { ...headers };
  if (auth) h["X-Cybozu-Authorization"] = Buffer.from(`${auth.username}:${auth.password}`).toString("base64");
  if (body !== undefined && typeof body !== "string") h["Content-Type"] = "application/json";
  // fetch cannot send a GET with a body; kintone clients send such a GET as a POST with
  // X-HTTP-Method-Override, which the server honours.
  if (method === "GET" && body !== undefined) {
    h["X-HTTP-Method-Override"] = "GET";
    method = "POST";
  }
  const r = await fetch(baseUrl + path, {
    method,
    headers: h,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await r.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, headers: r.headers, text, json };
}

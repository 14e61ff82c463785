// Starts the server for one test file on a free port with a temporary data directory and
// always stops it. E2E_SERVER=real runs `tsumiki serve` (the default when the binary
// exists and answers the session API); E2E_SERVER=fake runs the in-memory stand-in in
// support/fake-kintone.mjs so the UI can be tested before the C++ endpoints exist.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { after } from "node:test";
import { createFakeKintone } from "../support/fake-kintone.mjs";

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, "../../..");
export const webRoot = process.env.TSUMIKI_WEB_ROOT ?? join(repoRoot, "web/dist");
export const ADMIN = { username: "admin", password: "admin-password-for-e2e", name: "admin" };

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

function binary() {
  const candidates = [process.env.TSUMIKI_BIN, join(repoRoot, "build/src/server/tsumiki")];
  return candidates.find((c) => c && existsSync(c));
}

async function startReal(bin) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "tsumiki-e2e-"));
  const child = spawn(bin, ["serve", "--data", dataDir, "--listen", `127.0.0.1:${port}`, "--web-root", webRoot], {
    env: { ...process.env, TSUMIKI_ADMIN_USER: ADMIN.username, TSUMIKI_ADMIN_PASSWORD: ADMIN.password, TSUMIKI_LOG_LEVEL: process.env.TSUMIKI_LOG_LEVEL ?? "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise((ok) => child.on("exit", (code, signal) => ok({ code, signal })));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15000;
  for (;;) {
    try {
      const r = await fetch(`${baseUrl}/healthz`);
      if (r.ok) break;
    } catch {}
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`tsumiki did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { baseUrl, stop, log: () => output, kind: "real" };
}

async function startFake() {
  const server = createFakeKintone({ webRoot, users: [{ code: ADMIN.username, password: ADMIN.password, name: ADMIN.name }] });
  const port = await freePort();
  await new Promise((ok) => server.listen(port, "127.0.0.1", ok));
  const stop = () => new Promise((ok) => { server.closeAllConnections?.(); server.close(() => ok()); });
  return { baseUrl: `http://127.0.0.1:${port}`, stop, log: () => "", kind: "fake" };
}

/** Whether the real binary serves the browser session API yet. */
async function realIsReady(bin) {
  let server;
  try {
    server = await startReal(bin);
    const r = await fetch(`${server.baseUrl}/api/session.json`, { headers: { "X-Requested-With": "XMLHttpRequest" } });
    return r.status === 401 && (await r.json()).code === "CB_AU01";
  } catch {
    return false;
  } finally {
    await server?.stop();
  }
}

export async function startServer() {
  if (!existsSync(join(webRoot, "index.html"))) throw new Error(`no built web UI at ${webRoot}: run \`npm ci && npm run build\` in web/`);
  let mode = process.env.E2E_SERVER;
  const bin = binary();
  if (!mode) mode = bin && (await realIsReady(bin)) ? "real" : "fake";
  if (mode === "real" && !bin) throw new Error("E2E_SERVER=real but the tsumiki binary was not found; build it first");
  const server = mode === "real" ? await startReal(bin) : await startFake();
  after(() => server.stop());
  if (mode === "fake") console.log("# e2e: using the in-memory fake server (set E2E_SERVER=real to require tsumiki serve)");
  return server;
}

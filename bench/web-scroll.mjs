#!/usr/bin/env node
// Scrolling smoothness of the record list's virtual page (issue 3): a fresh server with one
// app of N records, the list at 500 a page in headless Chromium, then (1) a synthesized
// mouse wheel down the whole page and back up (100 px notches every 16 ms) and (2) Tab pressed row control by row control (the list
// scrolls to the focused row). While each runs, requestAnimationFrame records every frame's
// time and a PerformanceObserver the long tasks (> 50 ms main-thread work).
// Prints median / p95 / max frame time, frames over 1.5 × 16.7 ms, the estimated dropped
// frames, long tasks, and the load average of the machine before and after.
//
//   node bench/web-scroll.mjs                                 # web/dist, build/…/tsumiki
//   TSUMIKI_BIN=/work/bin/tsumiki-s6 TSUMIKI_WEB_ROOT=/tmp/ui-web node bench/web-scroll.mjs
//   node bench/web-scroll.mjs --records 600 --runs 3 --cpu 1   # --cpu 4: CDP CPU throttling ×4
//
// Needs playwright-core from tests/e2e (npm ci there) and /usr/bin/chromium. 127.0.0.1 only.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import os from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "..");
const { chromium } = createRequire(join(repoRoot, "tests/e2e/package.json"))("playwright-core");
const { values: opts } = parseArgs({ options: { records: { type: "string", default: "600" }, runs: { type: "string", default: "3" }, cpu: { type: "string", default: "1" }, profile: { type: "boolean", default: false }, trace: { type: "string", default: "" } } });
const RECORDS = Number(opts.records);
const bin = process.env.TSUMIKI_BIN ?? join(repoRoot, "build/src/server/tsumiki");
const webRoot = process.env.TSUMIKI_WEB_ROOT ?? join(repoRoot, "web/dist");
const ADMIN = { username: "admin", password: "admin-password-for-bench" };

const freePort = () => new Promise((ok) => { const s = createServer(); s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => ok(port)); }); });

async function startServer() {
  const port = await freePort();
  const dataDir = mkdtempSync(join(os.tmpdir(), "tsumiki-bench-web-"));
  const child = spawn(bin, ["serve", "--data", dataDir, "--listen", `127.0.0.1:${port}`, "--web-root", webRoot], {
    env: { ...process.env, TSUMIKI_ADMIN_USER: ADMIN.username, TSUMIKI_ADMIN_PASSWORD: ADMIN.password, TSUMIKI_LOG_LEVEL: "warn" },
    stdio: "ignore",
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${baseUrl}/healthz`)).ok) break; } catch {}
    if (i > 300) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 50));
  }
  return { baseUrl, stop: () => { child.kill("SIGTERM"); rmSync(dataDir, { recursive: true, force: true }); } };
}

async function api(baseUrl, method, path, body) {
  const auth = Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString("base64");
  const r = await fetch(`${baseUrl}/k/v1/${path}`, { method, headers: { "X-Cybozu-Authorization": auth, "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const json = await r.json();
  if (!r.ok) throw new Error(`${path}: ${JSON.stringify(json)}`);
  return json;
}

async function makeApp(baseUrl) {
  const { app } = await api(baseUrl, "POST", "preview/app.json", { name: "住民台帳" });
  await api(baseUrl, "POST", "preview/app/form/fields.json", {
    app,
    properties: {
      氏名: { type: "SINGLE_LINE_TEXT", code: "氏名", label: "氏名" },
      番号: { type: "NUMBER", code: "番号", label: "番号" },
      地区: { type: "DROP_DOWN", code: "地区", label: "地区", options: { 北: { label: "北", index: "0" }, 南: { label: "南", index: "1" } } },
      受付日: { type: "DATE", code: "受付日", label: "受付日" },
    },
  });
  await api(baseUrl, "POST", "preview/app/deploy.json", { apps: [{ app }] });
  for (let i = 0; i < 100; i++) {
    const { apps } = await fetch(`${baseUrl}/k/v1/preview/app/deploy.json?apps[0]=${app}`, { headers: { "X-Cybozu-Authorization": Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString("base64") } }).then((r) => r.json());
    if (apps[0].status !== "PROCESSING") break;
    await new Promise((r) => setTimeout(r, 50));
  }
  for (let start = 1; start <= RECORDS; start += 100) {
    const records = Array.from({ length: Math.min(100, RECORDS - start + 1) }, (_, i) => ({
      氏名: { value: `住民 ${start + i}` }, 番号: { value: String(start + i) }, 地区: { value: (start + i) % 2 ? "北" : "南" }, 受付日: { value: "2026-04-01" },
    }));
    await api(baseUrl, "POST", "records.json", { app, records });
  }
  return app;
}

/** Starts recording frames and long tasks in the page. */
const startRecording = (page) => page.evaluate(() => {
  window.__frames = [];
  window.__long = [];
  window.__recording = true;
  window.__maxTop = 0;
  const holder = document.querySelector(".ant-table-tbody-virtual-holder");
  const tick = (t) => { window.__frames.push(t); window.__maxTop = Math.max(window.__maxTop, holder.scrollTop); if (window.__recording) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  window.__observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(e.duration); });
  window.__observer.observe({ type: "longtask" });
});
const stopRecording = (page) => page.evaluate(() => {
  window.__recording = false;
  window.__observer.disconnect();
  return { frames: window.__frames, long: window.__long, maxTop: window.__maxTop };
});

function summary({ frames, long, maxTop }) {
  const d = frames.slice(1).map((t, i) => t - frames[i]).sort((a, b) => a - b);
  const q = (p) => d[Math.min(d.length - 1, Math.floor(p * d.length))];
  const budget = 1000 / 60;
  return {
    frames: d.length,
    median: q(0.5), p95: q(0.95), max: d.at(-1),
    slow: d.filter((x) => x > 1.5 * budget).length,
    dropped: d.reduce((n, x) => n + Math.max(0, Math.round(x / budget) - 1), 0),
    longTasks: long.length, longMax: long.length ? Math.max(...long) : 0, maxTop,
  };
}

// --trace wheel|keyboard: that run's main-thread work by trace event name (complete events,
// nested ones counted in their parents too), and its longest tasks.
let traceEvents = [];
async function traceStart(cdp) {
  traceEvents = [];
  cdp.on("Tracing.dataCollected", ({ value }) => traceEvents.push(...value));
  await cdp.send("Tracing.start", { categories: "devtools.timeline,blink,v8", transferMode: "ReportEvents" });
}
async function traceEnd(cdp) {
  const done = new Promise((r) => cdp.once("Tracing.tracingComplete", r));
  await cdp.send("Tracing.end");
  await done;
  const main = traceEvents.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
  const sums = new Map();
  const onMain = traceEvents.filter((e) => e.ph === "X" && e.tid === main?.tid && e.dur);
  for (const e of onMain) sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur / 1000);
  for (const [k, ms] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${k}`);
  const tasks = onMain.filter((e) => e.name === "RunTask").sort((a, b) => b.dur - a.dur).slice(0, 3);
  for (const t of tasks) {
    const inside = onMain.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e.dur > t.dur / 20).sort((a, b) => b.dur - a.dur).slice(0, 8);
    console.log(`  task ${(t.dur / 1000).toFixed(0)} ms: ${inside.map((e) => `${e.name} ${(e.dur / 1000).toFixed(0)}${e.args?.data?.functionName ? "(" + e.args.data.functionName + ")" : ""}${e.args?.data?.type ? "(" + e.args.data.type + ")" : ""}`).join(", ")}`);
  }
}

const fmt = (s) => `${String(s.frames).padStart(5)} frames  median ${s.median.toFixed(1)} ms  p95 ${s.p95.toFixed(1)} ms  max ${s.max.toFixed(0)} ms  >25 ms: ${s.slow}  dropped ≈ ${s.dropped}  long tasks ${s.longTasks} (max ${s.longMax.toFixed(0)} ms)  deepest scrollTop ${s.maxTop}`;

const load0 = os.loadavg();
const server = await startServer();
const profile = mkdtempSync(join(os.tmpdir(), "tsumiki-bench-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  locale: "ja-JP", viewport: { width: 1366, height: 900 },
});
try {
  const app = await makeApp(server.baseUrl);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${server.baseUrl}/`);
  await page.getByLabel("ログイン名").fill(ADMIN.username);
  await page.getByLabel("パスワード").fill(ADMIN.password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await page.getByRole("heading", { name: "アプリ", exact: true }).waitFor();
  await page.goto(`${server.baseUrl}/apps/${app}`);
  await page.getByTestId("record-total").filter({ hasText: `${RECORDS} 件` }).waitFor();
  await page.locator(".ant-pagination-options .ant-select").click();
  await page.locator(".ant-select-item-option").filter({ hasText: "500 件 / ページ" }).click();
  const holder = page.locator(".ant-table-tbody-virtual-holder");
  await holder.waitFor();
  await page.locator(".ant-table-row").first().waitFor();
  const cdp = await context.newCDPSession(page);
  if (Number(opts.cpu) > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: Number(opts.cpu) });
  const height = await holder.evaluate((h) => h.scrollHeight - h.clientHeight);
  console.log(`# ${RECORDS} records, 500-row virtual page (${height} px to scroll, ${await page.locator(".ant-table-row").count()} rows in the DOM), CPU throttling ×${opts.cpu}`);
  // The pointer must rest on the list (its own wheel handler scrolls it; elsewhere the wheel
  // scrolls the page): its box is taken once the layout has settled, and checked.
  const nextFrames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  // Choosing the page size at the foot of the page can leave the document scrolled down.
  await page.evaluate(() => window.scrollTo(0, 0));
  let box = await holder.boundingBox();
  for (let i = 0; i < 50; i++) {
    await nextFrames();
    const again = await holder.boundingBox();
    if (Math.abs(again.y - box.y) < 1 && Math.abs(again.height - box.height) < 1) break;
    box = again;
  }
  const center = { x: box.x + box.width / 2, y: box.y + Math.min(box.height, 300) / 2 };
  if (!(await holder.evaluate((h, c) => h.contains(document.elementFromPoint(c.x, c.y)), center))) throw new Error("the list is not under the pointer");
  await page.mouse.move(center.x, center.y);
  for (let run = 1; run <= Number(opts.runs); run++) {
    if (opts.trace === "wheel") await traceStart(cdp);
    await startRecording(page);
    // Down the whole page and back, one 100 px wheel notch every 16 ms (about 6,000 px/s, a
    // wheel spun hard) over the list.
    for (const delta of [100, -100]) {
      const t0 = Date.now();
      for (let i = 0; i * 100 < height + 200; i++) {
        await page.mouse.wheel(0, delta);
        const wait = t0 + (i + 1) * 16 - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    }
    const wheel = summary(await stopRecording(page));
    // Should the wheel miss the list (the page moves instead) the frame times mean nothing.
    console.log(`wheel run ${run}: ${fmt(wheel)}${wheel.maxTop < height / 2 ? "  THE LIST DID NOT SCROLL" : ""}`);
  }
  // Keyboard: Tab through 60 row controls (12 rows) from the first row's open link.
  await page.getByRole("link", { name: /を開く$/ }).first().focus();
  if (opts.profile) { await cdp.send("Profiler.enable"); await cdp.send("Profiler.start"); }
  if (opts.trace === "keyboard") await traceStart(cdp);
  await startRecording(page);
  for (let i = 0; i < 60; i++) await page.keyboard.press("Tab");
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  console.log(`keyboard (60 Tabs): ${fmt(summary(await stopRecording(page)))}`);
  if (opts.trace === "keyboard") await traceEnd(cdp);
  if (opts.profile) {
    // --profile: where the keyboard run's main-thread time went, by function (self time).
    const { profile } = await cdp.send("Profiler.stop");
    const self = new Map();
    const dt = profile.timeDeltas;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const f = byId.get(id).callFrame;
      const key = `${f.functionName || "(anon)"} ${f.url.split("/").pop()}:${f.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
    });
    for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${k}`);
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  server.stop();
}
const load1 = os.loadavg();
console.log(`# load average before ${load0.map((x) => x.toFixed(2)).join(" ")}, after ${load1.map((x) => x.toFixed(2)).join(" ")}; ${os.cpus().length} CPUs`);

#!/usr/bin/env node
// The HTTP benchmark of issue 2: loads N generated records (bench/gen/records.mjs) into a fresh
// app through the kintone API and measures the scenarios of docs/benchmarks.md with wrk, sampling
// the server's RSS all along. Prints a results table and writes bench/out/results-<date>.json.
//
//   node bench/run.mjs                       # 1,000,000 records, every scenario (≈ 2 min + load)
//   node bench/run.mjs --records 20000       # a quick run
//   node bench/run.mjs --data /tmp/tk-bench  # keep the data set there and reuse it next time
//                                            # (loads only what is missing)
//   node bench/run.mjs --from /tmp/tk-bench  # measure on a fresh copy of a kept data set
//   node bench/run.mjs --help
//
// Needs: a Release build of the server (build-bench/ or build/), wrk on PATH, Node 20.
// Talks to 127.0.0.1 only. Every load run is bounded in time (--duration).
import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync,
} from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import { GIVEN_NAMES, SURNAMES } from './gen/names.mjs';
import { fieldProperties, generateRecord, generateRecords, rngFor } from './gen/records.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..');

// ---------------------------------------------------------------------------------------------
// Options

const DEFAULTS = {
  records: 1_000_000,
  data: '',
  from: '',
  keep: false,
  bin: '',
  duration: 10,
  connections: 32,
  threads: 2,
  loadConnections: 4,
  scenarios: 'g,a,b,c1,c2,c3,d,h,e,f',
  single: 'a,b,c1,c2,c3,d,h',
  singleDuration: 5,
  out: '',
  serverArgs: '',
  pause: 2,
};

// Named groups for --scenarios: exactly the runs of one part of docs/benchmarks.md.
const GROUPS = {
  all: 'g,a,b,c1,c2,c3,d,h,e,f',
  read: 'g,a,b,c1,c2,c3,d,h',
  lookup: 'g,a',
  public: 'g,p1,pt,p2',
};

const HELP = `usage: node bench/run.mjs [options]
  --records N           records to load (default ${DEFAULTS.records})
  --data DIR            data directory to use and keep; a second run reuses its app and loads
                        only the records that are missing (default: a temporary directory)
  --from DIR            start from a copy of DIR (a kept --data directory), so that repeated runs
                        measure the same data set; the copy is the temporary or --data directory
  --keep                keep the temporary data directory
  --bin PATH            tsumiki binary (default build-bench/, then build/)
  --duration S          seconds per wrk run (default ${DEFAULTS.duration})
  --connections N       wrk connections (default ${DEFAULTS.connections})
  --threads N           wrk threads (default ${DEFAULTS.threads})
  --load-connections N  concurrent 100-record POSTs while loading (default ${DEFAULTS.loadConnections})
  --scenarios LIST      which to run, in order (default ${DEFAULTS.scenarios}; '' = load only);
                        group names expand: ${Object.entries(GROUPS).map(([k, v]) => `${k} = ${v}`).join('; ')}
  --single LIST         scenarios also run on one connection, for unloaded latency
                        (default ${DEFAULTS.single}; '' = none)
  --single-duration S   seconds per single-connection run (default ${DEFAULTS.singleDuration})
  --server-args "..."   extra flags for tsumiki serve
  --pause S             idle seconds between runs, to let WAL checkpoints settle (default ${DEFAULTS.pause})
  --out FILE            results JSON (default bench/out/results-<date>.json)`;

function parseArgs(argv) {
  const o = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      console.log(HELP);
      process.exit(0);
    }
    if (a === '--keep') {
      o.keep = true;
      continue;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unexpected argument ${a} (see --help)`);
    const key = m[1].replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!(key in DEFAULTS) || typeof DEFAULTS[key] === 'boolean') {
      throw new Error(`unknown option --${m[1]} (see --help)`);
    }
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${m[1]} needs a value`);
    o[key] = typeof DEFAULTS[key] === 'number' ? Number(value) : value;
    if (typeof DEFAULTS[key] === 'number' && !Number.isFinite(o[key])) {
      throw new Error(`--${m[1]}: not a number: ${value}`);
    }
  }
  return o;
}

// ---------------------------------------------------------------------------------------------
// Scenarios. Each runs bench/wrk/<script> with `wrk -t threads -c connections -d duration`.

const SCENARIOS = {
  g: { name: 'GET /healthz (ceiling)', script: 'healthz.lua' },
  a: { name: 'look-up by receipt number', script: 'lookup.lua' },
  b: { name: '100-record page, status filter, date sort', script: 'page.lua' },
  c1: { name: 'name like, 1-char term', script: 'search.lua', env: { BENCH_TERMS: 'search-terms-1.txt' } },
  c2: { name: 'name like, 2-char term', script: 'search.lua', env: { BENCH_TERMS: 'search-terms-2.txt' } },
  c3: { name: 'name like, 3-char term', script: 'search.lua', env: { BENCH_TERMS: 'search-terms-3.txt' } },
  d: { name: 'count with filter (totalCount)', script: 'count.lua' },
  h: { name: 'aggregate for a graph (COUNT per group)', script: 'aggregate.lua' },
  e: { name: 'POST 100 records', script: 'post.lua', recordsPerRequest: 100, writes: true },
  f: { name: 'PUT 1 record (revision -1)', script: 'put.lua', writes: true },
  // Issue 5: the residents' pages of bench/run.mjs's benchmark app (published by publishPages).
  p1: { name: 'public look-up', script: 'public-lookup.lua', counts: true },
  p2: { name: 'public form submission', script: 'public-form.lua', writes: true },
  // Not wrk: hits, wrong secrets and unknown numbers interleaved on one connection, medians each.
  pt: { name: 'public look-up timing: hit vs miss', node: true },
};


// ---------------------------------------------------------------------------------------------
// Small helpers

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const fmtInt = (n) => Math.round(n).toLocaleString('en-US');
const fmtMs = (us) => (us >= 100_000 ? (us / 1000).toFixed(0) : (us / 1000).toFixed(us >= 10_000 ? 1 : 2));
const log = (...a) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });
}

function findBinary(explicit) {
  const candidates = [explicit, process.env.TSUMIKI_BIN,
    join(repoRoot, 'build-bench/src/server/tsumiki'), join(repoRoot, 'build/src/server/tsumiki')];
  for (const c of candidates) if (c && existsSync(c)) return resolve(c);
  throw new Error('tsumiki binary not found: build it (see docs/benchmarks.md) or pass --bin');
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

// One HTTP request to the server; resolves {status, json, text}.
function request(base, method, path, { body, headers = {} } = {}) {
  return new Promise((ok, fail) => {
    const payload = body === undefined ? undefined
      : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
    const h = { ...headers };
    if (payload) {
      h['Content-Type'] = 'application/json';
      h['Content-Length'] = payload.length;
    }
    const req = http.request(`${base}${path}`, { method, headers: h, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try { json = JSON.parse(text); } catch { /* not JSON */ }
        ok({ status: res.statusCode, json, text });
      });
      res.on('error', fail);
    });
    req.on('error', fail);
    req.setTimeout(120_000, () => req.destroy(new Error(`${method} ${path}: timed out`)));
    if (payload) req.write(payload);
    req.end();
  });
}

async function must(promise, what) {
  const r = await promise;
  if (r.status !== 200) throw new Error(`${what}: HTTP ${r.status} ${r.text.slice(0, 500)}`);
  return r.json;
}

// ---------------------------------------------------------------------------------------------
// Server process and its resource use

class Server {
  constructor({ bin, dataDir, port, extraArgs, admin }) {
    Object.assign(this, { bin, dataDir, port, extraArgs, admin });
    this.base = `http://127.0.0.1:${port}`;
    this.output = '';
  }

  async start() {
    const args = ['serve', '--data', this.dataDir, '--listen', `127.0.0.1:${this.port}`,
      '--log-level', 'warn', '--no-access-log', ...this.extraArgs];
    this.args = args;
    this.child = spawn(this.bin, args, {
      env: { ...process.env, TSUMIKI_ADMIN_USER: this.admin.user, TSUMIKI_ADMIN_PASSWORD: this.admin.password },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (d) => { this.output = (this.output + d).slice(-20000); };
    this.child.stdout.on('data', keep);
    this.child.stderr.on('data', keep);
    this.exited = new Promise((ok) => this.child.on('exit', (code, signal) => ok({ code, signal })));
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        if ((await request(this.base, 'GET', '/healthz')).status === 200) break;
      } catch { /* not up yet */ }
      if (this.child.exitCode !== null || Date.now() > deadline) {
        this.child.kill('SIGKILL');
        throw new Error(`tsumiki did not start:\n${this.output}`);
      }
      await sleep(50);
    }
    this.pid = this.child.pid;
  }

  async stop() {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    await this.exited;
    clearTimeout(timer);
  }

  status() {
    const s = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)?.[1] ?? 0);
    return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM'), threads: kb('Threads') };
  }

  cpuTicks() { // utime + stime of the whole process, in clock ticks
    const f = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  }
}

function machineTicks() { // [busy, total] over all CPUs, in clock ticks
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = line[3] + line[4];
  const total = line.reduce((a, b) => a + b, 0);
  return [total - idle, total];
}

// Samples RSS every 200 ms and attributes it to the current phase; measures the server's and the
// whole machine's CPU per phase (the machine may be shared: its busy share shows the noise).
class Monitor {
  constructor(server) {
    this.server = server;
    this.phases = {};
    this.current = null;
    this.maxRssKb = 0;
    this.timer = setInterval(() => this.sample(), 200);
  }

  sample() {
    if (!this.current) return;
    try {
      const { rssKb } = this.server.status();
      this.current.maxRssKb = Math.max(this.current.maxRssKb, rssKb);
      this.maxRssKb = Math.max(this.maxRssKb, rssKb);
    } catch { /* process gone */ }
  }

  begin(name) {
    this.end();
    this.current = {
      name, start: Date.now(), maxRssKb: 0, cpu0: this.server.cpuTicks(), machine0: machineTicks(),
      loadavg: os.loadavg()[0],
    };
    this.sample();
  }

  end() {
    const p = this.current;
    if (!p) return undefined;
    this.sample();
    const seconds = (Date.now() - p.start) / 1000;
    const [busy1, total1] = machineTicks();
    const ticksPerSecond = 100; // USER_HZ on Linux
    const result = {
      seconds,
      maxRssMb: p.maxRssKb / 1024,
      serverCpuPct: (100 * (this.server.cpuTicks() - p.cpu0)) / ticksPerSecond / seconds,
      machineBusyPct: (100 * (busy1 - p.machine0[0])) / (total1 - p.machine0[1] || 1) * os.cpus().length,
      loadavgBefore: p.loadavg,
    };
    this.phases[p.name] = result;
    this.current = null;
    return result;
  }

  stop() {
    this.end();
    clearInterval(this.timer);
  }
}

// ---------------------------------------------------------------------------------------------
// Setup: app, fields, deploy, API token

async function createApp(server) {
  const auth = { 'X-Cybozu-Authorization': Buffer.from(`${server.admin.user}:${server.admin.password}`).toString('base64') };
  const { app } = await must(request(server.base, 'POST', '/k/v1/preview/app.json',
    { body: { name: '給付金申請 (benchmark)' }, headers: auth }), 'create app');
  await must(request(server.base, 'POST', '/k/v1/preview/app/form/fields.json',
    { body: { app, properties: fieldProperties }, headers: auth }), 'add fields');
  // The clerk's list: one status, newest applications first. Stored with the app so that a
  // server which indexes views' filters and sorts at deploy (ARCHITECTURE.md) can serve (b).
  await must(request(server.base, 'PUT', '/k/v1/preview/app/views.json', {
    body: {
      app,
      views: {
        審査待ち: {
          type: 'LIST', name: '審査待ち', index: '0', filterCond: '審査状況 in ("受付")',
          sort: '申請日 desc', fields: ['受付番号', '氏名', '申請日', '金額', '審査状況'],
        },
      },
    },
    headers: auth,
  }), 'add view');
  await must(request(server.base, 'POST', '/k/v1/preview/app/deploy.json',
    { body: { apps: [{ app }] }, headers: auth }), 'deploy');
  for (let i = 0; ; i++) {
    const { apps } = await must(request(server.base, 'GET', `/k/v1/preview/app/deploy.json?apps[0]=${app}`,
      { headers: auth }), 'deploy status');
    if (apps[0].status === 'SUCCESS') break;
    if (apps[0].status !== 'PROCESSING' || i > 600) throw new Error(`deploy: ${apps[0].status}`);
    await sleep(50);
  }
  const { token } = await must(request(server.base, 'POST', '/api/app/tokens.json', {
    body: { app, viewRecord: true, addRecord: true, editRecord: true, deleteRecord: true }, headers: auth,
  }), 'create API token');
  return { app: String(app), token };
}

// Issue 5: a public look-up page and a public form on the benchmark app, published through the
// staff API as an app administrator would (docs/public-pages.md). Their per-address and per-key
// limits are raised through the pages' own `rateLimit` settings: every request of a benchmark
// comes from 127.0.0.1, which the defaults (30 failed look-ups, 20 submissions per address)
// would block within a second. The limiter still counts every miss and submission.
async function publishPages(server, state) {
  if (state.publicLookupToken && state.publicFormToken) return;
  const auth = { 'X-Cybozu-Authorization': Buffer.from(`${server.admin.user}:${server.admin.password}`).toString('base64') };
  const app = Number(state.app);
  // Residents' applications get receipt numbers W-00000001…; loaded records bring their own.
  await must(request(server.base, 'PUT', '/api/app/receipt.json', {
    body: { app, format: { field: '受付番号', prefix: 'W', year: 'none', separator: '-', digits: 8, checkDigit: false } },
    headers: auth,
  }), 'receipt format');
  const lookup = await must(request(server.base, 'POST', '/api/public/pages.json', {
    body: {
      app,
      kind: 'lookup',
      settings: {
        title: '給付金申請の状況確認',
        description: '受付番号と生年月日を入力してください。',
        keys: [{ code: '受付番号', label: '受付番号' }, { code: '生年月日', label: '生年月日' }],
        shown: [{ code: '受付番号' }, { code: '氏名' }, { code: '申請日' }, { code: '審査状況', label: '状況' }],
        valueLabels: { 支払済: { ja: 'お振込みしました', en: 'Paid' }, 審査中: { ja: '審査しています', en: 'Under review' } },
        rateLimit: { perAddress: 100000, perKey: 100000, windowSeconds: 1 },
      },
    },
    headers: auth,
  }), 'publish look-up page');
  const form = await must(request(server.base, 'POST', '/api/public/pages.json', {
    body: {
      app,
      kind: 'form',
      settings: {
        title: '給付金申請',
        description: '必要事項を入力してください。',
        fields: ['氏名', '氏名カナ', '生年月日', '郵便番号', '住所', '電話番号', 'メール', '申請日', '区分', '備考']
          .map((code) => ({ code })),
        completionMessage: '受け付けました。',
        rateLimit: { perAddress: 0 },
      },
    },
    headers: auth,
  }), 'publish form');
  state.publicLookupToken = lookup.token;
  state.publicFormToken = form.token;
  saveState(state);
}

// ---------------------------------------------------------------------------------------------
// Load: pre-generate the bodies in worker threads, then POST them with a few connections.

async function generateBodies(app, first, count) {
  const batches = [];
  for (let i = first, no = 0; i < first + count; i += 100, no++) {
    batches.push([no, i, Math.min(100, first + count - i)]);
  }
  const bodies = new Array(batches.length);
  const workers = Math.max(1, Math.min(os.cpus().length, 4));
  await Promise.all(Array.from({ length: workers }, (_, w) => new Promise((ok, fail) => {
    const mine = batches.filter((_, k) => k % workers === w);
    const worker = new Worker(join(here, 'lib/batch-worker.mjs'), { workerData: { app, batches: mine } });
    worker.on('message', (m) => {
      if (m.done) return;
      bodies[m.no] = Buffer.from(m.body.buffer, m.body.byteOffset, m.body.byteLength);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`generator worker exited ${code}`))));
  })));
  return bodies;
}

async function load(server, monitor, state, target, opts) {
  const missing = target - state.loaded;
  if (missing <= 0) return undefined;
  const SLICE = 100_000; // generate and send in slices so the bodies never all sit in memory
  log(`loading ${fmtInt(missing)} records (${fmtInt(state.loaded)} already there) with ` +
    `${opts.loadConnections} connections of 100-record POSTs`);
  const headers = { 'X-Cybozu-API-Token': state.token };
  const already = state.loaded;
  let sent = 0;
  let sendSeconds = 0;
  let lastReport = Date.now();
  let lastSent = 0;
  const started = Date.now();
  let next = generateBodies(state.app, state.loaded, Math.min(SLICE, missing));
  for (let first = state.loaded; first < target; first += SLICE) {
    const count = Math.min(SLICE, target - first);
    const bodies = await next;
    // Generate the next slice while this one is timed? No: it would take CPU from the server.
    monitor.begin('load');
    const t0 = process.hrtime.bigint();
    let index = 0;
    await Promise.all(Array.from({ length: opts.loadConnections }, async () => {
      while (index < bodies.length) {
        const body = bodies[index++];
        const r = await request(server.base, 'POST', '/k/v1/records.json', { body, headers });
        if (r.status !== 200 || !Array.isArray(r.json?.ids)) {
          throw new Error(`POST records.json: HTTP ${r.status} ${r.text.slice(0, 500)}`);
        }
        sent += r.json.ids.length;
        const now = Date.now();
        if (now - lastReport >= 5000) {
          const rate = ((sent - lastSent) * 1000) / (now - lastReport);
          log(`  ${fmtInt(already + sent)} / ${fmtInt(target)}  ${fmtInt(rate)} records/s  ` +
            `RSS ${(server.status().rssKb / 1024).toFixed(0)} MB`);
          lastReport = now;
          lastSent = sent;
        }
      }
    }));
    sendSeconds += Number(process.hrtime.bigint() - t0) / 1e9;
    const phase = monitor.end();
    mergeLoadPhase(state, phase, count);
    state.loaded = first + count;
    saveState(state);
    if (first + count < target) next = generateBodies(state.app, first + count, Math.min(SLICE, target - first - count));
  }
  // Loading is done when the records are searchable through the index too: the background
  // indexer (its own file and thread) may still be working through its queue.
  const caughtUp = await waitForSearchIndex(server.dataDir, state.app);
  const result = {
    records: sent,
    seconds: sendSeconds,
    searchIndexCaughtUpSeconds: caughtUp,
    recordsPerSecond: sent / sendSeconds,
    wallSecondsWithGeneration: (Date.now() - started) / 1000,
    connections: opts.loadConnections,
    maxRssMb: state.loadPhase.maxRssMb,
    serverCpuPct: state.loadPhase.serverCpuPct,
    serverCpuMsPerRequest: (state.loadPhase.cpuSeconds * 1000) / (state.loadPhase.records / 100),
    machineBusyPct: state.loadPhase.machineBusyPct,
  };
  log(`loaded ${fmtInt(sent)} records in ${sendSeconds.toFixed(1)} s of sending: ` +
    `${fmtInt(result.recordsPerSecond)} records/s, max RSS ${result.maxRssMb.toFixed(0)} MB; ` +
    `search index caught up ${caughtUp.toFixed(1)} s after the last POST`);
  return result;
}

// Seconds until the app's search queue (r{A}_fts_pending, read with the sqlite3 command) is
// empty, polled every 100 ms for at most 10 minutes.
async function waitForSearchIndex(dataDir, app) {
  const t0 = process.hrtime.bigint();
  const sql = `SELECT count(*) FROM r${Number(app)}_fts_pending`;
  for (;;) {
    const queued = Number(execFileSync('sqlite3', ['-readonly', join(dataDir, 'tsumiki.db'), sql]).toString().trim());
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (queued === 0 || seconds > 600) return seconds;
    await new Promise((done) => setTimeout(done, 100));
  }
}

function mergeLoadPhase(state, phase, records) {
  const p = state.loadPhase ?? { seconds: 0, maxRssMb: 0, cpuSeconds: 0, busySeconds: 0 };
  p.cpuSeconds += (phase.serverCpuPct / 100) * phase.seconds;
  p.busySeconds += (phase.machineBusyPct / 100) * phase.seconds;
  p.seconds += phase.seconds;
  p.records = (p.records ?? 0) + records;
  p.maxRssMb = Math.max(p.maxRssMb, phase.maxRssMb);
  p.serverCpuPct = (100 * p.cpuSeconds) / p.seconds;
  p.machineBusyPct = (100 * p.busySeconds) / p.seconds;
  state.loadPhase = p;
}

function saveState(state) {
  if (state.file) writeFileSync(state.file, JSON.stringify({ ...state, file: undefined }, null, 2));
}

// ---------------------------------------------------------------------------------------------
// Request lists for the wrk scripts (bench/wrk/*.lua read them from BENCH_DATA)

function writeRequestLists(dir, loaded) {
  mkdirSync(dir, { recursive: true });
  // (a) receipt numbers of 20,000 records chosen with a fixed seed among the loaded ones.
  const rng = rngFor(0x6c6f6f6b); // "look"
  const keys = [];
  for (let k = 0; k < Math.min(20000, loaded); k++) {
    keys.push(generateRecord(Math.floor(rng() * loaded)).受付番号.value);
  }
  writeFileSync(join(dir, 'lookup-keys.txt'), `${keys.join('\n')}\n`);
  // (c) every 1-, 2- and 3-character substring of the surnames and given names (kanji, kana).
  for (const n of [1, 2, 3]) {
    const terms = new Set();
    for (const [name] of [...SURNAMES, ...GIVEN_NAMES]) {
      const chars = [...name];
      for (let i = 0; i + n <= chars.length; i++) terms.add(chars.slice(i, i + n).join(''));
    }
    writeFileSync(join(dir, `search-terms-${n}.txt`), `${[...terms].join('\n')}\n`);
  }
  // (e) a body of 100 generated records with placeholders for the unique receipt numbers.
  const records = generateRecords(5_000_000, 100);
  for (const r of records) r.受付番号.value = '@@R@@';
  writeFileSync(join(dir, 'post-template.json'), JSON.stringify({ app: Number(process.env.TSUMIKI_APP), records }));
}

// (p1, pt) look-up bodies from the generator: kind 0 and 1 hits, 2 the right receipt number with
// the next day as birth date, 3 a receipt number no record has (year 1999). (p2) one application.
const LOOKUP_KINDS = ['hit', 'hit', 'wrong-secret', 'unknown-number'];

function lookupBody(token, loaded, rng, kind) {
  const i = Math.floor(rng() * loaded);
  const r = generateRecord(i);
  let receipt = r.受付番号.value;
  let birth = r.生年月日.value;
  if (kind === 'wrong-secret') birth = new Date(Date.parse(`${birth}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
  if (kind === 'unknown-number') receipt = `R1999-${String(i + 1).padStart(7, '0')}`;
  return JSON.stringify({ token, keys: { 受付番号: receipt, 生年月日: birth } });
}

function writePublicLists(dir, loaded, state) {
  const rng = rngFor(0x7075626c); // "publ"
  const lines = [];
  for (let k = 0; k < 40000; k++) lines.push(lookupBody(state.publicLookupToken, loaded, rng, LOOKUP_KINDS[k % 4]));
  writeFileSync(join(dir, 'public-lookup.txt'), `${lines.join('\n')}\n`);
  const r = generateRecord(6_000_000);
  const record = {};
  for (const code of ['氏名', '氏名カナ', '生年月日', '郵便番号', '住所', '電話番号', 'メール', '申請日', '区分', '備考']) {
    record[code] = r[code].value;
  }
  writeFileSync(join(dir, 'public-form.json'),
    JSON.stringify({ token: state.publicFormToken, idempotencyKey: '@@K@@', record }));
}

// A request of each scenario through Node first: the shape is right and the query is valid.
async function smokeTest(server, state, dir) {
  const h = { 'X-Cybozu-API-Token': state.token };
  const get = (q, extra = '') => must(request(server.base, 'GET',
    `/k/v1/records.json?app=${state.app}&query=${encodeURIComponent(q)}${extra}`, { headers: h }), q);
  const key = readFileSync(join(dir, 'lookup-keys.txt'), 'utf8').split('\n')[0];
  const found = await get(`受付番号 = "${key}"`);
  if (found.records.length !== 1) throw new Error(`look-up of ${key} found ${found.records.length}`);
  const page = await get('審査状況 in ("審査中") order by 申請日 desc, $id desc limit 100');
  if (page.records.length !== 100) throw new Error(`page has ${page.records.length} records`);
  const search = await get('氏名 like "佐藤" limit 100');
  if (!search.records.length) throw new Error('search found nothing');
  const count = await get('審査状況 in ("支払済") limit 1', '&totalCount=true');
  const all = await get('limit 1', '&totalCount=true');
  const first = await get('order by $id asc limit 1');
  const last = await get('order by $id desc limit 1');
  return {
    totalRecords: Number(all.totalCount),
    paidRecords: Number(count.totalCount),
    minId: Number(first.records[0].$id.value),
    maxId: Number(last.records[0].$id.value),
  };
}

// ---------------------------------------------------------------------------------------------
// wrk

function parseWrk(text) {
  const unit = { us: 1, ms: 1000, s: 1_000_000, m: 60_000_000 };
  const dur = (s) => {
    const m = /^([\d.]+)(us|ms|s|m)$/.exec(s);
    return m ? Number(m[1]) * unit[m[2]] : NaN;
  };
  const pct = (p) => {
    const m = new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(text);
    return m ? dur(m[1]) : NaN;
  };
  const json = /^WRK_JSON (.*)$/m.exec(text);
  const counts = /^WRK_COUNTS (.*)$/m.exec(text);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  return {
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(text)?.[1] ?? NaN),
    p50Us: pct(50),
    p99Us: pct(99),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(text)?.[1] ?? 0),
    socketErrors: socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0,
    detail: json ? JSON.parse(json[1]) : undefined,
    counts: counts ? JSON.parse(counts[1]) : undefined,
  };
}

function runWrk({ script, env, threads, connections, duration, base }) {
  const args = ['-t', String(threads), '-c', String(connections), '-d', `${duration}s`,
    '--timeout', '30s', '--latency', '-s', join(here, 'wrk', script), base];
  return new Promise((ok, fail) => {
    const child = spawn('wrk', args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), (duration + 60) * 1000);
    child.on('exit', (code) => {
      clearTimeout(killer);
      if (code !== 0) fail(new Error(`wrk exited ${code}:\n${out}`));
      else ok({ command: `wrk ${args.join(' ')}`, output: out });
    });
  });
}

async function runScenario(server, monitor, state, key, { threads, connections, duration }, env) {
  const s = SCENARIOS[key];
  if (s.node) return runTiming(server, monitor, key, env);
  const label = connections === 1 ? `${key}@1` : key;
  monitor.begin(label);
  const { command, output } = await runWrk({
    script: s.script, env: { ...env, ...s.env, BENCH_TERMS: s.env?.BENCH_TERMS ? join(env.BENCH_DATA, s.env.BENCH_TERMS) : '' },
    threads, connections, duration, base: server.base,
  });
  const phase = monitor.end();
  const parsed = parseWrk(output);
  const d = parsed.detail;
  const result = {
    key, label, name: s.name, connections, threads, duration,
    requestsPerSecond: parsed.requestsPerSecond,
    recordsPerSecond: s.recordsPerRequest ? parsed.requestsPerSecond * s.recordsPerRequest : undefined,
    p50Ms: (d?.latency_us.p50 ?? parsed.p50Us) / 1000,
    p90Ms: d ? d.latency_us.p90 / 1000 : undefined,
    p99Ms: (d?.latency_us.p99 ?? parsed.p99Us) / 1000,
    maxMs: d ? d.latency_us.max / 1000 : undefined,
    requests: d?.requests,
    non2xx: parsed.non2xx,
    socketErrors: parsed.socketErrors,
    misses: d?.misses ?? 0,
    // A look-up that finds nothing answers 404 by design: there, only limits and surprises count.
    errors: s.counts ? parsed.socketErrors + (parsed.counts?.limited ?? 0) + (parsed.counts?.other ?? 0)
      : parsed.non2xx + parsed.socketErrors + (d?.misses ?? 0),
    counts: parsed.counts,
    ...phase,
    serverCpuMsPerRequest: d?.requests ? (phase.serverCpuPct * phase.seconds * 10) / d.requests : undefined,
    command: command.replace(join(here, 'wrk') + '/', 'bench/wrk/'),
    wrkOutput: output,
  };
  if (s.writes) state.writesDone = true;
  log(`${label.padEnd(5)} ${fmtInt(result.requestsPerSecond).padStart(7)} req/s  p50 ${fmtMs(result.p50Ms * 1000)} ms  ` +
    `p99 ${fmtMs(result.p99Ms * 1000)} ms  errors ${result.errors}  RSS ${result.maxRssMb.toFixed(0)} MB  ` +
    `server CPU ${result.serverCpuPct.toFixed(0)}% (${result.serverCpuMsPerRequest?.toFixed(2)} ms/req)  ` +
    `machine ${result.machineBusyPct.toFixed(0)}%`);
  // A write run leaves up to `connections` requests queued in the server: let them finish before
  // the next run starts, so that it measures only itself.
  await waitIdle(server);
  return result;
}

// (pt) The look-up's timing equalisation, measured: hits, wrong secrets and unknown receipt
// numbers interleaved on one keep-alive connection (so each kind sees the same machine), the
// client's wall time per request, medians per kind after a warm-up.
async function runTiming(server, monitor, key, env) {
  const rounds = Number(env.BENCH_TIMING_ROUNDS ?? 3000);
  const one = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const rng = rngFor(0x74696d65); // "time"
  const kinds = ['hit', 'wrong-secret', 'unknown-number'];
  const samples = Object.fromEntries(kinds.map((k) => [k, []]));
  const unexpected = [];
  const post = (body) => new Promise((ok, fail) => {
    const t0 = process.hrtime.bigint();
    const req = http.request(`${server.base}/api/public/lookup/search.json`, {
      method: 'POST', agent: one, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, text: Buffer.concat(chunks).toString(), us: Number(process.hrtime.bigint() - t0) / 1000 }));
    });
    req.on('error', fail);
    req.end(body);
  });
  monitor.begin(key);
  const started = Date.now();
  for (let round = 0; round < rounds + 200; round++) {
    for (const kind of kinds) {
      const r = await post(lookupBody(env.BENCH_LOOKUP_TOKEN, Number(env.BENCH_RECORDS), rng, kind));
      const ok = kind === 'hit' ? r.status === 200 : r.status === 404 && r.text.includes('TK_PB06');
      if (!ok) unexpected.push(`${kind}: ${r.status} ${r.text.slice(0, 100)}`);
      if (round >= 200) samples[kind].push(r.us);
    }
  }
  const seconds = (Date.now() - started) / 1000;
  const phase = monitor.end();
  one.destroy();
  const pct = (a, p) => a.sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor((p / 100) * a.length))];
  const medians = Object.fromEntries(kinds.map((k) => [k, pct(samples[k], 50) / 1000]));
  const p90 = Object.fromEntries(kinds.map((k) => [k, pct(samples[k], 90) / 1000]));
  const requests = (rounds + 200) * kinds.length;
  const result = {
    key, label: key, name: SCENARIOS[key].name, connections: 1, threads: 1, duration: seconds,
    requestsPerSecond: requests / seconds,
    p50Ms: pct(Object.values(samples).flat(), 50) / 1000,
    p99Ms: pct(Object.values(samples).flat(), 99) / 1000,
    requests, errors: unexpected.length, unexpected: unexpected.slice(0, 10),
    medianMsByKind: medians, p90MsByKind: p90,
    ...phase,
    serverCpuMsPerRequest: (phase.serverCpuPct * phase.seconds * 10) / requests,
    command: `node bench/run.mjs (runTiming): ${rounds} rounds of ${kinds.join(', ')} on one connection`,
  };
  log(`${key.padEnd(5)} medians: ${kinds.map((k) => `${k} ${medians[k].toFixed(3)} ms`).join(', ')}; ` +
    `p90: ${kinds.map((k) => `${p90[k].toFixed(3)}`).join(' / ')} ms; unexpected ${unexpected.length}`);
  await waitIdle(server);
  return result;
}

// Waits (at most 2 minutes) until the server uses under 5% of a core over 500 ms.
async function waitIdle(server) {
  for (let i = 0; i < 240; i++) {
    const c0 = server.cpuTicks();
    await sleep(500);
    if (server.cpuTicks() - c0 <= 2) return;
  }
}

// ---------------------------------------------------------------------------------------------
// Report

function table(results, load, ceiling) {
  const rows = [['scenario', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'max RSS MB', 'srv CPU %', 'CPU ms/req']];
  if (load) {
    const indexed = load.searchIndexCaughtUpSeconds === undefined ? ''
      : `; indexed ${load.searchIndexCaughtUpSeconds.toFixed(1)} s after`;
    rows.push([`load: POST 100 records (${fmtInt(load.recordsPerSecond)} records/s${indexed})`, String(load.connections),
      fmtInt(load.recordsPerSecond / 100), '', '', '0', load.maxRssMb.toFixed(0), load.serverCpuPct.toFixed(0),
      load.serverCpuMsPerRequest?.toFixed(1) ?? '']);
  }
  for (const r of results) {
    let name = `(${r.key}) ${r.name}`;
    if (r.recordsPerSecond) name += ` (${fmtInt(r.recordsPerSecond)} records/s)`;
    if (r.counts) name += ` (${((100 * r.counts.hits) / (r.requests || 1)).toFixed(0)}% hits)`;
    if (r.medianMsByKind) {
      name += ` (medians ${Object.values(r.medianMsByKind).map((m) => m.toFixed(3)).join(' / ')} ms)`;
    }
    if (r.key === 'a' && ceiling && r.connections !== 1) name += ` (${((100 * r.requestsPerSecond) / ceiling).toFixed(0)}% of ceiling)`;
    rows.push([name, String(r.connections), fmtInt(r.requestsPerSecond), fmtMs(r.p50Ms * 1000),
      fmtMs(r.p99Ms * 1000), String(r.errors), r.maxRssMb.toFixed(0), r.serverCpuPct.toFixed(0),
      r.serverCpuMsPerRequest === undefined ? '' : r.serverCpuMsPerRequest.toFixed(r.serverCpuMsPerRequest < 10 ? 2 : 1)]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r) => `| ${r.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w, c) => (c === 0 ? ':' : '') + '-'.repeat(w + 1) + (c === 0 ? '' : ':')).join('|')}|`,
    ...rows.slice(1).map(line)].join('\n');
}

function targets(results, load, maxRssMb) {
  const find = (k, conns) => results.find((r) => r.key === k && (conns ? r.connections === conns : r.connections !== 1));
  const out = [];
  const g = find('g');
  const a = find('a');
  if (a && g) {
    out.push({ target: '(a) look-up ≥ 50% of /healthz req/s', value: `${((100 * a.requestsPerSecond) / g.requestsPerSecond).toFixed(0)}%`, met: a.requestsPerSecond >= 0.5 * g.requestsPerSecond });
  }
  if (a) out.push({ target: '(a) look-up p99 < 10 ms at 32 connections', value: `${fmtMs(a.p99Ms * 1000)} ms`, met: a.p99Ms < 10 });
  for (const conns of [undefined, 1]) {
    const sfx = conns === 1 ? ' (1 connection)' : '';
    const b = find('b', conns);
    if (b) out.push({ target: `(b) page p50 < 20 ms${sfx}`, value: `${fmtMs(b.p50Ms * 1000)} ms`, met: b.p50Ms < 20 });
    for (const k of ['c1', 'c2', 'c3']) {
      const c = find(k, conns);
      if (c) out.push({ target: `(${k}) search p50 < 100 ms${sfx}`, value: `${fmtMs(c.p50Ms * 1000)} ms`, met: c.p50Ms < 100 });
    }
  }
  const p1 = find('p1');
  if (p1) {
    out.push({ target: '(p1) public look-up ≥ 10,000 req/s', value: fmtInt(p1.requestsPerSecond), met: p1.requestsPerSecond >= 10000 });
    out.push({ target: '(p1) public look-up p99 < 20 ms', value: `${fmtMs(p1.p99Ms * 1000)} ms`, met: p1.p99Ms < 20 });
  }
  const p2 = find('p2');
  if (p2) out.push({ target: '(p2) public form ≥ 1,000 submissions/s', value: fmtInt(p2.requestsPerSecond), met: p2.requestsPerSecond >= 1000 });
  if (load) out.push({ target: 'load > 30,000 records/s', value: fmtInt(load.recordsPerSecond), met: load.recordsPerSecond > 30000 });
  out.push({ target: 'server RSS < 300 MB throughout', value: `${maxRssMb.toFixed(0)} MB`, met: maxRssMb < 300 });
  return out;
}

function gitDescribe() {
  try {
    const head = readFileSync(join(repoRoot, '.git/HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head;
    const ref = head.slice(5);
    const loose = join(repoRoot, '.git', ref);
    if (existsSync(loose)) return readFileSync(loose, 'utf8').trim();
    const packed = readFileSync(join(repoRoot, '.git/packed-refs'), 'utf8');
    return new RegExp(`^([0-9a-f]{40}) ${ref}$`, 'm').exec(packed)?.[1] ?? ref;
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const bin = findBinary(opts.bin);
  const admin = { user: 'admin', password: 'bench-admin-password' };
  let dataDir;
  let temporary = false;
  if (opts.data) {
    dataDir = resolve(opts.data);
    mkdirSync(dataDir, { recursive: true });
  } else {
    dataDir = mkdtempSync(join(os.tmpdir(), 'tsumiki-bench-'));
    temporary = true;
  }
  if (opts.from) {
    if (readdirSync(dataDir).length) throw new Error(`--from needs an empty data directory, ${dataDir} is not`);
    const t0 = Date.now();
    cpSync(resolve(opts.from), dataDir, { recursive: true });
    log(`copied ${opts.from} to ${dataDir} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  const stateFile = join(dataDir, 'bench-state.json');
  let state = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : undefined;
  if (!state && readdirSync(dataDir).length) {
    throw new Error(`${dataDir} is not empty and has no bench-state.json: not a data set of this runner`);
  }

  const server = new Server({
    bin, dataDir, port: await freePort(), extraArgs: opts.serverArgs.split(/\s+/).filter(Boolean), admin,
  });
  await server.start();
  log(`tsumiki ${server.args.join(' ')} (pid ${server.pid}, ${bin})`);
  const monitor = new Monitor(server);
  const stopAll = async () => {
    monitor.stop();
    await server.stop();
  };
  process.on('SIGINT', () => { stopAll().finally(() => process.exit(130)); });

  try {
    if (!state) {
      monitor.begin('setup');
      state = { ...(await createApp(server)), loaded: 0 };
      monitor.end();
      log(`app ${state.app} created and deployed; API token created`);
    }
    state.file = stateFile;
    saveState(state);
    const loadResult = await load(server, monitor, state, opts.records, opts);

    const listDir = join(dataDir, 'bench-lists');
    process.env.TSUMIKI_APP = state.app;
    writeRequestLists(listDir, Math.min(state.loaded, opts.records));
    const dataset = await smokeTest(server, state, listDir);
    log(`data set: ${fmtInt(dataset.totalRecords)} records (ids ${dataset.minId}–${dataset.maxId}), ` +
      `${fmtInt(dataset.paidRecords)} 支払済`);

    const env = {
      TSUMIKI_APP: state.app,
      TSUMIKI_TOKEN: state.token,
      BENCH_DATA: listDir,
      BENCH_MAX_ID: String(dataset.maxId),
      BENCH_NONCE: Date.now().toString(36).slice(-5),
    };
    const results = [];
    const keys = opts.scenarios.split(',').map((k) => k.trim()).filter(Boolean)
      .flatMap((k) => (GROUPS[k] ? GROUPS[k].split(',') : [k]));
    if (keys.some((k) => k.startsWith('p'))) {
      await publishPages(server, state);
      writePublicLists(listDir, Math.min(state.loaded, opts.records), state);
      env.BENCH_LOOKUP_TOKEN = state.publicLookupToken;
      env.BENCH_RECORDS = String(Math.min(state.loaded, opts.records));
    }
    const single = new Set(opts.single.split(',').map((k) => k.trim()).filter(Boolean));
    for (const k of keys) {
      if (!SCENARIOS[k]) throw new Error(`unknown scenario ${k}; known: ${Object.keys(SCENARIOS).join(', ')}`);
    }
    // A fresh nonce per run of a scenario: (p2)'s idempotency keys must not repeat when it
    // runs twice in one invocation (a repeated key answers the first receipt, not a new one).
    let runs = 0;
    const withNonce = () => ({ ...env, BENCH_NONCE: env.BENCH_NONCE + (runs++).toString(36) });
    for (const k of keys) {
      await sleep(opts.pause * 1000);
      results.push(await runScenario(server, monitor, state, k, opts, withNonce()));
      if (single.has(k)) {
        await sleep(opts.pause * 1000);
        results.push(await runScenario(server, monitor, state, k,
          { threads: 1, connections: 1, duration: opts.singleDuration }, withNonce()));
      }
    }
    const after = results.length ? await smokeTest(server, state, listDir) : dataset;
    const status = server.status();
    const maxRssMb = Math.max(monitor.maxRssKb, 0) / 1024;
    const ceiling = results.find((r) => r.key === 'g' && r.connections !== 1)?.requestsPerSecond;

    console.log(`\n${table(results, loadResult, ceiling)}\n`);
    const t = targets(results, loadResult, Math.max(maxRssMb, status.hwmKb / 1024));
    for (const x of t) console.log(`${x.met ? 'MET   ' : 'MISSED'}  ${x.target}: ${x.value}`);
    console.log(`server peak RSS (VmHWM) ${(status.hwmKb / 1024).toFixed(0)} MB; sampled max ${maxRssMb.toFixed(0)} MB`);

    const cpus = os.cpus();
    const report = {
      date: new Date().toISOString(),
      commit: gitDescribe(),
      machine: {
        cpu: cpus[0]?.model, cores: cpus.length, memoryGb: +(os.totalmem() / 2 ** 30).toFixed(1),
        kernel: os.release(), node: process.version,
      },
      server: { bin, args: server.args, peakRssMb: status.hwmKb / 1024, sampledMaxRssMb: maxRssMb },
      options: opts,
      dataset: { ...dataset, recordsAfterRun: after.totalRecords, generator: 'bench/gen/records.mjs', fields: Object.keys(fieldProperties).length },
      load: loadResult,
      loadAllRuns: state.loadPhase,
      results,
      targets: t,
      phases: monitor.phases,
    };
    const outFile = opts.out || join(here, 'out', `results-${report.date.slice(0, 19).replace(/:/g, '')}.json`);
    mkdirSync(dirname(outFile), { recursive: true });
    writeFileSync(outFile, JSON.stringify(report, null, 2));
    log(`results written to ${outFile}`);
  } catch (e) {
    console.error(`server output (tail):\n${server.output.slice(-3000)}`);
    throw e;
  } finally {
    await stopAll();
    if (temporary && !opts.keep) rmSync(dataDir, { recursive: true, force: true });
    else log(`data kept in ${dataDir}`);
  }
}

main().catch((e) => {
  console.error(e.stack ?? e);
  process.exit(1);
});

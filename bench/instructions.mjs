#!/usr/bin/env node
// Instructions per request, counted by callgrind: a deterministic measure (two runs of the same
// binary agree within 0.1%) for comparing code changes on the write and look-up paths, where
// wall-clock runs on a shared 2-core machine scatter by ±5% (docs/benchmarks.md).
//
//   node bench/instructions.mjs --bin BIN --from DIR                  # 30 100-record POSTs
//   node bench/instructions.mjs --bin BIN --from DIR --workload lookup --requests 2000
//   node bench/instructions.mjs --bin BIN --from DIR --workload healthz    # the ceiling (g)
//
// DIR is a data set kept by `bench/run.mjs --data DIR` (its bench-state.json names the app and
// token). It is copied first, so it stays as it was. The server runs under valgrind with the
// search indexer held back; requests go one at a time over one keep-alive connection, and only
// the measured ones (after --warmup) are counted. Prints instructions per request for the whole
// server and for the write section (SqliteDatabase::RunGroup: the single writer's critical
// section, which every queued write waits for).
//
// Needs valgrind (apt install valgrind). Talks to 127.0.0.1 only.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { generateRecord, generateRecords, rngFor } from './gen/records.mjs';

const { values: opts } = parseArgs({
  options: {
    bin: { type: 'string' },
    from: { type: 'string' },
    workload: { type: 'string', default: 'post' },
    requests: { type: 'string' },
    warmup: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
if (!opts.bin || !opts.from || !['post', 'lookup', 'healthz'].includes(opts.workload)) {
  console.error('usage: node bench/instructions.mjs --bin BIN --from DIR [--workload post|lookup|healthz] ' +
    '[--requests N] [--warmup N] [--keep]');
  process.exit(2);
}
const post = opts.workload === 'post';
const requests = Number(opts.requests ?? (post ? 30 : 2000));
const warmup = Number(opts.warmup ?? (post ? 10 : 300));

const state = JSON.parse(readFileSync(join(opts.from, 'bench-state.json'), 'utf8'));
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function send(port, method, path, body) {
  return new Promise((ok, fail) => {
    const headers = { 'X-Cybozu-API-Token': state.token };
    if (body) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': body.length });
    const req = http.request({ host: '127.0.0.1', port, path, method, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

function freePort() {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

// The requests, built before the server starts: [method, path, body].
function workload(count, offset) {
  const out = [];
  if (post) {
    // Generator indexes far past the loaded records: new, unique receipt numbers.
    for (let i = 0; i < count; i++) {
      const records = generateRecords(3_000_000 + (offset + i) * 100, 100);
      out.push(['POST', '/k/v1/records.json', Buffer.from(JSON.stringify({ app: Number(state.app), records }))]);
    }
  } else if (opts.workload === 'healthz') {
    for (let i = 0; i < count; i++) out.push(['GET', '/healthz', undefined]);
  } else {
    const rng = rngFor(0x6c6f6f6b + offset);
    for (let i = 0; i < count; i++) {
      const key = generateRecord(Math.floor(rng() * state.loaded)).受付番号.value;
      const query = encodeURIComponent(`受付番号 = "${key}"`);
      out.push(['GET', `/k/v1/records.json?app=${state.app}&query=${query}`, undefined]);
    }
  }
  return out;
}

async function run(port, list) {
  for (const [method, path, body] of list) {
    const r = await send(port, method, path, body);
    if (r.status !== 200) throw new Error(`${method} ${path.slice(0, 80)}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
  }
}

const dir = mkdtempSync(join(os.tmpdir(), 'tsumiki-instr-'));
const data = join(dir, 'data');
const out = join(dir, 'callgrind.out');
let server;
try {
  cpSync(opts.from, data, { recursive: true });
  rmSync(join(data, 'count-columns.json'), { force: true }); // not loaded at start under valgrind
  const warm = workload(warmup, 0);
  const measured = workload(requests, warmup);
  const port = await freePort();
  server = spawn('valgrind', ['--tool=callgrind', '--instr-atstart=no', `--callgrind-out-file=${out}`,
    opts.bin, 'serve', '--data', data, '--listen', `127.0.0.1:${port}`,
    '--search-index-interval-ms', '600000', '--no-access-log', '--log-level', 'warn'],
  { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  server.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  const exited = new Promise((ok) => server.on('exit', ok));
  for (let waited = 0; ; waited += 500) {
    if ((await send(port, 'GET', '/healthz').catch(() => ({}))).status === 200) break;
    if (waited > 180_000 || server.exitCode !== null) throw new Error(`server did not start:\n${stderr}`);
    await new Promise((ok) => setTimeout(ok, 500));
  }
  await run(port, warm);
  execFileSync('callgrind_control', ['-i', 'on', String(server.pid)], { stdio: 'ignore' });
  await run(port, measured);
  execFileSync('callgrind_control', ['-i', 'off', String(server.pid)], { stdio: 'ignore' });
  agent.destroy();
  server.kill('SIGTERM');
  await exited;
  server = undefined;
  const report = execFileSync('callgrind_annotate', ['--inclusive=yes', out],
    { maxBuffer: 256 << 20 }).toString();
  const count = (pattern) => {
    const line = report.split('\n').find((l) => pattern.test(l));
    return line ? Number(line.trim().split(/\s+/)[0].replaceAll(',', '')) : 0;
  };
  const total = count(/PROGRAM TOTALS/);
  const writer = count(/SqliteDatabase::RunGroup\(/);
  const per = (n) => Math.round(n / requests).toLocaleString('en-US');
  console.log(`${opts.workload}: ${requests} requests after ${warmup} (${opts.bin})`);
  console.log(`  instructions per request: ${per(total)}`);
  console.log(`  of which the write section (RunGroup): ${per(writer)}`);
  if (opts.keep) console.log(`  callgrind output: ${out} (callgrind_annotate --inclusive=yes)`);
} finally {
  if (server) server.kill('SIGKILL');
  if (!opts.keep) rmSync(dir, { recursive: true, force: true });
}

// worker_threads helper for bench/run.mjs: turns record indexes into ready-to-send POST
// records.json bodies (100 records each), so generating the data never competes with the server
// for CPU while the load is being timed.
import { parentPort, workerData } from 'node:worker_threads';
import { generateRecords } from '../gen/records.mjs';

const { app, batches } = workerData; // batches: [[batchNo, first, count], ...]
for (const [no, first, count] of batches) {
  const body = Buffer.from(JSON.stringify({ app, records: generateRecords(first, count) }));
  // Transfer the bytes (no copy); Buffer.from(string) may share a pooled ArrayBuffer for small
  // strings, so copy into an own one when that happens.
  const own = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength
    ? body : Buffer.from(body);
  parentPort.postMessage({ no, body: own }, [own.buffer]);
}
parentPort.postMessage({ done: true });

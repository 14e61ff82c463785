// Assertions on kintone error answers, through the client library or raw HTTP.
import assert from "node:assert/strict";

// Awaits `promise`, which must reject with a KintoneRestAPIError of the given `status` and
// `code`; with `errors`, the error's `errors` object must equal it exactly (keys and messages),
// with `errorKeys` only its keys. Returns the error for further checks.
export async function rejectsWith(promise, { status, code, errors, errorKeys, message }) {
  let error;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  assert.ok(error, `expected ${code} but the call succeeded`);
  const detail = `${error.message} ${JSON.stringify(error.errors ?? {})}`;
  assert.equal(error.code, code, detail);
  if (status !== undefined) assert.equal(error.status, status, detail);
  assert.match(error.id ?? "", /^[A-Za-z0-9]{20}$/, "error id is 20 alphanumerics");
  if (errors !== undefined) assert.deepEqual(error.errors, errors);
  if (errorKeys !== undefined) assert.deepEqual(Object.keys(error.errors ?? {}).sort(), [...errorKeys].sort());
  if (message !== undefined) assert.equal(messageOf(error), message);
  return error;
}

// The server's message text from a client error ("[400] [CODE] text (id)").
export function messageOf(error) {
  const m = /^\[\d+\] \[[^\]]+\] (.*) \([A-Za-z0-9]+\)$/s.exec(error.message);
  return m ? m[1] : error.message;
}

// A raw response must be a kintone error of `status` and `code`; returns the JSON body.
export function isError(response, status, code) {
  assert.equal(response.status, status, response.text);
  assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
  assert.equal(response.json?.code, code, response.text);
  assert.match(response.json.id, /^[A-Za-z0-9]{20}$/);
  assert.equal(typeof response.json.message, "string");
  return response.json;
}

// The sorted keys of a raw error response's `errors` (the properties it blames).
export const errorKeysOf = (response) => Object.keys(response.json?.errors ?? {}).sort();

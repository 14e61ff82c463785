// Helpers for the public-pages suites: publishing as an administrator, and calling the
// residents' endpoints with no credentials at all.
import { raw } from "./server.mjs";

export const TINY_PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n" +
    "trailer<</Root 1 0 R>>\n%%EOF\n",
);
// A 1×1 PNG.
export const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

export async function publish(baseUrl, app, kind, settings, auth) {
  const r = await raw(baseUrl, "POST", "/api/public/pages.json", {
    body: { app, kind, settings },
    ...(auth ? { auth } : {}),
  });
  return r;
}

// A resident's call: no credentials; `lang` as the page sends it.
export async function pub(baseUrl, method, path, { body, lang = "en", headers = {} } = {}) {
  return raw(baseUrl, method, path, { body, auth: null, headers: { "Accept-Language": lang, ...headers } });
}

// A multipart submission: `files` is [{field, name, type, data}].
export async function submitMultipart(baseUrl, { token, idempotencyKey, record, files = [] }) {
  const form = new FormData();
  form.append("token", token);
  form.append("idempotencyKey", idempotencyKey);
  form.append("record", JSON.stringify(record));
  for (const f of files) form.append(`file:${f.field}`, new Blob([f.data], { type: f.type }), f.name);
  const r = await fetch(baseUrl + "/api/public/form/submit.json", {
    method: "POST",
    body: form,
    headers: { "Accept-Language": "en" },
  });
  const text = await r.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: r.status, headers: r.headers, text, json };
}

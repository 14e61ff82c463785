// Receipt numbers and public forms: formats set by app administrators, numbers issued
// atomically on every add and searchable; forms published at unguessable addresses and
// submitted with no account as the "public form" principal — published fields only,
// attachments checked by content, size and count, open/close dates, a cap, a per-address
// limit, and an idempotency key that turns a retry into the first answer.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { startServer, raw } from "../lib/server.mjs";
import { createApp, deploy } from "../lib/apps.mjs";
import { rejectsWith, isError } from "../lib/expect.mjs";
import { publish, pub, submitMultipart, TINY_PDF, TINY_PNG } from "../lib/public.mjs";

let server, client, app, sato;
const year = String(new Date().getFullYear());
const options = (...names) => Object.fromEntries(names.map((n, i) => [n, { label: n, index: String(i) }]));

server = await startServer();

const formSettings = (extra = {}) => ({
  title: "給付金申請",
  description: "必要事項を入力してください。",
  fields: [
    { code: "name", help: "戸籍上のお名前" },
    { code: "birth", help: "" },
    { code: "kind" },
    { code: "doc", help: "本人確認書類（PDF・JPEG・PNG）" },
  ],
  completionMessage: "受け付けました。",
  ...extra,
});

before(async () => {
  client = server.client();
  sato = server.addUser("sato", "sato-password-1", { name: "佐藤" });
  app = await createApp(client, "Applications", {
    receipt: { type: "SINGLE_LINE_TEXT", code: "receipt", label: "受付番号", unique: true },
    name: { type: "SINGLE_LINE_TEXT", code: "name", label: "氏名", required: true },
    birth: { type: "DATE", code: "birth", label: "生年月日" },
    kind: { type: "DROP_DOWN", code: "kind", label: "種別", options: options("一般", "特例") },
    doc: { type: "FILE", code: "doc", label: "添付書類" },
    memo: { type: "MULTI_LINE_TEXT", code: "memo", label: "職員メモ" },
    owner: { type: "USER_SELECT", code: "owner", label: "担当" },
  });
});

test("receipt format: set, read back, validated, management right only", async () => {
  const put = await raw(server.baseUrl, "PUT", "/api/app/receipt.json", {
    body: { app, format: { field: "receipt", prefix: "AP", year: "calendar", digits: 6 } },
  });
  assert.equal(put.status, 200, put.text);
  assert.deepEqual(put.json.format, {
    field: "receipt", prefix: "AP", year: "calendar", separator: "-", digits: 6, checkDigit: false,
  });
  const bad = await raw(server.baseUrl, "PUT", "/api/app/receipt.json", {
    body: { app, format: { field: "name", digits: 40, year: "someday" } },
  });
  const body = isError(bad, 400, "CB_VA01");
  assert.deepEqual(Object.keys(body.errors).sort(), ["digits", "field", "year"]);
  const denied = await raw(server.baseUrl, "GET", `/api/app/receipt.json?app=${app}`, { auth: sato });
  isError(denied, 403, "CB_NO02");
});

test("receipt numbers are issued on add, in sequence, unique and searchable", async () => {
  const { id } = await client.record.addRecord({ app, record: { name: { value: "一人目" } } });
  const { records: [first] } = await client.record.getRecords({ app, query: `$id = ${id}` });
  assert.match(first.receipt.value, new RegExp(`^AP-${year}-\\d{6}$`));
  const { ids } = await client.record.addRecords({
    app,
    records: [{ name: { value: "a" } }, { name: { value: "b" } }, { name: { value: "c" } }],
  });
  const { records } = await client.record.getRecords({ app, query: `$id in (${ids.join(",")}) order by $id asc` });
  const numbers = records.map((r) => Number(r.receipt.value.slice(-6)));
  const start = Number(first.receipt.value.slice(-6));
  assert.deepEqual(numbers, [start + 1, start + 2, start + 3]);
  const found = await client.record.getRecords({ app, query: `receipt = "${records[1].receipt.value}"` });
  assert.equal(found.records.length, 1);
  assert.equal(found.records[0].$id.value, ids[1]);
  // A number given by the caller (an import of old paper applications) is kept.
  const kept = await client.record.addRecord({ app, record: { name: { value: "紙" }, receipt: { value: "PAPER-1" } } });
  const { record } = await client.record.getRecord({ app, id: kept.id });
  assert.equal(record.receipt.value, "PAPER-1");
  // A failed add takes no number.
  await rejectsWith(client.record.addRecord({ app, record: {} }), { status: 400, code: "CB_VA01" });
  const next = await client.record.addRecord({ app, record: { name: { value: "次" } } });
  const { record: n } = await client.record.getRecord({ app, id: next.id });
  assert.equal(Number(n.receipt.value.slice(-6)), start + 4);
});

test("check digits follow Luhn", async () => {
  const check = await createApp(client, "Checked", {
    no: { type: "SINGLE_LINE_TEXT", code: "no", label: "No", unique: true },
  });
  const put = await raw(server.baseUrl, "PUT", "/api/app/receipt.json", {
    body: { app: check, format: { field: "no", prefix: "", year: "none", digits: 5, checkDigit: true } },
  });
  assert.equal(put.status, 200, put.text);
  const { id } = await client.record.addRecord({ app: check, record: {} });
  const { record } = await client.record.getRecord({ app: check, id });
  assert.equal(record.no.value, "00001-8"); // Luhn("00001") = 8
});

test("the counter skips numbers already typed by hand, in the store and in the same batch", async () => {
  // Required as well: the number fills it, so a record that leaves it empty is not refused.
  const seq = await createApp(client, "Typed ahead", {
    no: { type: "SINGLE_LINE_TEXT", code: "no", label: "No", unique: true, required: true },
  });
  const put = await raw(server.baseUrl, "PUT", "/api/app/receipt.json", {
    body: { app: seq, format: { field: "no", prefix: "T", year: "none", digits: 3 } },
  });
  assert.equal(put.status, 200, put.text);
  // Someone typed the counter's next number by hand before the first issued one.
  await client.record.addRecord({ app: seq, record: { no: { value: "T-001" } } });
  const { ids } = await client.record.addRecords({
    app: seq,
    records: [{}, { no: { value: "T-003" } }, {}],
  });
  const { records } = await client.record.getRecords({ app: seq, query: `$id in (${ids.join(",")}) order by $id asc` });
  assert.deepEqual(records.map((r) => r.no.value), ["T-002", "T-003", "T-004"]);
});

let token;

test("publishing: administrators only, settings validated against the form", async () => {
  const denied = await publish(server.baseUrl, app, "form", formSettings(), sato);
  isError(denied, 403, "CB_NO02");
  const invalid = await publish(server.baseUrl, app, "form", {
    title: "",
    fields: [{ code: "receipt" }, { code: "nope" }, { code: "owner" }],
    theme: { textColor: "#aaaaaa" },
  });
  const body = isError(invalid, 400, "CB_VA01");
  assert.deepEqual(Object.keys(body.errors).sort(), [
    "fields", "fields[0].code", "fields[1].code", "fields[2].code", "theme.textColor", "title",
  ]);
  assert.match(body.errors.fields.messages[0], /name/, "the unpublished required field is named");
  const ok = await publish(server.baseUrl, app, "form", formSettings());
  assert.equal(ok.status, 200, ok.text);
  assert.match(ok.json.token, /^[A-Za-z0-9]{32}$/);
  assert.equal(ok.json.path, `/public/f/${ok.json.token}`);
  token = ok.json.token;
  const list = await raw(server.baseUrl, "GET", `/api/public/pages.json?app=${app}`);
  assert.equal(list.json.pages.length, 1);
  assert.equal(list.json.pages[0].settings.fields.length, 4);
});

test("the form describes itself to anyone, and nothing for unknown tokens", async () => {
  const r = await pub(server.baseUrl, "GET", `/api/public/form.json?token=${token}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.title, "給付金申請");
  assert.equal(r.json.state, "open");
  assert.deepEqual(r.json.fields.map((f) => f.code), ["name", "birth", "kind", "doc"]);
  assert.equal(r.json.fields[0].required, true);
  assert.equal(r.json.fields[0].help, "戸籍上のお名前");
  assert.deepEqual(r.json.fields[2].options, ["一般", "特例"]);
  // One character changed (a random token may itself start with "x").
  const unknown = (token[0] === "x" ? "y" : "x") + token.slice(1);
  isError(await pub(server.baseUrl, "GET", `/api/public/form.json?token=${unknown}`), 404, "TK_PB01");
});

test("a submission is a normal record by the public-form user, visible to staff at once", async () => {
  const r = await pub(server.baseUrl, "POST", "/api/public/form/submit.json", {
    body: { token, idempotencyKey: "k-1", record: { name: "山田 花子", birth: "1980-01-02", kind: "一般" } },
  });
  assert.equal(r.status, 200, r.text);
  assert.match(r.json.receipt, new RegExp(`^AP-${year}-\\d{6}$`));
  assert.equal(r.json.completionMessage, "受け付けました。");
  const { records } = await client.record.getRecords({ app, query: `receipt = "${r.json.receipt}"` });
  assert.equal(records.length, 1);
  assert.equal(records[0].name.value, "山田 花子");
  assert.equal(records[0].Creator?.value?.code ?? records[0].作成者?.value?.code, "public-form");
});

test("a retried submission (same idempotency key) creates no second record", async () => {
  const body = { token, idempotencyKey: "double-click", record: { name: "二重", birth: "1990-05-05" } };
  const [a, b] = await Promise.all([
    pub(server.baseUrl, "POST", "/api/public/form/submit.json", { body }),
    pub(server.baseUrl, "POST", "/api/public/form/submit.json", { body }),
  ]);
  assert.equal(a.status, 200, a.text);
  assert.equal(b.status, 200, b.text);
  assert.equal(a.json.receipt, b.json.receipt);
  const c = await pub(server.baseUrl, "POST", "/api/public/form/submit.json", { body });
  assert.equal(c.json.receipt, a.json.receipt);
  assert.equal(c.json.repeated, true);
  const { records } = await client.record.getRecords({ app, query: `name = "二重"` });
  assert.equal(records.length, 1);
});

test("only published fields may be written; field errors come back per field", async () => {
  const r = await pub(server.baseUrl, "POST", "/api/public/form/submit.json", {
    body: { token, idempotencyKey: "k-memo", record: { name: "x", memo: "私がメモを書く" } },
  });
  const body = isError(r, 400, "CB_VA01");
  assert.deepEqual(Object.keys(body.errors), ["record.memo"]);
  const missing = await pub(server.baseUrl, "POST", "/api/public/form/submit.json", {
    body: { token, idempotencyKey: "k-missing", record: { birth: "2000-13-40" } },
  });
  const m = isError(missing, 400, "CB_VA01");
  assert.deepEqual(Object.keys(m.errors).sort(), ["record.birth.value", "record.name.value"]);
  const noKey = await pub(server.baseUrl, "POST", "/api/public/form/submit.json", {
    body: { token, record: { name: "鍵なし" } },
  });
  isError(noKey, 400, "CB_VA01");
});

test("attachments are checked by content, size and count", async () => {
  const good = await submitMultipart(server.baseUrl, {
    token, idempotencyKey: "file-ok", record: { name: "添付あり" },
    files: [
      { field: "doc", name: "証明書.pdf", type: "application/pdf", data: TINY_PDF },
      { field: "doc", name: "写真.png", type: "image/png", data: TINY_PNG },
    ],
  });
  assert.equal(good.status, 200, good.text);
  const { records } = await client.record.getRecords({ app, query: `receipt = "${good.json.receipt}"` });
  assert.deepEqual(records[0].doc.value.map((f) => [f.name, f.contentType]), [
    ["証明書.pdf", "application/pdf"],
    ["写真.png", "image/png"],
  ]);

  // A text file calling itself a PDF is refused, with its name in the message.
  const fake = await submitMultipart(server.baseUrl, {
    token, idempotencyKey: "file-fake", record: { name: "偽物" },
    files: [{ field: "doc", name: "invoice.pdf", type: "application/pdf", data: Buffer.from("MZ not a pdf at all") }],
  });
  const f = isError(fake, 400, "CB_VA01");
  assert.match(f.errors["record.doc.value"].messages[0], /invoice\.pdf.*not an accepted file type/);

  const many = await submitMultipart(server.baseUrl, {
    token, idempotencyKey: "file-many", record: { name: "多い" },
    files: [1, 2, 3, 4].map((i) => ({ field: "doc", name: `${i}.pdf`, type: "application/pdf", data: TINY_PDF })),
  });
  assert.match(isError(many, 400, "CB_VA01").errors["record.doc.value"].messages[0], /at most 3 files/);
  const { records: none } = await client.record.getRecords({ app, query: `name in ("偽物", "多い")` });
  assert.equal(none.length, 0, "nothing stored for refused submissions");
});

test("files larger than the form allows are refused", async () => {
  const small = await publish(server.baseUrl, app, "form", formSettings({ attachments: { maxBytes: 100 } }));
  const r = await submitMultipart(server.baseUrl, {
    token: small.json.token, idempotencyKey: "big", record: { name: "大きい" },
    files: [{ field: "doc", name: "big.pdf", type: "application/pdf", data: Buffer.concat([TINY_PDF, Buffer.alloc(200)]) }],
  });
  assert.match(isError(r, 400, "CB_VA01").errors["record.doc.value"].messages[0], /too large \(at most 100 B\)/);
});

test("a cap closes the form once reached", async () => {
  const capped = await publish(server.baseUrl, app, "form", formSettings({ maxSubmissions: 1 }));
  const t = capped.json.token;
  const first = await pub(server.baseUrl, "POST", "/api/public/form/submit.json", {
    body: { token: t, idempotencyKey: "cap-1", record: { name: "一件目" } },
  });
  assert.equal(first.status, 200, first.text);
  const second = await pub(server.baseUrl, "POST", "/api/public/form/submit.json", {
    body: { token: t, idempotencyKey: "cap-2", record: { name: "二件目" } },
  });
  isError(second, 403, "TK_PB04");
  // The first submitter retrying still gets their receipt.
  const retry = await pub(server.baseUrl, "POST", "/api/public/form/submit.json", {
    body: { token: t, idempotencyKey: "cap-1", record: { name: "一件目" } },
  });
  assert.equal(retry.json.receipt, first.json.receipt);
  const d = await pub(server.baseUrl, "GET", `/api/public/form.json?token=${t}`);
  assert.equal(d.json.state, "full");
});

test("forms outside their dates refuse submissions; disabled forms vanish", async () => {
  const closed = await publish(server.baseUrl, app, "form", formSettings({ closesAt: "2020-01-01T00:00:00Z" }));
  const c = await pub(server.baseUrl, "POST", "/api/public/form/submit.json", {
    body: { token: closed.json.token, idempotencyKey: "late", record: { name: "遅刻" } },
  });
  isError(c, 403, "TK_PB03");
  const future = await publish(server.baseUrl, app, "form", formSettings({ opensAt: "2099-04-01T00:00:00Z" }));
  const f = await pub(server.baseUrl, "POST", "/api/public/form/submit.json", {
    body: { token: future.json.token, idempotencyKey: "early", record: { name: "早い" } },
  });
  isError(f, 403, "TK_PB02");
  const desc = await pub(server.baseUrl, "GET", `/api/public/form.json?token=${future.json.token}`);
  assert.equal(desc.json.state, "notYetOpen");
  const off = await raw(server.baseUrl, "PUT", "/api/public/pages.json", { body: { id: future.json.id, enabled: false } });
  assert.equal(off.status, 200, off.text);
  isError(await pub(server.baseUrl, "GET", `/api/public/form.json?token=${future.json.token}`), 404, "TK_PB01");
});

test("a form in use follows its settings and its app at once (parsed pages are cached)", async () => {
  await client.app.addFormFields({ app, properties: { extra: { type: "SINGLE_LINE_TEXT", code: "extra", label: "追記" } } });
  await deploy(client, app);
  const page = await publish(server.baseUrl, app, "form", formSettings({ fields: [{ code: "name" }, { code: "extra" }] }));
  const t = page.json.token;
  const send = (k) =>
    pub(server.baseUrl, "POST", "/api/public/form/submit.json", { body: { token: t, idempotencyKey: k, record: { name: k, extra: "x" } } });
  assert.equal((await send("cache-1")).status, 200);
  const edited = await raw(server.baseUrl, "PUT", "/api/public/pages.json", {
    body: { id: page.json.id, settings: formSettings({ title: "改訂版", fields: [{ code: "name" }, { code: "extra" }], closesAt: "2020-01-01T00:00:00Z" }) },
  });
  assert.equal(edited.status, 200, edited.text);
  const d = await pub(server.baseUrl, "GET", `/api/public/form.json?token=${t}`);
  assert.equal(d.json.title, "改訂版");
  assert.equal(d.json.state, "closed");
  isError(await send("cache-2"), 403, "TK_PB03");
  await raw(server.baseUrl, "PUT", "/api/public/pages.json", {
    body: { id: page.json.id, settings: formSettings({ fields: [{ code: "name" }, { code: "extra" }] }) },
  });
  assert.equal((await send("cache-3")).status, 200);
  // A published field deleted and deployed closes the page until an administrator fixes it.
  await client.app.deleteFormFields({ app, fields: ["extra"] });
  await deploy(client, app);
  isError(await send("cache-4"), 404, "TK_PB01");
  isError(await pub(server.baseUrl, "GET", `/api/public/form.json?token=${t}`), 404, "TK_PB01");
});

test("one address may submit only so often", async () => {
  const limited = await publish(server.baseUrl, app, "form", formSettings({ rateLimit: { perAddress: 2, windowSeconds: 600 } }));
  const t = limited.json.token;
  const send = (k) =>
    pub(server.baseUrl, "POST", "/api/public/form/submit.json", { body: { token: t, idempotencyKey: k, record: { name: k } } });
  assert.equal((await send("r1")).status, 200);
  assert.equal((await send("r2")).status, 200);
  const third = await send("r3");
  isError(third, 429, "TK_PB05");
  assert.match(third.json.message, /too many attempts/i);
  const ja = await pub(server.baseUrl, "POST", "/api/public/form/submit.json", {
    body: { token: t, idempotencyKey: "r4", record: { name: "r4" } }, lang: "ja",
  });
  assert.match(ja.json.message, /しばらく時間をおいて/);
});

test("a public-form principal cannot reach other endpoints", async () => {
  // No credentials at all: the staff API is closed.
  const r = await pub(server.baseUrl, "GET", `/k/v1/records.json?app=${app}`);
  isError(r, 401, "CB_AU01");
  const pages = await pub(server.baseUrl, "GET", `/api/public/pages.json?app=${app}`);
  isError(pages, 401, "CB_AU01");
});

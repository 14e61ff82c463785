// @kintone/cli record export/import round trips: Japanese text, a table, attachments, and
// --update-key upserts.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, ADMIN } from "../lib/server.mjs";
import { createApp } from "../lib/apps.mjs";

const cliPath = join(dirname(fileURLToPath(import.meta.url)), "../node_modules/@kintone/cli/cli.js");
let server, client, source, work;

const options = (...names) =>
  Object.fromEntries(names.map((n, i) => [n, { label: n, index: String(i) }]));
const properties = {
  受付番号: { type: "SINGLE_LINE_TEXT", code: "受付番号", label: "受付番号", unique: true },
  氏名: { type: "SINGLE_LINE_TEXT", code: "氏名", label: "氏名" },
  金額: { type: "NUMBER", code: "金額", label: "金額" },
  申請日: { type: "DATE", code: "申請日", label: "申請日" },
  日時: { type: "DATETIME", code: "日時", label: "日時" },
  区分: { type: "DROP_DOWN", code: "区分", label: "区分", options: options("新規", "更新") },
  確認: { type: "CHECK_BOX", code: "確認", label: "確認", options: options("本人", "書類") },
  備考: { type: "MULTI_LINE_TEXT", code: "備考", label: "備考" },
  担当: { type: "USER_SELECT", code: "担当", label: "担当" },
  添付: { type: "FILE", code: "添付", label: "添付" },
  明細: {
    type: "SUBTABLE",
    code: "明細",
    label: "明細",
    fields: {
      品名: { type: "SINGLE_LINE_TEXT", code: "品名", label: "品名" },
      数量: { type: "NUMBER", code: "数量", label: "数量" },
    },
  },
};

server = await startServer();

before(async () => {
  client = server.client();
  work = mkdtempSync(join(tmpdir(), "tsumiki-cli-"));
  source = await createApp(client, "申請", properties);
  const { fileKey } = await client.file.uploadFile({ file: { name: "申請書.txt", data: "添付の中身" } });
  await client.record.addRecords({
    app: source,
    records: [
      {
        受付番号: { value: "R-0001" }, 氏名: { value: "山田 太郎" }, 金額: { value: "12345.5" }, 申請日: { value: "2024-04-01" },
        日時: { value: "2024-04-01T09:15:00+09:00" }, 区分: { value: "新規" }, 確認: { value: ["本人", "書類"] },
        備考: { value: "一行目\n二行目、「引用」, \"quoted\"" }, 担当: { value: [{ code: "admin" }] },
        添付: { value: [{ fileKey }] },
        明細: { value: [
          { value: { 品名: { value: "りんご" }, 数量: { value: "3" } } },
          { value: { 品名: { value: "みかん" }, 数量: { value: "10" } } },
        ] },
      },
      {
        受付番号: { value: "R-0002" }, 氏名: { value: "ｶﾀｶﾅ 花子" }, 金額: { value: "-7" }, 申請日: { value: "2024-12-31" },
        区分: { value: "更新" }, 明細: { value: [] },
      },
      { 受付番号: { value: "R-0003" }, 氏名: { value: "" } },
    ],
  });
});

after(() => rmSync(work, { recursive: true, force: true }));

function cli(args) {
  return new Promise((ok, fail) => {
    execFile(
      process.execPath,
      [cliPath, "record", ...args, "--base-url", server.baseUrl, "--username", ADMIN.username, "--password", ADMIN.password],
      { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, HTTPS_PROXY: "", https_proxy: "", HTTP_PROXY: "", http_proxy: "" } },
      (error, stdout, stderr) => (error ? fail(new Error(`cli-kintone ${args.join(" ")} failed:\n${stderr}\n${stdout}`)) : ok(stdout)),
    );
  });
}

// The user-visible content of an app's records (no ids, revisions, times or file keys), keyed
// by 受付番号.
async function content(app) {
  const records = await client.record.getAllRecords({ app });
  const out = {};
  for (const r of records) {
    out[r["受付番号"].value] = {
      氏名: r["氏名"].value,
      金額: r["金額"].value,
      申請日: r["申請日"].value,
      日時: r["日時"].value,
      区分: r["区分"].value,
      確認: r["確認"].value,
      備考: r["備考"].value,
      担当: r["担当"].value.map((u) => u.code),
      添付: r["添付"].value.map((f) => [f.name, f.size, f.contentType]),
      明細: r["明細"].value.map((row) => [row.value["品名"].value, row.value["数量"].value]),
    };
  }
  return out;
}

test("export writes UTF-8 CSV with field-code headers, one row per table row", async () => {
  const csv = await cli(["export", "--app", String(source)]);
  const lines = csv.split("\n");
  const header = lines[0];
  assert.ok(header.startsWith('*,"レコード番号","受付番号"'), header);
  for (const code of ["受付番号", "氏名", "金額", "明細", "品名", "数量", "レコード番号", "作成者"]) {
    assert.ok(header.includes(`"${code}"`), `${code} in ${header}`);
  }
  assert.ok(csv.includes("山田 太郎"));
  assert.ok(csv.includes('"一行目\n二行目、「引用」, ""quoted"""'), "multi-line cells are quoted");
  assert.ok(csv.includes('"本人\n書類"'), "check box values share one cell");
  assert.ok(csv.includes("ｶﾀｶﾅ 花子"));
});

test("export then import into a fresh app reproduces every record, table and attachment", async () => {
  const dir = join(work, "attachments");
  const file = join(work, "export.csv");
  writeFileSync(file, await cli(["export", "--app", String(source), "--attachments-dir", dir]));
  const saved = readdirSync(dir);
  assert.equal(saved.length, 1);
  assert.deepEqual(readdirSync(join(dir, saved[0])), ["申請書.txt"]);
  assert.equal(readFileSync(join(dir, saved[0], "申請書.txt"), "utf8"), "添付の中身");

  const target = await createApp(client, "申請コピー", properties);
  await cli(["import", "--app", String(target), "--file-path", file, "--attachments-dir", dir]);
  const expected = await content(source);
  assert.deepEqual(await content(target), expected);
  assert.equal(expected["R-0001"]["日時"], "2024-04-01T00:15:00Z");
  assert.deepEqual(expected["R-0001"]["明細"], [["りんご", "3"], ["みかん", "10"]]);

  // Creator and creation time travel with the data.
  const [a] = (await client.record.getRecords({ app: source, query: '受付番号 = "R-0001"' })).records;
  const [b] = (await client.record.getRecords({ app: target, query: '受付番号 = "R-0001"' })).records;
  assert.equal(b["作成日時"].value, a["作成日時"].value);
  assert.equal(b["作成者"].value.code, a["作成者"].value.code);
});

test("import with --update-key updates matching records and adds the rest", async () => {
  const target = await createApp(client, "更新キー", properties);
  await client.record.addRecord({
    app: target,
    record: { 受付番号: { value: "R-0002" }, 氏名: { value: "古い名前" }, 明細: { value: [{ value: { 品名: { value: "古" } } }] } },
  });
  const csv = [
    '"*","受付番号","氏名","金額","区分","確認","明細","品名","数量"',
    '"*","R-0002","新しい名前","99","新規","本人","","ぶどう","1"',
    '"","R-0002","新しい名前","99","新規","本人","","もも","2"',
    '"*","R-0100","追加 太郎","","","","","",""',
  ].join("\n");
  const file = join(work, "update.csv");
  writeFileSync(file, csv + "\n");
  await cli(["import", "--app", String(target), "--file-path", file, "--update-key", "受付番号"]);

  const all = await content(target);
  assert.deepEqual(Object.keys(all).sort(), ["R-0002", "R-0100"]);
  assert.equal(all["R-0002"]["氏名"], "新しい名前");
  assert.equal(all["R-0002"]["金額"], "99");
  assert.deepEqual(all["R-0002"]["確認"], ["本人"]);
  assert.deepEqual(all["R-0002"]["明細"], [["ぶどう", "1"], ["もも", "2"]]);
  assert.equal(all["R-0100"]["氏名"], "追加 太郎");
  assert.equal(all["R-0100"]["区分"], null);
  const { records } = await client.record.getRecords({ app: target, query: '受付番号 = "R-0002"' });
  assert.equal(records[0].$revision.value, "2", "updated in place, not re-added");
});

test("import with --update-key on the record number updates by id", async () => {
  const csv = await cli(["export", "--app", String(source), "--fields", "レコード番号,受付番号,氏名"]);
  const edited = csv.replace("山田 太郎", "山田 次郎");
  const file = join(work, "by-number.csv");
  writeFileSync(file, edited);
  await cli(["import", "--app", String(source), "--file-path", file, "--update-key", "レコード番号", "--fields", "レコード番号,氏名"]);
  const { records } = await client.record.getRecords({ app: source, query: '受付番号 = "R-0001"' });
  assert.equal(records[0]["氏名"].value, "山田 次郎");
  assert.equal(records[0]["明細"].value.length, 2, "fields not imported stay");
  assert.equal((await client.record.getRecords({ app: source, totalCount: true })).totalCount, "3");
});

// Views follow the form and are checked when saved: a deploy that renames a field carries
// the new code into every view's filter, sort, columns and calendar fields (and into record
// permissions and the title field); a removed field leaves columns, sort keys and filter
// conditions; a change that would leave a view unusable is refused with the view named; and
// PUT preview/app/views.json refuses views that would fail on their list page.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "../lib/server.mjs";
import { createApp, deploy } from "../lib/apps.mjs";
import { rejectsWith } from "../lib/expect.mjs";

let server, client;
server = await startServer();

before(async () => {
  client = server.client();
});

const FIELDS = {
  受付番号: { type: "SINGLE_LINE_TEXT", code: "受付番号", label: "受付番号" },
  氏名: { type: "SINGLE_LINE_TEXT", code: "氏名", label: "氏名" },
  申請日: { type: "DATE", code: "申請日", label: "申請日" },
  金額: { type: "NUMBER", code: "金額", label: "金額" },
  区分: { type: "DROP_DOWN", code: "区分", label: "区分", options: { 一般: { label: "一般", index: "0" }, 特別: { label: "特別", index: "1" } } },
};

async function appWithViews() {
  const app = await createApp(client, "Views follow", FIELDS);
  await client.app.updateViews({
    app,
    views: {
      一覧: {
        type: "LIST", index: 0, name: "一覧", fields: ["受付番号", "氏名", "金額"],
        filterCond: '氏名 like "山" and (金額 > 100 or 区分 in ("特別"))', sort: "金額 desc, 申請日 asc",
      },
      暦: { type: "CALENDAR", index: 1, name: "暦", date: "申請日", title: "氏名", filterCond: '金額 >= 1' },
    },
  });
  await deploy(client, app);
  for (const [i, name] of ["山田", "山本", "佐藤"].entries()) {
    await client.record.addRecord({ app, record: { 受付番号: { value: `A-${i}` }, 氏名: { value: name }, 金額: { value: String(50 + i * 100) }, 申請日: { value: "2026-04-01" } } });
  }
  return app;
}

test("renaming fields carries the new codes into views, record permissions and the title field", async () => {
  const app = await appWithViews();
  await client.app.updateAppSettings({ app, titleField: { selectionMode: "MANUAL", code: "氏名" } });
  await client.app.updateRecordAcl({
    app,
    rights: [{ filterCond: '金額 > 100', entities: [{ entity: { type: "CREATOR", code: null }, viewable: true, editable: true, deletable: true, includeSubs: false }] }],
  });
  await client.app.updateFormFields({ app, properties: { 氏名: { code: "申請者名" }, 金額: { code: "申請額" }, 申請日: { code: "受付日" } } });
  // The preview follows at once; the live views keep the live codes until the deploy.
  const preview = (await client.app.getViews({ app, preview: true })).views;
  assert.deepEqual(preview["一覧"].fields, ["受付番号", "申請者名", "申請額"]);
  assert.equal(preview["一覧"].filterCond, '申請者名 like "山" and (申請額 > 100 or 区分 in ("特別"))');
  assert.equal(preview["一覧"].sort, "申請額 desc, 受付日 asc");
  assert.equal(preview["暦"].date, "受付日");
  assert.equal(preview["暦"].title, "申請者名");
  assert.equal((await client.app.getViews({ app })).views["一覧"].filterCond, '氏名 like "山" and (金額 > 100 or 区分 in ("特別"))');

  assert.equal(await deploy(client, app), "SUCCESS", "the record condition follows too, so the deploy is not refused");
  const live = (await client.app.getViews({ app })).views;
  assert.equal(live["一覧"].filterCond, preview["一覧"].filterCond);
  assert.equal((await client.app.getRecordAcl({ app })).rights[0].filterCond, "申請額 > 100");
  assert.equal((await client.app.getAppSettings({ app })).titleField.code, "申請者名");

  // The list page's query — the view's filter and sort — runs against the renamed fields.
  const { records } = await client.record.getRecords({ app, query: `${live["一覧"].filterCond} order by ${live["一覧"].sort}`, fields: live["一覧"].fields });
  assert.deepEqual(records.map((r) => r["申請者名"].value), ["山本"]);
});

test("removing a field drops it from columns, sort and filter conditions", async () => {
  const app = await appWithViews();
  await client.app.deleteFormFields({ app, fields: ["金額"] });
  assert.equal(await deploy(client, app), "SUCCESS");
  const live = (await client.app.getViews({ app })).views;
  assert.deepEqual(live["一覧"].fields, ["受付番号", "氏名"]);
  // kintone drops the conditions on a deleted field and keeps the rest of the filter.
  assert.equal(live["一覧"].filterCond, '氏名 like "山" and 区分 in ("特別")');
  assert.equal(live["一覧"].sort, "申請日 asc");
  assert.equal(live["暦"].filterCond, "");
  const { records } = await client.record.getRecords({ app, query: `${live["一覧"].filterCond} order by ${live["一覧"].sort}` });
  assert.equal(records.length, 0);
});

test("a form change that would leave a view unusable is refused with the view named", async () => {
  const app = await appWithViews();
  // The calendar's date field cannot go while the calendar needs it.
  const e = await rejectsWith(client.app.deleteFormFields({ app, fields: ["申請日"] }), { status: 400, code: "CB_VA01", errorKeys: ["views[暦].date"] });
  assert.match(JSON.stringify(e.errors), /暦/);
  // Nor can an option a view's filter names (the list's query would fail on it).
  const e2 = await rejectsWith(
    client.app.updateFormFields({ app, properties: { 区分: { options: { 一般: { label: "一般", index: "0" } } } } }),
    { status: 400, code: "CB_VA01", errorKeys: ["views[一覧].filterCond"] },
  );
  assert.match(e2.errors["views[一覧].filterCond"].messages.join(" "), /一覧/);
  const fields = (await client.app.getFormFields({ app, preview: true })).properties;
  assert.ok(fields["申請日"], "nothing was removed");
  // With the calendar changed first, the field goes.
  const views = (await client.app.getViews({ app, preview: true })).views;
  await client.app.updateViews({ app, views: { 一覧: views["一覧"], 暦: { ...views["暦"], date: "作成日時" } } });
  await client.app.deleteFormFields({ app, fields: ["申請日"] });
  assert.equal((await client.app.getViews({ app, preview: true })).views["一覧"].sort, "金額 desc");
});

test("PUT views refuses views that would fail on their list page, keyed per view property", async () => {
  const app = await createApp(client, "Views checked", FIELDS);
  const e = await rejectsWith(
    client.app.updateViews({
      app,
      views: {
        一覧: { type: "LIST", index: 0, name: "一覧", fields: ["受付番号", "ない"], filterCond: 'ない = "1"', sort: "金額 sideways" },
        暦: { type: "CALENDAR", index: 1, name: "暦", date: "氏名", title: "消えた" },
        op: { type: "LIST", index: 2, name: "op", filterCond: '区分 like "特"' },
        ok: { type: "LIST", index: 3, name: "ok", filterCond: '金額 > 1', sort: "レコード番号 desc" },
      },
    }),
    {
      status: 400,
      code: "CB_VA01",
      errorKeys: ["views[一覧].fields[1]", "views[一覧].filterCond", "views[一覧].sort", "views[暦].date", "views[暦].title", "views[op].filterCond"],
    },
  );
  assert.deepEqual(e.errors["views[暦].date"].messages, ["カレンダー表示の日付には、日付または日時のフィールドを指定してください。"]);
  assert.deepEqual(e.errors["views[一覧].fields[1]"].messages, ["指定されたフィールド（code: ない）が見つかりません。"]);
  assert.deepEqual((await client.app.getViews({ app, preview: true })).views, {}, "nothing stored");
  // The checks run against the preview form: a field added but not yet deployed may be used.
  await client.app.addFormFields({ app, properties: { 備考: { type: "SINGLE_LINE_TEXT", code: "備考", label: "備考" } } });
  await client.app.updateViews({ app, views: { 新: { type: "LIST", index: 0, name: "新", fields: ["備考"], filterCond: '備考 = "x"' } } });
});

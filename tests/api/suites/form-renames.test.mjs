// A field renamed in the form is followed into the preview settings that name it besides
// views: process management, notifications, reports and app actions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "../lib/server.mjs";
import { createApp } from "../lib/apps.mjs";

const server = await startServer();

test("a rename follows into process management, notifications, reports and app actions", async () => {
  const client = server.client();
  const target = await createApp(client, "転記先", {
    金額: { type: "NUMBER", code: "金額", label: "金額" },
  });
  const app = await createApp(client, "申請", {
    担当者: { type: "USER_SELECT", code: "担当者", label: "担当者" },
    金額: { type: "NUMBER", code: "金額", label: "金額" },
    期限: { type: "DATE", code: "期限", label: "期限" },
  });
  const byField = { entity: { type: "FIELD_ENTITY", code: "担当者" }, includeSubs: false };
  await client.app.updateProcessManagement({
    app,
    enable: true,
    states: {
      申請中: { name: "申請中", index: "0", assignee: { type: "ONE", entities: [byField] } },
      完了: { name: "完了", index: "1", assignee: { type: "ONE", entities: [] } },
    },
    actions: [{ name: "承認", from: "申請中", to: "完了", filterCond: "金額 > 100" }],
  });
  await client.app.updateGeneralNotifications({ app, notifications: [{ ...byField, recordAdded: true }] });
  await client.app.updatePerRecordNotifications({
    app, notifications: [{ filterCond: "金額 >= 5", title: "高額", targets: [byField] }],
  });
  await client.app.updateReminderNotifications({
    app, timezone: "Asia/Tokyo",
    notifications: [{ timing: { code: "期限", daysLater: -1, time: "09:00" }, filterCond: "", title: "期限", targets: [byField] }],
  });
  await client.app.updateReports({
    app,
    reports: {
      月別: {
        name: "月別", index: 0, chartType: "BAR", groups: [{ code: "期限", per: "MONTH" }],
        aggregations: [{ type: "SUM", code: "金額" }], filterCond: "金額 > 0", sorts: [{ by: "TOTAL", order: "DESC" }],
      },
    },
  });
  await client.app.updateAppActions({
    app,
    actions: {
      転記: {
        name: "転記", index: "0", destApp: { app: String(target) },
        mappings: [{ srcType: "FIELD", srcField: "金額", destField: "金額" }],
        entities: [{ type: "USER", code: "admin" }], filterCond: "金額 > 1",
      },
    },
  });

  await client.app.updateFormFields({
    app,
    properties: {
      担当者: { type: "USER_SELECT", code: "担当" },
      金額: { type: "NUMBER", code: "申請額" },
      期限: { type: "DATE", code: "締切日" },
    },
  });

  const renamed = { entity: { type: "FIELD_ENTITY", code: "担当" }, includeSubs: false };
  const status = await client.app.getProcessManagement({ app, preview: true });
  assert.deepEqual(status.states.申請中.assignee.entities, [renamed]);
  assert.equal(status.actions[0].filterCond, "申請額 > 100");
  const general = await client.app.getGeneralNotifications({ app, preview: true });
  assert.deepEqual(general.notifications[0].entity, renamed.entity);
  const perRecord = await client.app.getPerRecordNotifications({ app, preview: true });
  assert.equal(perRecord.notifications[0].filterCond, "申請額 >= 5");
  assert.deepEqual(perRecord.notifications[0].targets[0].entity, renamed.entity);
  const reminder = await client.app.getReminderNotifications({ app, preview: true });
  assert.equal(reminder.notifications[0].timing.code, "締切日");
  const { reports } = await client.app.getReports({ app, preview: true });
  assert.deepEqual(reports.月別.groups.map((g) => g.code), ["締切日"]);
  assert.deepEqual(reports.月別.aggregations.map((a) => a.code), ["申請額"]);
  assert.equal(reports.月別.filterCond, "申請額 > 0");
  const { actions } = await client.app.getAppActions({ app, preview: true });
  assert.deepEqual(actions.転記.mappings, [{ srcType: "FIELD", srcField: "申請額", destField: "金額" }]);
  assert.equal(actions.転記.filterCond, "申請額 > 1");
});

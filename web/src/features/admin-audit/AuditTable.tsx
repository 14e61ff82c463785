// One page of audit entries, newest first: when, who, from where, what, which app, on what,
// and the rest of the entry's details.
import { Table } from "antd";
import dayjs from "dayjs";
import { Link } from "react-router";
import type { App } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import type { AuditEntry } from "./auditApi";
import { actionLabel } from "./auditActions";

function detailText(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join("\n");
}

export function AuditTable({ entries, apps, loading, emptyText }: { entries: AuditEntry[]; apps: App[]; loading: boolean; emptyText: string }) {
  const { t } = useI18n();
  const appName = (id: string) => apps.find((a) => a.appId === id)?.name;
  return (
    <Table<AuditEntry>
      rowKey="seq"
      size="small"
      loading={loading}
      dataSource={entries}
      pagination={false}
      locale={{ emptyText }}
      scroll={{ x: true }}
      data-testid="audit-table"
      columns={[
        {
          title: t("audit.col.at"),
          render: (_, e) => <time dateTime={e.at} className="audit-nowrap">{dayjs(e.at).format("YYYY-MM-DD HH:mm:ss")}</time>,
        },
        { title: t("audit.col.user"), dataIndex: "user" },
        {
          title: t("audit.col.action"),
          render: (_, e) => (
            <>
              <div>{actionLabel(t, e.action)}</div>
              <code className="muted">{e.action}</code>
            </>
          ),
        },
        {
          title: t("audit.col.app"),
          render: (_, e) => (e.app ? <Link to={`/apps/${e.app}`}>{appName(e.app) ? `${appName(e.app)} (${e.app})` : e.app}</Link> : null),
        },
        { title: t("audit.col.target"), render: (_, e) => <span className="audit-wrap">{e.target}</span> },
        { title: t("audit.col.detail"), render: (_, e) => <span className="audit-detail">{detailText(e.detail)}</span> },
        { title: t("audit.col.address"), dataIndex: "address" },
        { title: t("audit.col.seq"), dataIndex: "seq", align: "right" },
      ]}
    />
  );
}

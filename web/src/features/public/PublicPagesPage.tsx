// Public pages of one app: its receipt-number format and the forms, look-up pages and
// dashboards it publishes, each with its address, an on/off switch, editing and deletion.
import { App as AntApp, Button, Card, Popconfirm, Space, Switch, Table, Typography } from "antd";
import { useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import { useI18n } from "../../app/I18nProvider";
import { useApi } from "../../app/SessionProvider";
import { ErrorAlert, LoadingState } from "../../ui/PageState";
import { useAsync } from "../../ui/useAsync";
import { PageEditor } from "./PageEditor";
import { defaultSettings } from "./pageSettings";
import { publicPagesApi, type PageKind, type PageSettings, type PublicPage } from "./publicPagesApi";
import { ReceiptFormatCard } from "./ReceiptFormatCard";

type Editing = { page?: PublicPage; kind: PageKind; settings: PageSettings } | null;

export function PublicPagesPage() {
  const { appId = "" } = useParams();
  const client = useApi();
  const api = useMemo(() => publicPagesApi(client.transport), [client]);
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [editing, setEditing] = useState<Editing>(null);
  const data = useAsync(async () => {
    const [app, fields, pages, receipt] = await Promise.all([client.app(appId), client.fields(appId, false), api.list(appId), api.receipt(appId)]);
    return { app, properties: fields.properties, pages: pages.pages, receipt: receipt.format };
  }, [appId, api, client]);

  if (data.status === "loading" && !data.data) return <LoadingState />;
  if (data.status === "error" && !data.data) return <ErrorAlert error={data.error} onRetry={data.reload} />;
  const { app, properties, pages, receipt } = data.data!;

  const fail = (e: unknown) => void message.error(e instanceof Error ? e.message : String(e));
  const startNew = (kind: PageKind) =>
    setEditing({ kind, settings: defaultSettings(kind, properties, receipt?.field, kind === "form" ? app.name : kind === "lookup" ? t("public.lookupDefaultTitle") : t("public.dashboardDefaultTitle", { app: app.name })) });
  const url = (p: PublicPage) => `${location.origin}${p.path}`;

  return (
    <>
      <div className="page-header">
        <h1>{t("public.title", { app: app.name })}</h1>
        <Link to={`/apps/${appId}`}><Button>{t("common.back")}</Button></Link>
      </div>
      <Space direction="vertical" size="large" style={{ width: "100%" }}>
        <ReceiptFormatCard app={appId} api={api} properties={properties} format={receipt} onSaved={() => data.reload()} />
        <Card title={<h2 className="card-title">{t("public.pagesTitle")}</h2>}
          extra={<Space wrap><Button type="primary" onClick={() => startNew("form")}>{t("public.newForm")}</Button><Button onClick={() => startNew("lookup")}>{t("public.newLookup")}</Button><Button onClick={() => startNew("dashboard")}>{t("public.newDashboard")}</Button></Space>}>
          <Table<PublicPage>
            rowKey="id"
            dataSource={pages}
            pagination={false}
            scroll={{ x: "max-content" }}
            locale={{ emptyText: t("public.noPages") }}
            columns={[
              { title: t("public.kind"), dataIndex: "kind", render: (k: PageKind) => (k === "form" ? t("public.kindForm") : k === "lookup" ? t("public.kindLookup") : t("public.kindDashboard")) },
              { title: t("public.pageTitle"), render: (_, p) => p.settings.title },
              {
                title: t("public.address"),
                render: (_, p) => (
                  <Typography.Text copyable={{ text: url(p), tooltips: [t("public.copy"), t("public.copied")] }}>
                    <a href={p.path} target="_blank" rel="noreferrer" data-testid={`public-link-${p.id}`}>{p.path}</a>
                  </Typography.Text>
                ),
              },
              {
                title: t("public.enabled"),
                render: (_, p) => (
                  <Switch checked={p.enabled} aria-label={t("public.enabledFor", { title: p.settings.title })}
                    onChange={(v) => void api.update(p.id, { enabled: v }).then(() => data.reload(), fail)} />
                ),
              },
              {
                title: t("public.actions"),
                render: (_, p) => (
                  <Space>
                    <Button onClick={() => setEditing({ page: p, kind: p.kind, settings: p.settings })}>{t("common.edit")}</Button>
                    <Popconfirm title={t("public.deleteConfirm")} okText={t("common.delete")} cancelText={t("common.cancel")} okButtonProps={{ danger: true }}
                      onConfirm={() => void api.remove(p.id).then(() => data.reload(), fail)}>
                      <Button danger>{t("common.delete")}</Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      </Space>
      {editing ? (
        <PageEditor
          kind={editing.kind}
          initial={editing.settings}
          properties={properties}
          receiptField={receipt?.field}
          onCancel={() => setEditing(null)}
          onPreview={(settings) => api.preview(appId, settings)}
          onSave={async (settings) => {
            if (editing.page) await api.update(editing.page.id, { settings });
            else await api.create(appId, editing.kind, settings);
            setEditing(null);
            void message.success(t("public.saved"));
            data.reload();
          }}
        />
      ) : null}
    </>
  );
}

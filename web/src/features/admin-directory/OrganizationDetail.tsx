// One organisation: rename (name and code), move (parent), delete, and its members with
// their titles. A refusal (a loop, a duplicate code, sub-organisations left on delete) is
// shown as the server words it.
import { App as AntApp, Button, Card, Form, Input, Popconfirm, Space, Table } from "antd";
import { useState } from "react";
import { useI18n } from "../../app/I18nProvider";
import { ErrorAlert } from "../../ui/PageState";
import { useAsync } from "../../ui/useAsync";
import { TableEmpty } from "../../ui/TableEmpty";
import { useDirectoryWrite } from "./useDirectoryWrite";
import type { DirectoryApi, Organization, OrganizationChange, UserTitle } from "./directoryApi";
import { ParentPicker } from "./ParentPicker";

interface Props {
  api: DirectoryApi;
  org: Organization;
  organizations: Organization[];
  /** After a change; `code` is the organisation to keep selected (null after a delete). */
  onChanged: (code: string | null) => void;
}

export function OrganizationDetail({ api, org, organizations, onChanged }: Props) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [code, setCode] = useState(org.code);
  const [name, setName] = useState(org.name);
  const [parent, setParent] = useState<string | null>(org.parentCode);
  const { run, busy, failure, setFailure, err } = useDirectoryWrite();
  const members = useAsync(() => api.organizationUsers(org.code), [api, org.code]);

  const save = () => {
    const change: OrganizationChange = { code: org.code };
    if (code.trim() !== org.code) change.newCode = code.trim();
    if (name !== org.name) change.name = name;
    if ((parent ?? null) !== (org.parentCode ?? null)) change.parentCode = parent ?? "";
    void run(() => api.updateOrganization(change), () => {
      void message.success(t("directory.saved"));
      onChanged(change.newCode ?? org.code);
    });
  };

  const remove = () =>
    void run(() => api.deleteOrganization(org.code), () => {
      void message.success(t("directory.org.deleted", { name: org.name }));
      onChanged(null);
    });

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Card title={<h2 className="card-title">{t("directory.org.detailTitle", { name: org.name })}</h2>}>
        {failure ? <ErrorAlert fieldMessages error={failure} onClose={() => setFailure(null)} testId="org-error" /> : null}
        <Form layout="vertical" onFinish={save}>
          <Form.Item label={t("directory.org.name")} htmlFor="org-name" required validateStatus={err("name") ? "error" : undefined} help={err("name")}>
            <Input id="org-name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
          </Form.Item>
          <Form.Item label={t("directory.org.code")} htmlFor="org-code" required validateStatus={err("code", "newCode") ? "error" : undefined}
            help={err("code", "newCode") ?? t("directory.org.codeHelp")}>
            <Input id="org-code" autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} />
          </Form.Item>
          <Form.Item label={t("directory.org.parent")} htmlFor="org-parent" validateStatus={err("parentCode") ? "error" : undefined}
            help={err("parentCode") ?? t("directory.org.parentHelp")}>
            <ParentPicker id="org-parent" organizations={organizations} moving={org.code} value={parent} onChange={setParent} />
          </Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="org-save">{t("common.save")}</Button>
            <Popconfirm title={t("directory.org.deleteConfirm", { name: org.name })} okText={t("common.delete")} cancelText={t("common.cancel")}
              okButtonProps={{ danger: true }} onConfirm={remove}>
              <Button danger disabled={busy} data-testid="org-delete">{t("common.delete")}</Button>
            </Popconfirm>
          </Space>
        </Form>
      </Card>
      <Card title={<h2 className="card-title">{t("directory.org.members")}</h2>}>
        {members.status === "error" ? <ErrorAlert error={members.error} onRetry={members.reload} /> : null}
        <Table<UserTitle>
          rowKey={(m) => m.user.code}
          size="small"
          loading={members.status === "loading"}
          dataSource={members.data ?? []}
          locale={{ emptyText: <TableEmpty text={t("directory.org.noMembers")} /> }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: "max-content" }}
          columns={[
            { title: t("directory.user.code"), render: (_, m) => m.user.code },
            { title: t("directory.user.name"), render: (_, m) => m.user.name },
            { title: t("directory.org.memberTitle"), render: (_, m) => m.title?.name ?? "" },
            { title: t("directory.user.primary"), render: (_, m) => (m.user.primaryOrganization === org.id ? t("directory.org.isPrimary") : "") },
          ]}
        />
      </Card>
    </Space>
  );
}

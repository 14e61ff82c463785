// Groups (roles): list, add, rename, delete, and each group's members on demand.
import { App as AntApp, Button, Form, Input, Modal, Popconfirm, Space, Table } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useState } from "react";
import { useI18n } from "../../app/I18nProvider";
import { ErrorAlert } from "../../ui/PageState";
import { useAsync } from "../../ui/useAsync";
import { TableEmpty } from "../../ui/TableEmpty";
import { useDirectoryWrite } from "./useDirectoryWrite";
import type { DirectoryApi, DirectoryUser, Group } from "./directoryApi";

interface Props {
  api: DirectoryApi;
  groups: Group[];
  onChanged: () => void;
}

export function GroupsTab({ api, groups, onChanged }: Props) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [editing, setEditing] = useState<Group | "new" | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const remove = async (g: Group) => {
    setFailure(null);
    try {
      await api.deleteGroup(g.code);
      void message.success(t("directory.group.deleted", { name: g.name }));
      onChanged();
    } catch (e) {
      setFailure(e);
    }
  };

  return (
    <>
      <div className="toolbar">
        <span className="shell-spacer" />
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing("new")}>{t("directory.group.add")}</Button>
      </div>
      {failure ? <ErrorAlert fieldMessages error={failure} onClose={() => setFailure(null)} /> : null}
      <Table<Group>
        rowKey="code"
        size="small"
        dataSource={groups}
        locale={{ emptyText: <TableEmpty text={t("directory.group.empty")} /> }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: "max-content" }}
        expandable={{ expandedRowRender: (g) => <GroupMembers api={api} code={g.code} />, columnTitle: <span className="visually-hidden">{t("directory.group.members")}</span> }}
        columns={[
          { title: t("directory.group.code"), dataIndex: "code" },
          { title: t("directory.group.name"), dataIndex: "name" },
          { title: t("directory.group.description"), dataIndex: "description" },
          {
            title: t("public.actions"),
            render: (_, g) => (
              <Space size={4} wrap>
                <Button size="small" onClick={() => setEditing(g)} aria-label={t("directory.group.editFor", { name: g.name })}>{t("common.edit")}</Button>
                <Popconfirm title={t("directory.group.deleteConfirm", { name: g.name })} okText={t("common.delete")} cancelText={t("common.cancel")}
                  okButtonProps={{ danger: true }} onConfirm={() => void remove(g)}>
                  <Button size="small" danger aria-label={t("directory.group.deleteFor", { name: g.name })}>{t("common.delete")}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing ? (
        <GroupDialog api={api} group={editing === "new" ? null : editing} onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void message.success(t("directory.saved"));
            onChanged();
          }} />
      ) : null}
    </>
  );
}

function GroupMembers({ api, code }: { api: DirectoryApi; code: string }) {
  const { t } = useI18n();
  const members = useAsync(() => api.groupUsers(code), [api, code]);
  if (members.status === "error") return <ErrorAlert error={members.error} onRetry={members.reload} />;
  if (members.status === "loading") return <TableEmpty text={t("common.loading")} />;
  if (members.data.length === 0) return <TableEmpty text={t("directory.group.noMembers")} />;
  return (
    <div>
      <strong>{t("directory.group.members")}</strong>
      <ul className="plain-list" data-testid={`group-members-${code}`}>
        {members.data.map((u: DirectoryUser) => <li key={u.code}>{`${u.name} (${u.code})`}</li>)}
      </ul>
    </div>
  );
}

function GroupDialog({ api, group, onClose, onSaved }: { api: DirectoryApi; group: Group | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState(group?.code ?? "");
  const [name, setName] = useState(group?.name ?? "");
  const [description, setDescription] = useState(group?.description ?? "");
  const { run, busy: saving, failure, err } = useDirectoryWrite();

  const save = () =>
    run(
      () =>
        group
          ? api.updateGroup({ code: group.code, ...(code.trim() !== group.code ? { newCode: code.trim() } : {}), name, description })
          : api.addGroup({ code: code.trim(), name, description }),
      onSaved,
    );

  return (
    <Modal open title={group ? t("directory.group.editTitle", { name: group.name }) : t("directory.group.addTitle")} okText={t("common.save")}
      onOk={() => void save()} confirmLoading={saving} onCancel={onClose} destroyOnHidden>
      {failure ? <ErrorAlert fieldMessages error={failure} /> : null}
      <Form layout="vertical" onFinish={() => void save()}>
        <Form.Item label={t("directory.group.code")} htmlFor="group-code" required validateStatus={err("code", "newCode") ? "error" : undefined} help={err("code", "newCode")}>
          <Input id="group-code" autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} />
        </Form.Item>
        <Form.Item label={t("directory.group.name")} htmlFor="group-name" required validateStatus={err("name") ? "error" : undefined} help={err("name")}>
          <Input id="group-name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
        </Form.Item>
        <Form.Item label={t("directory.group.description")} htmlFor="group-description">
          <Input.TextArea id="group-description" autoSize={{ minRows: 2 }} value={description} onChange={(e) => setDescription(e.target.value)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

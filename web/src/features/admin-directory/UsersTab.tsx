// The user list: search over code, name, e-mail and organisation, pages of 20, add and edit
// in a drawer, and deactivate/reactivate in place. The whole list is read once (page by
// page, with a count while it loads) because the User API has no search parameter.
import { App as AntApp, Button, Input, Space, Table, Tag } from "antd";
import { CheckCircleFilled, PlusOutlined, StopOutlined } from "@ant-design/icons";
import { useMemo, useState } from "react";
import { useI18n } from "../../app/I18nProvider";
import { useSession } from "../../app/SessionProvider";
import { ErrorAlert, LoadingState } from "../../ui/PageState";
import { useAsync } from "../../ui/useAsync";
import { TableEmpty } from "../../ui/TableEmpty";
import type { DirectoryApi, DirectoryUser, Group, Organization } from "./directoryApi";
import { searchUsers } from "./memberships";
import { UserDrawer } from "./UserDrawer";

interface Props {
  api: DirectoryApi;
  organizations: Organization[];
  groups: Group[];
}

export function UsersTab({ api, organizations, groups }: Props) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const { state } = useSession();
  const me = state.status === "signedIn" ? state.session.user.code : "";
  const [loaded, setLoaded] = useState(0);
  const users = useAsync(() => api.users(setLoaded), [api]);
  const [query, setQuery] = useState("");
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<DirectoryUser | "new" | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const orgName = useMemo(() => new Map(organizations.map((o) => [o.id, o.name])), [organizations]);
  const primaryName = (u: DirectoryUser) => (u.primaryOrganization ? orgName.get(u.primaryOrganization) ?? "" : "");
  const shown = useMemo(() => searchUsers(users.data ?? [], query, primaryName), [users.data, query, orgName]); // eslint-disable-line react-hooks/exhaustive-deps

  const setValid = async (u: DirectoryUser, valid: boolean) => {
    setBusy(u.code);
    setFailure(null);
    try {
      await api.updateUser({ code: u.code, valid });
      void message.success(t(valid ? "directory.user.reactivated" : "directory.user.deactivated", { name: u.name }));
      users.reload();
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(null);
    }
  };

  if (users.status === "loading" && !users.data) return <LoadingState label={t("directory.user.loading", { n: loaded })} />;
  if (users.status === "error" && !users.data) return <ErrorAlert error={users.error} onRetry={users.reload} />;

  return (
    <>
      <div className="toolbar">
        <Input.Search
          aria-label={t("directory.user.search")}
          placeholder={t("directory.user.searchPlaceholder")}
          allowClear
          style={{ maxWidth: 360 }}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setPage(1);
          }}
          data-testid="user-search"
        />
        <span style={{ color: "#595959" }} aria-live="polite">{t("directory.user.count", { shown: shown.length, total: users.data?.length ?? 0 })}</span>
        <span className="shell-spacer" />
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing("new")}>{t("directory.user.add")}</Button>
      </div>
      {failure ? <ErrorAlert fieldMessages error={failure} onClose={() => setFailure(null)} testId="user-list-error" /> : null}
      <Table<DirectoryUser>
        rowKey="code"
        size="small"
        loading={users.status === "loading"}
        dataSource={shown}
        locale={{ emptyText: <TableEmpty text={query ? t("directory.user.noMatch") : t("directory.user.empty")} /> }}
        pagination={{ current: page, pageSize: 20, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: "max-content" }}
        columns={[
          { title: t("directory.user.code"), dataIndex: "code" },
          { title: t("directory.user.name"), dataIndex: "name" },
          { title: t("directory.user.email"), dataIndex: "email", render: (v: string) => <span style={{ overflowWrap: "anywhere" }}>{v}</span> },
          { title: t("directory.user.primary"), render: (_, u) => primaryName(u) },
          {
            title: t("directory.user.status"),
            render: (_, u) => (
              <Space size={4} wrap>
                {u.valid ? (
                  <Tag icon={<CheckCircleFilled aria-hidden style={{ color: "#237804" }} />}>{t("directory.user.active")}</Tag>
                ) : (
                  <Tag icon={<StopOutlined aria-hidden />}>{t("directory.user.inactive")}</Tag>
                )}
                {u.isAdmin ? <Tag>{t("directory.user.admin")}</Tag> : null}
                {u.code === me ? <Tag>{t("directory.user.you")}</Tag> : null}
              </Space>
            ),
          },
          {
            title: t("public.actions"),
            render: (_, u) => (
              <Space size={4} wrap>
                <Button size="small" onClick={() => setEditing(u)} aria-label={t("directory.user.editFor", { name: u.name })}>{t("common.edit")}</Button>
                <Button size="small" danger={u.valid} loading={busy === u.code} onClick={() => void setValid(u, !u.valid)}
                  aria-label={t(u.valid ? "directory.user.deactivateFor" : "directory.user.reactivateFor", { name: u.name })}>
                  {t(u.valid ? "directory.user.deactivate" : "directory.user.reactivate")}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing ? (
        <UserDrawer
          api={api}
          user={editing === "new" ? null : editing}
          organizations={organizations}
          groups={groups}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            users.reload();
          }}
        />
      ) : null}
    </>
  );
}

// Administrators' directory screens: users, the organisation tree, groups, and the CSV file
// for the yearly reshuffle, one tab each with its own address (/admin/users,
// /admin/organizations, /admin/groups, /admin/directory-file). Organisations and groups are
// loaded once here because every tab offers them.
import { Alert, Button, Tabs } from "antd";
import { useMemo } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { useI18n } from "../../app/I18nProvider";
import { useApi, useSession } from "../../app/SessionProvider";
import { ErrorAlert, LoadingState } from "../../ui/PageState";
import { useAsync } from "../../ui/useAsync";
import { directoryApi } from "./directoryApi";
import { DirectoryFileTab } from "./DirectoryFileTab";
import { GroupsTab } from "./GroupsTab";
import { OrganizationsTab } from "./OrganizationsTab";
import { UsersTab } from "./UsersTab";

const SECTIONS = {
  users: "/admin/users",
  organizations: "/admin/organizations",
  groups: "/admin/groups",
  file: "/admin/directory-file",
} as const;
type Section = keyof typeof SECTIONS;

function sectionOf(path: string): Section {
  const found = (Object.keys(SECTIONS) as Section[]).find((s) => path.startsWith(SECTIONS[s]));
  return found ?? "users";
}

export function DirectoryAdminPage() {
  const client = useApi();
  const { state } = useSession();
  const { t } = useI18n();
  const navigate = useNavigate();
  const section = sectionOf(useLocation().pathname);
  const api = useMemo(() => directoryApi(client.transport), [client]);
  const isAdmin = state.status === "signedIn" && Boolean(state.session.user.isAdmin);
  const lists = useAsync(
    () => (isAdmin ? Promise.all([api.organizations(), api.groups()]).then(([organizations, groups]) => ({ organizations, groups })) : Promise.resolve(null)),
    [api, isAdmin],
  );

  if (!isAdmin) {
    return (
      <>
        <h1>{t("directory.title")}</h1>
        <Alert type="warning" showIcon role="alert" title={t("directory.adminsOnly")} data-testid="directory-admins-only"
          action={<Link to="/"><Button>{t("common.back")}</Button></Link>} />
      </>
    );
  }
  if (lists.status === "loading" && !lists.data) return <LoadingState />;
  if (lists.status === "error" && !lists.data) return <ErrorAlert error={lists.error} onRetry={lists.reload} />;
  const { organizations, groups } = lists.data!;
  const tabs = [
    { key: "users", label: t("directory.tab.users"), children: <UsersTab api={api} organizations={organizations} groups={groups} /> },
    { key: "organizations", label: t("directory.tab.organizations"), children: <OrganizationsTab api={api} organizations={organizations} onChanged={lists.reload} /> },
    { key: "groups", label: t("directory.tab.groups"), children: <GroupsTab api={api} groups={groups} onChanged={lists.reload} /> },
    { key: "file", label: t("directory.tab.file"), children: <DirectoryFileTab api={api} onImported={lists.reload} /> },
  ];

  return (
    <>
      <div className="page-header">
        <h1>{t("directory.title")}</h1>
        <Link to="/"><Button>{t("common.back")}</Button></Link>
      </div>
      <Tabs className="wrap-tabs" activeKey={section} items={tabs} destroyOnHidden onChange={(key) => navigate(SECTIONS[key as Section])} />
    </>
  );
}

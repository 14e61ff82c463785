// The frame around every signed-in page: brand/portal link, app switcher, language
// switch, sign out, and a skip link for keyboard users.
import { AppstoreOutlined, AuditOutlined, IdcardOutlined, LogoutOutlined, MailOutlined, TeamOutlined, UserOutlined } from "@ant-design/icons";
import { Button, Dropdown, Select } from "antd";
import { Link, Outlet, useNavigate, useNavigation, useParams } from "react-router";
import { LOCALES, type Locale } from "../lib/i18n";
import { useAsync } from "../ui/useAsync";
import { useI18n } from "./I18nProvider";
import { useSession } from "./SessionProvider";

export function AppShell() {
  const { t, locale, setLocale } = useI18n();
  const { state, api, signOut } = useSession();
  const navigate = useNavigate();
  const { appId } = useParams();
  const apps = useAsync(() => api.apps({ limit: 100 }), [api, appId]);
  const known = apps.data?.apps.some((a) => a.appId === appId) ?? false;
  const user = state.status === "signedIn" ? state.session.user : undefined;
  const navigating = useNavigation().state !== "idle";

  return (
    <>
      <a className="skip-link" href="#main">
        {t("shell.skipToContent")}
      </a>
      {navigating && <div className="route-loading" role="progressbar" aria-label={t("common.loading")} />}
      <header className="shell-header">
        <Link to="/" className="shell-brand" aria-label={`${t("app.title")} ${t("shell.portal")}`}>
          <img src="/favicon.svg" alt="" width={24} height={24} />
          {t("app.title")}
        </Link>
        <Select
          aria-label={t("shell.appSwitcher")}
          placeholder={t("shell.appSwitcher")}
          style={{ minWidth: 200, maxWidth: 320 }}
          showSearch={{ optionFilterProp: "label" }}
          value={known ? appId : undefined}
          loading={apps.status === "loading"}
          options={(apps.data?.apps ?? []).map((a) => ({ value: a.appId, label: a.name }))}
          onChange={(id: string) => navigate(`/apps/${id}`)}
          suffixIcon={<AppstoreOutlined aria-hidden />}
        />
        <span className="shell-spacer" />
        <Select
          aria-label={t("lang.label")}
          value={locale}
          style={{ width: 120 }}
          options={LOCALES.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
          onChange={(l: Locale) => setLocale(l)}
          data-testid="language-switch"
        />
        <Dropdown
          trigger={["click"]}
          menu={{
            items: [
              { key: "account", icon: <IdcardOutlined aria-hidden />, label: t("shell.account"), onClick: () => navigate("/account") },
              ...(user?.isAdmin
                ? [
                    { key: "directory", icon: <TeamOutlined aria-hidden />, label: t("shell.directory"), onClick: () => navigate("/admin/users") },
                    { key: "mail", icon: <MailOutlined aria-hidden />, label: t("shell.mailSettings"), onClick: () => navigate("/admin/mail") },
                    { key: "audit", icon: <AuditOutlined aria-hidden />, label: t("shell.auditLog"), onClick: () => navigate("/admin/audit") },
                  ]
                : []),
              {
                key: "signOut",
                icon: <LogoutOutlined aria-hidden />,
                label: t("shell.signOut"),
                onClick: () => void signOut().then(() => navigate("/login")),
              },
              {
                key: "signOutEverywhere",
                icon: <LogoutOutlined aria-hidden />,
                label: t("shell.signOutEverywhere"),
                onClick: () => void signOut(true).then(() => navigate("/login")),
              },
            ],
          }}
        >
          <Button icon={<UserOutlined aria-hidden />} aria-label={t("shell.userMenu", { name: user?.name ?? "" })}>
            <span>{user?.name}</span>
          </Button>
        </Dropdown>
      </header>
      <main id="main" className="shell-main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

// "My account": who is signed in, their password, two-factor sign-in, and signing out on
// every device. Reached from the user menu; every signed-in user has one.
import { LogoutOutlined } from "@ant-design/icons";
import { App as AntApp, Button, Card, Descriptions, Space } from "antd";
import { useMemo } from "react";
import { Link, useNavigate } from "react-router";
import { useI18n } from "../../app/I18nProvider";
import { useSession } from "../../app/SessionProvider";
import { accountApi } from "./accountApi";
import { PasswordCard } from "./PasswordCard";
import { TwoFactorCard } from "./TwoFactorCard";
import "./account.css";

function SessionsCard() {
  const { t } = useI18n();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const { modal } = AntApp.useApp();
  // A dialog rather than a popover: it holds the keyboard focus, starting on the action.
  const confirm = () =>
    modal.confirm({
      title: t("account.signOutEverywhereConfirm"),
      okText: t("shell.signOutEverywhere"),
      cancelText: t("common.cancel"),
      onOk: () => signOut(true).then(() => navigate("/login")),
    });
  return (
    <Card title={<h2 className="card-title">{t("account.sessionsTitle")}</h2>}>
      <p>{t("account.sessionsLead")}</p>
      <Button icon={<LogoutOutlined aria-hidden />} onClick={confirm} data-testid="sign-out-everywhere">{t("shell.signOutEverywhere")}</Button>
    </Card>
  );
}

export function AccountPage() {
  const { t } = useI18n();
  const { state, api: client } = useSession();
  const api = useMemo(() => accountApi(client.transport), [client]);
  const user = state.status === "signedIn" ? state.session.user : undefined;

  return (
    <div className="account-page">
      <div className="page-header">
        <h1>{t("account.title")}</h1>
        <Link to="/"><Button>{t("common.back")}</Button></Link>
      </div>
      <Space direction="vertical" size="large" style={{ width: "100%" }}>
        <Card>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: "name", label: t("account.name"), children: user?.name },
              { key: "code", label: t("account.code"), children: user?.code },
              ...(user?.isAdmin ? [{ key: "role", label: t("account.role"), children: t("account.administrator") }] : []),
            ]}
          />
        </Card>
        <PasswordCard api={api} />
        <TwoFactorCard api={api} />
        <SessionsCard />
      </Space>
    </div>
  );
}

// Two-factor sign-in for one's own account. Off: a button starts enrolment, which shows the
// secret as a QR code and as grouped text, and asks for the first code from the app to
// prove it was added. Then the recovery codes, once. On: turning it off needs the password.
import { CheckCircleFilled, MinusCircleOutlined } from "@ant-design/icons";
import { App as AntApp, Alert, Button, Card, Form, Input, Space, Tag } from "antd";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "../../app/I18nProvider";
import { useSession } from "../../app/SessionProvider";
import { errorMessage } from "../../ui/PageState";
import { showServerErrors } from "../../ui/serverFormErrors";
import type { AccountApi, TotpEnrolment } from "./accountApi";
import { QrCode } from "./QrCode";
import { RecoveryCodes } from "./RecoveryCodes";
import { groupSecret, isSixDigitCode, normaliseCode } from "./totpText";

function Enrolment({ api, enrolment, account, onConfirmed, onCancel }: {
  api: AccountApi;
  enrolment: TotpEnrolment;
  account: string;
  onConfirmed: (codes: string[]) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ code: string }>();
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // The new step takes the focus (a screen reader announces it) and the top of the screen.
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
    heading.current?.scrollIntoView({ block: "start" });
  }, []);

  const confirm = async ({ code }: { code: string }) => {
    setBusy(true);
    setBanner(null);
    try {
      onConfirmed((await api.confirmTotp(normaliseCode(code))).recoveryCodes);
    } catch (error) {
      setBanner(showServerErrors(form, error, ["code"], t("common.networkError")));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="totp-setup-title" data-testid="totp-enrolment">
      <h3 id="totp-setup-title" className="account-subtitle" tabIndex={-1} ref={heading}>{t("account.totpSetupTitle")}</h3>
      <ol className="totp-steps">
        <li>
          <p>{t("account.totpStepScan")}</p>
          <QrCode text={enrolment.uri} alt={t("account.totpQrAlt", { account })} />
          <p className="totp-manual">
            {t("account.totpManual")}
            <br />
            <code className="totp-secret" data-testid="totp-secret" aria-label={t("account.totpSecretLabel")}>{groupSecret(enrolment.secret)}</code>
          </p>
          <p className="muted">{t("account.totpSettings")}</p>
        </li>
        <li>
          <p>{t("account.totpStepCode")}</p>
          {banner ? <Alert type="error" showIcon role="alert" title={banner} style={{ marginBottom: 12 }} /> : null}
          <Form form={form} name="totp-confirm" layout="vertical" requiredMark={false} onFinish={(v) => void confirm(v)} disabled={busy} className="account-form">
            <Form.Item
              label={t("account.totpCode")}
              name="code"
              rules={[{ validator: (_, v: string | undefined) => (v && isSixDigitCode(v) ? Promise.resolve() : Promise.reject(new Error(t("account.totpCodeFormat")))) }]}
            >
              <Input autoComplete="one-time-code" inputMode="numeric" maxLength={9} style={{ maxWidth: 200 }} />
            </Form.Item>
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="totp-confirm">{t("account.totpConfirm")}</Button>
              <Button onClick={onCancel}>{t("common.cancel")}</Button>
            </Space>
          </Form>
        </li>
      </ol>
    </section>
  );
}

function DisableForm({ api, onDisabled }: { api: AccountApi; onDisabled: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ password: string }>();
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const disable = async ({ password }: { password: string }) => {
    setBusy(true);
    setBanner(null);
    try {
      await api.disableTotp(password);
      form.resetFields();
      onDisabled();
    } catch (error) {
      setBanner(showServerErrors(form, error, ["password"], t("common.networkError")));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <h3 className="account-subtitle">{t("account.totpDisableTitle")}</h3>
      {banner ? <Alert type="error" showIcon role="alert" title={banner} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} name="totp-disable" layout="vertical" requiredMark={false} onFinish={(v) => void disable(v)} disabled={busy} className="account-form">
        <Form.Item label={t("account.totpDisablePassword")} name="password" extra={t("account.totpDisableHelp")} rules={[{ required: true, message: t("signIn.required") }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button danger htmlType="submit" loading={busy} data-testid="totp-disable">{t("account.totpDisable")}</Button>
      </Form>
    </>
  );
}

export function TwoFactorCard({ api }: { api: AccountApi }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const { state, api: client, adopt } = useSession();
  const user = state.status === "signedIn" ? state.session.user : undefined;
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [recovery, setRecovery] = useState<string[] | null>(null);
  const [starting, setStarting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const on = Boolean(user?.twoFactor);
  const refresh = async () => adopt(await client.session());

  const begin = async () => {
    setStarting(true);
    setFailure(null);
    try {
      setEnrolment(await api.beginTotp());
    } catch (error) {
      setFailure(errorMessage(error, t("common.networkError")));
    } finally {
      setStarting(false);
    }
  };

  // A plain tag with an icon: antd's coloured tags miss the 4.5:1 text contrast.
  const status = (
    <Tag icon={on ? <CheckCircleFilled aria-hidden style={{ color: "#237804" }} /> : <MinusCircleOutlined aria-hidden />} data-testid="totp-status">
      {on ? t("account.totpOn") : t("account.totpOff")}
    </Tag>
  );

  let body;
  if (recovery) {
    body = <RecoveryCodes codes={recovery} account={user?.code ?? ""} onDone={() => setRecovery(null)} />;
  } else if (enrolment) {
    body = (
      <Enrolment
        api={api}
        enrolment={enrolment}
        account={user?.code ?? ""}
        onCancel={() => setEnrolment(null)}
        onConfirmed={(codes) => {
          setEnrolment(null);
          setRecovery(codes);
          void refresh();
        }}
      />
    );
  } else if (on) {
    body = (
      <>
        <p>{t("account.totpOnLead")}</p>
        <DisableForm
          api={api}
          onDisabled={() => {
            void message.success(t("account.totpDisabled"));
            void refresh();
          }}
        />
      </>
    );
  } else {
    body = (
      <>
        <p>{t("account.totpOffLead")}</p>
        {failure ? <Alert type="error" showIcon role="alert" title={failure} style={{ marginBottom: 12 }} /> : null}
        <Button type="primary" onClick={() => void begin()} loading={starting} data-testid="totp-begin">{t("account.totpBegin")}</Button>
      </>
    );
  }

  return (
    <Card title={<h2 className="card-title">{t("account.totpTitle")}</h2>} extra={status}>
      {body}
    </Card>
  );
}

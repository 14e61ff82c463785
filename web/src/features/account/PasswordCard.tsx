// Changing one's own password: the current one, the new one twice. The server checks the
// policy (length, not the login name, not a common password) and answers per field; on
// success every other session ends and this browser gets a fresh one.
import { App as AntApp, Alert, Button, Card, Form, Input } from "antd";
import { useState } from "react";
import { useI18n } from "../../app/I18nProvider";
import { useSession } from "../../app/SessionProvider";
import { showServerErrors } from "../../ui/serverFormErrors";
import type { AccountApi } from "./accountApi";

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

export function PasswordCard({ api }: { api: AccountApi }) {
  const { t } = useI18n();
  const { adopt } = useSession();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ currentPassword, newPassword }: PasswordForm) => {
    setBusy(true);
    setBanner(null);
    try {
      adopt(await api.changePassword(currentPassword, newPassword));
      form.resetFields();
      void message.success(t("account.passwordChanged"));
    } catch (error) {
      setBanner(showServerErrors(form, error, ["currentPassword", "newPassword"], t("common.networkError")));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={<h2 className="card-title">{t("account.passwordTitle")}</h2>}>
      {banner ? <Alert type="error" showIcon role="alert" title={banner} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} name="password-change" layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} disabled={busy} className="account-form">
        <Form.Item label={t("account.currentPassword")} name="currentPassword" rules={[{ required: true, message: t("signIn.required") }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label={t("account.newPassword")}
          name="newPassword"
          extra={t("account.newPasswordHelp")}
          rules={[{ required: true, message: t("signIn.required") }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t("account.repeatPassword")}
          name="repeat"
          dependencies={["newPassword"]}
          rules={[
            { required: true, message: t("signIn.required") },
            ({ getFieldValue }) => ({
              validator: (_, value: string) =>
                !value || value === getFieldValue("newPassword") ? Promise.resolve() : Promise.reject(new Error(t("account.repeatMismatch"))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="password-save">
          {t("account.changePassword")}
        </Button>
      </Form>
    </Card>
  );
}

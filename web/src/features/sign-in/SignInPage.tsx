// Sign-in with login name and password; wrong credentials show the server's message on
// the password field, too many attempts a banner. Accounts with two-factor sign-in get a
// second field for the verification code when the server asks for it (TK_TF01).
import { Alert, Button, Card, Form, Input, Select } from "antd";
import { useState } from "react";
import { Navigate, useLocation, useNavigate } from "react-router";
import { isApiError, ErrorCodes } from "../../api/errors";
import { useI18n } from "../../app/I18nProvider";
import { useSession } from "../../app/SessionProvider";
import { groupErrors } from "../../lib/errorKeys";
import { LOCALES, type Locale } from "../../lib/i18n";
import { errorMessage } from "../../ui/PageState";

interface Credentials {
  username: string;
  password: string;
  otp?: string;
}

export function SignInPage() {
  const { t, locale, setLocale } = useI18n();
  const { state, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<Credentials>();
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [needOtp, setNeedOtp] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? "/";

  if (state.status === "signedIn") return <Navigate to={from} replace />;

  const submit = async ({ username, password, otp }: Credentials) => {
    setBusy(true);
    setBanner(null);
    try {
      await signIn(username, password, needOtp ? otp?.trim() : undefined);
      navigate(from, { replace: true });
    } catch (error) {
      if (isApiError(error, ErrorCodes.twoFactorRequired)) {
        setNeedOtp(true);
      } else if (isApiError(error, ErrorCodes.invalidInput) && error.errors?.otp) {
        form.setFields([{ name: "otp", value: "", errors: error.errors.otp.messages }]);
      } else if (isApiError(error, ErrorCodes.invalidInput)) {
        const grouped = groupErrors(error.errors);
        const messages = error.errors ? Object.values(error.errors).flatMap((e) => e.messages) : [];
        form.setFields([{ name: "password", value: "", errors: messages.length > 0 ? messages : [error.message] }]);
        if (grouped.other.length === 0 && messages.length === 0) setBanner(error.message);
      } else if (isApiError(error, ErrorCodes.tooManyAttempts)) {
        setBanner(error.message || t("signIn.tooMany"));
      } else {
        setBanner(errorMessage(error, t("common.networkError")));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in" id="main">
      <Card
        title={<h1 style={{ margin: 0, fontSize: 20 }}>{t("signIn.title")}</h1>}
        extra={
          <Select
            aria-label={t("lang.label")}
            size="small"
            value={locale}
            style={{ width: 110 }}
            options={LOCALES.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
            onChange={(l: Locale) => setLocale(l)}
          />
        }
      >
        {banner && <Alert type="error" showIcon title={banner} role="alert" style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item
            label={t("signIn.username")}
            name="username"
            rules={[{ required: true, whitespace: true, message: t("signIn.required") }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={t("signIn.password")}
            name="password"
            rules={[{ required: true, message: t("signIn.required") }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {needOtp && (
            <Form.Item
              label={t("signIn.otp")}
              name="otp"
              extra={t("signIn.otpHelp")}
              rules={[{ required: true, whitespace: true, message: t("signIn.required") }]}
            >
              <Input autoComplete="one-time-code" inputMode="numeric" maxLength={20} autoFocus />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t("signIn.submit")}
          </Button>
        </Form>
      </Card>
    </main>
  );
}

// The one-time recovery codes, shown once right after two-factor sign-in is turned on, with
// a download so they can be kept somewhere other than the phone.
import { DownloadOutlined } from "@ant-design/icons";
import { Alert, Button, Space } from "antd";
import { useI18n } from "../../app/I18nProvider";
import { saveBlob } from "../../lib/saveBlob";
import { recoveryCodesText } from "./totpText";

export function RecoveryCodes({ codes, account, onDone }: { codes: string[]; account: string; onDone: () => void }) {
  const { t } = useI18n();
  const download = () => {
    const text = recoveryCodesText(t("account.recoveryFileHeading", { account }), codes);
    saveBlob(new Blob([text], { type: "text/plain;charset=utf-8" }), `tsumiki-recovery-codes-${account}.txt`);
  };
  return (
    <section aria-labelledby="recovery-title" data-testid="recovery-codes">
      <Alert type="success" showIcon role="status" title={t("account.totpEnabledNow")} style={{ marginBottom: 12 }} />
      <h3 id="recovery-title" className="account-subtitle">{t("account.recoveryTitle")}</h3>
      <p>{t("account.recoveryLead")}</p>
      <ol className="recovery-codes">
        {codes.map((c) => (
          <li key={c}><code>{c}</code></li>
        ))}
      </ol>
      <Space wrap>
        <Button icon={<DownloadOutlined aria-hidden />} onClick={download}>{t("account.recoveryDownload")}</Button>
        <Button type="primary" onClick={onDone} data-testid="recovery-done">{t("account.recoveryDone")}</Button>
      </Space>
    </section>
  );
}

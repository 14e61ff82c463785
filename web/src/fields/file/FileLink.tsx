// A download button for an attachment. Downloads go through fetch because the session
// API needs the X-Requested-With header, which a plain link cannot send.
import { PaperClipOutlined } from "@ant-design/icons";
import { App as AntApp, Button } from "antd";
import type { FileValue } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import { useApi } from "../../app/SessionProvider";
import { errorMessage } from "../../ui/PageState";
import { saveBlob } from "../../lib/saveBlob";

function sizeText(size?: string): string {
  const n = Number(size);
  if (!size || !Number.isFinite(n)) return "";
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function FileLink({ file }: { file: FileValue }) {
  const { t } = useI18n();
  const api = useApi();
  const name = file.name ?? file.fileKey;
  const { message } = AntApp.useApp();
  const download = async () => {
    try {
      saveBlob(await api.downloadFile(file.fileKey), name);
    } catch (e) {
      void message.error(errorMessage(e, t("common.networkError")));
    }
  };
  // The size sits beside the button, not in it: a button's visible text must be part of its
  // accessible name ("<name> をダウンロード"), and long names wrap instead of running off a
  // narrow or zoomed screen.
  return (
    <span className="file-link">
      <Button type="link" icon={<PaperClipOutlined aria-hidden />} onClick={() => void download()} aria-label={t("record.download", { name })}>
        {name}
      </Button>
      <span className="muted">{sizeText(file.size)}</span>
    </span>
  );
}

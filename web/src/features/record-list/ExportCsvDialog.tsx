// Export the current view (filter, keyword, sort, columns) as CSV that Excel opens
// correctly: UTF-8 with BOM or Shift_JIS.
import { Modal, Progress, Radio } from "antd";
import { useState } from "react";
import type { Properties } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import { useApi } from "../../app/SessionProvider";
import type { CsvEncoding } from "../../lib/csvExport";
import { ErrorAlert } from "../../ui/PageState";
import { download, exportColumns, exportCsv } from "./exportCsv";

interface Props {
  open: boolean;
  onClose: () => void;
  app: string;
  appName: string;
  properties: Properties;
  columns: string[];
  /** Condition and order of the current list, without limit/offset. */
  query: string;
}

export function ExportCsvDialog({ open, onClose, app, appName, properties, columns, query }: Props) {
  const { t } = useI18n();
  const api = useApi();
  const [encoding, setEncoding] = useState<CsvEncoding>("utf-8-bom");
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = async () => {
    setError(null);
    try {
      const bytes = await exportCsv(api, app, properties, exportColumns(properties, columns), query, encoding, (done, total) => setProgress({ done, total }));
      download(bytes, `${appName}.csv`, encoding === "shift_jis" ? "text/csv;charset=Shift_JIS" : "text/csv;charset=utf-8");
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };

  return (
    <Modal open={open} title={t("export.title")} okText={t("export.download")} cancelText={t("common.cancel")} onOk={() => void run()} onCancel={onClose}
      confirmLoading={progress !== null} destroyOnHidden>
      {error !== null && <ErrorAlert error={error} />}
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontSize: 14, marginBottom: 8 }}>{t("export.encoding")}</legend>
        <Radio.Group value={encoding} onChange={(e) => setEncoding(e.target.value as CsvEncoding)} style={{ display: "flex", flexDirection: "column", gap: 6 }}
          options={[
            { value: "utf-8-bom", label: t("export.utf8") },
            { value: "shift_jis", label: t("export.sjis") },
          ]} />
      </fieldset>
      <p className="muted" style={{ marginTop: 12 }}>{t("export.scope")}</p>
      {progress && <Progress percent={progress.total ? Math.round((progress.done / progress.total) * 100) : 0} aria-label={t("sheet.progress")} />}
    </Modal>
  );
}

// Create an app from an Excel (.xlsx) or CSV file: pick the file, confirm the guessed
// field types, then the app is created and the rows imported with progress.
import { InboxOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Input, Progress, Upload } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { useI18n } from "../../app/I18nProvider";
import { useApi } from "../../app/SessionProvider";
import { codeFromLabel } from "../../lib/fieldCode";
import { inferColumns, type ColumnGuess } from "../../lib/inferType";
import { ErrorAlert } from "../../ui/PageState";
import { ColumnTable } from "./ColumnTable";
import { createAppFromSheet, type Stage } from "./createAppFromSheet";
import { ImportFailed } from "./importRecords";
import { isSpreadsheetName, readSpreadsheet, type Sheet } from "./readSpreadsheet";

export function CreateFromFileForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const api = useApi();
  const navigate = useNavigate();
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [columns, setColumns] = useState<ColumnGuess[]>([]);
  const [name, setName] = useState("");
  const [stage, setStage] = useState<{ stage: Stage; done?: number; total?: number } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const read = async (file: File) => {
    setError(null);
    if (!isSpreadsheetName(file.name)) {
      setError(new Error(t("sheet.unsupported")));
      return;
    }
    try {
      const s = await readSpreadsheet(file);
      setSheet(s);
      setColumns(inferColumns(s.header, s.rows, (i) => t("sheet.unnamed", { n: i + 1 })));
      setName(file.name.replace(/\.[^.]+$/, "").slice(0, 64));
    } catch (e) {
      setError(e);
    }
  };

  const change = (index: number, patch: Partial<ColumnGuess>) =>
    setColumns((cs) => {
      const next = cs.map((c, i) => (i === index ? { ...c, ...patch } : c));
      if (patch.label !== undefined) {
        const taken = new Set(next.filter((_, i) => i !== index).map((c) => c.code));
        next[index] = { ...next[index]!, code: codeFromLabel(patch.label || t("sheet.unnamed", { n: index + 1 }), taken) };
      }
      return next;
    });

  const create = async () => {
    if (!sheet) return;
    setError(null);
    try {
      const app = await createAppFromSheet(api, name.trim(), columns, sheet.rows, (s, done, total) => setStage({ stage: s, done, total }));
      onDone();
      navigate(`/apps/${app}`);
    } catch (e) {
      setError(e);
      setStage(null);
    }
  };

  if (stage) {
    const percent = stage.stage === "import" && stage.total ? Math.round(((stage.done ?? 0) / stage.total) * 100) : stage.stage === "done" ? 100 : 0;
    return (
      <div aria-live="polite">
        <p>{t(`sheet.stage.${stage.stage}`, { done: stage.done ?? 0, total: stage.total ?? 0 })}</p>
        <Progress percent={percent} status="active" aria-label={t("sheet.progress")} />
      </div>
    );
  }

  return (
    <>
      {error !== null &&
        (error instanceof ImportFailed ? (
          <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={t("sheet.importFailed")}
            description={<ul style={{ margin: 0, paddingLeft: 18 }}>{error.problems.slice(0, 20).map((p) => <li key={`${p.row}-${p.field}`}>{t("sheet.rowProblem", { row: p.row, field: p.field, message: p.messages.join(" ") })}</li>)}</ul>} />
        ) : (
          <div style={{ marginBottom: 12 }}><ErrorAlert error={error} /></div>
        ))}
      {!sheet ? (
        <Upload.Dragger accept=".csv,.xlsx,.txt" showUploadList={false} beforeUpload={(file) => { void read(file); return false; }} data-testid="sheet-upload">
          <p><InboxOutlined aria-hidden style={{ fontSize: 32 }} /></p>
          <p>{t("sheet.drop")}</p>
          <p className="muted">{t("sheet.dropHelp")}</p>
        </Upload.Dragger>
      ) : (
        <Form layout="vertical" onFinish={() => void create()}>
          <Form.Item label={t("createApp.name")} htmlFor="sheet-app-name" required>
            <Input id="sheet-app-name" value={name} maxLength={64} onChange={(e) => setName(e.target.value)} />
          </Form.Item>
          <p>{t("sheet.rows", { n: sheet.rows.length, c: columns.length })}</p>
          <ColumnTable columns={columns} onChange={change} />
          <div style={{ display: "flex", gap: 8, justifyContent: "flex-end", marginTop: 12 }}>
            <Button onClick={() => setSheet(null)}>{t("sheet.otherFile")}</Button>
            <Button type="primary" htmlType="submit" disabled={name.trim() === "" || columns.length === 0}>{t("sheet.create")}</Button>
          </div>
        </Form>
      )}
    </>
  );
}

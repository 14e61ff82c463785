// Import a CSV or Excel file into an existing app: pick the file, confirm which column fills
// which field (matched by label or code), optionally a key field so matching rows update
// their record, check everything without saving (every row's problems listed by sheet row),
// then import — all rows or none per request of up to 10,000 rows.
import { ArrowLeftOutlined, InboxOutlined } from "@ant-design/icons";
import { Alert, Button, Progress, Select, Table, Upload } from "antd";
import { useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import type { FieldProperty } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import { useApi } from "../../app/SessionProvider";
import { autoMap, importableFields, keyFields, rowsToRecords } from "../../lib/csvImport";
import type { Cell } from "../../lib/inferType";
import { ErrorAlert, LoadingState } from "../../ui/PageState";
import { useAsync } from "../../ui/useAsync";
import { isSpreadsheetName, readSpreadsheet, type Sheet } from "../create-from-file/readSpreadsheet";
import { ROWS_PER_REQUEST, runImport, type ImportOutcome, type RowProblem } from "./runImport";

const SKIP = -1;

function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  return cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell);
}

export function ImportPage() {
  const { t } = useI18n();
  const api = useApi();
  const appId = useParams().appId ?? "";
  const def = useAsync(async () => {
    const [app, fields] = await Promise.all([api.app(appId), api.fields(appId, false)]);
    return { app, properties: fields.properties };
  }, [api, appId]);
  const [file, setFile] = useState<{ name: string; sheet: Sheet } | null>(null);
  const [mapping, setMapping] = useState<Record<string, number>>({});
  const [updateKey, setUpdateKey] = useState<string>("");
  const [running, setRunning] = useState<{ dryRun: boolean; done: number; total: number } | null>(null);
  const [outcome, setOutcome] = useState<(ImportOutcome & { dryRun: boolean }) | null>(null);
  const [error, setError] = useState<unknown>(null);

  const fields = useMemo(() => (def.data ? importableFields(def.data.properties) : []), [def.data]);
  const keys = useMemo(() => (def.data ? keyFields(def.data.properties).filter((k) => mapping[k.code] !== undefined) : []), [def.data, mapping]);

  if (def.status === "error") return <ErrorAlert error={def.error} onRetry={def.reload} />;
  if (!def.data) return <LoadingState />;
  const { properties } = def.data;

  const read = async (picked: File) => {
    setError(null);
    setOutcome(null);
    if (!isSpreadsheetName(picked.name)) {
      setError(new Error(t("sheet.unsupported")));
      return;
    }
    try {
      const sheet = await readSpreadsheet(picked);
      setFile({ name: picked.name, sheet });
      const auto = autoMap(properties, sheet.header);
      setMapping(auto);
      setUpdateKey(keyFields(properties).find((k) => auto[k.code] !== undefined)?.code ?? "");
    } catch (e) {
      setError(e);
    }
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setError(null);
    setOutcome(null);
    const records = rowsToRecords(properties, mapping, file.sheet.rows, updateKey);
    setRunning({ dryRun, done: 0, total: records.length });
    try {
      const result = await runImport(api, appId, records, { dryRun, ...(updateKey ? { updateKey } : {}) }, (done, total) => setRunning({ dryRun, done, total }));
      setOutcome({ ...result, dryRun });
    } catch (e) {
      setError(e);
    } finally {
      setRunning(null);
    }
  };

  const columnOptions = [
    { value: SKIP, label: t("import.skip") },
    ...(file?.sheet.header ?? []).map((h, i) => ({ value: i, label: `${String.fromCharCode(65 + (i % 26))}${i >= 26 ? Math.floor(i / 26) : ""}: ${cellText(h) || t("sheet.unnamed", { n: i + 1 })}` })),
  ];
  const mappedCount = Object.keys(mapping).length;
  const label = (code: string) => properties[code]?.label || code;

  return (
    <>
      <div className="page-header">
        <h1>{t("import.title", { app: def.data.app.name })}</h1>
        <Link to={`/apps/${appId}`}><Button icon={<ArrowLeftOutlined aria-hidden />}>{t("import.backToList")}</Button></Link>
      </div>
      {error !== null && <div style={{ marginBottom: 12 }}><ErrorAlert error={error} /></div>}
      {!file ? (
        <Upload.Dragger accept=".csv,.xlsx,.txt" showUploadList={false} beforeUpload={(f) => { void read(f); return false; }} data-testid="import-upload">
          <p><InboxOutlined aria-hidden style={{ fontSize: 32 }} /></p>
          <p>{t("import.drop")}</p>
          <p className="muted">{t("import.dropHelp")}</p>
        </Upload.Dragger>
      ) : (
        <>
          <p data-testid="import-file">{t("import.read", { name: file.name, n: file.sheet.rows.length.toLocaleString() })}</p>
          {file.sheet.rows.length > ROWS_PER_REQUEST && (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t("import.large", { n: ROWS_PER_REQUEST.toLocaleString() })} />
          )}
          <h2 className="section-title">{t("import.mapping")}</h2>
          <Table<FieldProperty> rowKey="code" size="small" pagination={false} dataSource={fields} data-testid="import-mapping"
            columns={[
              { key: "field", title: t("import.field"), render: (_: unknown, p: FieldProperty) => <span>{p.label} <span className="muted">({p.code})</span></span> },
              {
                key: "column", title: t("import.column"),
                render: (_: unknown, p: FieldProperty) => (
                  <Select aria-label={t("import.columnFor", { field: p.label || p.code })} style={{ minWidth: 200 }} value={mapping[p.code] ?? SKIP} options={columnOptions}
                    onChange={(v: number) => setMapping((m) => {
                      const next = { ...m };
                      if (v === SKIP) delete next[p.code];
                      else next[p.code] = v;
                      return next;
                    })} />
                ),
              },
              {
                key: "sample", title: t("import.sample"),
                render: (_: unknown, p: FieldProperty) => <span className="muted">{mapping[p.code] !== undefined ? cellText(file.sheet.rows[0]?.[mapping[p.code]!]) : ""}</span>,
              },
            ]} />
          <div style={{ marginTop: 16, maxWidth: 480 }}>
            <label htmlFor="import-key" style={{ display: "block", marginBottom: 6 }}>{t("import.key")}</label>
            <Select id="import-key" style={{ width: "100%" }} value={updateKey} onChange={(v: string) => setUpdateKey(v)}
              options={[{ value: "", label: t("import.keyNone") }, ...keys.map((k) => ({ value: k.code, label: k.label || k.code }))]} />
            <p className="muted" style={{ marginTop: 6 }}>{updateKey ? t("import.keyHelp", { field: label(updateKey) }) : t("import.keyNoneHelp")}</p>
          </div>
          <div style={{ display: "flex", gap: 8, justifyContent: "flex-end", marginTop: 12, flexWrap: "wrap" }}>
            <Button onClick={() => { setFile(null); setOutcome(null); }} disabled={running !== null}>{t("sheet.otherFile")}</Button>
            <Button onClick={() => void run(true)} disabled={mappedCount === 0 || running !== null} data-testid="import-check">{t("import.check")}</Button>
            <Button type="primary" onClick={() => void run(false)} disabled={mappedCount === 0 || running !== null} data-testid="import-run">
              {t("import.run", { n: file.sheet.rows.length.toLocaleString() })}
            </Button>
          </div>
          {running && (
            <div aria-live="polite" style={{ marginTop: 12 }}>
              <p>{t(running.dryRun ? "import.checking" : "import.importing", { done: running.done.toLocaleString(), total: running.total.toLocaleString() })}</p>
              <Progress percent={running.total ? Math.round((running.done / running.total) * 100) : 0} status="active" aria-label={t("import.progress")} />
            </div>
          )}
          {outcome && (
            <div role="status" data-testid="import-result" style={{ marginTop: 12 }}>
              {outcome.error !== undefined && <ErrorAlert error={outcome.error} />}
              {outcome.error === undefined && outcome.problems.length === 0 && (
                <Alert type="success" showIcon
                  title={t(outcome.dryRun ? "import.checkedOk" : "import.done", { added: outcome.added.toLocaleString(), updated: outcome.updated.toLocaleString() })}
                  action={outcome.dryRun ? undefined : <Link to={`/apps/${appId}`}><Button size="small">{t("import.backToList")}</Button></Link>} />
              )}
              {outcome.problems.length > 0 && (
                <>
                  <Alert type="error" showIcon style={{ marginBottom: 8 }}
                    title={t(outcome.dryRun ? "import.problems" : "import.failed", { n: new Set(outcome.problems.map((p) => p.row)).size.toLocaleString() })}
                    description={!outcome.dryRun && outcome.failedAt !== undefined && outcome.failedAt > 0 ? t("import.partial", { n: outcome.failedAt.toLocaleString() }) : undefined} />
                  <Table<RowProblem> rowKey={(p) => `${p.row}-${p.field}`} size="small" data-testid="import-problems" dataSource={outcome.problems}
                    pagination={outcome.problems.length > 50 ? { pageSize: 50 } : false}
                    columns={[
                      { key: "row", title: t("import.row"), dataIndex: "row", width: 80 },
                      { key: "field", title: t("import.field"), render: (_: unknown, p: RowProblem) => label(p.field) },
                      { key: "message", title: t("import.message"), render: (_: unknown, p: RowProblem) => p.messages.join(" ") },
                    ]} />
                </>
              )}
            </div>
          )}
        </>
      )}
    </>
  );
}

// The yearly reshuffle as a file: download users, organisations, organisation or group
// memberships as CSV,
// change it in a spreadsheet, and bring it back — first checked (the server runs the whole
// import and rolls it back), then applied in one transaction. Problems are listed by line.
import { Alert, Button, Card, Radio, Space, Spin, Table } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import { useState } from "react";
import { isApiError } from "../../api/errors";
import { ErrorAlert } from "../../ui/PageState";
import { useI18n } from "../../app/I18nProvider";
import type { MessageKey } from "../../app/messages/en";
import { parseCsv } from "../../lib/csv";
import { saveBlob } from "../../lib/saveBlob";
import { decodeText } from "../../lib/textDecode";
import { importProblems, type RowProblem } from "./directoryErrors";
import type { DirectoryApi, DirectoryCsvKind, ImportSummary } from "./directoryApi";

const KINDS: DirectoryCsvKind[] = ["memberships", "groupMemberships", "users", "organizations"];

interface Props {
  api: DirectoryApi;
  onImported: () => void;
}

export function DirectoryFileTab({ api, onImported }: Props) {
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <ExportCard api={api} />
      <ImportCard api={api} onImported={onImported} />
    </Space>
  );
}

function KindPicker({ name, value, onChange }: { name: string; value: DirectoryCsvKind; onChange: (k: DirectoryCsvKind) => void }) {
  const { t } = useI18n();
  return (
    <fieldset style={{ border: 0, padding: 0, margin: "0 0 12px", minWidth: 0 }}>
      <legend style={{ fontSize: 14, marginBottom: 4 }}>{t("directory.file.kind")}</legend>
      <Radio.Group name={name} value={value} onChange={(e) => onChange(e.target.value as DirectoryCsvKind)}>
        <Space direction="vertical">
          {KINDS.map((k) => (
            <Radio key={k} value={k}>
              {t(`directory.file.kind.${k}`)} <span style={{ color: "#595959" }}>— {t(`directory.file.kindHelp.${k}`)}</span>
            </Radio>
          ))}
        </Space>
      </Radio.Group>
    </fieldset>
  );
}

function ExportCard({ api }: { api: DirectoryApi }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<DirectoryCsvKind>("memberships");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const download = async () => {
    setBusy(true);
    setFailure(null);
    try {
      saveBlob(await api.exportCsv(kind), `${kind}.csv`);
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={<h2 className="card-title">{t("directory.file.exportTitle")}</h2>}>
      <p>{t("directory.file.exportLead")}</p>
      {failure ? <ErrorAlert fieldMessages error={failure} /> : null}
      <KindPicker name="export-kind" value={kind} onChange={setKind} />
      <Button icon={<DownloadOutlined aria-hidden />} loading={busy} onClick={() => void download()} data-testid="directory-export">
        {t("directory.file.download", { kind: t(`directory.file.kind.${kind}`) })}
      </Button>
    </Card>
  );
}

interface Picked {
  name: string;
  text: string;
  rows: number;
  encoding: string;
}

type Outcome =
  | { step: "checked" | "applied"; summary: ImportSummary }
  | { step: "problems"; problems: RowProblem[]; error: unknown }
  | { step: "failed"; error: unknown };

function ImportCard({ api, onImported }: Props) {
  const { t } = useI18n();
  const [kind, setKind] = useState<DirectoryCsvKind>("memberships");
  const [file, setFile] = useState<Picked | null>(null);
  const [running, setRunning] = useState<"check" | "apply" | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const pick = async (f: File | undefined) => {
    setOutcome(null);
    if (!f) return setFile(null);
    const { text, encoding } = decodeText(new Uint8Array(await f.arrayBuffer()));
    const rows = parseCsv(text).filter((r) => r.some((c) => c !== "")).length;
    setFile({ name: f.name, text, rows: Math.max(0, rows - 1), encoding: encoding === "utf-8" ? "UTF-8" : "Shift_JIS" });
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setRunning(dryRun ? "check" : "apply");
    setOutcome(null);
    try {
      const summary = await api.importCsv(kind, file.text, dryRun);
      setOutcome({ step: dryRun ? "checked" : "applied", summary });
      if (!dryRun) onImported();
    } catch (e) {
      const problems = isApiError(e) ? importProblems(e.errors) : [];
      setOutcome(problems.length ? { step: "problems", problems, error: e } : { step: "failed", error: e });
    } finally {
      setRunning(null);
    }
  };

  const checked = outcome?.step === "checked";
  return (
    <Card title={<h2 className="card-title">{t("directory.file.importTitle")}</h2>}>
      <p>{t("directory.file.importLead")}</p>
      <KindPicker name="import-kind" value={kind} onChange={(k) => { setKind(k); setOutcome(null); }} />
      <div className="toolbar">
        <label htmlFor="directory-file-input">{t("directory.file.choose")}</label>
        <input id="directory-file-input" type="file" accept=".csv,text/csv" onChange={(e) => void pick(e.target.files?.[0])} data-testid="directory-file-input" />
      </div>
      {file ? <p data-testid="directory-file-picked">{t("directory.file.picked", { name: file.name, rows: file.rows, encoding: file.encoding })}</p> : null}
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type="primary" disabled={!file || running !== null} loading={running === "check"} onClick={() => void run(true)} data-testid="directory-check">
          {t("directory.file.check")}
        </Button>
        <Button type="primary" danger disabled={!checked || running !== null} loading={running === "apply"} onClick={() => void run(false)} data-testid="directory-apply">
          {t("directory.file.apply")}
        </Button>
      </Space>
      <div aria-live="polite" data-testid="directory-import-result">
        {running ? (
          <div className="toolbar" role="status">
            <Spin />
            <span>{t(running === "check" ? "directory.file.checking" : "directory.file.applying", { rows: file?.rows ?? 0 })}</span>
          </div>
        ) : null}
        {outcome?.step === "checked" ? (
          <Alert type="info" showIcon title={t(summaryKey("checkPassed", kind), { ...counts(outcome.summary) })} description={t("directory.file.checkPassedHelp")} />
        ) : null}
        {outcome?.step === "applied" ? <Alert type="success" showIcon title={t(summaryKey("applied", kind), { ...counts(outcome.summary) })} /> : null}
        {outcome?.step === "failed" ? <ErrorAlert fieldMessages error={outcome.error} /> : null}
        {outcome?.step === "problems" ? <ProblemList problems={outcome.problems} /> : null}
      </div>
    </Card>
  );
}

const counts = (s: ImportSummary) => ({ rows: s.rows, added: s.added, updated: s.updated });
/** A membership file replaces whole lists per user: its summary counts users, not additions. */
const summaryKey = (step: "checkPassed" | "applied", kind: DirectoryCsvKind): MessageKey =>
  kind === "memberships" || kind === "groupMemberships" ? (`directory.file.${step}.${kind}` as const) : (`directory.file.${step}` as const);

function ProblemList({ problems }: { problems: RowProblem[] }) {
  const { t } = useI18n();
  return (
    <>
      <Alert type="error" showIcon role="alert" title={t("directory.file.problems", { n: problems.length })} description={t("directory.file.problemsHelp")} style={{ marginBottom: 12 }} />
      <Table<RowProblem>
        rowKey={(p) => `${p.line ?? "file"}-${p.column}`}
        size="small"
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        dataSource={problems}
        data-testid="directory-problems"
        columns={[
          { title: t("directory.file.line"), render: (_, p) => (p.line === null ? t("directory.file.wholeFile") : p.line) },
          { title: t("directory.file.column"), render: (_, p) => p.column },
          { title: t("directory.file.message"), render: (_, p) => p.messages.join(" ") },
        ]}
      />
    </>
  );
}

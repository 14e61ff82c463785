// Create, view, edit, duplicate and delete one record.
import { CopyOutlined, DeleteOutlined, EditOutlined, SaveOutlined, UnorderedListOutlined } from "@ant-design/icons";
import { App as AntApp, Alert, Button, Modal, Popconfirm, Space, Tabs } from "antd";
import { useEffect, useMemo, useState } from "react";
import { Link, useBlocker, useLocation, useNavigate, useParams } from "react-router";
import type { FileValue, SubtableRow } from "../../api/types";
import { isApiError } from "../../api/errors";
import { useI18n } from "../../app/I18nProvider";
import { useApi, useSession } from "../../app/SessionProvider";
import type { RecordValues } from "../../lib/fieldValue";
import { rememberApp } from "../../lib/recentApps";
import { ErrorAlert, LoadingState } from "../../ui/PageState";
import { CommentsPanel } from "./CommentsPanel";
import { HistoryTab } from "./HistoryTab";
import { RecordForm } from "./RecordForm";
import { recordExtrasApi, type FormRights } from "./recordExtrasApi";
import "./recordPage.css";
import { useRecordEditor } from "./useRecordEditor";

/** Values for "duplicate": everything but attachments and table row ids. */
function duplicateValues(values: RecordValues): RecordValues {
  const copy: RecordValues = {};
  for (const [code, value] of Object.entries(values)) {
    if (Array.isArray(value) && value.length > 0 && typeof value[0] === "object" && value[0] !== null && "fileKey" in (value[0] as FileValue)) continue;
    copy[code] = Array.isArray(value) && value.length > 0 && typeof value[0] === "object" && value[0] !== null && "value" in (value[0] as SubtableRow)
      ? (value as SubtableRow[]).map((row) => ({ value: row.value }))
      : value;
  }
  return copy;
}

export function RecordPage() {
  const { t } = useI18n();
  const api = useApi();
  const { state } = useSession();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const { appId = "", recordId } = useParams();
  const seed = (location.state as { seed?: RecordValues } | null)?.seed;
  const editor = useRecordEditor(api, appId, recordId, seed);
  const [editing, setEditing] = useState(!recordId);
  useEffect(() => setEditing(!recordId), [recordId]);
  const extras = useMemo(() => recordExtrasApi(api.transport), [api]);
  // What this user may do here, from the server's own evaluation: which buttons to offer,
  // which fields are read-only or absent (a new record's form too).
  const [rights, setRights] = useState<FormRights | null>(null);
  const [tab, setTab] = useState("form");
  const [historyKey, setHistoryKey] = useState(0);
  useEffect(() => {
    setRights(null);
    setTab("form");
    extras.rights(appId, recordId).then(setRights, () => setRights(null));
  }, [extras, appId, recordId, historyKey]);
  const me = state.status === "signedIn" ? state.session.user.code : "";
  useEffect(() => {
    if (state.status === "signedIn") rememberApp(state.session.user.code, appId);
  }, [appId, state]);

  const guard = editing && editor.dirty && !editor.busy;
  const blocker = useBlocker(({ currentLocation, nextLocation }) => guard && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (window.confirm(t("record.unsaved"))) blocker.proceed();
    else blocker.reset();
  }, [blocker, t]);

  if (editor.loadError) {
    if (isApiError(editor.loadError, "GAIA_RE01")) return <Alert type="warning" showIcon title={t("record.notFound")} action={<Link to={`/apps/${appId}`}>{t("records.view")}</Link>} />;
    return <ErrorAlert error={editor.loadError} onRetry={() => void editor.reload()} />;
  }
  if (!editor.def) return <LoadingState />;

  const save = async () => {
    const id = await editor.save();
    if (typeof id !== "string") {
      // A conflict has its own dialog and any other failure its alert above the form.
      if (id.failed === "fields") void message.error(t("record.fixErrors"));
      return;
    }
    void message.success(t("record.saved"));
    if (!recordId) navigate(`/apps/${appId}/records/${id}`, { replace: true });
    else {
      setEditing(false);
      setHistoryKey((k) => k + 1);
    }
  };

  const title = recordId ? t("record.title", { id: recordId }) : t("record.new");
  return (
    <>
      <div className="page-header">
        <h1>
          <Link to={`/apps/${appId}`} className="muted" style={{ fontSize: 16, marginRight: 8 }}>{editor.def.name}</Link>
          {title}
        </h1>
        <Space wrap>
          <Link to={`/apps/${appId}`}><Button icon={<UnorderedListOutlined aria-hidden />}>{t("records.view")}</Button></Link>
          {recordId && !editing && (
            <>
              <Button icon={<CopyOutlined aria-hidden />} onClick={() => navigate(`/apps/${appId}/records/new`, { state: { seed: duplicateValues(editor.values) } })}>{t("record.duplicate")}</Button>
              {rights?.record.deletable !== false && <Popconfirm title={t("record.deleteConfirm")} okText={t("common.delete")} cancelText={t("common.cancel")} okButtonProps={{ danger: true }}
                onConfirm={() => void editor.remove().then(() => { void message.success(t("records.deleted")); navigate(`/apps/${appId}`); }, (e: unknown) => void message.error(e instanceof Error ? e.message : String(e)))}>
                <Button danger icon={<DeleteOutlined aria-hidden />}>{t("record.delete")}</Button>
              </Popconfirm>}
              {rights?.record.editable !== false && <Button type="primary" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>{t("record.edit")}</Button>}
            </>
          )}
          {editing && (
            <>
              {recordId && <Button onClick={() => { setEditing(false); void editor.reload(); }}>{t("record.cancelEdit")}</Button>}
              <Button type="primary" icon={<SaveOutlined aria-hidden />} loading={editor.busy} onClick={() => void save()} data-testid="record-save">{t("record.save")}</Button>
            </>
          )}
        </Space>
      </div>
      {editor.saveError !== null && <div style={{ marginBottom: 12 }}><ErrorAlert error={editor.saveError} /></div>}
      {editor.errors.other.length > 0 && <Alert type="error" showIcon role="alert" title={editor.errors.other.join(" ")} style={{ marginBottom: 12 }} />}
      {(() => {
        const form = <RecordForm properties={editor.def.properties} layout={editor.def.layout} values={editor.values} errors={editor.errors} editable={editing} onChange={editor.setValue} fieldRights={rights?.fields} />;
        if (!recordId) return form;
        return (
          <div className="record-with-comments">
            <div className="record-main">
              <Tabs activeKey={tab} onChange={setTab} items={[
                { key: "form", label: t("record.tabForm"), children: form },
                { key: "history", label: t("record.tabHistory"), disabled: editing, children: tab === "history" ? <HistoryTab api={extras} app={appId} record={recordId} reloadKey={historyKey} /> : null },
              ]} />
            </div>
            <aside className="record-side"><CommentsPanel api={extras} http={api.transport} app={appId} record={recordId} me={me} /></aside>
          </div>
        );
      })()}
      <Modal
        open={editor.conflict}
        title={t("record.conflictTitle")}
        okText={t("record.conflictReload")}
        cancelText={t("common.cancel")}
        onOk={() => void editor.reloadKeepingInput().then(() => void message.info(t("record.reloaded")))}
        onCancel={() => editor.setConflict(false)}
        confirmLoading={editor.busy}
      >
        <p>{t("record.conflictBody")}</p>
      </Modal>
    </>
  );
}


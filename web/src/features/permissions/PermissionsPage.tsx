// An app's permissions: the app, record and field lists edited in the preview, saved
// together, and made live with "Update app"; plus "check as this user". The server's
// per-entry messages (CB_VA01) are shown next to the entry they concern.
import { App as AntApp, Alert, Button, Popconfirm, Space, Tabs } from "antd";
import { useEffect, useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import type { ApiClient } from "../../api/client";
import { deployAndWait } from "../../api/deploy";
import { isApiError } from "../../api/errors";
import { useI18n } from "../../app/I18nProvider";
import { useApi } from "../../app/SessionProvider";
import { ErrorAlert, LoadingState, errorMessage } from "../../ui/PageState";
import { useAsync } from "../../ui/useAsync";
import { aclApi, type AclKind, type AclLists, type AppAclEntry, type FieldAclRule, type RecordAclRule } from "./aclApi";
import { entryErrors, keyedAll, values, type EntryErrors, type Keyed } from "./aclModel";
import { AppAclEditor } from "./AppAclEditor";
import { CheckAsUser } from "./CheckAsUser";
import { FieldAclEditor } from "./FieldAclEditor";
import { RecordAclEditor } from "./RecordAclEditor";
import "./permissions.css";

interface Draft {
  app: Keyed<AppAclEntry>[];
  record: Keyed<RecordAclRule>[];
  field: Keyed<FieldAclRule>[];
}
const KINDS: AclKind[] = ["app", "record", "field"];
const NO_ERRORS: EntryErrors = { byEntry: {}, other: [] };

function draftOf(lists: AclLists): Draft {
  return { app: keyedAll(lists.app), record: keyedAll(lists.record), field: keyedAll(lists.field) };
}
/**
 * The server reports a condition it cannot read without saying which rule holds it; asking
 * for one record with each rule's condition finds the rule and its message.
 */
async function conditionErrors(client: ApiClient, app: string, rules: RecordAclRule[]): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  await Promise.all(
    rules.map(async (rule, i) => {
      if (rule.filterCond.trim() === "") return;
      try {
        await client.records(app, { query: `${rule.filterCond} limit 1`, fields: ["$id"] });
      } catch (e) {
        if (isApiError(e) && e.status === 400) found[String(i)] = [e.message, ...Object.values(e.errors ?? {}).flatMap((d) => d.messages)];
      }
    }),
  );
  return found;
}

function listsOf(draft: Draft): AclLists {
  return { app: values(draft.app), record: values(draft.record), field: values(draft.field) };
}

export function PermissionsPage() {
  const { appId = "" } = useParams();
  const client = useApi();
  const api = useMemo(() => aclApi(client.transport), [client]);
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const data = useAsync(async () => {
    const [app, preview, live, lists] = await Promise.all([client.app(appId), client.fields(appId, true), client.fields(appId, false), api.lists(appId)]);
    return { app, preview: preview.properties, live: live.properties, lists };
  }, [appId, api, client]);
  const directory = useAsync(() => api.directory(), [api]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState<AclLists | null>(null);
  const [errors, setErrors] = useState<Partial<Record<AclKind, unknown>>>({});
  const [ruleErrors, setRuleErrors] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState<"save" | "deploy" | null>(null);
  const [deployError, setDeployError] = useState<unknown>(null);
  const [undeployed, setUndeployed] = useState(false);
  const [tab, setTab] = useState<string>("app");

  useEffect(() => {
    if (data.status !== "ready") return;
    setDraft(draftOf(data.data.lists));
    setSaved(data.data.lists);
  }, [data.status, data.data]);

  if (data.status === "error" && !data.data) return <ErrorAlert error={data.error} onRetry={data.reload} />;
  if (!data.data || !draft || !saved) return <LoadingState />;
  const { app, preview, live } = data.data;
  const current = listsOf(draft);
  const dirty = KINDS.filter((k) => JSON.stringify(current[k]) !== JSON.stringify(saved[k]));

  const errorsOf = (kind: AclKind): EntryErrors => {
    const e = errors[kind];
    if (e === undefined) return NO_ERRORS;
    const found = isApiError(e) ? entryErrors(e.errors) : { byEntry: {}, other: [] };
    return kind === "record" ? { ...found, byEntry: { ...ruleErrors, ...found.byEntry } } : found;
  };

  /** Saves every changed list; true when all were accepted. */
  const save = async (): Promise<boolean> => {
    const failed: Partial<Record<AclKind, unknown>> = {};
    const accepted: Partial<AclLists> = {};
    for (const kind of dirty) {
      try {
        await api.save(appId, kind, current[kind]);
        Object.assign(accepted, { [kind]: current[kind] });
      } catch (e) {
        failed[kind] = e;
      }
    }
    setSaved({ ...saved, ...accepted });
    setErrors(failed);
    const recordFailure = failed.record;
    const located = isApiError(recordFailure) && Object.keys(entryErrors(recordFailure.errors).byEntry).length > 0;
    setRuleErrors(isApiError(recordFailure) && !located ? await conditionErrors(client, appId, current.record) : {});
    const first = KINDS.find((k) => failed[k] !== undefined);
    if (first) {
      setTab(first);
      return false;
    }
    if (dirty.length) setUndeployed(true);
    return true;
  };

  const onSave = async () => {
    setBusy("save");
    setDeployError(null);
    if (await save()) void message.success(t("perm.saved"));
    setBusy(null);
  };

  const onDeploy = async () => {
    setBusy("deploy");
    setDeployError(null);
    try {
      if (!(await save())) return;
      const status = await deployAndWait(client, appId);
      if (status === "SUCCESS") {
        setUndeployed(false);
        void message.success(t("perm.deployed"));
        data.reload();
      } else {
        setDeployError(new Error(t("perm.deployFailed", { status })));
      }
    } catch (e) {
      setDeployError(e);
    } finally {
      setBusy(null);
    }
  };

  const failedKinds = KINDS.filter((k) => errors[k] !== undefined);
  const tabLabel = (kind: AclKind, text: string) => (
    <span>
      {text}
      {dirty.includes(kind) && <span className="perm-dot" aria-label={t("perm.unsaved")}> •</span>}
      {errors[kind] !== undefined && <span className="perm-dot perm-dot-error" aria-label={t("perm.hasErrors")}> !</span>}
    </span>
  );

  return (
    <>
      <div className="page-header">
        <h1>{t("perm.title", { app: app.name })}</h1>
        <Space wrap>
          <Link to={`/apps/${appId}`}><Button>{t("common.back")}</Button></Link>
          <Popconfirm title={t("perm.discardConfirm")} okText={t("perm.discard")} cancelText={t("common.cancel")} disabled={dirty.length === 0}
            onConfirm={() => { setDraft(draftOf(saved)); setErrors({}); setRuleErrors({}); }}>
            <Button disabled={dirty.length === 0}>{t("perm.discard")}</Button>
          </Popconfirm>
          <Button onClick={() => void onSave()} loading={busy === "save"} disabled={busy !== null || dirty.length === 0} data-testid="perm-save">{t("perm.save")}</Button>
          <Button type="primary" onClick={() => void onDeploy()} loading={busy === "deploy"} disabled={busy !== null} data-testid="perm-deploy">{t("designer.deploy")}</Button>
        </Space>
      </div>
      <div aria-live="polite" className="perm-status">
        {dirty.length > 0 ? <Alert type="warning" showIcon title={t("perm.unsavedLead")} /> : undeployed ? <Alert type="info" showIcon title={t("perm.undeployedLead")} /> : null}
      </div>
      {failedKinds.length > 0 && (
        <Alert type="error" showIcon role="alert" data-testid="perm-save-failed" className="perm-lead" title={t("perm.saveFailed")}
          description={
            <ul>
              {failedKinds.map((k) => {
                const e = errors[k];
                const other = errorsOf(k).other;
                return (
                  <li key={k}>
                    {t(`perm.tab.${k}`)}: {errorMessage(e, t("common.networkError"))}
                    {other.length > 0 && <ul>{other.map((m) => <li key={m}>{m}</li>)}</ul>}
                  </li>
                );
              })}
            </ul>
          } />
      )}
      {deployError !== null && (
        <Alert type="error" showIcon role="alert" data-testid="perm-deploy-failed" className="perm-lead" title={t("perm.deployFailedTitle")}
          description={errorMessage(deployError, t("common.networkError"))} />
      )}
      {directory.status === "error" && <Alert type="warning" showIcon className="perm-lead" title={t("perm.directoryFailed")} description={errorMessage(directory.error, t("common.networkError"))} />}
      <Tabs className="wrap-tabs" activeKey={tab} onChange={setTab} items={[
        { key: "app", label: tabLabel("app", t("perm.tab.app")), children: (
          <AppAclEditor entries={draft.app} onChange={(app) => setDraft({ ...draft, app })} directory={directory.data} errors={errorsOf("app")} />
        ) },
        { key: "record", label: tabLabel("record", t("perm.tab.record")), children: (
          <RecordAclEditor rules={draft.record} onChange={(record) => setDraft({ ...draft, record })} directory={directory.data} properties={preview} errors={errorsOf("record")} />
        ) },
        { key: "field", label: tabLabel("field", t("perm.tab.field")), children: (
          <FieldAclEditor rules={draft.field} onChange={(field) => setDraft({ ...draft, field })} directory={directory.data} properties={preview} errors={errorsOf("field")} />
        ) },
        { key: "check", label: t("perm.tab.check"), children: (
          <CheckAsUser app={appId} api={api} client={client} directory={directory.data} properties={live} pending={dirty.length > 0 || undeployed} />
        ) },
      ]} />
    </>
  );
}

// "Check as this user": what one user may do in the app as it is deployed — the app rights,
// each field, and a few records (ids typed in, or the first page of the list).
import { CheckOutlined, CloseOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Input, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import type { ApiClient } from "../../api/client";
import type { Properties } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import { ErrorAlert, LoadingState } from "../../ui/PageState";
import { APP_RIGHTS, RECORD_RIGHTS, type AclApi, type CheckResult, type Directory } from "./aclApi";
import { parseIds } from "./aclModel";

const FIRST_PAGE = 10;

function YesNo({ yes }: { yes: boolean }) {
  const { t } = useI18n();
  return yes ? (
    <span className="perm-yes"><CheckOutlined aria-hidden /> {t("perm.yes")}</span>
  ) : (
    <span className="perm-no"><CloseOutlined aria-hidden /> {t("perm.no")}</span>
  );
}

export function CheckAsUser({ app, api, client, directory, properties, pending }: {
  app: string;
  api: AclApi;
  client: ApiClient;
  directory: Directory | undefined;
  /** Live form fields (the check uses the deployed settings). */
  properties: Properties;
  /** Whether there are changes not yet deployed. */
  pending: boolean;
}) {
  const { t } = useI18n();
  const [user, setUser] = useState<string | undefined>();
  const [idsText, setIdsText] = useState("");
  const [state, setState] = useState<{ status: "idle" } | { status: "loading" } | { status: "error"; error: unknown } | { status: "ready"; result: CheckResult; user: string }>({ status: "idle" });
  const ids = parseIds(idsText);

  const run = async () => {
    if (!user || ids === null) return;
    setState({ status: "loading" });
    try {
      let chosen = ids;
      if (chosen.length === 0) {
        const page = await client.records(app, { query: `order by $id asc limit ${FIRST_PAGE}`, fields: ["$id"] });
        chosen = page.records.map((r) => String(r.$id?.value ?? "")).filter((id) => id !== "");
      }
      setState({ status: "ready", result: await api.checkAs(app, user, chosen), user });
    } catch (error) {
      setState({ status: "error", error });
    }
  };
  // A field inside a table is named with its table: "訪問の記録 › 訪問日".
  const label = (code: string) => {
    if (properties[code]) return properties[code].label;
    const table = Object.values(properties).find((p) => p.fields?.[code]);
    return table ? `${table.label} › ${table.fields![code]!.label}` : code;
  };

  return (
    <section aria-labelledby="perm-check-title">
      <h2 id="perm-check-title" className="perm-title">{t("perm.checkTitle")}</h2>
      <Alert type={pending ? "warning" : "info"} showIcon className="perm-lead" title={pending ? t("perm.checkPending") : t("perm.checkLead")} />
      <Form layout="vertical" onFinish={() => void run()} className="perm-check-form">
        <Space wrap align="end">
          <Form.Item label={t("perm.checkUser")} htmlFor="perm-check-user" style={{ marginBottom: 0 }}>
            <Select id="perm-check-user" style={{ minWidth: 240 }} showSearch={{ optionFilterProp: "label" }} value={user} onChange={(v: string) => setUser(v)}
              loading={directory === undefined} placeholder={t("perm.pickUser")} notFoundContent={t("perm.noEntities")}
              options={(directory?.users ?? []).map((u) => ({ value: u.code, label: `${u.name} (${u.code})` }))} />
          </Form.Item>
          <Form.Item label={t("perm.checkIds")} htmlFor="perm-check-ids" style={{ marginBottom: 0 }}
            validateStatus={ids === null ? "error" : undefined} help={ids === null ? t("perm.checkIdsInvalid") : t("perm.checkIdsHelp", { n: FIRST_PAGE })}>
            <Input id="perm-check-ids" style={{ width: 220 }} value={idsText} onChange={(e) => setIdsText(e.target.value)} placeholder="1, 2, 3" />
          </Form.Item>
          <Button type="primary" htmlType="submit" disabled={!user || ids === null} loading={state.status === "loading"}>{t("perm.checkRun")}</Button>
        </Space>
      </Form>
      {state.status === "loading" && <LoadingState />}
      {state.status === "error" && <ErrorAlert error={state.error} onRetry={() => void run()} />}
      {state.status === "ready" && (
        <div data-testid="check-result" aria-live="polite">
          <h3>{t("perm.checkAppRights", { user: state.user })}</h3>
          <ul className="perm-rights" data-testid="check-app">
            {APP_RIGHTS.map((r) => (
              <li key={r} data-testid={`check-app-${r}`}>{t(`perm.right.${r}`)}: <YesNo yes={state.result.app[r]} /></li>
            ))}
          </ul>
          <h3>{t("perm.checkFields")}</h3>
          <Table size="small" pagination={false} rowKey="code" data-testid="check-fields" scroll={{ x: "max-content" }}
            locale={{ emptyText: t("perm.fieldNoFields") }}
            dataSource={Object.entries(state.result.fields).map(([code, r]) => ({ code, ...r }))}
            columns={[
              { title: t("perm.field"), dataIndex: "code", render: (code: string, r: { dependsOnRecord?: boolean }) => (
                <>{label(code)}{r.dependsOnRecord ? <Tag className="perm-depends" data-testid={`check-depends-${code}`}>{t("perm.dependsOnRecord")}</Tag> : null}</>
              ) },
              { title: t("perm.recordRight.viewable"), dataIndex: "viewable", render: (v: boolean) => <YesNo yes={v} /> },
              { title: t("perm.recordRight.editable"), dataIndex: "editable", render: (v: boolean) => <YesNo yes={v} /> },
            ]} />
          <h3>{t("perm.checkRecords")}</h3>
          <Table size="small" pagination={false} rowKey="id" data-testid="check-records" scroll={{ x: "max-content" }}
            locale={{ emptyText: t("perm.checkNoRecords") }}
            dataSource={state.result.rights.map((r) => ({ id: r.id, ...r.record }))}
            columns={[
              { title: t("perm.recordId"), dataIndex: "id" },
              ...RECORD_RIGHTS.map((r) => ({ title: t(`perm.recordRight.${r}`), dataIndex: r, render: (v: boolean) => <YesNo yes={v} /> })),
            ]} />
        </div>
      )}
    </section>
  );
}

// Administrators' mail screen: the SMTP server the outgoing queue uses (the password is
// write-only: the server never sends it back), a test message with the server's answer,
// and the queue itself — status, attempts, last error — with retry for failed messages.
import { App as AntApp, Alert, Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Switch, Table, Tag } from "antd";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import { isApiError } from "../../api/errors";
import { useI18n } from "../../app/I18nProvider";
import { useApi, useSession } from "../../app/SessionProvider";
import { ErrorAlert, LoadingState } from "../../ui/PageState";
import { TableEmpty } from "../../ui/TableEmpty";
import { useAsync } from "../../ui/useAsync";
import { mailApi, type MailApi, type MailStatus, type OutboxMessage, type SmtpSettings } from "./mailApi";

type FieldErrors = Record<string, { messages: string[] }>;

function SettingsCard({ api, initial, onSaved }: { api: MailApi; initial: SmtpSettings; onSaved: (s: SmtpSettings) => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [s, setS] = useState<SmtpSettings>(initial);
  const [password, setPassword] = useState("");
  const [clearPassword, setClearPassword] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (change: Partial<SmtpSettings>) => setS((old) => ({ ...old, ...change }));
  const err = (key: string) => errors[key]?.messages.join(" ");
  const status = (key: string) => (errors[key] ? ("error" as const) : undefined);

  const save = async () => {
    setSaving(true);
    setFailure(null);
    setErrors({});
    try {
      const { passwordSet: _unused, ...rest } = s;
      const body = { ...rest, ...(password ? { password } : clearPassword ? { password: "" } : {}) };
      const saved = await api.save(body);
      setS(saved.settings);
      setPassword("");
      setClearPassword(false);
      onSaved(saved.settings);
      void message.success(t("mail.saved"));
    } catch (e) {
      setErrors((isApiError(e) && e.errors) || {});
      setFailure(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={<h2 className="card-title">{t("mail.serverTitle")}</h2>}>
      {failure ? <Alert type="error" showIcon role="alert" title={failure} style={{ marginBottom: 16 }} /> : null}
      <Form layout="vertical" onFinish={() => void save()}>
        <Form.Item label={t("mail.enabled")} htmlFor="mail-enabled" help={t("mail.enabledHelp")}>
          <Switch id="mail-enabled" checked={s.enabled} onChange={(v) => set({ enabled: v })} />
        </Form.Item>
        <Space wrap size="large" align="start">
          <Form.Item label={t("mail.host")} htmlFor="mail-host" validateStatus={status("host")} help={err("host")}>
            <Input id="mail-host" style={{ width: 280 }} value={s.host} placeholder="smtp.example.lg.jp" onChange={(e) => set({ host: e.target.value })} />
          </Form.Item>
          <Form.Item label={t("mail.port")} htmlFor="mail-port" validateStatus={status("port")} help={err("port")}>
            <InputNumber id="mail-port" min={1} max={65535} value={s.port} onChange={(v) => set({ port: Number(v ?? 587) })} />
          </Form.Item>
          <Form.Item label={t("mail.security")} htmlFor="mail-security" validateStatus={status("security")} help={err("security")}>
            <Select id="mail-security" style={{ width: 280 }} value={s.security} onChange={(v) => set({ security: v })}
              options={[
                { value: "starttls", label: t("mail.securityStartTls") },
                { value: "tls", label: t("mail.securityTls") },
                { value: "none", label: t("mail.securityNone") },
              ]} />
          </Form.Item>
        </Space>
        {s.security !== "none" ? (
          <Form.Item>
            <Checkbox checked={!s.verifyTls} onChange={(e) => set({ verifyTls: !e.target.checked })}>{t("mail.skipVerify")}</Checkbox>
          </Form.Item>
        ) : null}
        <Space wrap size="large" align="start">
          <Form.Item label={t("mail.username")} htmlFor="mail-user" validateStatus={status("username")} help={err("username") ?? t("mail.usernameHelp")}>
            <Input id="mail-user" style={{ width: 240 }} autoComplete="off" value={s.username} onChange={(e) => set({ username: e.target.value })} />
          </Form.Item>
          <Form.Item label={t("mail.password")} htmlFor="mail-password" validateStatus={status("password")}
            help={err("password") ?? (s.passwordSet ? t("mail.passwordKept") : t("mail.passwordNone"))}>
            <Input.Password id="mail-password" style={{ width: 240 }} autoComplete="new-password" value={password} disabled={clearPassword}
              onChange={(e) => setPassword(e.target.value)} />
          </Form.Item>
          {s.passwordSet ? (
            <Form.Item label=" ">
              <Checkbox checked={clearPassword} onChange={(e) => { setClearPassword(e.target.checked); setPassword(""); }}>{t("mail.passwordClear")}</Checkbox>
            </Form.Item>
          ) : null}
        </Space>
        <Space wrap size="large" align="start">
          <Form.Item label={t("mail.fromAddress")} htmlFor="mail-from" validateStatus={status("fromAddress")} help={err("fromAddress")}>
            <Input id="mail-from" style={{ width: 280 }} type="email" value={s.fromAddress} placeholder="madoguchi@city.example.lg.jp" onChange={(e) => set({ fromAddress: e.target.value })} />
          </Form.Item>
          <Form.Item label={t("mail.fromName")} htmlFor="mail-from-name" validateStatus={status("fromName")} help={err("fromName")}>
            <Input id="mail-from-name" style={{ width: 240 }} value={s.fromName} onChange={(e) => set({ fromName: e.target.value })} />
          </Form.Item>
        </Space>
        <Space wrap size="large" align="start">
          <Form.Item label={t("mail.timeout")} htmlFor="mail-timeout" validateStatus={status("timeoutSeconds")} help={err("timeoutSeconds")}>
            <InputNumber id="mail-timeout" min={1} max={300} value={s.timeoutSeconds} onChange={(v) => set({ timeoutSeconds: Number(v ?? 30) })} />
          </Form.Item>
          <Form.Item label={t("mail.maxAttempts")} htmlFor="mail-attempts" validateStatus={status("maxAttempts")} help={err("maxAttempts") ?? t("mail.maxAttemptsHelp")}>
            <InputNumber id="mail-attempts" min={1} max={50} value={s.maxAttempts} onChange={(v) => set({ maxAttempts: Number(v ?? 8) })} />
          </Form.Item>
        </Space>
        <div>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="mail-save">{t("common.save")}</Button>
        </div>
      </Form>
    </Card>
  );
}

function TestCard({ api }: { api: MailApi }) {
  const { t } = useI18n();
  const [to, setTo] = useState("");
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const send = async () => {
    setSending(true);
    setResult(null);
    try {
      await api.test(to.trim());
      setResult({ ok: true, text: t("mail.testSent", { to: to.trim() }) });
    } catch (e) {
      const fields = isApiError(e) && e.errors ? Object.values(e.errors).flatMap((x) => x.messages).join(" ") : "";
      setResult({ ok: false, text: [e instanceof Error ? e.message : String(e), fields].filter(Boolean).join(" ") });
    } finally {
      setSending(false);
    }
  };
  return (
    <Card title={<h2 className="card-title">{t("mail.testTitle")}</h2>}>
      <p>{t("mail.testLead")}</p>
      <Form layout="inline" onFinish={() => void send()}>
        <Form.Item label={t("mail.testTo")} htmlFor="mail-test-to">
          <Input id="mail-test-to" type="email" style={{ width: 280 }} value={to} onChange={(e) => setTo(e.target.value)} />
        </Form.Item>
        <Button htmlType="submit" loading={sending} disabled={!to.trim()} data-testid="mail-test-send">{t("mail.testSend")}</Button>
      </Form>
      <div aria-live="polite" style={{ marginTop: 12 }}>
        {result ? <Alert type={result.ok ? "success" : "error"} showIcon title={result.text} data-testid="mail-test-result" /> : null}
      </div>
    </Card>
  );
}

function OutboxCard({ api, refreshKey }: { api: MailApi; refreshKey: number }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [status, setStatus] = useState<MailStatus | "">("");
  const [page, setPage] = useState(1);
  const pageSize = 50;
  const data = useAsync(() => api.outbox(status, (page - 1) * pageSize, pageSize), [api, status, page, refreshKey]);
  const retry = async (m: OutboxMessage) => {
    try {
      await api.retry(m.id);
      void message.success(t("mail.retried"));
      data.reload();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  // Darker custom colours: antd's preset tags (e.g. #389e0d on pale green) fall below 4.5:1.
  const tag = (s: MailStatus) => <Tag color={s === "sent" ? "#237804" : s === "failed" ? "#a8071a" : "#0958d9"}>{t(`mail.status.${s}`)}</Tag>;
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "");
  const counts = data.data?.counts;

  return (
    <Card title={<h2 className="card-title">{t("mail.outboxTitle")}</h2>}
      extra={<Button onClick={() => data.reload()} data-testid="mail-outbox-refresh">{t("mail.refresh")}</Button>}>
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="mail-status-filter">{t("mail.filter")}</label>
        <Select id="mail-status-filter" style={{ width: 220 }} value={status} onChange={(v) => { setStatus(v); setPage(1); }}
          options={[
            { value: "", label: t("mail.status.all") },
            ...(["queued", "failed", "sent"] as const).map((s) => ({ value: s, label: `${t(`mail.status.${s}`)}${counts ? ` (${counts[s]})` : ""}` })),
          ]} />
      </Space>
      {data.status === "error" ? <ErrorAlert error={data.error} onRetry={data.reload} /> : null}
      <Table<OutboxMessage>
        rowKey="id"
        size="small"
        loading={data.status === "loading"}
        dataSource={data.data?.messages ?? []}
        locale={{ emptyText: <TableEmpty text={status ? t("mail.emptyStatus") : t("mail.empty")} /> }}
        pagination={{ current: page, pageSize, total: Number(data.data?.totalCount ?? 0), onChange: setPage, showSizeChanger: false }}
        scroll={{ x: true }}
        columns={[
          { title: t("mail.col.created"), render: (_, m) => when(m.createdAt) },
          { title: t("mail.col.to"), dataIndex: "to" },
          { title: t("mail.col.subject"), dataIndex: "subject" },
          { title: t("mail.col.status"), render: (_, m) => tag(m.status) },
          { title: t("mail.col.attempts"), dataIndex: "attempts" },
          {
            title: t("mail.col.detail"),
            render: (_, m) =>
              m.status === "sent" ? when(m.sentAt)
                : <>{m.lastError ? <div className="field-error-text">{m.lastError}</div> : null}{m.status === "queued" && m.nextAttemptAt ? <div>{t("mail.nextAttempt", { at: when(m.nextAttemptAt) })}</div> : null}</>,
          },
          {
            title: t("mail.col.record"),
            render: (_, m) => (m.app && m.record ? <Link to={`/apps/${m.app}/records/${m.record}`}>{t("mail.recordLink", { app: m.app, record: m.record })}</Link> : null),
          },
          {
            title: t("public.actions"),
            render: (_, m) => (m.status === "failed" ? <Button size="small" onClick={() => void retry(m)} aria-label={t("mail.retryFor", { to: m.to })}>{t("common.retry")}</Button> : null),
          },
        ]}
      />
    </Card>
  );
}

export function MailSettingsPage() {
  const client = useApi();
  const { state } = useSession();
  const { t } = useI18n();
  const api = useMemo(() => mailApi(client.transport), [client]);
  const [refreshKey, setRefreshKey] = useState(0);
  const isAdmin = state.status === "signedIn" && Boolean(state.session.user.isAdmin);
  const data = useAsync(() => (isAdmin ? api.settings() : Promise.resolve(null)), [api, isAdmin]);

  if (!isAdmin) return <Alert type="warning" showIcon role="alert" title={t("mail.adminsOnly")} />;
  if (data.status === "loading" && !data.data) return <LoadingState />;
  if (data.status === "error" && !data.data) return <ErrorAlert error={data.error} onRetry={data.reload} />;

  return (
    <>
      <div className="page-header">
        <h1>{t("mail.title")}</h1>
        <Link to="/"><Button>{t("common.back")}</Button></Link>
      </div>
      <Space direction="vertical" size="large" style={{ width: "100%" }}>
        <SettingsCard api={api} initial={data.data!.settings} onSaved={() => setRefreshKey((k) => k + 1)} />
        <TestCard api={api} />
        <OutboxCard api={api} refreshKey={refreshKey} />
      </Space>
    </>
  );
}

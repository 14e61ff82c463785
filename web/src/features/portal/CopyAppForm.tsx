// "Copy an existing app": choose the app, name the copy; its form, layout and views are
// copied (not its records).
import { Button, Form, Input, Select } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { useI18n } from "../../app/I18nProvider";
import { useApi } from "../../app/SessionProvider";
import { ErrorAlert } from "../../ui/PageState";
import { useAsync } from "../../ui/useAsync";
import { copyApp } from "./copyApp";

export function CopyAppForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const api = useApi();
  const navigate = useNavigate();
  const apps = useAsync(() => api.apps({ limit: 100 }), [api]);
  const [source, setSource] = useState<string | undefined>(undefined);
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    if (!source) return;
    setBusy(true);
    setError(null);
    try {
      const app = await copyApp(api, source, name.trim());
      onDone();
      navigate(`/apps/${app}/form`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form layout="vertical" onFinish={() => void submit()}>
      {error !== null && <div style={{ marginBottom: 12 }}><ErrorAlert error={error} /></div>}
      <Form.Item label={t("copyApp.source")} htmlFor="copy-source" required>
        <Select
          id="copy-source"
          showSearch={{ optionFilterProp: "label" }}
          loading={apps.status === "loading"}
          value={source}
          placeholder={t("record.selectPlaceholder")}
          options={(apps.data?.apps ?? []).map((a) => ({ value: a.appId, label: a.name }))}
          onChange={(id: string) => {
            setSource(id);
            const from = apps.data?.apps.find((a) => a.appId === id);
            if (from) setName(t("copyApp.defaultName", { name: from.name }).slice(0, 64));
          }}
        />
      </Form.Item>
      <Form.Item label={t("createApp.name")} htmlFor="copy-name" required extra={t("copyApp.help")}>
        <Input id="copy-name" value={name} maxLength={64} onChange={(e) => setName(e.target.value)} />
      </Form.Item>
      <div style={{ display: "flex", justifyContent: "flex-end" }}>
        <Button type="primary" htmlType="submit" loading={busy} disabled={!source || name.trim() === ""}>{t("copyApp.submit")}</Button>
      </div>
    </Form>
  );
}

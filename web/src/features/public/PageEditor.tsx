// Editing one public page's settings in a drawer: texts and look for every page, then the
// form's fields and rules or the look-up's keys and shown fields. The server validates
// everything again (contrast, fields); its field errors are shown here.
import { Alert, Button, Drawer, Form, Input, Select, Space } from "antd";
import { useState } from "react";
import type { Properties } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import { DashboardPageSection } from "./DashboardPageSection";
import { FormPageSection } from "./FormPageSection";
import { LookupPageSection } from "./LookupPageSection";
import type { DashboardPreview, PageKind, PageSettings } from "./publicPagesApi";

interface Props {
  kind: PageKind;
  initial: PageSettings;
  properties: Properties;
  receiptField: string | undefined;
  onCancel: () => void;
  onSave: (settings: PageSettings) => Promise<void>;
  onPreview: (settings: PageSettings) => Promise<DashboardPreview>;
}

type ServerErrors = Record<string, { messages: string[] }>;

function readLogo(file: File): Promise<string> {
  return new Promise((ok, fail) => {
    const reader = new FileReader();
    reader.onload = () => ok(String(reader.result));
    reader.onerror = () => fail(reader.error);
    reader.readAsDataURL(file);
  });
}

export function PageEditor({ kind, initial, properties, receiptField, onCancel, onSave, onPreview }: Props) {
  const { t } = useI18n();
  const [s, setS] = useState<PageSettings>(initial);
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<ServerErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const set = (change: Partial<PageSettings>) => setS((old) => ({ ...old, ...change }));
  const setTheme = (change: Partial<PageSettings["theme"]>) => setS((old) => ({ ...old, theme: { ...old.theme, ...change } }));
  const err = (key: string) => errors[key]?.messages.join(" ");

  const save = async () => {
    setSaving(true);
    setFailure(null);
    try {
      await onSave(s);
    } catch (e) {
      const detail = (e as { errors?: ServerErrors }).errors;
      setErrors(detail ?? {});
      setFailure(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open
      width={720}
      title={kind === "form" ? t("public.editForm") : kind === "lookup" ? t("public.editLookup") : t("public.editDashboard")}
      onClose={onCancel}
      extra={
        <Space>
          <Button onClick={onCancel}>{t("common.cancel")}</Button>
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="public-save">{t("common.save")}</Button>
        </Space>
      }
    >
      {failure ? (
        <Alert type="error" showIcon role="alert" message={failure} style={{ marginBottom: 16 }}
          description={Object.keys(errors).length ? <ul>{Object.entries(errors).map(([k, v]) => <li key={k}>{k}: {v.messages.join(" ")}</li>)}</ul> : undefined} />
      ) : null}
      <Form layout="vertical">
        <Form.Item label={t("public.pageTitle")} htmlFor="page-title" required validateStatus={err("title") ? "error" : undefined} help={err("title")}>
          <Input id="page-title" value={s.title} maxLength={200} onChange={(e) => set({ title: e.target.value })} />
        </Form.Item>
        <Form.Item label={t("public.description")} htmlFor="page-description">
          <Input.TextArea id="page-description" rows={3} value={s.description} onChange={(e) => set({ description: e.target.value })} />
        </Form.Item>
        <Space wrap size="large" align="start">
          <Form.Item label={t("public.primaryColor")} htmlFor="page-primary" validateStatus={err("theme.primaryColor") ? "error" : undefined} help={err("theme.primaryColor")}>
            <input id="page-primary" type="color" value={s.theme.primaryColor} onChange={(e) => setTheme({ primaryColor: e.target.value })} />
          </Form.Item>
          <Form.Item label={t("public.textColor")} htmlFor="page-text" validateStatus={err("theme.textColor") ? "error" : undefined} help={err("theme.textColor")}>
            <input id="page-text" type="color" value={s.theme.textColor} onChange={(e) => setTheme({ textColor: e.target.value })} />
          </Form.Item>
          <Form.Item label={t("public.backgroundColor")} htmlFor="page-background">
            <input id="page-background" type="color" value={s.theme.backgroundColor} onChange={(e) => setTheme({ backgroundColor: e.target.value })} />
          </Form.Item>
          <Form.Item label={t("public.fontScale")} htmlFor="page-scale">
            <Select id="page-scale" style={{ width: 140 }} value={s.theme.fontScale} onChange={(v: number) => setTheme({ fontScale: v })}
              options={[1, 1.25, 1.5, 2].map((v) => ({ value: v, label: `${Math.round(v * 100)}%` }))} />
          </Form.Item>
        </Space>
        <Form.Item label={t("public.logo")} htmlFor="page-logo" validateStatus={err("logo") ? "error" : undefined} help={err("logo") ?? t("public.logoHelp")}>
          <Space>
            <input id="page-logo" type="file" accept="image/png,image/jpeg,image/webp"
              onChange={(e) => { const f = e.target.files?.[0]; if (f) void readLogo(f).then((logo) => set({ logo })); }} />
            {s.logo ? <><img src={s.logo} alt={t("public.logoCurrent")} style={{ maxHeight: 40 }} /><Button onClick={() => set({ logo: "" })}>{t("common.remove")}</Button></> : null}
          </Space>
        </Form.Item>
        {kind === "form" ? (
          <FormPageSection settings={s} properties={properties} receiptField={receiptField} errors={errors} onChange={set} />
        ) : kind === "lookup" ? (
          <LookupPageSection settings={s} properties={properties} errors={errors} onChange={set} />
        ) : (
          <DashboardPageSection settings={s} properties={properties} errors={errors} onChange={set} onPreview={onPreview} />
        )}
      </Form>
    </Drawer>
  );
}

// The public form's own settings: which fields in which order with help texts, open and
// close times, a cap, the completion text and the attachment rules.
import { Button, Checkbox, DatePicker, Form, Input, InputNumber, Space, Table } from "antd";
import dayjs from "dayjs";
import type { Properties } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import { ConfirmationMailSection } from "./ConfirmationMailSection";
import { formFieldCandidates } from "./pageSettings";
import type { PageSettings } from "./publicPagesApi";

interface Props {
  settings: PageSettings;
  properties: Properties;
  receiptField: string | undefined;
  errors: Record<string, { messages: string[] }>;
  onChange: (change: Partial<PageSettings>) => void;
}

const TYPES = [
  { value: "application/pdf", label: "PDF" },
  { value: "image/jpeg", label: "JPEG" },
  { value: "image/png", label: "PNG" },
];

export function FormPageSection({ settings, properties, receiptField, errors, onChange }: Props) {
  const { t } = useI18n();
  const chosen = settings.fields ?? [];
  const candidates = formFieldCandidates(properties, receiptField);
  const attachments = settings.attachments ?? { maxBytes: 5 * 1024 * 1024, maxCount: 3, types: TYPES.map((x) => x.value) };
  const rows = [...chosen.map((c) => c.code), ...candidates.map((f) => f.code).filter((c) => !chosen.some((x) => x.code === c))];
  const move = (code: string, by: number) => {
    const i = chosen.findIndex((c) => c.code === code);
    const j = i + by;
    if (i < 0 || j < 0 || j >= chosen.length) return;
    const next = [...chosen];
    [next[i], next[j]] = [next[j]!, next[i]!];
    onChange({ fields: next });
  };
  const time = (v: string | undefined) => (v ? dayjs(v) : null);
  const fieldsError = errors["fields"]?.messages.join(" ");

  return (
    <>
      <h3>{t("public.fieldsTitle")}</h3>
      {fieldsError ? <p role="alert" className="field-error-text">{fieldsError}</p> : null}
      <Table
        rowKey={(code) => code}
        dataSource={rows}
        pagination={false}
        size="small"
        columns={[
          {
            title: t("public.publish"),
            render: (_, code) => {
              const f = candidates.find((x) => x.code === code);
              return (
                <Checkbox checked={chosen.some((c) => c.code === code)} aria-label={t("public.publishField", { field: f?.label ?? code })}
                  onChange={(e) => onChange({ fields: e.target.checked ? [...chosen, { code, help: "" }] : chosen.filter((c) => c.code !== code) })} />
              );
            },
          },
          { title: t("public.field"), render: (_, code) => candidates.find((x) => x.code === code)?.label ?? code },
          {
            title: t("public.help"),
            render: (_, code) => {
              const c = chosen.find((x) => x.code === code);
              return c ? (
                <Input aria-label={t("public.helpFor", { field: candidates.find((x) => x.code === code)?.label ?? code })} value={c.help}
                  onChange={(e) => onChange({ fields: chosen.map((x) => (x.code === code ? { ...x, help: e.target.value } : x)) })} />
              ) : null;
            },
          },
          {
            title: t("public.order"),
            render: (_, code) =>
              chosen.some((c) => c.code === code) ? (
                <Space>
                  <Button size="small" onClick={() => move(code, -1)} aria-label={`${t("common.moveUp")}: ${code}`}>↑</Button>
                  <Button size="small" onClick={() => move(code, 1)} aria-label={`${t("common.moveDown")}: ${code}`}>↓</Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <Space wrap size="large" align="start" style={{ marginTop: 16 }}>
        <Form.Item label={t("public.opensAt")} htmlFor="form-opens">
          <DatePicker id="form-opens" showTime value={time(settings.opensAt)} onChange={(d) => onChange({ opensAt: d ? d.toISOString().replace(/\.\d{3}Z$/, "Z") : "" })} />
        </Form.Item>
        <Form.Item label={t("public.closesAt")} htmlFor="form-closes" validateStatus={errors["closesAt"] ? "error" : undefined} help={errors["closesAt"]?.messages.join(" ")}>
          <DatePicker id="form-closes" showTime value={time(settings.closesAt)} onChange={(d) => onChange({ closesAt: d ? d.toISOString().replace(/\.\d{3}Z$/, "Z") : "" })} />
        </Form.Item>
        <Form.Item label={t("public.maxSubmissions")} htmlFor="form-cap" help={t("public.maxSubmissionsHelp")}>
          <InputNumber id="form-cap" min={0} value={settings.maxSubmissions ?? 0} onChange={(v) => onChange({ maxSubmissions: Number(v ?? 0) })} />
        </Form.Item>
      </Space>
      <Form.Item label={t("public.completionMessage")} htmlFor="form-done">
        <Input.TextArea id="form-done" rows={3} value={settings.completionMessage ?? ""} onChange={(e) => onChange({ completionMessage: e.target.value })} />
      </Form.Item>
      <h3>{t("public.attachmentsTitle")}</h3>
      <Space wrap size="large" align="start">
        <Form.Item label={t("public.fileTypes")}>
          <Checkbox.Group options={TYPES} value={attachments.types} onChange={(v) => onChange({ attachments: { ...attachments, types: v as string[] } })} />
        </Form.Item>
        <Form.Item label={t("public.maxMegabytes")} htmlFor="form-mb">
          <InputNumber id="form-mb" min={1} max={100} value={Math.round(attachments.maxBytes / 1024 / 1024)}
            onChange={(v) => onChange({ attachments: { ...attachments, maxBytes: Number(v ?? 5) * 1024 * 1024 } })} />
        </Form.Item>
        <Form.Item label={t("public.maxFiles")} htmlFor="form-count">
          <InputNumber id="form-count" min={1} max={20} value={attachments.maxCount} onChange={(v) => onChange({ attachments: { ...attachments, maxCount: Number(v ?? 3) } })} />
        </Form.Item>
      </Space>
      <ConfirmationMailSection settings={settings} properties={properties} issuesReceipts={!!receiptField} errors={errors} onChange={onChange} />
    </>
  );
}

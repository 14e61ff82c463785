// The app's receipt-number format: which unique text field receives it, prefix, year,
// padding and check digit, with a live preview of the first number.
import { App as AntApp, Button, Card, Form, Input, InputNumber, Select, Space, Switch, Typography } from "antd";
import { useEffect, useState } from "react";
import type { Properties } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import { receiptPreview, uniqueTextFields } from "./pageSettings";
import type { PublicPagesApi, ReceiptFormat } from "./publicPagesApi";

interface Props {
  app: string;
  api: PublicPagesApi;
  properties: Properties;
  format: ReceiptFormat | null;
  onSaved: (format: ReceiptFormat | null) => void;
}

const empty: ReceiptFormat = { field: "", prefix: "", year: "calendar", separator: "-", digits: 6, checkDigit: false };

export function ReceiptFormatCard({ app, api, properties, format, onSaved }: Props) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [draft, setDraft] = useState<ReceiptFormat>(format ?? empty);
  const [saving, setSaving] = useState(false);
  useEffect(() => setDraft(format ?? empty), [format]);
  const candidates = uniqueTextFields(properties).filter((f) => f.type === "SINGLE_LINE_TEXT");
  const today = new Date().toISOString().slice(0, 10);
  const set = (change: Partial<ReceiptFormat>) => setDraft((d) => ({ ...d, ...change }));

  const save = async (next: ReceiptFormat | null) => {
    setSaving(true);
    try {
      const r = await api.setReceipt(app, next);
      onSaved(r.format);
      void message.success(t("public.saved"));
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={<h2 className="card-title">{t("public.receiptTitle")}</h2>}>
      <Typography.Paragraph>{t("public.receiptLead")}</Typography.Paragraph>
      {candidates.length === 0 ? (
        <Typography.Paragraph type="warning">{t("public.receiptNoField")}</Typography.Paragraph>
      ) : (
        <Form layout="vertical" onFinish={() => void save(draft)}>
          <Form.Item label={t("public.receiptField")} htmlFor="receipt-field" required>
            <Select id="receipt-field" value={draft.field || undefined} onChange={(v: string) => set({ field: v })}
              options={candidates.map((f) => ({ value: f.code, label: `${f.label} (${f.code})` }))} style={{ maxWidth: 360 }} />
          </Form.Item>
          <Space wrap size="large" align="start">
            <Form.Item label={t("public.receiptPrefix")} htmlFor="receipt-prefix">
              <Input id="receipt-prefix" value={draft.prefix} maxLength={20} onChange={(e) => set({ prefix: e.target.value })} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item label={t("public.receiptYear")} htmlFor="receipt-year">
              <Select id="receipt-year" value={draft.year} onChange={(v: ReceiptFormat["year"]) => set({ year: v })} style={{ width: 180 }}
                options={[{ value: "calendar", label: t("public.yearCalendar") }, { value: "fiscal", label: t("public.yearFiscal") }, { value: "none", label: t("public.yearNone") }]} />
            </Form.Item>
            <Form.Item label={t("public.receiptDigits")} htmlFor="receipt-digits">
              <InputNumber id="receipt-digits" min={1} max={12} value={draft.digits} onChange={(v) => set({ digits: Number(v ?? 6) })} />
            </Form.Item>
            <Form.Item label={t("public.receiptCheckDigit")} htmlFor="receipt-check">
              <Switch id="receipt-check" checked={draft.checkDigit} onChange={(v) => set({ checkDigit: v })} />
            </Form.Item>
          </Space>
          <Typography.Paragraph>
            {t("public.receiptPreview")}: <Typography.Text strong data-testid="receipt-preview">{receiptPreview(draft, today)}</Typography.Text>
          </Typography.Paragraph>
          <Space>
            <Button type="primary" htmlType="submit" loading={saving} disabled={!draft.field}>{t("common.save")}</Button>
            {format ? <Button onClick={() => void save(null)} disabled={saving}>{t("public.receiptOff")}</Button> : null}
          </Space>
        </Form>
      )}
    </Card>
  );
}

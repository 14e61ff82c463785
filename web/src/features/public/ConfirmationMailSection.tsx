// A public form's optional confirmation e-mail: the published field with the resident's
// address, and subject and body templates with {{receipt}}, {{title}} and {{field code}}.
// The server refuses unknown placeholders per property; its errors are shown here. An app
// without receipt numbers fills {{receipt}} with nothing, so its default texts leave the
// number out and a template that still uses it is pointed out.
import { Alert, Button, Form, Input, Select, Space, Switch } from "antd";
import { useRef } from "react";
import type { Properties } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import type { ConfirmationMail, PageSettings } from "./publicPagesApi";

interface Props {
  settings: PageSettings;
  properties: Properties;
  /** Whether the app issues receipt numbers (a receipt format is set). */
  issuesReceipts: boolean;
  errors: Record<string, { messages: string[] }>;
  onChange: (change: Partial<PageSettings>) => void;
}

type Field = { code: string; type: string; label: string; protocol?: string };

export function ConfirmationMailSection({ settings, properties, issuesReceipts, errors, onChange }: Props) {
  const { t } = useI18n();
  const body = useRef<HTMLTextAreaElement | null>(null);
  const published = (settings.fields ?? []).map((f) => f.code);
  const fields = Object.values(properties) as unknown as Field[];
  const isMailLink = (f: Field) => f.type === "LINK" && f.protocol === "MAIL";
  // E-mail links first: the usual choice, and the one picked when the mail is switched on.
  const addressFields = fields
    .filter((f) => published.includes(f.code) && (f.type === "SINGLE_LINE_TEXT" || isMailLink(f)))
    .sort((a, b) => Number(isMailLink(b)) - Number(isMailLink(a)));
  const mail: ConfirmationMail = settings.confirmationMail ?? {
    enabled: false,
    toField: "",
    subject: t(issuesReceipts ? "public.mailDefaultSubject" : "public.mailDefaultSubjectPlain"),
    body: t(issuesReceipts ? "public.mailDefaultBody" : "public.mailDefaultBodyPlain"),
  };
  const emptyReceipt = !issuesReceipts && /\{\{\s*receipt\s*\}\}/.test(`${mail.subject}\n${mail.body}`);
  const set = (change: Partial<ConfirmationMail>) => onChange({ confirmationMail: { ...mail, ...change } });
  const err = (key: string) => errors[`confirmationMail.${key}`]?.messages.join(" ");
  const status = (key: string) => (err(key) ? ("error" as const) : undefined);
  const names = ["receipt", "title", ...published];
  const insert = (name: string) => {
    const text = `{{${name}}}`;
    const el = body.current;
    const at = el ? el.selectionStart : mail.body.length;
    const end = el ? el.selectionEnd : mail.body.length;
    set({ body: mail.body.slice(0, at) + text + mail.body.slice(end) });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + text.length, at + text.length);
    });
  };

  return (
    <>
      <h3>{t("public.mailTitle")}</h3>
      <p>{t("public.mailLead")}</p>
      <Form.Item label={t("public.mailEnabled")} htmlFor="form-mail-enabled">
        <Switch id="form-mail-enabled" checked={mail.enabled} onChange={(v) => set({ enabled: v, toField: mail.toField || addressFields[0]?.code || "" })} />
      </Form.Item>
      {mail.enabled ? (
        <>
          <Form.Item label={t("public.mailTo")} htmlFor="form-mail-to" validateStatus={status("toField")} help={err("toField") ?? t("public.mailToHelp")}>
            <Select id="form-mail-to" style={{ maxWidth: 360 }} value={mail.toField || undefined} onChange={(v: string) => set({ toField: v })}
              options={addressFields.map((f) => ({ value: f.code, label: `${f.label} (${f.code})` }))} />
          </Form.Item>
          <Form.Item label={t("public.mailSubject")} htmlFor="form-mail-subject" validateStatus={status("subject")} help={err("subject")}>
            <Input id="form-mail-subject" maxLength={200} value={mail.subject} onChange={(e) => set({ subject: e.target.value })} />
          </Form.Item>
          <Form.Item label={t("public.mailBody")} htmlFor="form-mail-body" validateStatus={status("body")} help={err("body")}>
            <Input.TextArea id="form-mail-body" ref={(r) => { body.current = r?.resizableTextArea?.textArea ?? null; }} rows={8} value={mail.body}
              onChange={(e) => set({ body: e.target.value })} />
          </Form.Item>
          {emptyReceipt ? <Alert type="warning" showIcon title={t("public.mailNoReceipt")} data-testid="mail-no-receipt" style={{ marginBottom: 12 }} /> : null}
          <Space wrap aria-label={t("public.mailPlaceholders")} role="group">
            <span>{t("public.mailPlaceholders")}</span>
            {names.map((n) => (
              <Button key={n} size="small" onClick={() => insert(n)} aria-label={t("public.mailInsert", { name: `{{${n}}}` })}>{`{{${n}}}`}</Button>
            ))}
          </Space>
        </>
      ) : null}
    </>
  );
}

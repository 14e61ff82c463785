// One list cell that can be edited in place: a small edit button opens the field's editor;
// saving PUTs that one field with the revision the list showed, so a record someone else
// saved meanwhile is not overwritten. On such a conflict the latest value is shown and
// what was typed stays, to be saved again on purpose.
import { EditOutlined } from "@ant-design/icons";
import { Alert, App as AntApp, Button, Popover, Space } from "antd";
import { useEffect, useRef, useState } from "react";
import { ErrorCodes, isApiError } from "../../api/errors";
import type { FieldProperty, FieldType, KintoneRecord, RawValue } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import { useApi } from "../../app/SessionProvider";
import { FieldInput } from "../../fields/FieldInput";
import { FieldView } from "../../fields/FieldView";
import { toWriteRecord } from "../../lib/fieldValue";
import { errorMessage } from "../../ui/PageState";

const INLINE: ReadonlySet<FieldType> = new Set([
  "SINGLE_LINE_TEXT", "MULTI_LINE_TEXT", "LINK", "NUMBER", "DROP_DOWN", "RADIO_BUTTON", "CHECK_BOX", "MULTI_SELECT", "DATE", "TIME", "DATETIME",
]);

export function isInlineEditable(type: FieldType): boolean {
  return INLINE.has(type);
}

function serverMessages(error: unknown): string {
  if (isApiError(error) && error.errors) {
    const messages = Object.values(error.errors).flatMap((e) => e.messages);
    if (messages.length > 0) return messages.join(" ");
  }
  return "";
}

export function InlineEditCell({ app, property, record, onSaved }: { app: string; property: FieldProperty; record: KintoneRecord; onSaved: () => void }) {
  const { t } = useI18n();
  const api = useApi();
  const { message } = AntApp.useApp();
  const id = record.$id?.value as string;
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<RawValue | undefined>(record[property.code]?.value);
  const [revision, setRevision] = useState(record.$revision?.value as string);
  const [latest, setLatest] = useState<RawValue | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const label = t("inline.edit", { label: property.label, id });
  // Focus goes back to the edit button once the popover has gone (the button is rendered
  // anew then, see below).
  const refocus = useRef(false);
  useEffect(() => {
    if (!open && refocus.current) {
      refocus.current = false;
      trigger.current?.focus();
    }
  }, [open]);

  const show = (next: boolean) => {
    setOpen(next);
    if (next) {
      setValue(record[property.code]?.value);
      setRevision(record.$revision?.value as string);
      setLatest(undefined);
      setError(null);
      setTimeout(() => body.current?.querySelector<HTMLElement>("input, textarea, [role=combobox], button")?.focus(), 50);
    } else {
      refocus.current = true;
    }
  };

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.updateRecord(app, id, toWriteRecord({ [property.code]: property }, { [property.code]: value ?? null }), revision);
      void message.success(t("inline.saved"));
      show(false);
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const loadLatest = async () => {
    try {
      const { record: fresh } = await api.record(app, id);
      setRevision(fresh.$revision?.value as string);
      setLatest(fresh[property.code]?.value ?? null);
      setError(null);
      onSaved();
    } catch (e) {
      setError(e);
    }
  };

  const conflict = isApiError(error, ErrorCodes.recordConflict);
  const content = (
    <div ref={body} className="inline-editor" data-testid="inline-editor" onKeyDown={(e) => { if (e.key === "Escape") show(false); }}>
      <FieldInput property={property} value={value} onChange={setValue} label={property.label} id={`inline-${id}-${property.code}`} invalid={error !== null && !conflict} />
      {conflict && (
        <Alert type="warning" showIcon role="alert" style={{ marginTop: 8 }} title={t("inline.conflict")}
          action={<Button size="small" onClick={() => void loadLatest()}>{t("inline.loadLatest")}</Button>} />
      )}
      {latest !== undefined && (
        <div className="muted" style={{ marginTop: 8 }} data-testid="inline-latest">
          {t("inline.latest")} <FieldView property={property} value={latest} />
        </div>
      )}
      {error !== null && !conflict && (
        <Alert type="error" showIcon role="alert" style={{ marginTop: 8 }} title={serverMessages(error) || errorMessage(error, t("common.networkError"))} />
      )}
      <Space style={{ marginTop: 8 }}>
        <Button type="primary" size="small" loading={busy} onClick={() => void save()}>{t("common.save")}</Button>
        <Button size="small" onClick={() => show(false)}>{t("common.cancel")}</Button>
      </Space>
    </div>
  );
  // The popover is mounted only while open: a list page holds hundreds of these cells, and
  // a closed Popover per cell made a 100-row page slow to draw.
  const button = (
    <Button ref={trigger} type="text" size="small" className="cell-edit" icon={<EditOutlined aria-hidden />} aria-label={label}
      aria-expanded={open} aria-haspopup="dialog" onClick={open ? undefined : () => show(true)} />
  );
  return (
    <div className="inline-cell">
      <FieldView property={property} value={record[property.code]?.value} />
      {open ? (
        <Popover open onOpenChange={show} trigger="click" placement="bottomLeft" content={content} title={property.label} destroyOnHidden>
          {button}
        </Popover>
      ) : button}
    </div>
  );
}

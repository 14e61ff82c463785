// Bulk update: set one field to one value on the selected records, or on every record the
// list currently shows (view filter, filter panel and keyword). Three steps — choose, confirm
// with the exact count, run with progress and a stop button — and a result that says how many
// records were changed and, on an error, which ones were not.
import { Alert, Button, Modal, Progress, Radio, Select, Space } from "antd";
import { useRef, useState } from "react";
import type { FieldProperty, Properties, RawValue } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import { useApi } from "../../app/SessionProvider";
import { FieldInput } from "../../fields/FieldInput";
import { FieldView } from "../../fields/FieldView";
import { isApiError } from "../../api/errors";
import { parseErrorKey } from "../../lib/errorKeys";
import { toWriteRecord } from "../../lib/fieldValue";
import { ErrorAlert } from "../../ui/PageState";
import { collectIds, updateAll, type BulkProgress, type BulkResult } from "./bulkUpdate";
import { isInlineEditable } from "./InlineEditCell";

// Mounted only while open, so every opening starts from the first step with the current selection.
interface Props {
  onClose: (changed: boolean) => void;
  app: string;
  properties: Properties;
  /** Ids ticked in the list; when empty only "all matching" is offered. */
  selected: string[];
  /** The list's condition (view filter, filter panel, keyword) without order/limit. */
  condition: string;
  /** How many records match `condition` (the list's total). */
  matching: number;
}

type Step = "choose" | "confirm" | "running" | "done";

/** The server's per-record messages of a failed batch, each with the record id and the field
 *  it concerns: the field is often not the one being updated (a required field left empty). */
function recordMessages(error: unknown, ids: readonly string[], properties: Properties): string[] {
  if (!isApiError(error) || !error.errors) return [];
  return Object.entries(error.errors).map(([key, detail]) => {
    const target = parseErrorKey(key);
    const id = target?.record !== undefined ? ids[target.record] : undefined;
    const field = target ? properties[target.field]?.label ?? target.field : undefined;
    return `${id !== undefined ? `#${id}: ` : ""}${field !== undefined ? `${field}: ` : ""}${detail.messages.join(" ")}`;
  });
}

export function BulkUpdateDialog({ onClose, app, properties, selected, condition, matching }: Props) {
  const { t } = useI18n();
  const api = useApi();
  const [step, setStep] = useState<Step>("choose");
  const [scope, setScope] = useState<"selected" | "matching">(selected.length > 0 ? "selected" : "matching");
  const [code, setCode] = useState<string | undefined>(undefined);
  const [value, setValue] = useState<RawValue | undefined>(undefined);
  const [progress, setProgress] = useState<BulkProgress | null>(null);
  const [result, setResult] = useState<BulkResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const abort = useRef<AbortController | null>(null);

  const editable = Object.values(properties).filter((p) => isInlineEditable(p.type));
  const property: FieldProperty | undefined = code ? properties[code] : undefined;
  const count = scope === "selected" ? selected.length : matching;

  const close = () => onClose((result?.updated ?? 0) > 0);

  const run = async () => {
    if (!property) return;
    const controller = new AbortController();
    abort.current = controller;
    setStep("running");
    setError(null);
    try {
      const ids = scope === "selected" ? selected : await collectIds(api, app, condition, setProgress, controller.signal);
      if (controller.signal.aborted) {
        setResult({ updated: 0, total: ids.length, aborted: true });
      } else {
        const record = toWriteRecord({ [property.code]: property }, { [property.code]: value ?? null });
        setResult(await updateAll(api, app, ids, record, setProgress, controller.signal));
      }
    } catch (e) {
      setError(e);
      setResult({ updated: 0, total: count, aborted: false, error: e });
    }
    setStep("done");
  };

  const footer =
    step === "choose" ? [
      <Button key="cancel" onClick={close}>{t("common.cancel")}</Button>,
      <Button key="next" type="primary" disabled={!property || count === 0} onClick={() => setStep("confirm")}>{t("bulk.next")}</Button>,
    ] : step === "confirm" ? [
      <Button key="back" onClick={() => setStep("choose")}>{t("bulk.back")}</Button>,
      <Button key="run" type="primary" danger onClick={() => void run()} data-testid="bulk-run">{t("bulk.run", { n: count.toLocaleString() })}</Button>,
    ] : step === "running" ? [
      <Button key="stop" onClick={() => abort.current?.abort()}>{t("bulk.stop")}</Button>,
    ] : [
      <Button key="close" type="primary" onClick={close}>{t("common.close")}</Button>,
    ];

  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <Modal open title={t("bulk.title")} footer={footer} onCancel={step === "running" ? undefined : close} closable={step !== "running"}
      maskClosable={false} keyboard={step !== "running"} destroyOnHidden>
      {step === "choose" && (
        <Space direction="vertical" style={{ width: "100%" }} size="middle">
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <legend style={{ fontSize: 14, marginBottom: 8 }}>{t("bulk.scope")}</legend>
            <Radio.Group value={scope} onChange={(e) => setScope(e.target.value as "selected" | "matching")} style={{ display: "flex", flexDirection: "column", gap: 6 }}
              options={[
                { value: "selected", label: t("bulk.scopeSelected", { n: selected.length.toLocaleString() }), disabled: selected.length === 0 },
                { value: "matching", label: t("bulk.scopeMatching", { n: matching.toLocaleString() }), disabled: matching === 0 },
              ]} />
          </fieldset>
          <div>
            <label htmlFor="bulk-field" style={{ display: "block", marginBottom: 6 }}>{t("bulk.field")}</label>
            <Select id="bulk-field" data-testid="bulk-field" style={{ width: "100%" }} value={code} placeholder={t("bulk.fieldPlaceholder")}
              options={editable.map((p) => ({ value: p.code, label: p.label || p.code }))}
              onChange={(c: string) => { setCode(c); setValue(properties[c]?.defaultValue as RawValue | undefined); }} />
          </div>
          {property && (
            <div>
              <label htmlFor="bulk-value" style={{ display: "block", marginBottom: 6 }}>{t("bulk.value")}</label>
              <FieldInput property={property} value={value} onChange={setValue} label={t("bulk.value")} id="bulk-value" />
            </div>
          )}
        </Space>
      )}
      {step === "confirm" && property && (
        <Alert type="warning" showIcon data-testid="bulk-confirm"
          title={t("bulk.confirm", { n: count.toLocaleString(), field: property.label || property.code })}
          description={<><div style={{ margin: "6px 0" }}><FieldView property={property} value={value ?? null} /></div><div>{t("bulk.confirmNote")}</div></>} />
      )}
      {(step === "running" || step === "done") && progress && (
        <div aria-live="polite" data-testid="bulk-progress">
          <p style={{ marginBottom: 4 }}>
            {t(progress.phase === "collecting" ? "bulk.collecting" : "bulk.updating", { done: progress.done.toLocaleString(), total: progress.total.toLocaleString() })}
          </p>
          <Progress percent={percent} status={step === "done" && result?.error ? "exception" : undefined} aria-label={t("bulk.title")} />
        </div>
      )}
      {step === "done" && result && (
        <div role="status" data-testid="bulk-result" style={{ marginTop: 12 }}>
          {result.error === undefined && !result.aborted && <Alert type="success" showIcon title={t("bulk.done", { n: result.updated.toLocaleString() })} />}
          {result.aborted && <Alert type="info" showIcon title={t("bulk.stopped", { n: result.updated.toLocaleString(), total: result.total.toLocaleString() })} />}
          {result.error !== undefined && (
            <>
              <Alert type="error" showIcon style={{ marginBottom: 8 }}
                title={t("bulk.failed", { n: result.updated.toLocaleString(), total: result.total.toLocaleString() })}
                description={result.failedIds ? t("bulk.failedBatch", { first: result.failedIds[0] ?? "", last: result.failedIds[result.failedIds.length - 1] ?? "" }) : undefined} />
              <ErrorAlert error={error ?? result.error} />
              <ul className="error-list" data-testid="bulk-errors">
                {recordMessages(result.error, result.failedIds ?? [], properties).slice(0, 10).map((m) => <li key={m}>{m}</li>)}
              </ul>
            </>
          )}
        </div>
      )}
    </Modal>
  );
}

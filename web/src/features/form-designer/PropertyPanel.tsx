// Settings of the selected field: name, code, required, unique, default, options,
// limits, number display, link type, formula. Problems show on the control concerned.
import { ArrowDownOutlined, ArrowLeftOutlined, ArrowRightOutlined, ArrowUpOutlined, DeleteOutlined } from "@ant-design/icons";
import { Alert, Button, Checkbox, Form, Input, InputNumber, Popconfirm, Radio, Select, Space } from "antd";
import type { FieldProperty } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import { fieldTypeInfo, paletteTypeOf } from "../../fields/fieldTypes";
import { orderedOptions } from "../../fields/options";
import { DefaultValueInput } from "./DefaultValueInput";
import type { DesignItem } from "./designerModel";
import type { FieldProblems } from "./designerValidation";
import type { ServerFieldErrors } from "./useDesigner";
import { OptionsEditor } from "./OptionsEditor";
import { LookupSettings, ReferenceTableSettings, type FormField } from "./RelatedAppSettings";

export type MoveDirection = "left" | "right" | "up" | "down";

interface Props {
  item: DesignItem | null;
  problems: FieldProblems | undefined;
  serverErrors: ServerFieldErrors | undefined;
  onChange: (patch: Partial<FieldProperty>) => void;
  onLabelText: (text: string) => void;
  onOptions: (labels: string[]) => void;
  onRemove: () => void;
  onMove: (direction: MoveDirection) => void;
  /** The form's other fields, for settings that name one (lookup copies, related records). */
  formFields: FormField[];
}

const numberText = (v: string | undefined) => (v === undefined || v === "" ? null : Number(v));
const toText = (v: number | string | null) => (v === null ? "" : String(v));

export function PropertyPanel({ item, problems, serverErrors, onChange, onLabelText, onOptions, onRemove, onMove, formFields }: Props) {
  const { t } = useI18n();
  if (!item) {
    return (
      <aside className="designer-panel" aria-labelledby="props-heading">
        <h2 id="props-heading">{t("designer.properties")}</h2>
        <p className="muted">{t("designer.noSelection")}</p>
      </aside>
    );
  }
  const moves = (
    <Space wrap style={{ marginBottom: 12 }}>
      <Button size="small" icon={<ArrowLeftOutlined aria-hidden />} aria-label={t("designer.moveLeft")} onClick={() => onMove("left")} />
      <Button size="small" icon={<ArrowRightOutlined aria-hidden />} aria-label={t("designer.moveRight")} onClick={() => onMove("right")} />
      <Button size="small" icon={<ArrowUpOutlined aria-hidden />} aria-label={t("common.moveUp")} onClick={() => onMove("up")} />
      <Button size="small" icon={<ArrowDownOutlined aria-hidden />} aria-label={t("common.moveDown")} onClick={() => onMove("down")} />
    </Space>
  );
  const remove = (warning?: string) =>
    warning ? (
      <Popconfirm title={warning} okText={t("common.delete")} cancelText={t("common.cancel")} okButtonProps={{ danger: true }} onConfirm={onRemove}>
        <Button danger icon={<DeleteOutlined aria-hidden />}>{t("designer.removeField")}</Button>
      </Popconfirm>
    ) : (
      <Button danger icon={<DeleteOutlined aria-hidden />} onClick={onRemove}>
        {t("designer.removeField")}
      </Button>
    );

  if (item.kind !== "field") {
    return (
      <aside className="designer-panel" aria-labelledby="props-heading">
        <h2 id="props-heading">{t(`fieldType.${item.kind === "label" ? "LABEL" : item.kind === "spacer" ? "SPACER" : "HR"}`)}</h2>
        {moves}
        {item.kind === "label" && (
          <Form layout="vertical">
            <Form.Item htmlFor="prop-label-text" label={t("prop.labelText")}>
              <Input.TextArea id="prop-label-text" rows={3} value={item.label} onChange={(e) => onLabelText(e.target.value)} />
            </Form.Item>
          </Form>
        )}
        {remove()}
      </aside>
    );
  }

  const p = item.property;
  // A lookup keeps its base type's name, requiredness and code only (spec §7.2: its
  // constraints are not part of the definition).
  const lookup = p.lookup !== undefined;
  const base = fieldTypeInfo(p.type);
  const info = lookup ? { ...fieldTypeInfo("LOOKUP"), unique: false } : base;
  const serverHelp = (prop: string) => {
    const messages = serverErrors?.byProperty[prop];
    return messages ? { validateStatus: "error" as const, help: messages.join(" ") } : {};
  };
  const labels = item.optionLabels ?? orderedOptions(p.options);
  return (
    <aside className="designer-panel" aria-labelledby="props-heading" data-testid="property-panel">
      <h2 id="props-heading">{t(`fieldType.${paletteTypeOf(p)}`)}</h2>
      {moves}
      {serverErrors && <Alert type="error" showIcon role="alert" title={serverErrors.messages.join(" ")} style={{ marginBottom: 12 }} />}
      <Form layout="vertical" requiredMark={false}>
        <Form.Item htmlFor="prop-label-input" label={t("prop.label")}>
          <Input id="prop-label-input" value={p.label} onChange={(e) => onChange({ label: e.target.value })} data-testid="prop-label" />
        </Form.Item>
        <Form.Item
          htmlFor="prop-code-input" label={t("prop.code")}
          extra={t("prop.codeHelp")}
          validateStatus={problems?.code || serverErrors?.byProperty.code ? "error" : undefined}
          help={problems?.code ? t(`prop.code.${problems.code}`) : serverErrors?.byProperty.code?.join(" ")}
        >
          <Input id="prop-code-input" value={p.code} onChange={(e) => onChange({ code: e.target.value })} data-testid="prop-code" />
        </Form.Item>
        <Form.Item>
          <Checkbox checked={p.noLabel ?? false} onChange={(e) => onChange({ noLabel: e.target.checked })}>{t("prop.noLabel")}</Checkbox>
        </Form.Item>
        {info.required && (
          <Form.Item>
            <Checkbox checked={p.required ?? false} onChange={(e) => onChange({ required: e.target.checked })} data-testid="prop-required">
              {t("prop.required")}
            </Checkbox>
          </Form.Item>
        )}
        {info.unique && (
          <Form.Item>
            <Checkbox checked={p.unique ?? false} onChange={(e) => onChange({ unique: e.target.checked })} data-testid="prop-unique">{t("prop.unique")}</Checkbox>
          </Form.Item>
        )}
        {lookup && (
          <Form.Item htmlFor="prop-base-type" label={t("prop.baseType")} {...serverHelp("type")}>
            <Select<FieldProperty["type"]> id="prop-base-type" style={{ width: 200 }} value={p.type} disabled={item.originalCode !== undefined}
              onChange={(type) => onChange({ type })}
              options={(["SINGLE_LINE_TEXT", "NUMBER"] as const).map((v) => ({ value: v, label: t(`fieldType.${v}`) }))} />
          </Form.Item>
        )}
        {p.lookup && (
          <LookupSettings lookup={p.lookup} formFields={formFields} errorsFor={(path) => serverErrors?.byProperty[path]} onChange={(next) => onChange({ lookup: next })} />
        )}
        {p.type === "REFERENCE_TABLE" && (
          <ReferenceTableSettings table={p.referenceTable ?? { relatedApp: { app: "" }, condition: { field: "", relatedField: "" }, filterCond: "", displayFields: [], sort: "", size: "5" }}
            formFields={formFields} errorsFor={(path) => serverErrors?.byProperty[path]} onChange={(next) => onChange({ referenceTable: next })} />
        )}
        {p.type === "GROUP" && (
          <Form.Item>
            <Checkbox checked={p.openGroup ?? false} onChange={(e) => onChange({ openGroup: e.target.checked })} data-testid="prop-open-group">{t("prop.openGroup")}</Checkbox>
          </Form.Item>
        )}
        {info.options && (
          <Form.Item
            label={t("prop.options")}
            validateStatus={problems?.options || serverErrors?.byProperty.options ? "error" : undefined}
            help={problems?.options === "duplicate" ? t("prop.optionDuplicate") : problems?.options === "empty" ? t("prop.optionEmpty") : serverErrors?.byProperty.options?.join(" ")}
          >
            <OptionsEditor labels={labels} onChange={onOptions} />
          </Form.Item>
        )}
        {info.align && (
          <Form.Item label={t("prop.align")}>
            <Radio.Group value={p.align ?? "HORIZONTAL"} onChange={(e) => onChange({ align: e.target.value })}
              options={[{ value: "HORIZONTAL", label: t("prop.alignH") }, { value: "VERTICAL", label: t("prop.alignV") }]} />
          </Form.Item>
        )}
        {info.defaultValue && (
          <Form.Item htmlFor="prop-default" label={t("prop.defaultValue")} {...serverHelp("defaultValue")}>
            <DefaultValueInput id="prop-default" property={p} onChange={(v) => onChange({ defaultValue: v })} />
          </Form.Item>
        )}
        {info.defaultNow && (
          <Form.Item>
            <Checkbox checked={p.defaultNowValue ?? false} onChange={(e) => onChange({ defaultNowValue: e.target.checked, defaultValue: "" })}>
              {t("prop.defaultNow")}
            </Checkbox>
          </Form.Item>
        )}
        {info.length && (
          <Space wrap>
            <Form.Item htmlFor="prop-min-length" label={t("prop.minLength")} {...serverHelp("minLength")}>
              <InputNumber id="prop-min-length" min={0} value={numberText(p.minLength)} onChange={(v) => onChange({ minLength: toText(v) })} />
            </Form.Item>
            <Form.Item htmlFor="prop-max-length" label={t("prop.maxLength")} {...serverHelp("maxLength")}>
              <InputNumber id="prop-max-length" min={1} value={numberText(p.maxLength)} onChange={(v) => onChange({ maxLength: toText(v) })} />
            </Form.Item>
          </Space>
        )}
        {info.range && (
          <Space wrap>
            <Form.Item htmlFor="prop-min-value" label={t("prop.minValue")} {...serverHelp("minValue")}>
              <InputNumber id="prop-min-value" value={numberText(p.minValue)} onChange={(v) => onChange({ minValue: toText(v) })} />
            </Form.Item>
            <Form.Item htmlFor="prop-max-value" label={t("prop.maxValue")} {...serverHelp("maxValue")}>
              <InputNumber id="prop-max-value" value={numberText(p.maxValue)} onChange={(v) => onChange({ maxValue: toText(v) })} />
            </Form.Item>
          </Space>
        )}
        {info.expression && (
          <Form.Item htmlFor="prop-expression" label={t("prop.expression")} {...serverHelp("expression")}>
            <Input.TextArea id="prop-expression" rows={2} value={p.expression ?? ""} onChange={(e) => onChange({ expression: e.target.value })} style={{ fontFamily: "monospace" }} />
          </Form.Item>
        )}
        {p.type === "CALC" && (
          <Form.Item htmlFor="prop-format" label={t("prop.format")} {...serverHelp("format")}>
            <Select id="prop-format" value={p.format ?? "NUMBER"} onChange={(format: string) => onChange({ format })}
              options={["NUMBER", "NUMBER_DIGIT", "DATETIME", "DATE", "TIME", "HOUR_MINUTE", "DAY_HOUR_MINUTE"].map((v) => ({ value: v, label: v }))} />
          </Form.Item>
        )}
        {info.numberDisplay && (
          <>
            {p.type === "NUMBER" && (
              <Form.Item>
                <Checkbox checked={p.digit ?? false} onChange={(e) => onChange({ digit: e.target.checked })}>{t("prop.digit")}</Checkbox>
              </Form.Item>
            )}
            <Form.Item htmlFor="prop-display-scale" label={t("prop.displayScale")} {...serverHelp("displayScale")}>
              <InputNumber id="prop-display-scale" min={0} max={10} value={numberText(p.displayScale)} onChange={(v) => onChange({ displayScale: toText(v) })} />
            </Form.Item>
            <Space wrap>
              <Form.Item htmlFor="prop-unit" label={t("prop.unit")} {...serverHelp("unit")}>
                <Input id="prop-unit" style={{ width: 100 }} value={p.unit ?? ""} onChange={(e) => onChange({ unit: e.target.value })} />
              </Form.Item>
              <Form.Item htmlFor="prop-unit-position" label={t("prop.unitPosition")}>
                <Select id="prop-unit-position" style={{ width: 140 }} value={p.unitPosition ?? "BEFORE"} onChange={(unitPosition: "BEFORE" | "AFTER") => onChange({ unitPosition })}
                  options={[{ value: "BEFORE", label: t("prop.unitBefore") }, { value: "AFTER", label: t("prop.unitAfter") }]} />
              </Form.Item>
            </Space>
          </>
        )}
        {info.protocol && (
          <Form.Item label={t("prop.protocol")}>
            <Radio.Group value={p.protocol ?? "WEB"} onChange={(e) => onChange({ protocol: e.target.value })}
              options={[{ value: "WEB", label: t("prop.protocolWeb") }, { value: "CALL", label: t("prop.protocolCall") }, { value: "MAIL", label: t("prop.protocolMail") }]} />
          </Form.Item>
        )}
      </Form>
      {remove(item.originalCode ? t("designer.removeExisting", { label: p.label || p.code }) : undefined)}
    </aside>
  );
}

// RADIO_BUTTON, CHECK_BOX, DROP_DOWN and MULTI_SELECT, options in their defined order.
import { Checkbox, Radio, Select } from "antd";
import { useI18n } from "../../app/I18nProvider";
import type { FieldInputProps } from "../inputProps";
import { orderedOptions } from "../options";

export function ChoiceInput({ property, value, onChange, label, id, invalid }: FieldInputProps) {
  const { t } = useI18n();
  const options = orderedOptions(property.options).map((o) => ({ value: o, label: o }));
  const vertical = property.align === "VERTICAL";
  const groupStyle = vertical ? { display: "flex", flexDirection: "column" as const, gap: 4 } : undefined;
  switch (property.type) {
    case "RADIO_BUTTON":
      return (
        <Radio.Group id={id} aria-label={label} style={groupStyle} value={value ?? undefined} options={options} onChange={(e) => onChange(String(e.target.value))} />
      );
    case "CHECK_BOX":
      return (
        <Checkbox.Group aria-label={label} style={groupStyle} value={(value as string[]) ?? []} options={options} onChange={(v) => onChange(v.map(String))} />
      );
    case "MULTI_SELECT":
      return (
        <Select id={id} aria-label={label} mode="multiple" status={invalid ? "error" : undefined} placeholder={t("record.selectPlaceholder")} style={{ minWidth: 200, width: "100%" }}
          value={(value as string[]) ?? []} options={options} onChange={(v: string[]) => onChange(v)} />
      );
    default:
      return (
        <Select id={id} aria-label={label} allowClear status={invalid ? "error" : undefined} placeholder={t("record.selectPlaceholder")} style={{ minWidth: 200, width: "100%" }}
          value={(value as string | null) || undefined} options={options} onChange={(v?: string) => onChange(v ?? null)} />
      );
  }
}

// The "default value" control of the property panel, shaped by the field type.
import { Checkbox, DatePicker, Input, InputNumber, Radio, Select, TimePicker } from "antd";
import dayjs from "dayjs";
import type { FieldProperty } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import { fieldTypeInfo } from "../../fields/fieldTypes";
import { orderedOptions } from "../../fields/options";
import { utcMinute } from "../../lib/fieldValue";

interface Props {
  property: FieldProperty;
  onChange: (value: string | string[]) => void;
  id?: string;
}

export function DefaultValueInput({ property, onChange, id }: Props) {
  const { t } = useI18n();
  const kind = fieldTypeInfo(property.type).defaultValue;
  const value = property.defaultValue;
  const label = t("prop.defaultValue");
  const options = orderedOptions(property.options).map((o) => ({ value: o, label: o }));
  switch (kind) {
    case "text":
      return <Input id={id} aria-label={label} value={(value as string) ?? ""} onChange={(e) => onChange(e.target.value)} />;
    case "multiline":
      return <Input.TextArea id={id} aria-label={label} rows={2} value={(value as string) ?? ""} onChange={(e) => onChange(e.target.value)} />;
    case "number":
      return (
        <InputNumber
          id={id} aria-label={label}
          style={{ width: "100%" }}
          value={value === "" || value === undefined ? null : Number(value)}
          onChange={(v) => onChange(v === null ? "" : String(v))}
        />
      );
    case "option":
      return property.type === "RADIO_BUTTON" ? (
        <Radio.Group id={id} aria-label={label} value={value} options={options} onChange={(e) => onChange(String(e.target.value))} />
      ) : (
        <Select id={id} aria-label={label} allowClear style={{ width: "100%" }} value={(value as string) || undefined} options={options} onChange={(v?: string) => onChange(v ?? "")} />
      );
    case "options":
      return property.type === "CHECK_BOX" ? (
        <Checkbox.Group aria-label={label} value={(value as string[]) ?? []} options={options} onChange={(v) => onChange(v.map(String))} />
      ) : (
        <Select id={id} aria-label={label} mode="multiple" style={{ width: "100%" }} value={(value as string[]) ?? []} options={options} onChange={(v: string[]) => onChange(v)} />
      );
    case "date":
      return (
        <DatePicker
          id={id} aria-label={label}
          disabled={property.defaultNowValue}
          value={value ? dayjs(value as string) : null}
          onChange={(d) => onChange(d ? d.format("YYYY-MM-DD") : "")}
        />
      );
    case "time":
      return (
        <TimePicker
          id={id} aria-label={label}
          format="HH:mm"
          disabled={property.defaultNowValue}
          value={value ? dayjs(`2000-01-01T${value as string}`) : null}
          onChange={(d) => onChange(d ? d.format("HH:mm") : "")}
        />
      );
    case "datetime":
      return (
        <DatePicker
          id={id} aria-label={label}
          showTime={{ format: "HH:mm" }}
          format="YYYY-MM-DD HH:mm"
          disabled={property.defaultNowValue}
          value={value ? dayjs(value as string) : null}
          onChange={(d) => onChange(d ? utcMinute(d.toDate()) : "")}
        />
      );
    default:
      return null;
  }
}

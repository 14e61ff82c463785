// NUMBER: typed as text so no precision is lost (values are decimal strings, §4.4); the
// unit shows beside the box.
import { Input } from "antd";
import type { FieldInputProps } from "../inputProps";

export function NumberInput({ property, value, onChange, label, id, invalid }: FieldInputProps) {
  const unit = property.unit || undefined;
  const before = property.unitPosition !== "AFTER";
  return (
    <Input
      id={id}
      aria-label={label}
      status={invalid ? "error" : undefined}
      inputMode="decimal"
      value={(value as string | null) ?? ""}
      onChange={(e) => onChange(e.target.value.replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)))}
      addonBefore={before ? unit : undefined}
      addonAfter={before ? undefined : unit}
      style={{ maxWidth: 280 }}
    />
  );
}

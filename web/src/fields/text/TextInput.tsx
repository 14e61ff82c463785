// SINGLE_LINE_TEXT, LINK, MULTI_LINE_TEXT and RICH_TEXT (plain text area for now).
import { Input } from "antd";
import type { FieldInputProps } from "../inputProps";

export function TextInput({ property, value, onChange, label, id, invalid }: FieldInputProps) {
  const status = invalid ? "error" : undefined;
  const text = (value as string | null) ?? "";
  if (property.type === "MULTI_LINE_TEXT" || property.type === "RICH_TEXT") {
    return <Input.TextArea id={id} aria-label={label} status={status} autoSize={{ minRows: 3, maxRows: 12 }} value={text} onChange={(e) => onChange(e.target.value)} />;
  }
  const type = property.type === "LINK" ? (property.protocol === "MAIL" ? "email" : property.protocol === "CALL" ? "tel" : "url") : "text";
  const max = property.maxLength ? Number(property.maxLength) : undefined;
  return <Input id={id} aria-label={label} status={status} type={type} value={text} maxLength={max} onChange={(e) => onChange(e.target.value)} />;
}

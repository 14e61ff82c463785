// SINGLE_LINE_TEXT, LINK, MULTI_LINE_TEXT and RICH_TEXT (an editor loaded on first use).
import { Input } from "antd";
import { lazy, Suspense } from "react";
import type { FieldInputProps } from "../inputProps";

const RichTextEditor = lazy(async () => ({ default: (await import("./RichTextEditor")).RichTextEditor }));

export function TextInput(props: FieldInputProps) {
  const { property, value, onChange, label, id, invalid } = props;
  const status = invalid ? "error" : undefined;
  const text = (value as string | null) ?? "";
  if (property.type === "RICH_TEXT") {
    return (
      <Suspense fallback={<Input.TextArea id={id} aria-label={label} autoSize={{ minRows: 3 }} value="" disabled />}>
        <RichTextEditor {...props} />
      </Suspense>
    );
  }
  if (property.type === "MULTI_LINE_TEXT") {
    return <Input.TextArea id={id} aria-label={label} status={status} autoSize={{ minRows: 3, maxRows: 12 }} value={text} onChange={(e) => onChange(e.target.value)} />;
  }
  const type = property.type === "LINK" ? (property.protocol === "MAIL" ? "email" : property.protocol === "CALL" ? "tel" : "url") : "text";
  const max = property.maxLength ? Number(property.maxLength) : undefined;
  return <Input id={id} aria-label={label} status={status} type={type} value={text} maxLength={max} onChange={(e) => onChange(e.target.value)} />;
}

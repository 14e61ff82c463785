// Read-only display of one value: links are clickable, files downloadable, tables tabular.
import type { FieldProperty, FileValue, RawValue, SubtableRow } from "../api/types";
import { displayText, linkHref } from "../lib/displayValue";
import { FilePreview } from "./file/FilePreview";
import { RichTextView } from "./text/RichTextView";

export function FieldView({ property, value }: { property: FieldProperty; value: RawValue | undefined }) {
  if (property.type === "LINK") {
    const text = (value as string | null) ?? "";
    const href = linkHref(text, property.protocol);
    return <div className="field-value">{href ? <a href={href} target={property.protocol === "WEB" ? "_blank" : undefined} rel="noreferrer noopener">{text}</a> : text}</div>;
  }
  if (property.type === "RICH_TEXT") return <RichTextView html={(value as string | null) ?? ""} />;
  if (property.type === "FILE") {
    return (
      <div className="field-value">
        {((value as FileValue[] | null) ?? []).map((f) => (
          <FilePreview key={f.fileKey} file={f} thumbnailSize={property.thumbnailSize} />
        ))}
      </div>
    );
  }
  if (property.type === "SUBTABLE") {
    const inner = Object.values(property.fields ?? {});
    const rows = (value as SubtableRow[] | null) ?? [];
    return (
      <div className="subtable">
        <table>
          <thead>
            <tr>{inner.map((f) => <th key={f.code} scope="col">{f.label}</th>)}</tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={row.id ?? i}>
                {inner.map((f) => (
                  <td key={f.code}>
                    <FieldView property={f} value={row.value[f.code]?.value} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return <div className="field-value">{displayText(property, value)}</div>;
}
